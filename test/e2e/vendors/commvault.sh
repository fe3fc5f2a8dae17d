# shellcheck shell=bash
# Commvault's own end-to-end checks, sourced by run.sh section 6b (execute mode; run.sh's helpers ok,
# not_ok, jq_check, bj_execute, bj_node_items, $WORK and the running simulators). Outputs go to $WORK/runs,
# so run.sh's secret checks read them too.
#
#   1. the example "wait for a Commvault job, route Failed and Killed to a ticket branch": a job that fails
#      and one that is killed each open one ticket (at a loopback helpdesk) and skip the success branch; a
#      job that completes takes the success branch and opens none.
#   2. API Version Automatic on a server with the older DR paths: probed once, stored with the session,
#      not probed again by the next execution nor after the session was renewed.
#   3. the Commvault credential in the HTTP Request node (Predefined Credential Type): one sign-in for two
#      executions.
# e2e_server_commvault (called by run.sh section 8, n8n in server mode): the credential dialog's Test.

CVE=$WORK/vendors/commvault
mkdir -p "$CVE/wf"
CV=$(bj_sim commvault baseUrl)

# The loopback ticket API for the example's ticket branch; stopped at the end of this file, by its PID.
CV_HD_PID=
node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$CVE/helpdesk.json" > "$CVE/helpdesk.out" 2> "$CVE/helpdesk.err" &
CV_HD_PID=$!
for ((i = 0; i < 100; i++)); do [ -s "$CVE/helpdesk.json" ] && break; sleep 0.1; done
CV_HD=$(jq -r .baseUrl "$CVE/helpdesk.json" 2> /dev/null || echo '')

# (run.sh runs with set -e: a helper that cannot reach a simulator prints null, and the check fails, not the run)
cv_get() { curl -sf "$CV$1" || echo null; }
cv_post() { curl -sf -X POST -H 'content-type: application/json' --data "$2" "$CV$1" > /dev/null || true; }
cv_tickets() { curl -sf "$CV_HD/api/tickets" | jq -c '.tickets // null' || echo null; }
cv_paths() { cv_get /__sim/requests | jq -c '[.[] | .path | sub("^/commandcenter/api"; "")]' 2> /dev/null || echo null; }
cv_stored() { # CREDENTIAL_ID: its decrypted data as n8n stored it
	bj_n8n "$CVE/export" export:credentials --all --decrypted --output="$CVE/creds-export.json" || { echo null; return 0; }
	jq -c --arg id "$1" '[.[] | select(.id == $id) | .data][0] // null' "$CVE/creds-export.json"
	rm -f "$CVE/creds-export.json"
}
# --- workflows and credentials -----------------------------------------------------------------------------
# The example with the ticket URL pointed at the helpdesk and 1 s polls, once per job it waits for.
node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg hd "$CV_HD" '{helpdesk: $hd}')" --poll-interval 1 \
	"$CVE/localized" "$BJ_REPO/examples/commvault-wait-for-job.json" "$BJ_REPO/examples/commvault-retry-failed-job.json"
CV_FAILED_JOB=5101
CV_KILLED_JOB=5102
CV_COMPLETED_JOB=5103
for c in "wfCvFailed01 $CV_FAILED_JOB" "wfCvKilled01 $CV_KILLED_JOB" "wfCvDone01 $CV_COMPLETED_JOB"; do
	read -r wid job <<< "$c"
	jq --arg id "$wid" --arg job "$job" '.id = $id | .name += " (e2e, job " + $job + ")"
		| (.nodes[] | select(.type == "n8n-nodes-backup-jobs.commvault") | .parameters.jobId) = $job' \
		"$CVE/localized/commvault-wait-for-job.json" > "$CVE/wf/$wid.json"
done
# The retry example with a Manual Trigger in place of its trigger, for one failed job
CV_RETRY_JOB=5104
jq --arg job "$CV_RETRY_JOB" '.id = "wfCvRetryE2e1" | .name += " (e2e)"
	| (.nodes[] | select(.type == "n8n-nodes-backup-jobs.commvaultTrigger")) |= {id, name, position, type: "n8n-nodes-base.manualTrigger", typeVersion: 1, parameters: {}}
	| (.nodes[] | select(.name == "Resubmit Once") | .parameters.jobId) = $job' \
	"$CVE/localized/commvault-retry-failed-job.json" > "$CVE/wf/retry.json"
# Credentials of their own, so that what these checks store (a session, the DR paths) starts empty.
jq -c '[.[] | select(.id == "commvaultSim01")
	| (.id = "commvaultSimDr1" | .name = "Commvault simulator (DR)"), (.id = "commvaultSimHttp1" | .name = "Commvault simulator (HTTP)")]' \
	"$WORK/creds.json" > "$CVE/creds.json"
