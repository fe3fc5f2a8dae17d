# shellcheck shell=bash
# End-to-end: the three everyday workflows in a real n8n, sourced by run.sh after its own sections (it uses
# run.sh's ok/not_ok/jq_check, $WORK, the running simulators and the imported credentials and examples).
#
#   1. wait then restore (vCenter, Cohesity): `n8n execute` of the examples against the simulators; the
#      restore is the node's own operation (vCenter Restore Job → Start, Cohesity Recovery → Recover VMs).
#   2. the vendor credentials in the HTTP Request node: sign-in once, reuse, exactly one renewal.
#   3. the daily report: its summary output and the chat message the loopback helpdesk received.
#   4. the trigger workflows in server mode (harness §7): activated through the public API, jobs moved
#      through their states, n8n restarted; each failure gives exactly one ticket, none at activation,
#      none twice, none lost across a restart.
#
# The examples' workflow ids stay within 16 characters: n8n 1.x saves no static data (the triggers' state)
# for a workflow with a longer id.

TW=$WORK/triggers
mkdir -p "$TW/wf" "$TW/runs"
T_TRIG=$(bj_now)

# The loopback ticket and chat API, stopped with the rest of run.sh's cleanup.
HD_PID=
node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$TW/helpdesk.json" > "$TW/helpdesk.out" 2> "$TW/helpdesk.err" &
HD_PID=$!
trap 'kill "$HD_PID" 2> /dev/null || true; cleanup' EXIT
for ((i = 0; i < 100; i++)); do [ -s "$TW/helpdesk.json" ] && break; sleep 0.1; done
HD=$(jq -r .baseUrl "$TW/helpdesk.json" 2> /dev/null || echo '')
VC=$(bj_sim vcenter baseUrl)
CO=$(bj_sim cohesity baseUrl)
[ -n "$HD" ] && ok "triggers: the loopback helpdesk (tickets, chat) runs at $HD" || not_ok "triggers: the loopback helpdesk starts" "$(cat "$TW/helpdesk.err")"

# (run.sh runs with set -e: a helper that cannot reach a simulator prints null, and the check fails, not the run)
hd_get() { curl -sf "$HD$1" || echo null; }
tickets() { hd_get /api/tickets | jq -c '.tickets // null'; }
ticket_count() { hd_get /api/tickets | jq '.tickets | length' 2> /dev/null || echo -1; }
sim_get() { curl -sf "$(bj_sim "$1" baseUrl)$2" || echo null; }
sim_add() { # VENDOR PATH JSON -> prints the new id
	curl -sf -X POST -H 'content-type: application/json' --data "$3" "$(bj_sim "$1" baseUrl)$2" | jq -r .id || echo none
}
reset_world() {
	reset_all_sims
	curl -sf -X POST "$HD/__sim/reset" > /dev/null || true
}

# --- copies of the examples that n8n can run here ------------------------------------------------------------
# placeholders -> the simulators; the schedule triggers become manual ones (`n8n execute` needs one); 1 s polls
node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg vc "$VC" --arg co "$CO" --arg hd "$HD" '{vcenter: $vc, cohesity: $co, helpdesk: $hd}')" \
	--manual-start --poll-interval 1 "$TW/wf" "$BJ_REPO"/examples/{vcenter,cohesity}-wait-then-restore.json "$BJ_REPO/examples/daily-backup-report.json" \
	"$BJ_REPO"/examples/{vcenter,cohesity}-failed-backup-ticket.json
