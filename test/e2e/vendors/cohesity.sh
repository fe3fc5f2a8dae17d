# shellcheck shell=bash
# Cohesity's Run Now in a real n8n, sourced by run.sh section 6b (execute mode; run.sh's helpers ok, not_ok,
# jq_check, run_workflow, bj_*). The example "run a protection group now and wait for the run":
#   1. a group without a run in progress: one Run Now is sent, the run it started is found, waited for and
#      takes the success branch;
#   2. a run that fails takes the ticket branch: one ticket at a loopback helpdesk, for that run;
#   3. a group whose run is in progress: nothing is started, the running run is waited for.
# What was sent is read from the simulator's request log (bj_sim_log). Outputs go to $WORK/runs, so
# run.sh's secret checks read them too. (The demo and run.sh section 6 run the example as it is.)

COA=$WORK/vendors/cohesity
mkdir -p "$COA/wf"
CO_GROUP_IDLE=4594155844987574:1679899218812:950 # oracle_new: no runs yet
CO_GROUP_BUSY=4594155844987574:1679899218812:880 # cassandra_UInew: its latest run is in progress at first
# the POSTs the cluster received since the reset, their paths decoded ("%3A" is the ":" of a group id)
co_posts() { bj_sim_log cohesity '[.[] | select(.method == "POST") | .path | gsub("%3A"; ":")]'; }

bj_examples_with_helpdesk "$COA" "$BJ_REPO/examples/cohesity-run-now-and-wait.json"
CO_HD_PID=$BJ_HD_PID
CO_HD=$BJ_HD_URL
for c in "wfCoRunNowE2e1 $CO_GROUP_IDLE" "wfCoRunNowE2e2 $CO_GROUP_BUSY"; do
	read -r wid group <<< "$c"
	jq --arg id "$wid" --arg g "$group" '.id = $id | .name += " (e2e, " + $id + ")"
		| (.nodes[] | select(.name == "Run Now") | .parameters.protectionGroupId.value) = $g' \
		"$COA/localized/cohesity-run-now-and-wait.json" > "$COA/wf/$wid.json"
done
if [ -n "$CO_HD" ] && bj_import_workflows "$COA/wf" "$COA/import-wf"; then
	ok "cohesity actions: the loopback helpdesk runs, the Run Now example imports"
else
	not_ok "cohesity actions: the loopback helpdesk runs, the Run Now example imports" "$(cat "$COA/helpdesk.err" "$COA/import-wf.err" 2> /dev/null | tail -n 5)"
fi

# --- 1. one Run Now, the run it started found and waited for, the success branch ---------------------------------
bj_sim_post cohesity /__sim/reset
run_workflow wfCoRunNowE2e1 cohesity-run-now
R=$WORK/runs/cohesity-run-now.json
bj_sim_get cohesity /__sim/run-nows > "$COA/run-nows.json"
CO_RUN=$(jq -r '.[0].runId // ""' "$COA/run-nows.json")
jq_check "cohesity-run-now: one run started, of the idle group, Run Type Regular" "$COA/run-nows.json" \
	'length == 1 and .[0].groupId == $g and .[0].body == {runType: "kRegular"}' --arg g "$CO_GROUP_IDLE"
co_posts > "$COA/posts.json"
jq_check "cohesity-run-now: the request log holds exactly one POST, the Run Now" "$COA/posts.json" \
	'. == ["/v2/data-protect/protection-groups/" + $g + "/runs"]' --arg g "$CO_GROUP_IDLE"
bj_node_items "$R" "Run Succeeded" > "$COA/items.json"
jq_check "cohesity-run-now: the success branch got the run it started ($CO_RUN), waited for until Succeeded" "$COA/items.json" \
	'length == 1 and (.[0] | .vendor == "cohesity" and .jobId == $run and .jobName == "oracle_new" and .state == "succeeded"
		and .isFinished == true and .isSuccess == true and .vendorState == "Succeeded" and (.endedAt | test("Z$")))' --arg run "$CO_RUN"
jq_check "cohesity-run-now: neither \"Run Failed\" nor \"Open Ticket\" ran" "$R" \
	'.data.resultData.runData as $d | $d["Run Failed"] == null and $d["Open Ticket"] == null'

# --- 2. the run fails: the ticket branch, for that run -----------------------------------------------------------
bj_sim_post cohesity /__sim/reset
bj_sim_post cohesity /__sim/run-now-states '{"states": ["Accepted", "Running", "Failed"]}' || true
curl -sf -X POST "$CO_HD/__sim/reset" > /dev/null || true
run_workflow wfCoRunNowE2e1 cohesity-run-now-failed
R=$WORK/runs/cohesity-run-now-failed.json
CO_RUN=$(bj_sim_get cohesity /__sim/run-nows | jq -r '.[0].runId // ""')
jq_check "cohesity-run-now-failed: \"Run Succeeded\" did not run, \"Open Ticket\" ran once" "$R" \
	'.data.resultData.runData as $d | $d["Run Succeeded"] == null and ($d["Open Ticket"] | length == 1)'
bj_helpdesk_tickets "$CO_HD" > "$COA/tickets.json"
jq_check "cohesity-run-now-failed: one ticket, for the run it started ($CO_RUN), failed" "$COA/tickets.json" \
	'length == 1 and (.[0].body | .vendor == "cohesity" and .jobId == $run and .state == "failed" and .vendorState == "Failed")' --arg run "$CO_RUN"
co_posts > "$COA/posts.json"
jq_check "cohesity-run-now-failed: exactly one Run Now was sent" "$COA/posts.json" 'length == 1 and (.[0] | endswith("/runs"))'

# --- 3. a run in progress: nothing started, that run waited for ---------------------------------------------------
bj_sim_post cohesity /__sim/reset
run_workflow wfCoRunNowE2e2 cohesity-run-now-running
co_posts > "$COA/posts.json"
jq_check "cohesity-run-now-running: If Already Running returned the running run: no POST at all" "$COA/posts.json" '. == []'
bj_node_items "$WORK/runs/cohesity-run-now-running.json" "Run Succeeded" > "$COA/items.json"
jq_check "cohesity-run-now-running: the run in progress (880:1680264224062490), waited for until its local backup succeeded" "$COA/items.json" \
	'length == 1 and (.[0] | .jobId == "880:1680264224062490" and .jobName == "cassandra_UInew" and .state == "succeeded" and .isFinished == true)'

bj_stop_helpdesk "$CO_HD_PID"
bj_sim_post cohesity /__sim/reset