jq -n '{id: "wfCvDrAuto01", name: "Commvault: DR job statistics, API Version Automatic (e2e)", active: false,
	nodes: [
		{id: "0e2e000c-0000-4000-8000-000000000001", name: "Start", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0], parameters: {}},
		{id: "0e2e000c-0000-4000-8000-000000000002", name: "DR Statistics", type: "n8n-nodes-backup-jobs.commvault", typeVersion: 1, position: [240, 0],
		 parameters: {resource: "drGroupJob", operation: "getStatistics", drJobId: "2416", options: {}},
		 credentials: {commvaultApi: {id: "commvaultSimDr1", name: "Commvault simulator (DR)"}}}],
	connections: {Start: {main: [[{node: "DR Statistics", type: "main", index: 0}]]}},
	settings: {executionOrder: "v1"}}' > "$CVE/wf/dr-auto.json"
jq -n --arg url "$CV/Job?jobCategory=Finished&completedJobLookupTime=86400" '{id: "wfCvHttp01", name: "HTTP Request with commvaultApi (e2e)", active: false,
	nodes: [
		{id: "0e2e000c-0000-4000-8000-000000000011", name: "Start", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0], parameters: {}},
		{id: "0e2e000c-0000-4000-8000-000000000012", name: "Call the API", type: "n8n-nodes-base.httpRequest", typeVersion: 4.2, position: [240, 0],
		 parameters: {method: "GET", url: $url, authentication: "predefinedCredentialType", nodeCredentialType: "commvaultApi", options: {}},
		 credentials: {commvaultApi: {id: "commvaultSimHttp1", name: "Commvault simulator (HTTP)"}}}],
	connections: {Start: {main: [[{node: "Call the API", type: "main", index: 0}]]}},
	settings: {executionOrder: "v1"}}' > "$CVE/wf/http.json"
if [ -n "$CV_HD" ] && bj_import_creds "$CVE/creds.json" "$CVE/import-creds" && bj_import_workflows "$CVE/wf" "$CVE/import-wf"; then
	ok "commvault: the loopback helpdesk runs, the example copies, a DR and an HTTP Request workflow and their credentials import"
else
	not_ok "commvault: the loopback helpdesk runs, the example copies, a DR and an HTTP Request workflow and their credentials import" \
		"$(cat "$CVE/helpdesk.err" 2> /dev/null; tail -n 5 "$CVE"/import-*.err 2> /dev/null)"
fi

# --- 1. the example: Failed and Killed open a ticket, Completed goes on ------------------------------------
bj_sim_post commvault /__sim/reset
cv_post /__sim/jobs "{\"jobId\": $CV_FAILED_JOB, \"states\": [\"Running\", \"Failed\"], \"pendingReason\": \"Failed to connect to the client.\"}"
cv_post /__sim/jobs "{\"jobId\": $CV_KILLED_JOB, \"states\": [\"Running\", \"Killed\"]}"
cv_post /__sim/jobs "{\"jobId\": $CV_COMPLETED_JOB, \"states\": [\"Pending\", \"Running\", \"Completed\"]}"
for c in "failed wfCvFailed01 $CV_FAILED_JOB failed Failed" "killed wfCvKilled01 $CV_KILLED_JOB cancelled Killed"; do
	read -r name wid job state vendor_state <<< "$c"
	curl -sf -X POST "$CV_HD/__sim/reset" > /dev/null || true
	run_workflow "$wid" "commvault-example-$name"
	R=$WORK/runs/commvault-example-$name.json
	bj_node_items "$R" "Job Failed" > "$CVE/items.json"
	jq_check "commvault-example-$name: the ticket branch (\"Job Failed\") got job $job, waited for until it was $vendor_state" "$CVE/items.json" \
		'length == 1 and (.[0] | .vendor == "commvault" and .jobId == $job and .state == $state and .vendorState == $vs
			and .isFinished == true and .isSuccess == false and (.endedAt | test("Z$")))' \
		--arg job "$job" --arg state "$state" --arg vs "$vendor_state"
	jq_check "commvault-example-$name: \"Job Succeeded\" did not run, \"Open Ticket\" ran once" "$R" \
		'.data.resultData.runData as $d | $d["Job Succeeded"] == null and ($d["Open Ticket"] | length == 1)'
	cv_tickets > "$CVE/tickets.json"
	jq_check "commvault-example-$name: the helpdesk received one ticket with the job's facts" "$CVE/tickets.json" \
		'length == 1 and (.[0].body | .jobId == $job and .state == $state and .vendorState == $vs and .vendor == "commvault"
			and (.title | startswith("Commvault job " + $job + " " + $vs)) and .priority == "high")' \
		--arg job "$job" --arg state "$state" --arg vs "$vendor_state"
