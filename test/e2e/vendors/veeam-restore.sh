# shellcheck shell=bash
# Veeam Enterprise Manager restores in a real n8n, sourced by run.sh section 6b (execute mode; run.sh's
# helpers ok, not_ok, jq_check, run_workflow, bj_*). The example "wait for the latest backup session, then
# restore the VM from its restore point; ticket on failure" (examples/veeam-wait-then-restore.json):
#   1. the backup session is waited for, the VM's restore point found, one restore sent, and the restore
#      session (jobType restore) waited for until it succeeded: the success branch;
#   2. a restore that fails half way takes the ticket branch: one ticket at a loopback helpdesk.
# Outputs go to $WORK/runs, so run.sh's secret checks read them too.

VR=$WORK/vendors/veeam-restore
mkdir -p "$VR/wf"
VR_SIM=$(bj_sim veeam baseUrl)
vr_get() { curl -sf "$VR_SIM$1" || echo null; }
vr_post() { curl -sf -X POST -H 'content-type: application/json' --data "$2" "$VR_SIM$1" > /dev/null || true; }

VR_HD_PID=
node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$VR/helpdesk.json" > "$VR/helpdesk.out" 2> "$VR/helpdesk.err" &
VR_HD_PID=$!
for ((i = 0; i < 100; i++)); do [ -s "$VR/helpdesk.json" ] && break; sleep 0.1; done
VR_HD=$(jq -r .baseUrl "$VR/helpdesk.json" 2> /dev/null || echo '')
vr_tickets() { curl -sf "$VR_HD/api/tickets" | jq -c '.tickets // null' || echo null; }

# the nightly schedule becomes a Manual Trigger, so `n8n execute` can run it
node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg hd "$VR_HD" '{helpdesk: $hd}')" --manual-start --poll-interval 1 \
	"$VR/localized" "$BJ_REPO/examples/veeam-wait-then-restore.json"
jq '.id = "wfVeeamRestoreE2e" | .name += " (e2e)"' "$VR/localized/veeam-wait-then-restore.json" > "$VR/wf/wait-then-restore.json"
if [ -n "$VR_HD" ] && bj_import_workflows "$VR/wf" "$VR/import-wf"; then
	ok "veeam restore: the loopback helpdesk runs, the wait-then-restore example imports"
else
	not_ok "veeam restore: the loopback helpdesk runs, the wait-then-restore example imports" "$(cat "$VR/helpdesk.err" "$VR/import-wf.err" 2> /dev/null | tail -n 5)"
fi

# --- 1. the backup waited for, one restore sent, the restore session waited for: success branch -----------------
bj_sim_post veeam /__sim/reset
run_workflow wfVeeamRestoreE2e veeam-wait-then-restore
R=$WORK/runs/veeam-wait-then-restore.json
vr_get /__sim/restores > "$VR/restores.json"
jq_check "veeam-wait-then-restore: one restore sent, of fileserver01's restore point of the newest backup session, powered on, replacing the VM" \
	"$VR/restores.json" 'length == 1 and (.[0] | .vmRestorePointId == "5acac742-ee17-4080-8e89-a6ea67adfcf3" and .vm == "fileserver01"
		and .spec == {PowerOnAfterRestore: true, QuickRollback: false} and .success)'
bj_node_items "$R" "Restore Succeeded" > "$VR/items.json"
jq_check "veeam-wait-then-restore: the success branch got the restore session (jobType restore), waited for until Stopped/Success" "$VR/items.json" \
	'length == 1 and (.[0] | .vendor == "veeam" and .jobType == "restore" and .jobId == $id and .state == "succeeded"
		and .isFinished and .isSuccess and .vendorState == "Stopped/Success" and (.jobName | startswith("fileserver01@")))' \
	--arg id "$(jq -r '.[0].sessionId // ""' "$VR/restores.json")"
bj_node_items "$R" "Wait for Latest Veeam Backup" > "$VR/backup.json"
jq_check "veeam-wait-then-restore: it restored after the backup session it waited for (jobType backup, succeeded)" "$VR/backup.json" \
	'length == 1 and .[0].jobId == "e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9" and .[0].jobType == "backup" and .[0].state == "succeeded"'
jq_check "veeam-wait-then-restore: \"Open Ticket\" did not run" "$R" '.data.resultData.runData["Open Ticket"] == null'

# --- 2. a restore that fails half way: the ticket branch ---------------------------------------------------------
bj_sim_post veeam /__sim/reset
vr_post /__sim/restore-steps '{"steps": [{"state": "Working", "result": "None", "progress": 40}, {"state": "Stopped", "result": "Failed", "progress": 40}]}'
curl -sf -X POST "$VR_HD/__sim/reset" > /dev/null || true
run_workflow wfVeeamRestoreE2e veeam-wait-then-restore-failed
R=$WORK/runs/veeam-wait-then-restore-failed.json
jq_check "veeam-wait-then-restore-failed: \"Restore Succeeded\" did not run, \"Open Ticket\" ran once" "$R" \
	'.data.resultData.runData as $d | $d["Restore Succeeded"] == null and ($d["Open Ticket"] | length == 1)'
vr_get /__sim/restores > "$VR/restores.json"
jq_check "veeam-wait-then-restore-failed: still one restore sent (nothing retried)" "$VR/restores.json" 'length == 1'
vr_tickets > "$VR/tickets.json"
jq_check "veeam-wait-then-restore-failed: one ticket with the failed restore session" "$VR/tickets.json" \
	'length == 1 and (.[0].body | .vendor == "veeam" and .jobType == "restore" and .state == "failed" and .vendorState == "Stopped/Failed")'

bj_sim_post veeam /__sim/reset
kill "$VR_HD_PID" 2> /dev/null || true
wait "$VR_HD_PID" 2> /dev/null || true
