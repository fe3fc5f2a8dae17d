# shellcheck shell=bash
# Veeam Backup & Replication (REST API v1) in a real n8n, sourced by run.sh after its section 6 (its
# helpers and $WORK are in scope). Execute mode: the example's token grant once, reuse, and renewal by
# refresh token; its ticket branch for Warning and Failed; Job → Retry waited for; Get Many's filters as
# the API names them; Automatic finding the revision of an older server once; the credential in the HTTP
# Request node (Bearer and x-api-version, renewed). Server mode (e2e_server_veeamBr, run.sh section 8):
# the credential dialog's Test.

VB=$WORK/vendors/veeamBr
mkdir -p "$VB/wf" "$VB/runs"
VBR=$(bj_sim veeamBr baseUrl)
VBR_JOB_FILESERVER=4856ab37-2235-45e8-affe-d515878b01a9
VBR_JOB_SQL=7a1c3e55-90b2-4f6e-8d21-3b5f0c9e6a10
VBR_JOB_EXCHANGE=b2e9d4f1-6c3a-4e8b-9f07-1d2c3b4a5e6f
VBR_REVISIONS='["1.1-rev0","1.1-rev1","1.1-rev2","1.2-rev0","1.2-rev1","1.3-rev0"]'

# A loopback ticket API for the example's ticket branch, stopped by its PID at the end of this file.
VBR_HD_PID=
node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$VB/helpdesk.json" > "$VB/helpdesk.out" 2> "$VB/helpdesk.err" &
VBR_HD_PID=$!
trap 'kill "$VBR_HD_PID" 2> /dev/null || true; cleanup' EXIT
for ((i = 0; i < 100; i++)); do [ -s "$VB/helpdesk.json" ] && break; sleep 0.1; done
VBR_HD=$(jq -r .baseUrl "$VB/helpdesk.json" 2> /dev/null || echo '')
vbr_grants() { # the token grants so far, in a file for jq_check
	curl -sf "$VBR/__sim/grants" > "$VB/grants.json" || echo null > "$VB/grants.json"
	echo "$VB/grants.json"
}

# A second credential for the same server, signing in as if new: the "older server" checks use it.
jq -n --arg url "$VBR" --arg user "$(bj_sim veeamBr username)" --arg pass "$(bj_sim veeamBr password)" \
	'[{id: "veeamBrOld01", name: "Veeam B&R 12.0", type: "veeamBackupReplicationApi",
	   data: {baseUrl: $url, username: $user, password: $pass, apiVersion: "auto", ignoreSslIssues: false}}]' > "$VB/creds-old.json"
bj_import_creds "$VB/creds-old.json" "$VB/import-creds" || not_ok "veeamBr: import the second credential" "$(tail -n 5 "$VB/import-creds.err")"

# vbr_node_workflow ID PARAMETERS_JSON [CREDENTIAL_ID]: Manual Trigger -> "Veeam B&R" with these parameters.
vbr_node_workflow() {
	jq -n --arg id "$1" --argjson p "$2" --arg cid "${3:-veeamBrSim01}" '{
		id: $id, name: ("Veeam B&R " + $id + " (e2e)"), active: false,
		nodes: [
			{id: "0e2e0e10-0000-4000-8000-000000000001", name: "Start", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0], parameters: {}},
			{id: "0e2e0e10-0000-4000-8000-000000000002", name: "Veeam B&R", type: "n8n-nodes-backup-jobs.veeamBackupReplication", typeVersion: 1,
			 position: [240, 0], parameters: $p, credentials: {veeamBackupReplicationApi: {id: $cid, name: "Veeam B&R"}}}],
		connections: {Start: {main: [[{node: "Veeam B&R", type: "main", index: 0}]]}},
		settings: {executionOrder: "v1"}}' > "$VB/wf/$1.json"
}

node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg hd "$VBR_HD" '{helpdesk: $hd}')" --poll-interval 1 \
	"$VB/localized" "$BJ_REPO/examples/veeam-br-wait-for-latest-session.json"