done
curl -sf -X POST "$CV_HD/__sim/reset" > /dev/null || true
run_workflow wfCvDone01 commvault-example-completed
R=$WORK/runs/commvault-example-completed.json
bj_node_items "$R" "Job Succeeded" > "$CVE/items.json"
jq_check "commvault-example-completed: the success branch got job $CV_COMPLETED_JOB, waited for through Pending and Running" "$CVE/items.json" \
	'length == 1 and (.[0] | .jobId == $job and .state == "succeeded" and .vendorState == "Completed" and .isSuccess == true)' --arg job "$CV_COMPLETED_JOB"
jq_check "commvault-example-completed: neither \"Job Failed\" nor \"Open Ticket\" ran" "$R" \
	'.data.resultData.runData as $d | $d["Job Failed"] == null and $d["Open Ticket"] == null'
CV_TICKETS=$(cv_tickets)
if [ "$CV_TICKETS" = '[]' ]; then ok "commvault-example-completed: no ticket"; else not_ok "commvault-example-completed: no ticket" "$CV_TICKETS"; fi
# --- 1b. the retry example: Resubmit once, wait, then the success branch or a ticket ---------------------------
for c in "succeeded Completed Retry" "failed Failed Ticket"; do
	read -r state vendor_state branch <<< "$c"
	bj_sim_post commvault /__sim/reset
	cv_post /__sim/jobs "{\"jobId\": $CV_RETRY_JOB, \"states\": [\"Failed\"], \"subclientId\": 7}"
	cv_post /__sim/backup-states "{\"states\": [\"Running\", \"$vendor_state\"]}"
	curl -sf -X POST "$CV_HD/__sim/reset" > /dev/null || true
	run_workflow wfCvRetryE2e1 "commvault-retry-$state"
	R=$WORK/runs/commvault-retry-$state.json
	# The reset dropped the session n8n stored, so the Resubmit (the execution's first request) is answered
	# 401 before the CommServe acts, and n8n sends it again after signing in: that is one Resubmit acted on.
	bj_sim_log commvault '[.[] | select(.method == "POST" and (.path | test("/action/"))) | {path, status}]' > "$CVE/posts.json"
	jq_check "commvault-retry-$state: job $CV_RETRY_JOB resubmitted once (a 401 before the sign-in apart), nothing else sent" "$CVE/posts.json" \
		'[.[] | select(.status != 401) | .path] == ["/commandcenter/api/Job/" + $job + "/action/Resubmit"]
			and all(.[]; .path | endswith("/action/Resubmit"))' --arg job "$CV_RETRY_JOB"
	if [ "$state" = succeeded ]; then
		bj_node_items "$R" "Retry Succeeded" > "$CVE/items.json"
		jq_check "commvault-retry-succeeded: the success branch got the new job, waited for until Completed" "$CVE/items.json" \
			'length == 1 and (.[0] | .jobId != $job and .state == "succeeded" and .isSuccess)' --arg job "$CV_RETRY_JOB"
		jq_check "commvault-retry-succeeded: no ticket" "$R" '.data.resultData.runData["Open Ticket"] == null'
	else
		cv_tickets > "$CVE/tickets.json"
		jq_check "commvault-retry-failed: the retry failed too: one ticket with the new job" "$CVE/tickets.json" \
			'length == 1 and (.[0].body | .jobId != $job and .state == "failed" and .vendor == "commvault")' --arg job "$CV_RETRY_JOB"
	fi
done

kill "$CV_HD_PID" 2> /dev/null || true
wait "$CV_HD_PID" 2> /dev/null || true

# --- 2. API Version Automatic on an older server: the DR paths are probed once and kept with the session ----
bj_sim_post commvault /__sim/reset
cv_post /__sim/dr-api '{"drApi": "legacy"}'
run_workflow wfCvDrAuto01 commvault-dr-1
jq_check "commvault-dr-1: the DR job's phases as steps, read from DRGroups/JobStats" "$WORK/runs/commvault-dr-1.json" \
	'.data.resultData.runData["DR Statistics"][0].data.main[0][0].json | .jobId == "2416" and (.steps | length) >= 3'