# The credentials in the HTTP Request node alone: list vCenter's backup jobs; list Cohesity's protection
# groups with a Username and Password credential (sign-in, token reuse, renewal).
http_workflow() { # ID CREDENTIAL_TYPE CREDENTIAL_ID CREDENTIAL_NAME URL
	jq -n --arg id "$1" --arg type "$2" --arg cid "$3" --arg cname "$4" --arg url "$5" '{
		id: $id, name: ("HTTP Request with " + $type + " (e2e)"), active: false,
		nodes: [
			{id: "0e2e0009-0000-4000-8000-000000000001", name: "Start", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0], parameters: {}},
			{id: "0e2e0009-0000-4000-8000-000000000002", name: "Call the API", type: "n8n-nodes-base.httpRequest", typeVersion: 4.2, position: [240, 0],
			 parameters: {method: "GET", url: $url, authentication: "predefinedCredentialType", nodeCredentialType: $type, options: {}},
			 credentials: {($type): {id: $cid, name: $cname}}}],
		connections: {Start: {main: [[{node: "Call the API", type: "main", index: 0}]]}},
		settings: {executionOrder: "v1"}}'
}
http_workflow wfVcHttp01 vmwareVcenterApi vcenterSim01 "VMware vCenter simulator" "$VC/api/appliance/recovery/backup/job" > "$TW/wf/vcenter-http.json"
http_workflow wfCohHttp01 cohesityApi cohesitySimPw01 "Cohesity simulator (password)" \
	"$CO/v2/data-protect/protection-groups?isDeleted=false&pruneSourceIds=true" > "$TW/wf/cohesity-http.json"
jq -n --arg url "$CO" --arg u "$(bj_sim cohesity username)" --arg p "$(bj_sim cohesity password)" \
	'[{id: "cohesitySimPw01", name: "Cohesity simulator (password)", type: "cohesityApi",
	   data: {baseUrl: $url, authMethod: "password", username: $u, password: $p, domain: "LOCAL", ignoreSslIssues: false}}]' > "$TW/creds.json"
# run.sh's simulator credentials again too: on n8n 1.x its credential tests store tested data under their ids
jq -s '.[0] + .[1]' "$WORK/creds.json" "$TW/creds.json" > "$TW/all-creds.json"
if bj_import_creds "$TW/all-creds.json" "$TW/import-creds" && bj_import_workflows "$TW/wf" "$TW/import-wf"; then
	ok "triggers: the workflow copies and a Cohesity Username and Password credential import"
else
	not_ok "triggers: the workflow copies and a Cohesity Username and Password credential import" "$(tail -n 5 "$TW"/import-*.err)"
fi

# run_example ID NAME: n8n execute, success expected; the run is in $TW/runs/NAME.json
run_example() {
	local rc=0
	bj_execute "$1" "$TW/runs/$2" || rc=$?
	timing "n8n execute $1 ($2) $BJ_EXEC_SECONDS s"
	if [ "$rc" -eq 0 ] && jq -e '.status == "success"' "$TW/runs/$2.json" > /dev/null 2>&1; then
		ok "$2: n8n execute --id=$1 exits 0 with status success"
	else
		not_ok "$2: n8n execute --id=$1 exits 0 with status success (rc $rc)" "$(run_error "$TW/runs/$2")"
	fi
}

# --- 1. wait, then restore ---------------------------------------------------------------------------------
reset_world
run_example wfVcRestore01 vcenter-restore
R=$TW/runs/vcenter-restore.json
jq_check "vcenter-restore: the newest backup was waited for until it succeeded, then its location read" "$R" \
	'.data.resultData.runData as $d | ($d["Wait for Latest vCenter Backup"][0].data.main[0][0].json | .state == "succeeded" and .jobId == "20240315-020002-21560480")
		and ($d["Get Backup Location"][0].data.main[0][0].json.details.location | startswith("sftp://"))'
sim_get vcenter /__sim/restores > "$TW/restores.json"
jq_check "vcenter-restore: the appliance received one restore call with the backup's location (Restore Job → Start)" \
	"$TW/restores.json" 'length == 1 and .[0].form == "api" and .[0].body.location_type == "SFTP" and (.[0].body.location | test("^sftp://.*20240315"))'
hd_get /api/chat > "$TW/chat.json"
jq_check "vcenter-restore: the notification was posted, and no ticket opened" "$TW/chat.json" \
	'(.messages | length) == 1 and (.messages[0].body.text | test("Restore of vCenter from backup 20240315-020002-21560480 started"))'
