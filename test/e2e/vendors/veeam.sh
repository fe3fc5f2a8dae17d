# shellcheck shell=bash
# Veeam Enterprise Manager in a real n8n, sourced by run.sh after its section 6 (its helpers and $WORK are
# in scope). Execute mode: the example's sign-in once, reuse and renewal; its ticket branch for Warning and
# Failed, with a job name full of filter syntax; JSON and XML, v12 and v13 casing giving equal items; a
# filter that a hostile job name cannot change; an account without an Enterprise Manager role; the
# credential in the HTTP Request node (start a job). Server mode (e2e_server_veeam, run.sh section 8): the
# credential dialog's Test.

VW=$WORK/vendors/veeam
mkdir -p "$VW/wf" "$VW/runs"
VEEAM=$(bj_sim veeam baseUrl)
VEEAM_JOB_FILESERVER=4856ab37-2235-45e8-affe-d515878b01a9
VEEAM_JOB_SQL=7a1c3e55-90b2-4f6e-8d21-3b5f0c9e6a10
VEEAM_JOB_EXCHANGE=b2e9d4f1-6c3a-4e8b-9f07-1d2c3b4a5e6f
VEEAM_HOSTILE='Exchange "Mail"; Daily, State==Stopped'
VEEAM_CDP=5b0e8c1a-3f4d-4e2b-a6c7-8d9e0f1a2b3c

# A loopback ticket API for the example's ticket branch, stopped by its PID at the end of this file.
VEEAM_HD_PID=
node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$VW/helpdesk.json" > "$VW/helpdesk.out" 2> "$VW/helpdesk.err" &
VEEAM_HD_PID=$!
trap 'kill "$VEEAM_HD_PID" 2> /dev/null || true; cleanup' EXIT
for ((i = 0; i < 100; i++)); do [ -s "$VW/helpdesk.json" ] && break; sleep 0.1; done
VEEAM_HD=$(jq -r .baseUrl "$VW/helpdesk.json" 2> /dev/null || echo '')
veeam_tickets() { curl -sf "$VEEAM_HD/api/tickets" | jq -c '.tickets' 2> /dev/null || echo null; }

# The no-role account: the same simulator, another credential.
jq -n --arg url "$VEEAM" --arg user "$(bj_sim veeam noRoleUsername)" --arg pass "$(bj_sim veeam password)" \
	'[{id: "veeamNoRole01", name: "Veeam EM no role", type: "veeamEnterpriseManagerApi",
	   data: {baseUrl: $url, username: $user, password: $pass, ignoreSslIssues: false}}]' > "$VW/creds-no-role.json"
bj_import_creds "$VW/creds-no-role.json" "$VW/import-creds" || not_ok "veeam: import the no-role credential" "$(tail -n 5 "$VW/import-creds.err")"

# veeam_node_workflow ID PARAMETERS_JSON [CREDENTIAL_ID]: Manual Trigger -> "Veeam" with these parameters.
veeam_node_workflow() {
	jq -n --arg id "$1" --argjson p "$2" --arg cid "${3:-veeamSim01}" '{
		id: $id, name: ("Veeam " + $id + " (e2e)"), active: false,
		nodes: [
			{id: "0e2e0e00-0000-4000-8000-000000000001", name: "Start", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0], parameters: {}},
			{id: "0e2e0e00-0000-4000-8000-000000000002", name: "Veeam", type: "n8n-nodes-backup-jobs.veeamEnterpriseManager", typeVersion: 1,
			 position: [240, 0], parameters: $p, credentials: {veeamEnterpriseManagerApi: {id: $cid, name: "Veeam"}}}],
		connections: {Start: {main: [[{node: "Veeam", type: "main", index: 0}]]}},
		settings: {executionOrder: "v1"}}' > "$VW/wf/$1.json"
}

# the example for the ticket branch: SQL Nightly (Stopped/Warning) and the hostile Exchange job (Failed)
node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg hd "$VEEAM_HD" '{helpdesk: $hd}')" --poll-interval 1 \
	"$VW/localized" "$BJ_REPO/examples/veeam-wait-for-latest-session.json"