# cv_dr_paths NAME WANT_PATHS_JSON WANT_SIGNINS DESCRIPTION: the JobStats paths and sign-ins of the last run
cv_dr_paths() {
	local paths signins
	paths=$(cv_paths)
	signins=$(bj_sim_signins commvault || echo '?')
	if jq -e --argjson want "$2" '[.[] | select(endswith("JobStats"))] == $want' <<< "$paths" > /dev/null 2>&1 && [ "$signins" = "$3" ]; then
		ok "commvault-$1: $4"
	else
		not_ok "commvault-$1: $4 (sign-ins $signins)" "$paths"
	fi
}
cv_dr_paths dr-1 '["/DR/JobStats", "/DRGroups/JobStats"]' 1 "Automatic tried DR/JobStats, then fell back to DRGroups/JobStats once (one sign-in)"
cv_stored commvaultSimDr1 > "$CVE/stored-1.json"
jq_check "commvault-dr-1: n8n stored the DR paths (legacy) with the session, and nothing of the hand-over" "$CVE/stored-1.json" \
	'.sessionDrForm == "legacy" and (.sessionToken | type == "string" and length > 0) and ([keys[] | select(test("handover"; "i"))] == [])'
bj_sim_post commvault /__sim/reset-stats
run_workflow wfCvDrAuto01 commvault-dr-2
cv_dr_paths dr-2 '["/DRGroups/JobStats"]' 0 "the next execution goes straight to DRGroups/JobStats, with the stored session (no sign-in)"
bj_sim_post commvault /__sim/expire-sessions
bj_sim_post commvault /__sim/reset-stats
run_workflow wfCvDrAuto01 commvault-dr-3
cv_dr_paths dr-3 '["/DRGroups/JobStats"]' 1 "after the session expired, one sign-in and still no probe of DR/JobStats"
cv_stored commvaultSimDr1 > "$CVE/stored-3.json"
jq_check "commvault-dr-3: the DR paths stay stored with the renewed session" "$CVE/stored-3.json" \
	'.sessionDrForm == "legacy" and .sessionToken != $old' --arg old "$(jq -r '.sessionToken // empty' "$CVE/stored-1.json")"
bj_sim_post commvault /__sim/reset

# --- 3. the credential in the HTTP Request node: one sign-in for two executions -----------------------------
bj_sim_post commvault /__sim/reset-stats
run_workflow wfCvHttp01 commvault-http-1
run_workflow wfCvHttp01 commvault-http-2
jq_check "commvault-http-2: the HTTP Request node read the job list with the credential's token" "$WORK/runs/commvault-http-2.json" \
	'.data.resultData.runData["Call the API"][0].data.main[0][0].json | (.totalRecordsWithoutPaging > 0) and (.jobs | length > 0)'
CV_SIGNINS=$(bj_sim_signins commvault || echo '?')
if [ "$CV_SIGNINS" = 1 ]; then
	ok "commvault-http: two executions of the HTTP Request node (Predefined Credential Type) signed in once"
else
	not_ok "commvault-http: two executions of the HTTP Request node (Predefined Credential Type) signed in once (saw $CV_SIGNINS)" "$(bj_sim_stats commvault)"
fi
# (run.sh adds the sessions these checks stored to its list of what must appear in no output)

# --- server mode: the credential dialog's Test (run.sh section 8) -------------------------------------------
e2e_server_commvault() {
	local cred token_cred tokens wrong=Wrong-Commvault-Pass-e2e-58 bad_token=cv-at-wrong-e2e-5d1f0c9a
	cred=$(jq -c '.[] | select(.id == "commvaultSim01")' "$WORK/creds.json")
	bj_sim_post commvault /__sim/reset
	cred_check "credential test commvaultSim01 (imported)" commvault "$cred" 1 OK
	cred_check "credential test Commvault, wrong password" commvault-wrong "$(jq -c --arg p "$wrong" '.data.password = $p' <<< "$cred")" 0 Error "$wrong"
	jq_check "credential test Commvault, wrong password: the message says the sign-in failed, and not the base64 of the password" \
		"$SRV/commvault-wrong.json" '(.message | test("sign-in to Commvault failed"; "i")) and (.message | contains($b) | not)' \
		--arg b "$(printf '%s' "$wrong" | base64)"
	# The pair that works now (a reset makes a new one); run.sh's leak check covers it too.
	tokens=$(cv_get /__sim/tokens)
	mapfile -t -O "${#SECRETS[@]}" SECRETS < <(jq -r '.accessToken, .refreshToken | strings' <<< "$tokens")
	token_cred=$(jq -c --argjson t "$tokens" '.data = {baseUrl: .data.baseUrl, ignoreSslIssues: false, authMethod: "accessToken",
		accessToken: $t.accessToken, refreshToken: $t.refreshToken, headerStyle: "authtoken"}' <<< "$cred")
	cred_check "credential test Commvault, Access Token" commvault-token "$token_cred" 0 OK
	cred_check "credential test Commvault, bad access token" commvault-token-bad \
		"$(jq -c --arg a "$bad_token" '.data.accessToken = $a | .data.refreshToken = ($a + "-rt")' <<< "$token_cred")" 0 Error "$bad_token"
	bj_sim_post commvault /__sim/reset
}