for pair in "wfVbrTicketSql:$VBR_JOB_SQL" "wfVbrTicketExch:$VBR_JOB_EXCHANGE"; do
	jq --arg id "${pair%%:*}" --arg job "${pair#*:}" '.id = $id | .name = (.name + " (" + $id + ")")
		| (.nodes[] | select(.type == "n8n-nodes-backup-jobs.veeamBackupReplication") | .parameters.job) |= {__rl: true, mode: "id", value: $job}' \
		"$VB/localized/veeam-br-wait-for-latest-session.json" > "$VB/wf/${pair%%:*}.json"
done
vbr_node_workflow wfVbrRetry '{"resource":"job","operation":"retry","job":{"__rl":true,"mode":"id","value":"'"$VBR_JOB_EXCHANGE"'"},"waitForCompletion":true,"pollInterval":1,"waitTimeout":60,"options":{}}'
vbr_node_workflow wfVbrMany '{"resource":"session","operation":"getAll","returnAll":true,"filters":{"result":"Failed","state":"Stopped","type":["BackupJob"],"createdAfter":"2000-01-01T00:00:00Z"},"options":{}}'
vbr_node_workflow wfVbrOld '{"resource":"session","operation":"get","sessionId":"d46e39e0-1131-4585-91a7-e828ce7eafae","options":{}}' veeamBrOld01
jq -n --arg url "$VBR/api/v1/jobs/states" '{
	id: "wfVbrHttp", name: "Veeam B&R: job states with the HTTP Request node (e2e)", active: false,
	nodes: [
		{id: "0e2e0e11-0000-4000-8000-000000000001", name: "Start", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0], parameters: {}},
		{id: "0e2e0e11-0000-4000-8000-000000000002", name: "Job States", type: "n8n-nodes-base.httpRequest", typeVersion: 4.2, position: [240, 0],
		 parameters: {method: "GET", url: $url, authentication: "predefinedCredentialType", nodeCredentialType: "veeamBackupReplicationApi", options: {}},
		 credentials: {veeamBackupReplicationApi: {id: "veeamBrSim01", name: "Veeam Backup & Replication simulator"}}}],
	connections: {Start: {main: [[{node: "Job States", type: "main", index: 0}]]}},
	settings: {executionOrder: "v1"}}' > "$VB/wf/wfVbrHttp.json"
bj_import_workflows "$VB/wf" "$VB/import-wf" && ok "veeamBr: the e2e workflows import" || not_ok "veeamBr: the e2e workflows import" "$(tail -n 5 "$VB/import-wf.err")"

vbr_run() { # ID NAME: execute; the run is in $VB/runs/NAME.json; rc in VBR_RC
	VBR_RC=0
	bj_execute "$1" "$VB/runs/$2" || VBR_RC=$?
	cp "$VB/runs/$2.out" "$WORK/runs/veeamBr-$2.out" 2> /dev/null || true # for run.sh's secret scan
	cp "$VB/runs/$2.err" "$WORK/runs/veeamBr-$2.err" 2> /dev/null || true
	timing "n8n execute $1 ($2) $BJ_EXEC_SECONDS s"
}

# --- the example: one token grant, reused by the next execution, renewed by refresh token after it expired --
bj_sim_post veeamBr /__sim/reset
vbr_run wfVbrLatest01 latest-1
bj_node_items "$VB/runs/latest-1.json" "Session Succeeded" > "$VB/items.json"
jq_check "veeamBr example: waits for the newest Fileserver Backup session (Working → Stopped/Success), ends in \"Session Succeeded\"" "$VB/items.json" \
	'length == 1 and (.[0] | .vendor == "veeamBackupReplication" and .jobId == "e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9" and .state == "succeeded"
		and .vendorState == "Stopped/Success" and .isFinished and .isSuccess and .progressPercent == 100
		and .jobName == "Fileserver Backup" and (.startedAt | test("Z$")) and (.endedAt | test("Z$")))'