for pair in "wfVeeamTicketSql:$VEEAM_JOB_SQL" "wfVeeamTicketExch:$VEEAM_JOB_EXCHANGE"; do
	jq --arg id "${pair%%:*}" --arg job "${pair#*:}" '.id = $id | .name = (.name + " (" + $id + ")")
		| (.nodes[] | select(.type == "n8n-nodes-backup-jobs.veeamEnterpriseManager") | .parameters.job) |= {__rl: true, mode: "id", value: $job}' \
		"$VW/localized/veeam-wait-for-latest-session.json" > "$VW/wf/${pair%%:*}.json"
done
veeam_node_workflow wfVeeamCdpJson '{"resource":"cdpReplicaTaskSession","operation":"get","sessionId":"'"$VEEAM_CDP"'","simplify":false,"options":{}}'
veeam_node_workflow wfVeeamCdpXml '{"resource":"cdpReplicaTaskSession","operation":"get","sessionId":"urn:veeam:CdpReplicaTaskSession:'"$VEEAM_CDP"'","simplify":false,"options":{"responseFormat":"xml"}}'
veeam_node_workflow wfVeeamManyXml "$(jq -nc --arg n "$VEEAM_HOSTILE" '{resource: "backupJobSession", operation: "getAll", returnAll: true, filters: {jobName: $n}, options: {responseFormat: "xml"}}')"
veeam_node_workflow wfVeeamNoRole '{"resource":"backupJobSession","operation":"get","sessionId":"d46e39e0-1131-4585-91a7-e828ce7eafae","options":{}}' veeamNoRole01
jq -n --arg url "$VEEAM/api/jobs/$VEEAM_JOB_FILESERVER?action=start" '{
	id: "wfVeeamHttpStart", name: "Veeam: start a job with the HTTP Request node (e2e)", active: false,
	nodes: [
		{id: "0e2e0e01-0000-4000-8000-000000000001", name: "Start", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0], parameters: {}},
		{id: "0e2e0e01-0000-4000-8000-000000000002", name: "Start Job", type: "n8n-nodes-base.httpRequest", typeVersion: 4.2, position: [240, 0],
		 parameters: {method: "POST", url: $url, authentication: "predefinedCredentialType", nodeCredentialType: "veeamEnterpriseManagerApi",
		              sendHeaders: true, headerParameters: {parameters: [{name: "Accept", value: "application/json"}]}, options: {}},
		 credentials: {veeamEnterpriseManagerApi: {id: "veeamSim01", name: "Veeam Enterprise Manager simulator"}}}],
	connections: {Start: {main: [[{node: "Start Job", type: "main", index: 0}]]}},
	settings: {executionOrder: "v1"}}' > "$VW/wf/wfVeeamHttpStart.json"
bj_import_workflows "$VW/wf" "$VW/import-wf" && ok "veeam: the e2e workflows import" || not_ok "veeam: the e2e workflows import" "$(tail -n 5 "$VW/import-wf.err")"

veeam_run() { # ID NAME: execute; the run is in $VW/runs/NAME.json; rc in VEEAM_RC
	VEEAM_RC=0
	bj_execute "$1" "$VW/runs/$2" || VEEAM_RC=$?
	cp "$VW/runs/$2.out" "$WORK/runs/veeam-$2.out" 2> /dev/null || true # for run.sh's secret scan
	cp "$VW/runs/$2.err" "$WORK/runs/veeam-$2.err" 2> /dev/null || true
	timing "n8n execute $1 ($2) $BJ_EXEC_SECONDS s"
}

# --- the example: one sign-in, reused by the next execution, one more after the sessions expired ---------
bj_sim_post veeam /__sim/reset
veeam_run wfVeeamLatest01 latest-1
bj_node_items "$VW/runs/latest-1.json" "Session Succeeded" > "$VW/items.json"
jq_check "veeam example: waits for the newest Fileserver Backup session (Working → Stopped/Success), ends in \"Session Succeeded\"" "$VW/items.json" \
	'length == 1 and (.[0] | .vendor == "veeam" and .jobId == "e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9" and .state == "succeeded"
		and .vendorState == "Stopped/Success" and .isFinished and .isSuccess and .progressPercent == 100
		and (.jobName | startswith("Fileserver Backup@")) and (.startedAt | test("Z$")) and (.endedAt | test("Z$")))'
