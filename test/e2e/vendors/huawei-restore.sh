# shellcheck shell=bash
# Huawei Cloud's restore in a real n8n, sourced by run.sh section 6b (execute mode; run.sh's helpers ok,
# not_ok, jq_check, run_workflow, bj_*). The example "wait for the policy's backup, then restore it to a
# test disk" with the native operations (Backup Policy Task → Get Latest with Wait, Disk Backup → Get Many
# by the task's backup name, Disk Backup → Restore with Wait):
#   1. the backup succeeds, its backup is found and restored once, and the chat hears of it;
#   2. the restore fails half way: one ticket, of the restore (jobType "restore").
# Outputs go to $WORK/runs, so run.sh's secret checks read them too.

HWR=$WORK/vendors/huawei-restore
mkdir -p "$HWR/wf"
HWR_BASE=$(bj_sim huawei baseUrl)
hwr_get() { curl -sf "$HWR_BASE$1" || echo null; }

HWR_HD_PID=
node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$HWR/helpdesk.json" > "$HWR/helpdesk.out" 2> "$HWR/helpdesk.err" &
HWR_HD_PID=$!
for ((i = 0; i < 100; i++)); do [ -s "$HWR/helpdesk.json" ] && break; sleep 0.1; done
HWR_HD=$(jq -r .baseUrl "$HWR/helpdesk.json" 2> /dev/null || echo '')

node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg hd "$HWR_HD" '{helpdesk: $hd}')" --manual-start --poll-interval 1 \
	"$HWR/localized" "$BJ_REPO/examples/huawei-wait-then-restore.json"
jq '.id = "wfHwRestoreE2e1" | .name += " (e2e)"' "$HWR/localized/huawei-wait-then-restore.json" > "$HWR/wf/restore.json"
if [ -n "$HWR_HD" ] && bj_import_workflows "$HWR/wf" "$HWR/import-wf"; then
	ok "huawei restore: the loopback helpdesk runs, the wait-then-restore example imports"
else
	not_ok "huawei restore: the loopback helpdesk runs, the wait-then-restore example imports" "$(cat "$HWR/helpdesk.err" "$HWR/import-wf.err" 2> /dev/null | tail -n 5)"
fi

# --- 1. the backup succeeded: its backup restored once, the chat told -------------------------------------------
bj_sim_post huawei /__sim/reset
curl -sf -X POST "$HWR_HD/__sim/reset" > /dev/null || true
run_workflow wfHwRestoreE2e1 huawei-restore
R=$WORK/runs/huawei-restore.json
hwr_get /__sim/restores > "$HWR/restores.json"
jq_check "huawei-restore: the task's backup (autobk_7c21) restored once, to the test disk" "$HWR/restores.json" \
	'length == 1 and .[0].backupId == "c2a6f0e4-3b1d-4e5f-9a7b-8c9d0e1f2a3b" and .[0].volumeId == "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"'
bj_node_items "$R" "Restore to Test Disk" > "$HWR/items.json"
jq_check "huawei-restore: the restore's item is its VBS job, a restore, waited for until SUCCESS" "$HWR/items.json" \
	'length == 1 and (.[0] | .vendor == "huaweiCloud" and .jobType == "restore" and .state == "succeeded" and .vendorState == "SUCCESS" and .jobId == $id)' \
	--arg id "$(jq -r '.[0].jobId // ""' "$HWR/restores.json")"
curl -sf "$HWR_HD/api/chat" > "$HWR/chat.json" || echo null > "$HWR/chat.json"
jq_check "huawei-restore: one chat message names the restored backup; no ticket" "$HWR/chat.json" \
	'(.messages | length == 1 and (.[0].body.text | test("autobk_7c21")))'
jq_check "huawei-restore: \"Open Ticket\" did not run" "$R" '.data.resultData.runData["Open Ticket"] == null'

# --- 2. the restore fails half way: one ticket, of the restore ------------------------------------------------------
bj_sim_post huawei /__sim/reset
bj_sim_post huawei /__sim/restore-states '{"states": ["RUNNING", "FAIL"]}'
curl -sf -X POST "$HWR_HD/__sim/reset" > /dev/null || true
run_workflow wfHwRestoreE2e1 huawei-restore-failed
curl -sf "$HWR_HD/api/tickets" | jq -c '.tickets // null' > "$HWR/tickets.json" 2> /dev/null || echo null > "$HWR/tickets.json"
jq_check "huawei-restore-failed: one ticket, for the failed restore (jobType restore)" "$HWR/tickets.json" \
	'length == 1 and (.[0].body | .vendor == "huaweiCloud" and .jobType == "restore" and .state == "failed")'

kill "$HWR_HD_PID" 2> /dev/null || true
wait "$HWR_HD_PID" 2> /dev/null || true
