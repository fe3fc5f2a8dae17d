# shellcheck shell=bash
# Veeam Enterprise Manager's Backup Job → Retry in a real n8n, sourced by run.sh section 6b (execute mode;
# run.sh's helpers ok, not_ok, jq_check, run_workflow, bj_*). The example "retry a failed backup job once,
# then open a ticket", with a Manual Trigger in place of its trigger, on the job whose last session failed:
#   1. one retry is sent, its Task followed, the session it created waited for: the success branch;
#   2. a retry that fails as well: one ticket at a loopback helpdesk, for the retry's session.
# What was sent is read from the simulator's request log (bj_sim_log). Outputs go to $WORK/runs, so
# run.sh's secret checks read them too.

VRA=$WORK/vendors/veeam-actions
mkdir -p "$VRA/wf"
VR_JOB=b2e9d4f1-6c3a-4e8b-9f07-1d2c3b4a5e6f # the example's job: its newest session failed
# the job actions Enterprise Manager received since the reset: "<path>?<query>" of every POST to a job (the
# sign-in, POST /api/sessionMngr/, is a POST too, and is left out)
vr_posts() { bj_sim_log veeam '[.[] | select(.method == "POST" and (.path | startswith("/api/jobs/"))) | .path + "?" + .query]'; }

bj_examples_with_helpdesk "$VRA" "$BJ_REPO/examples/veeam-retry-failed-job.json"
VR_HD_PID=$BJ_HD_PID
VR_HD=$BJ_HD_URL
jq '.id = "wfVeeamRetryE2e1" | .name += " (e2e)"
	| (.nodes[] | select(.type == "n8n-nodes-backup-jobs.veeamEnterpriseManagerTrigger")) |= {id, name, position, type: "n8n-nodes-base.manualTrigger", typeVersion: 1, parameters: {}}' \
	"$VRA/localized/veeam-retry-failed-job.json" > "$VRA/wf/retry.json"
if [ -n "$VR_HD" ] && jq -e '.nodes[] | select(.name == "Retry Once") | .parameters.job.value == $j' --arg j "$VR_JOB" "$VRA/wf/retry.json" > /dev/null &&
	bj_import_workflows "$VRA/wf" "$VRA/import-wf"; then
	ok "veeam actions: the loopback helpdesk runs, the Retry example (Manual Trigger in place of its trigger) imports"
else
	not_ok "veeam actions: the loopback helpdesk runs, the Retry example (Manual Trigger in place of its trigger) imports" \
		"$(cat "$VRA/helpdesk.err" "$VRA/import-wf.err" 2> /dev/null | tail -n 5)"
fi

# vr_one_retry NAME: the job was retried once (the simulator's record and its request log agree)
vr_one_retry() {
	bj_sim_get veeam /__sim/job-starts > "$VRA/job-starts.json"
	jq_check "$1: one retry of the job, which made one new session" "$VRA/job-starts.json" \
		'length == 1 and .[0].jobId == $j and .[0].action == "retry" and (.[0].sessionId | type == "string")' --arg j "$VR_JOB"
	vr_posts > "$VRA/posts.json"
	jq_check "$1: the request log holds exactly one job action, the retry" "$VRA/posts.json" '. == ["/api/jobs/" + $j + "?action=retry"]' --arg j "$VR_JOB"
}

# --- 1. retried once, the new session waited for, the success branch ----------------------------------------------
bj_sim_post veeam /__sim/reset
run_workflow wfVeeamRetryE2e1 veeam-retry
R=$WORK/runs/veeam-retry.json
vr_one_retry veeam-retry
bj_node_items "$R" "Retry Succeeded" > "$VRA/items.json"
jq_check "veeam-retry: the success branch got the retry's session, waited for until Stopped/Success" "$VRA/items.json" \
	'length == 1 and (.[0] | .vendor == "veeam" and .jobId == $s and .state == "succeeded" and .isFinished == true
		and .isSuccess == true and .vendorState == "Stopped/Success" and (.endedAt | test("Z$")))' \
	--arg s "$(jq -r '.[0].sessionId // ""' "$VRA/job-starts.json")"
jq_check "veeam-retry: neither \"Retry Failed\" nor \"Open Ticket\" ran" "$R" \
	'.data.resultData.runData as $d | $d["Retry Failed"] == null and $d["Open Ticket"] == null'

# --- 2. the retry fails as well: one ticket, for the retry's session -----------------------------------------------
bj_sim_post veeam /__sim/reset
bj_sim_post veeam /__sim/job-start-steps '{"steps": [{"state": "Working", "result": "None", "progress": 40}, {"state": "Stopped", "result": "Failed", "progress": 100}]}' || true
curl -sf -X POST "$VR_HD/__sim/reset" > /dev/null || true
run_workflow wfVeeamRetryE2e1 veeam-retry-failed
R=$WORK/runs/veeam-retry-failed.json
vr_one_retry veeam-retry-failed
jq_check "veeam-retry-failed: \"Retry Succeeded\" did not run, \"Open Ticket\" ran once" "$R" \
	'.data.resultData.runData as $d | $d["Retry Succeeded"] == null and ($d["Open Ticket"] | length == 1)'
bj_helpdesk_tickets "$VR_HD" > "$VRA/tickets.json"
jq_check "veeam-retry-failed: one ticket, for the retry's session, failed" "$VRA/tickets.json" \
	'length == 1 and (.[0].body | .vendor == "veeam" and .jobId == $s and .state == "failed" and .vendorState == "Stopped/Failed")' \
	--arg s "$(jq -r '.[0].sessionId // ""' "$VRA/job-starts.json")"

bj_stop_helpdesk "$VR_HD_PID"
bj_sim_post veeam /__sim/reset