jq_check "veeam example: the ticket branch did not run" "$VW/runs/latest-1.json" '.data.resultData.runData["Session Failed"] == null'
VS=$(bj_sim_signins veeam || echo '?')
[ "$VS" = 1 ] && ok "veeam example: one sign-in (POST /api/sessionMngr/?v=latest)" || not_ok "veeam example: one sign-in (saw $VS)" "$(bj_sim_stats veeam)"
veeam_run wfVeeamLatest01 latest-2
VS=$(bj_sim_signins veeam || echo '?')
[ "$VEEAM_RC" = 0 ] && [ "$VS" = 1 ] && ok "veeam example: a second execution reuses the stored X-RestSvcSessionId (sign-ins still 1)" ||
	not_ok "veeam example: a second execution reuses the stored X-RestSvcSessionId (rc $VEEAM_RC, sign-ins $VS)" "$(run_error "$VW/runs/latest-2")"
bj_sim_post veeam /__sim/expire-sessions
veeam_run wfVeeamLatest01 latest-3
VS=$(bj_sim_signins veeam || echo '?')
[ "$VEEAM_RC" = 0 ] && [ "$VS" = 2 ] && ok "veeam example: after the session expired (401), exactly one more sign-in and the run succeeds" ||
	not_ok "veeam example: after the session expired, exactly one more sign-in (rc $VEEAM_RC, sign-ins $VS)" "$(run_error "$VW/runs/latest-3")"

# --- the ticket branch: Warning and Failed ------------------------------------------------------------------
bj_sim_post veeam /__sim/reset
curl -sf -X POST "$VEEAM_HD/__sim/reset" > /dev/null || true
veeam_run wfVeeamTicketSql ticket-sql
bj_node_items "$VW/runs/ticket-sql.json" "Session Failed" > "$VW/items.json"
jq_check "veeam ticket: SQL Nightly's latest session stopped with Warning and goes to the ticket branch" "$VW/items.json" \
	'length == 1 and .[0].state == "warning" and .[0].vendorState == "Stopped/Warning" and (.[0].message | test("Changed block tracking"))'
veeam_run wfVeeamTicketExch ticket-exchange
veeam_tickets > "$VW/tickets.json"
jq_check "veeam ticket: two tickets opened, Warning (normal) and Failed (high), the hostile job name intact" "$VW/tickets.json" \
	'map(.body) | length == 2 and (.[0].title | startswith("Veeam SQL Nightly@")) and (.[0].title | endswith(": Stopped/Warning"))
		and .[0].priority == "normal" and (.[1].title | startswith("Veeam " + $n + "@")) and .[1].priority == "high"
		and .[1].description == "The mailbox database is dismounted." and .[1].vendor == "veeam"' --arg n "$VEEAM_HOSTILE"

# --- JSON and XML, v12 and v13: the same items ----------------------------------------------------------------
bj_sim_post veeam /__sim/reset
veeam_run wfVeeamCdpJson cdp-json
bj_node_items "$VW/runs/cdp-json.json" Veeam > "$VW/cdp-json.items"
bj_sim_post veeam /__sim/reset
veeam_run wfVeeamCdpXml cdp-xml
bj_node_items "$VW/runs/cdp-xml.json" Veeam > "$VW/cdp-xml.items"
bj_sim_post veeam /__sim/reset
bj_sim_post veeam /__sim/casing '{"casing":"v13"}'
veeam_run wfVeeamCdpJson cdp-json-v13
bj_node_items "$VW/runs/cdp-json-v13.json" Veeam > "$VW/cdp-v13.items"
jq_check "veeam formats: a CDP task session from XML (by UID) and from v12 and v13 JSON gives equal items, details included" "$VW/cdp-json.items" \
	'length == 1 and .[0].state == "warning" and .[0].vendorState == "Completed/Warning" and .[0].details.TotalSize == 17179869184
		and . == $xml[0] and . == $v13[0]' --slurpfile xml "$VW/cdp-xml.items" --slurpfile v13 "$VW/cdp-v13.items"
curl -sf "$VEEAM/__sim/requests" > "$VW/requests-v13.json" || echo null > "$VW/requests-v13.json"
# (the reset before it ended the stored logon session: a 401, one sign-in, the same request again)
jq_check "veeam formats: the v13 run asked for JSON (Accept: application/json)" "$VW/requests-v13.json" \
	'[.[] | select(.path | startswith("/api/cdp")) | .headers.accept] | length >= 1 and all(.[]; test("^application/json"))'