jq_check "veeamBr example: the ticket branch did not run" "$VB/runs/latest-1.json" '.data.resultData.runData["Session Failed"] == null'
jq_check "veeamBr example: one password grant, with x-api-version 1.3-rev0 (the newest)" "$(vbr_grants)" '.password == 1 and .refresh == 0 and .versions == ["1.3-rev0"]'
vbr_run wfVbrLatest01 latest-2
jq_check "veeamBr example: a second execution reuses the stored access token (no grant)" "$(vbr_grants)" '.password == 1 and .refresh == 0'
bj_sim_post veeamBr /__sim/expire-sessions
vbr_run wfVbrLatest01 latest-3
[ "$VBR_RC" = 0 ] && ok "veeamBr example: runs after the access token expired" || not_ok "veeamBr example: runs after the access token expired (rc $VBR_RC)" "$(run_error "$VB/runs/latest-3")"
jq_check "veeamBr example: after the access token expired (401), one refresh-token grant and no password" "$(vbr_grants)" '.password == 1 and .refresh == 1'

# --- the ticket branch: Warning and Failed --------------------------------------------------------------------
bj_sim_post veeamBr /__sim/reset
curl -sf -X POST "$VBR_HD/__sim/reset" > /dev/null || true
vbr_run wfVbrTicketSql ticket-sql
bj_node_items "$VB/runs/ticket-sql.json" "Session Failed" > "$VB/items.json"
jq_check "veeamBr ticket: SQL Nightly's latest session stopped with Warning and goes to the ticket branch" "$VB/items.json" \
	'length == 1 and .[0].state == "warning" and .[0].vendorState == "Stopped/Warning" and (.[0].message | test("Changed block tracking"))'
vbr_run wfVbrTicketExch ticket-exchange
curl -sf "$VBR_HD/api/tickets" | jq -c '.tickets' > "$VB/tickets.json" 2> /dev/null || echo null > "$VB/tickets.json"
jq_check "veeamBr ticket: two tickets opened, Warning (normal) and Failed (high), with Veeam's message" "$VB/tickets.json" \
	'map(.body) | length == 2 and .[0].title == "Veeam B&R SQL Nightly: Stopped/Warning" and .[0].priority == "normal"
		and .[1].title == "Veeam B&R Exchange Daily: Stopped/Failed" and .[1].priority == "high"
		and .[1].description == "The mailbox database is dismounted." and .[1].vendor == "veeamBackupReplication"'

# --- Job → Retry, waited for --------------------------------------------------------------------------------
bj_sim_post veeamBr /__sim/reset
vbr_run wfVbrRetry retry
bj_node_items "$VB/runs/retry.json" "Veeam B&R" > "$VB/items.json"
curl -sf "$VBR/__sim/job-actions" > "$VB/actions.json" || echo null > "$VB/actions.json"
jq_check "veeamBr Retry: one POST …/retry, its new session followed until Stopped/Success" "$VB/items.json" \
	'length == 1 and .[0].state == "succeeded" and .[0].jobId == $a[0][0].sessionId and ($a[0] | length) == 1 and $a[0][0].action == "retry"' \
	--slurpfile a "$VB/actions.json"

# --- Get Many: the filters as the API names them ------------------------------------------------------------
bj_sim_post veeamBr /__sim/reset
vbr_run wfVbrMany many
bj_node_items "$VB/runs/many.json" "Veeam B&R" > "$VB/items.json"
jq_check "veeamBr Get Many: the failed backup job sessions, newest first" "$VB/items.json" \
	'map(.jobId) == ["21d5e924-0318-497f-8f13-1d94d3d86ddb", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"] and all(.[]; .state == "failed")'
curl -sf "$VBR/__sim/requests" > "$VB/requests.json" || echo null > "$VB/requests.json"
jq_check "veeamBr Get Many: stateFilter, resultFilter, typeFilter, createdAfterFilter, ordering and paging sent" "$VB/requests.json" \
	'[.[] | select(.path == "/api/v1/sessions") | .query][0] | (contains("stateFilter=Stopped") and contains("resultFilter=Failed")
		and contains("typeFilter=BackupJob") and contains("createdAfterFilter=2000-01-01T00%3A00%3A00.000Z")
		and contains("orderColumn=CreationTime") and contains("orderAsc=false") and contains("skip=0") and contains("limit=200"))'

