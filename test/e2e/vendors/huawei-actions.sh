# shellcheck shell=bash
# Huawei Cloud's Backup Policy → Run Now in a real n8n, sourced by run.sh section 6b (execute mode; run.sh's
# helpers ok, not_ok, jq_check, run_workflow, bj_*). The example "run a backup policy now and wait, ticket
# on failure", on plan01 with its two disks:
#   1. the policy is run once, each disk's new task is an item, waited for, and takes the success branch;
#   2. tasks that fail take the ticket branch: one ticket per task at a loopback helpdesk;
#   3. a task of the policy still running: nothing is started, the running task is waited for.
# Outputs go to $WORK/runs, so run.sh's secret checks read them too.

HWA=$WORK/vendors/huawei-actions
mkdir -p "$HWA/wf"
HWA_BASE=$(bj_sim huawei baseUrl)
HWA_POLICY=$(bj_sim huawei policyId)
hwa_get() { curl -sf "$HWA_BASE$1" || echo null; }
hwa_post() { curl -sf -X POST -H 'content-type: application/json' --data "$2" "$HWA_BASE$1" > /dev/null || true; }

HWA_HD_PID=
node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$HWA/helpdesk.json" > "$HWA/helpdesk.out" 2> "$HWA/helpdesk.err" &
HWA_HD_PID=$!
for ((i = 0; i < 100; i++)); do [ -s "$HWA/helpdesk.json" ] && break; sleep 0.1; done
HWA_HD=$(jq -r .baseUrl "$HWA/helpdesk.json" 2> /dev/null || echo '')
hwa_tickets() { curl -sf "$HWA_HD/api/tickets" | jq -c '.tickets // null' || echo null; }

node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg hd "$HWA_HD" '{helpdesk: $hd}')" --poll-interval 1 \
	"$HWA/localized" "$BJ_REPO/examples/huawei-run-policy-now-and-wait.json"
jq '.id = "wfHwRunNowE2e1" | .name += " (e2e)"' "$HWA/localized/huawei-run-policy-now-and-wait.json" > "$HWA/wf/run-now.json"
if [ -n "$HWA_HD" ] && bj_import_workflows "$HWA/wf" "$HWA/import-wf"; then
	ok "huawei actions: the loopback helpdesk runs, the Run Policy Now example imports"
else
	not_ok "huawei actions: the loopback helpdesk runs, the Run Policy Now example imports" "$(cat "$HWA/helpdesk.err" "$HWA/import-wf.err" 2> /dev/null | tail -n 5)"
fi
# plan01's tasks have all ended, so the example runs the policy (its two disks: two new tasks)
hwa_idle() {
	hwa_post /__sim/seed "$(jq -nc --arg p "$HWA_POLICY" '{policies: [{backup_policy_id: $p, backup_policy_name: "plan01",
		resources: ["f47a4ab5-11f5-4509-97f5-80ce0dd74e37", "7e5fdc5a-5e36-4b22-8bcc-7f17037290cc"],
		tasks: [{job_id: "c11b5a18-4559-4731-b7b3-58e2bd89cdb9", states: ["EXECUTE_SUCCESS"], ageSeconds: 3600}]}]}')"
}

# --- 1. run once, one item per disk, waited for, success branch ------------------------------------------------
bj_sim_post huawei /__sim/reset
hwa_idle
run_workflow wfHwRunNowE2e1 huawei-run-now
R=$WORK/runs/huawei-run-now.json
hwa_get /__sim/policy-runs > "$HWA/runs.json"
jq_check "huawei-run-now: the policy was run once" "$HWA/runs.json" '. == [$p]' --arg p "$HWA_POLICY"
bj_node_items "$R" "Backup Succeeded" > "$HWA/items.json"
jq_check "huawei-run-now: the success branch got the two new tasks (one per disk), waited for until EXECUTE_SUCCESS" "$HWA/items.json" \
	'length == 2 and ([.[].jobId] | unique | length == 2 and (index("c11b5a18-4559-4731-b7b3-58e2bd89cdb9") | not))
		and all(.[]; .vendor == "huaweiCloud" and .state == "succeeded" and .vendorState == "EXECUTE_SUCCESS" and .policyId == $p)' \
	--arg p "$HWA_POLICY"
jq_check "huawei-run-now: \"Open Ticket\" did not run" "$R" '.data.resultData.runData["Open Ticket"] == null'

# --- 2. tasks that fail: the ticket branch, one ticket per task -----------------------------------------------
bj_sim_post huawei /__sim/reset
hwa_idle
hwa_post /__sim/run-now-states '{"states": ["RUNNING", "EXECUTE_FAIL"]}'
curl -sf -X POST "$HWA_HD/__sim/reset" > /dev/null || true
run_workflow wfHwRunNowE2e1 huawei-run-now-failed
R=$WORK/runs/huawei-run-now-failed.json
jq_check "huawei-run-now-failed: \"Backup Succeeded\" did not run, \"Open Ticket\" ran" "$R" \
	'.data.resultData.runData as $d | $d["Backup Succeeded"] == null and ($d["Open Ticket"] | length == 1)'
hwa_tickets > "$HWA/tickets.json"
jq_check "huawei-run-now-failed: one ticket per failed task" "$HWA/tickets.json" \
	'length == 2 and all(.[]; .body | .vendor == "huaweiCloud" and .state == "failed" and .vendorState == "EXECUTE_FAIL")'

# --- 3. a task still running: nothing started, the running task waited for -----------------------------------
bj_sim_post huawei /__sim/reset
run_workflow wfHwRunNowE2e1 huawei-run-now-running
hwa_get /__sim/policy-runs > "$HWA/runs.json"
jq_check "huawei-run-now-running: If Already Running returned the running task: nothing started" "$HWA/runs.json" 'length == 0'
bj_node_items "$WORK/runs/huawei-run-now-running.json" "Backup Succeeded" > "$HWA/items.json"
jq_check "huawei-run-now-running: the running task 3b1c7a52-…, waited for until it succeeded" "$HWA/items.json" \
	'length == 1 and .[0].jobId == "3b1c7a52-0d0e-4a5a-9c51-2f0b2b7f1a10" and .[0].state == "succeeded"'

kill "$HWA_HD_PID" 2> /dev/null || true
wait "$HWA_HD_PID" 2> /dev/null || true