bj_sim_post veeam /__sim/casing '{"casing":"v12"}'

# --- a hostile job name in a filter, through XML --------------------------------------------------------------
bj_sim_post veeam /__sim/reset
veeam_run wfVeeamManyXml many-hostile
bj_node_items "$VW/runs/many-hostile.json" Veeam > "$VW/items.json"
jq_check "veeam Get Many: a job name with , ; \" = matches exactly its one session (quoted in the filter)" "$VW/items.json" \
	'length == 1 and .[0].jobId == "21d5e924-0318-497f-8f13-1d94d3d86ddb" and .[0].state == "failed"'
VEEAM_FILTER=$(curl -sf "$VEEAM/__sim/requests" | jq -r '[.[] | select(.path == "/api/query")][0].query' 2> /dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(new URLSearchParams(s.trim()).get("filter")))')
[ "$VEEAM_FILTER" = 'JobName=="Exchange ""Mail""; Daily, State==Stopped"' ] && ok "veeam Get Many: the filter sent is JobName==\"…\" with the quotes doubled" ||
	not_ok "veeam Get Many: the filter sent is JobName==\"…\" with the quotes doubled" "$VEEAM_FILTER"

# --- an account without an Enterprise Manager role ------------------------------------------------------------
veeam_run wfVeeamNoRole no-role
if [ "$VEEAM_RC" = 1 ] && jq -e '.data.resultData.error.message | test("refused the sign-in \\(401\\).*no Enterprise Manager role")' "$VW/runs/no-role.json" > /dev/null 2>&1; then
	ok "veeam credential: an account without an Enterprise Manager role fails with an error that says so"
else
	not_ok "veeam credential: an account without an Enterprise Manager role fails with an error that says so (rc $VEEAM_RC)" "$(run_error "$VW/runs/no-role")"
fi

# --- the credential in the HTTP Request node: start a job -----------------------------------------------------
bj_sim_post veeam /__sim/expire-sessions
veeam_run wfVeeamHttpStart http-start
bj_node_items "$VW/runs/http-start.json" "Start Job" > "$VW/items.json"
jq_check "veeam HTTP Request node (Predefined Credential Type): POST /api/jobs/{ID}?action=start answers the Task" "$VW/items.json" \
	'length == 1 and .[0].Type == "Task" and .[0].Operation == "StartJob" and .[0].State == "Running" and (.[0].TaskId | startswith("task-"))'
curl -sf "$VEEAM/__sim/requests" > "$VW/requests-http.json" || echo null > "$VW/requests-http.json"
jq_check "veeam HTTP Request node: the expired session was renewed by a sign-in, then the job started with the session header" "$VW/requests-http.json" \
	'[.[] | select(.method == "POST") | .path + " " + (if .headers["x-restsvcsessionid"] then "token" else "-" end)] | .[-2:]
		== ["/api/sessionMngr/ -", "/api/jobs/" + $job + " token"]' --arg job "$VEEAM_JOB_FILESERVER"

kill "$VEEAM_HD_PID" 2> /dev/null || true
wait "$VEEAM_HD_PID" 2> /dev/null || true
trap cleanup EXIT
bj_sim_post veeam /__sim/reset

# --- server mode: the credential dialog's Test -----------------------------------------------------------------
e2e_server_veeam() {
	local cred wrong=Wrong-Veeam-Pass-e2e-58
	cred=$(jq -c '.[] | select(.id == "veeamSim01")' "$WORK/creds.json")
	cred_check "credential test veeamSim01 (imported)" veeam "$cred" 1 OK
	cred_check "credential test Veeam with /api in the Base URL" veeam-api "$(jq -c '.data.baseUrl += "/api/"' <<< "$cred")" 0 OK
	cred_check "credential test Veeam, wrong password" veeam-wrong "$(jq -c --arg p "$wrong" '.data.password = $p' <<< "$cred")" 0 Error "$wrong"
	cred_check "credential test Veeam, account without an Enterprise Manager role" veeam-no-role \
		"$(jq -c --arg u "$(bj_sim veeam noRoleUsername)" '.data.username = $u' <<< "$cred")" 0 Error
	jq_check "credential test Veeam, account without a role: the message names the missing role" "$SRV/veeam-no-role.json" '.message | test("Enterprise Manager role")'
}