[ "$(ticket_count)" = 0 ] && ok "vcenter-restore: no ticket for a successful backup" || not_ok "vcenter-restore: no ticket for a successful backup" "$(tickets)"
S=$(bj_sim_signins vcenter)
jq_check "vcenter-restore: Start Restore's item is the restore (jobType restore)" "$R" \
	'.data.resultData.runData["Start Restore"][0].data.main[0][0].json | .vendor == "vcenter" and .jobType == "restore" and .jobId == "restore"'
[ "$S" = 1 ] && ok "vcenter-restore: the three vCenter nodes shared one sign-in" || not_ok "vcenter-restore: one sign-in for the whole workflow (saw $S)" "$(bj_sim_stats vcenter)"

reset_world
FAILED_VC=$(sim_add vcenter /__sim/jobs '{"states": ["FAILED"], "ageSeconds": 600}')
run_example wfVcRestore01 vcenter-restore-failed
tickets > "$TW/tickets.json"
jq_check "vcenter-restore (failed backup): the failure branch opened one ticket with the job's facts, and nothing was restored" "$TW/tickets.json" \
	'length == 1 and (.[0].body | .jobId == $id and .state == "failed" and .vendorState == "FAILED" and .message == "Backup job failed."
		and (.endedAt | test("Z$")) and (.title | startswith("Backup failed")) and (.link | test(":5480/")))' --arg id "$FAILED_VC"
[ "$(sim_get vcenter /__sim/restores | jq length)" = 0 ] && ok "vcenter-restore (failed backup): no restore call" || not_ok "vcenter-restore (failed backup): no restore call"

reset_world
run_example wfCohRestore01 cohesity-restore
sim_get cohesity /__sim/recoveries > "$TW/recoveries.json"
jq_check "cohesity-restore: the cluster received one Recover VMs of the latest run of vmware_prod, from the snapshots of its two VMs (native Recovery operation)" \
	"$TW/recoveries.json" 'length == 1 and (.[0].body | .snapshotEnvironment == "kVMware" and (.name | startswith("n8n_Recover_VMs_vmware_prod_"))
		and .vmwareParams.recoveryAction == "RecoverVMs" and (.vmwareParams.objects | length == 2)
		and .vmwareParams.recoverVmParams.vmwareTargetParams.renameRecoveredVmsParams.suffix == "-restore-test")'
jq_check "cohesity-restore: Recover VMs waited for the recovery until it succeeded (a restore item)" "$TW/runs/cohesity-restore.json" \
	'.data.resultData.runData["Recover VMs (Cohesity)"][0].data.main[0][0].json | .jobType == "restore" and .state == "succeeded" and .isSuccess == true'
hd_get /api/chat > "$TW/chat.json"
jq_check "cohesity-restore: the notification names the recovery and its result" "$TW/chat.json" \
	'(.messages | length) == 1 and (.messages[0].body.text | test("Cohesity recovery n8n_Recover_VMs_vmware_prod_.* Succeeded in"))'
sim_get cohesity /__sim/requests > "$TW/requests.json"
jq_check "cohesity-restore: every Cohesity call sent the API key header" "$TW/requests.json" \
	'[.[] | select(.path | startswith("/v2/"))] | length >= 3 and all(.headers.apikey | type == "string")'
reset_world
FAILED_CO=$(sim_add cohesity /__sim/runs '{"groupId": "4594155844987574:1679899218812:912", "local": ["Failed"], "ageSeconds": 60}')
run_example wfCohRestore01 cohesity-restore-failed
tickets > "$TW/tickets.json"
jq_check "cohesity-restore (failed run): one ticket with the run's facts and a link to its group, and nothing recovered" "$TW/tickets.json" \
	'length == 1 and (.[0].body | .jobId == $id and .jobName == "vmware_prod" and .state == "failed" and .vendorState == "Failed" and .jobType == "backup"
		and (.message | test("Backup failed")) and (.link | endswith("/protection/job/912/details")))' --arg id "$FAILED_CO"
[ "$(sim_get cohesity /__sim/recoveries | jq length)" = 0 ] && ok "cohesity-restore (failed run): no recovery" || not_ok "cohesity-restore (failed run): no recovery"