# --- the credential in the HTTP Request node ----------------------------------------------------------------
bj_sim_post veeamBr /__sim/reset-stats
bj_sim_post veeamBr /__sim/expire-sessions
vbr_run wfVbrHttp http
bj_node_items "$VB/runs/http.json" "Job States" > "$VB/items.json"
jq_check "veeamBr HTTP Request node (Predefined Credential Type): GET /api/v1/jobs/states answers the three jobs" "$VB/items.json" \
	'length == 1 and (.[0].data | map(.name) | sort) == ["Exchange Daily", "Fileserver Backup", "SQL Nightly"] and .[0].pagination.total == 3'
curl -sf "$VBR/__sim/requests" > "$VB/requests-http.json" || echo null > "$VB/requests-http.json"
jq_check "veeamBr HTTP Request node: the expired token was renewed (a token request), then the call carried Bearer and x-api-version" "$VB/requests-http.json" \
	'[.[] | .method + " " + .path + " " + (.headers["x-api-version"] // "-") + " " + (if (.headers.authorization // "" | startswith("Bearer ")) then "bearer" else "-" end)] | .[-2:]
		== ["POST /api/oauth2/token 1.3-rev0 -", "GET /api/v1/jobs/states 1.3-rev0 bearer"]'

# --- Automatic on an older server (12.0: 1.1-rev0 only), found once -------------------------------------------
bj_sim_post veeamBr /__sim/reset
bj_sim_post veeamBr /__sim/versions '{"versions":["1.1-rev0"]}'
vbr_run wfVbrOld old-1
[ "$VBR_RC" = 0 ] && ok "veeamBr Automatic: a 12.0 server (1.1-rev0 only) is read" || not_ok "veeamBr Automatic: a 12.0 server is read (rc $VBR_RC)" "$(run_error "$VB/runs/old-1")"
jq_check "veeamBr Automatic: one password grant, accepted with 1.1-rev0" "$(vbr_grants)" \
	'.password == 1 and .versions == ["1.1-rev0"]'
curl -sf "$VBR/__sim/requests" > "$VB/requests-old.json" || echo null > "$VB/requests-old.json"
jq_check "veeamBr Automatic: six token requests (1.3-rev0 … 1.1-rev0), then the session read with 1.1-rev0" "$VB/requests-old.json" \
	'[.[] | .path + " " + (.headers["x-api-version"] // "-")] == ["/api/oauth2/token 1.3-rev0", "/api/oauth2/token 1.2-rev1", "/api/oauth2/token 1.2-rev0",
		"/api/oauth2/token 1.1-rev2", "/api/oauth2/token 1.1-rev1", "/api/oauth2/token 1.1-rev0", "/api/v1/sessions/d46e39e0-1131-4585-91a7-e828ce7eafae 1.1-rev0"]'
bj_sim_post veeamBr /__sim/reset-stats
bj_sim_post veeamBr /__sim/expire-sessions
vbr_run wfVbrOld old-2
curl -sf "$VBR/__sim/requests" > "$VB/requests-old2.json" || echo null > "$VB/requests-old2.json"
jq_check "veeamBr Automatic: the next execution renews with the revision found (no probing again)" "$VB/requests-old2.json" \
	'[.[] | select(.path == "/api/oauth2/token") | .headers["x-api-version"]] == ["1.1-rev0"]'
bj_sim_post veeamBr /__sim/versions "{\"versions\":$VBR_REVISIONS}"

kill "$VBR_HD_PID" 2> /dev/null || true
wait "$VBR_HD_PID" 2> /dev/null || true
trap cleanup EXIT
bj_sim_post veeamBr /__sim/reset

# --- server mode: the credential dialog's Test -----------------------------------------------------------------
e2e_server_veeamBr() {
	local cred wrong=Wrong-Vbr-Pass-e2e-64
	cred=$(jq -c '.[] | select(.id == "veeamBrSim01")' "$WORK/creds.json")
	cred_check "credential test veeamBrSim01 (imported)" veeamBr "$cred" 1 OK
	cred_check "credential test Veeam B&R with /api/v1 in the Base URL" veeamBr-api "$(jq -c '.data.baseUrl += "/api/v1/"' <<< "$cred")" 0 OK
	cred_check "credential test Veeam B&R, wrong password" veeamBr-wrong "$(jq -c --arg p "$wrong" '.data.password = $p' <<< "$cred")" 0 Error "$wrong"
}