# --- 2. the credentials in the HTTP Request node: sign-in, reuse, renewal ---------------------------------------
reset_world
run_example wfVcHttp01 vcenter-http-1
run_example wfVcHttp01 vcenter-http-2
S2=$(bj_sim_signins vcenter)
bj_sim_post vcenter /__sim/expire-sessions
run_example wfVcHttp01 vcenter-http-3
S3=$(bj_sim_signins vcenter)
jq_check "vcenter-http: the HTTP Request node lists the backup jobs with the session the credential opened" "$TW/runs/vcenter-http-3.json" \
	'[.data.resultData.runData["Call the API"][0].data.main[0][].json] | tostring | test("20240315-020002-21560480")'
if [ "$S2" = 1 ] && [ "$S3" = 2 ]; then
	ok "vcenter-http: one sign-in for two executions, exactly one more after the session expired (1, then 2)"
else
	not_ok "vcenter-http: one sign-in for two executions, exactly one more after the session expired (saw $S2, then $S3)" "$(bj_sim_stats vcenter)"
fi
run_example wfCohHttp01 cohesity-http-1
run_example wfCohHttp01 cohesity-http-2
S2=$(bj_sim_signins cohesity)
bj_sim_post cohesity /__sim/expire-sessions
run_example wfCohHttp01 cohesity-http-3
S3=$(bj_sim_signins cohesity)
jq_check "cohesity-http: the HTTP Request node lists the protection groups with the credential's token" "$TW/runs/cohesity-http-3.json" \
	'[.data.resultData.runData["Call the API"][0].data.main[0][].json] | tostring | test("cassandra_UInew")'
if [ "$S2" = 1 ] && [ "$S3" = 2 ]; then
	ok "cohesity-http: one sign-in (access token) for two executions, exactly one more after 401 \"Token expired\" (1, then 2)"
else
	not_ok "cohesity-http: one sign-in for two executions, exactly one more after the token expired (saw $S2, then $S3)" "$(bj_sim_stats cohesity)"
fi

# --- 3. the daily report -----------------------------------------------------------------------------------
reset_world
for s in SUCCEEDED SUCCEEDED FAILED; do sim_add vcenter /__sim/jobs "{\"states\": [\"$s\"], \"ageSeconds\": $((RANDOM % 3000 + 600))}" > /dev/null; done
sim_add cohesity /__sim/runs '{"local": ["Succeeded"], "ageSeconds": 7200}' > /dev/null
sim_add cohesity /__sim/runs '{"local": ["SucceededWithWarning"], "ageSeconds": 5400, "messages": ["Number of files skipped due to errors 6"]}' > /dev/null
sim_add cohesity /__sim/runs '{"groupId": "4594155844987574:1679899218812:912", "local": ["Failed"], "ageSeconds": 3600}' > /dev/null
run_example wfBackupReport01 report
bj_node_items "$TW/runs/report.json" "Daily Report" > "$TW/report.json"
jq_check "report: the workflow returns one summary of the last 24 h: 6 jobs, counted per state and vendor" "$TW/report.json" \
	'length == 1 and (.[0] | .total == 6 and .counts.succeeded == 2 + 1 and .counts.warning == 1 and .counts.failed == 2
		and .byVendor.vcenter.failed == 1 and .byVendor.cohesity.warning == 1 and .byVendor.cohesity.failed == 1)'
jq_check "report: every failure is listed with its message (vCenter's and Cohesity's)" "$TW/report.json" \
	'.[0].failures | length == 2 and (map(.vendor) | sort) == ["cohesity", "vcenter"] and all(.message | type == "string" and length > 0)
		and any(.jobName == "vmware_prod")'
hd_get /api/chat > "$TW/chat.json"
jq_check "report: the chat message carries the summary text with the failures" "$TW/chat.json" \
	'(.messages | length) == 1 and (.messages[0].body.text | test("6 jobs") and test("FAILED cohesity vmware_prod: Failed"))'

# --- 4. the trigger workflows in a running n8n -----------------------------------------------------------------
reset_world
# failures from before the activation: they must open no ticket
OLD_VC=$(sim_add vcenter /__sim/jobs '{"states": ["FAILED"], "ageSeconds": 3600}')
OLD_CO=$(sim_add cohesity /__sim/runs '{"local": ["Failed"], "ageSeconds": 3600}')
TSRV=$TW/server
mkdir -p "$TSRV"
B=http://127.0.0.1:$N8N_PORT
KEY=
srv_up() { # LOG: start n8n and wait until the public API answers with the key (the key is in the database)
	bj_n8n_start "$TSRV/$1.log" "$OWNER_EMAIL" "$OWNER_PASSWORD" 2>> "$TSRV/start.err" && bj_n8n_wait_ready "$B" 120 2>> "$TSRV/start.err" &&
		bj_n8n_retry 60 -o /dev/null -H "X-N8N-API-KEY: $KEY" "$B/api/v1/workflows/wfVcTicket01"
}
api() { curl -sf --max-time 60 -H "X-N8N-API-KEY: $KEY" "$@"; }
# wait_tickets N TIMEOUT_S: until the helpdesk has N tickets (or more); prints the count
wait_tickets() {
	local want=$1 deadline=$((SECONDS + $2)) n
	while :; do
		n=$(ticket_count || echo -1)
		if [ "$n" -ge "$want" ] || [ "$SECONDS" -ge "$deadline" ]; then echo "$n"; return; fi
		sleep 1
	done
}

t=$(bj_now)
# The owner exists since run.sh's server section (1.x: set up then; 2.x: from the environment), and so does
# its API key on 2.x; on 1.x run.sh made none, so one is made here.
KEY=${API_KEY:-}
if bj_n8n_start "$TSRV/n8n-1.log" "$OWNER_EMAIL" "$OWNER_PASSWORD" 2> "$TSRV/start.err" && bj_n8n_wait_ready "$B" 120 2>> "$TSRV/start.err" &&
	bj_n8n_retry 60 -o /dev/null -c "$TSRV/cookies" -H 'content-type: application/json' -H 'browser-id: e2e' -X POST "$B/rest/login" \
		-d "$(jq -nc --arg e "$OWNER_EMAIL" --arg p "$OWNER_PASSWORD" '{emailOrLdapLoginId: $e, email: $e, password: $p}')"; then
	[ -n "$KEY" ] || KEY=$(bj_n8n_api_key "$B" "$TSRV/cookies" 2>> "$TSRV/start.err") || KEY=
else
	KEY=
fi
timing "triggers: n8n start to API key $(bj_since "$t") s"
if [ -n "$KEY" ]; then
	ok "triggers: n8n runs in server mode with a public-API key"
	ACT=ok
	for id in wfVcTicket01 wfCohTicket01; do
		api -X POST "$B/api/v1/workflows/$id/activate" > "$TSRV/activate-$id.json" || ACT="failed ($id: $(cat "$TSRV/activate-$id.json"))"
	done
	[ "$ACT" = ok ] && ok "triggers: both trigger workflows activate through the public API (n8n polls each once)" || not_ok "triggers: both trigger workflows activate" "$ACT $(tail -n 5 "$TSRV/n8n-1.log")"
	sleep 2
	N=$(ticket_count)
	[ "$N" = 0 ] && ok "triggers: no ticket at activation, though each vendor has a failure of an hour ago" || not_ok "triggers: no ticket at activation (saw $N)" "$(tickets)"

	# a job seen running that fails later, a success, a run seen running that fails later
	J1=$(sim_add vcenter /__sim/jobs '{"states": ["INPROGRESS", "FAILED"], "ageSeconds": 300}')
	sim_add vcenter /__sim/jobs '{"states": ["SUCCEEDED"], "ageSeconds": 200}' > /dev/null
	R1=$(sim_add cohesity /__sim/runs '{"local": ["Running", "Failed"], "ageSeconds": 300}')
	# restart: the poll at n8n's start sees them running
	t=$(bj_now)
	bj_n8n_stop
	srv_up n8n-2 || not_ok "triggers: n8n restarts" "$(tail -n 8 "$TSRV/n8n-2.log")"
	timing "triggers: restart $(bj_since "$t") s"
	# a job that starts and fails before the next poll
	J4=$(sim_add vcenter /__sim/jobs '{"states": ["FAILED"], "ageSeconds": 100}')
	t=$(bj_now)
	N=$(wait_tickets 3 150)
	timing "triggers: waited $(bj_since "$t") s for the next scheduled polls"
	[ "$N" = 3 ] && ok "triggers: the scheduled polls opened a ticket for each new failure (seen running, or started and failed between polls): 3" ||
		not_ok "triggers: the scheduled polls opened 3 tickets (saw $N)" "$(tickets | jq -c 'map(.body.jobId)')"

	# failures while n8n is down
	bj_n8n_stop
	J3=$(sim_add vcenter /__sim/jobs '{"states": ["FAILED"], "ageSeconds": 60}')
	R2=$(sim_add cohesity /__sim/runs '{"local": ["Failed"], "ageSeconds": 60}')
	t=$(bj_now)
	srv_up n8n-3 || not_ok "triggers: n8n starts again" "$(tail -n 8 "$TSRV/n8n-3.log")"
	N=$(wait_tickets 5 90)
	timing "triggers: restart to tickets $(bj_since "$t") s"
	[ "$N" = 5 ] && ok "triggers: the failures while n8n was down were reported after the restart: 5 tickets" ||
		not_ok "triggers: the failures while n8n was down were reported after the restart (saw $N)" "$(tickets | jq -c 'map(.body.jobId)')"
	# once more: nothing is reported twice
	bj_n8n_stop
	srv_up n8n-4 || not_ok "triggers: n8n starts a third time" "$(tail -n 8 "$TSRV/n8n-4.log")"
	sleep 5
	tickets > "$TSRV/tickets.json"
	jq_check "triggers: exactly one ticket per failure, none twice, none for a success or a failure from before the activation" "$TSRV/tickets.json" \
		'(map(.body.jobId) | sort) == ([$j1, $j4, $j3, $r1, $r2] | sort) and length == 5' \
		--arg j1 "$J1" --arg j4 "$J4" --arg j3 "$J3" --arg r1 "$R1" --arg r2 "$R2"
	jq_check "triggers: the tickets carry jobName, state, vendorState, message, endedAt and a link" "$TSRV/tickets.json" \
		'all(.[].body; .state == "failed" and (.vendorState == "FAILED" or .vendorState == "Failed") and (.message | length > 0)
			and (.endedAt | test("Z$")) and (.link | startswith("https://")) and has("jobName"))
		 and ([.[] | select(.body.vendor == "cohesity") | .body.jobName] | all(. == "cassandra_UInew"))'
	jq_check "triggers: nothing for the failures of an hour before the activation" "$TSRV/tickets.json" \
		'map(.body.jobId) | index($a) == null and index($b) == null' --arg a "$OLD_VC" --arg b "$OLD_CO"
	for id in wfVcTicket01 wfCohTicket01; do
		api "$B/api/v1/workflows/$id" > "$TSRV/$id.json"
		jq_check "triggers: $id keeps a valid, bounded state in its static data" "$TSRV/$id.json" \
			'[.staticData | to_entries[] | select(.key | startswith("node:")) | .value.jobTrigger] | length == 1
				and (.[0] | .version == 1 and (.handled | length) <= 3000 and (.open | type == "array"))'
		api "$B/api/v1/executions?workflowId=$id&limit=50" > "$TSRV/$id-executions.json"
		jq_check "triggers: every execution of $id succeeded" "$TSRV/$id-executions.json" \
			'(.data | length) > 0 and all(.data[]; .status == "success" and .mode == "trigger")'
		api -X POST "$B/api/v1/workflows/$id/deactivate" > /dev/null || true
	done
else
	not_ok "triggers: n8n runs in server mode with a public-API key" "$(cat "$TSRV/start.err"; tail -n 8 "$TSRV/n8n-1.log")"
fi
bj_n8n_stop
kill "$HD_PID" 2> /dev/null || true
wait "$HD_PID" 2> /dev/null || true
HD_PID=
timing "triggers section $(bj_since "$T_TRIG") s"
