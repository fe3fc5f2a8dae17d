# shellcheck shell=bash
# Huawei Cloud CBR in a real n8n, sourced by run.sh section 6b (execute mode; run.sh's helpers ok, not_ok,
# jq_check, run_workflow, bj_*). The simulator serves CBR beside VBS (its cbrEndpoint is the same server):
#   1. the example "back up a CBR vault now and wait": one restore point, the task of the disk CBR did not
#      skip (the other one is still being backed up in the simulator's seed) waited for until success;
#   2. the backup tasks fail: one ticket per task at a loopback helpdesk, of jobType backup;
#   3. a restore built from the native operations (CBR Backup → Get Many, → Restore with Wait): the newest
#      available backup of the vault restored once, its task (found, CBR names none) followed until success;
#   4. the same restore with "Overwrite the Target's Data" off: refused, nothing sent.
# Outputs go to $WORK/runs, so run.sh's secret checks read them too.

HWC=$WORK/vendors/huawei-cbr
mkdir -p "$HWC/wf"
HWC_BASE=$(bj_sim huawei baseUrl)
hwc_get() { curl -sf "$HWC_BASE$1" || echo null; }
hwc_post() { curl -sf -X POST -H 'content-type: application/json' --data "$2" "$HWC_BASE$1" > /dev/null || true; }
HWC_VAULT=b4a2e2f0-5c1d-4e3f-8a9b-0c1d2e3f4a5b
HWC_DISK=f47a4ab5-11f5-4509-97f5-80ce0dd74e37

HWC_HD_PID=
node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$HWC/helpdesk.json" > "$HWC/helpdesk.out" 2> "$HWC/helpdesk.err" &
HWC_HD_PID=$!
for ((i = 0; i < 100; i++)); do [ -s "$HWC/helpdesk.json" ] && break; sleep 0.1; done
HWC_HD=$(jq -r .baseUrl "$HWC/helpdesk.json" 2> /dev/null || echo '')

node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg hd "$HWC_HD" '{helpdesk: $hd}')" --poll-interval 1 \
	"$HWC/localized" "$BJ_REPO/examples/huawei-cbr-back-up-vault-now.json"
jq '.id = "wfHwCbrBackUpE2e1" | .name += " (e2e)"' "$HWC/localized/huawei-cbr-back-up-vault-now.json" > "$HWC/wf/back-up.json"

# The restore: Manual Trigger → newest available backup of the vault → Restore to the disk, waited for.
hwc_restore_workflow() { # ID OVERWRITE FILE
	jq -n --arg id "$1" --argjson overwrite "$2" --arg vault "$HWC_VAULT" --arg disk "$HWC_DISK" '{
		id: $id, name: ("Huawei CBR restore (e2e) " + $id), active: false, settings: {executionOrder: "v1"}, pinData: {},
		nodes: [
			{id: "c0000000-0000-4000-8000-000000000001", name: "Start", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0], parameters: {}},
			{id: "c0000000-0000-4000-8000-000000000002", name: "Newest Backup", type: "n8n-nodes-backup-jobs.huaweiCloudBackup", typeVersion: 1,
			 position: [240, 0], credentials: {huaweiCloudApi: {id: "huaweiSim01", name: "Huawei simulator"}},
			 parameters: {resource: "cbrBackup", operation: "getAll", cbrVaultId: {__rl: true, mode: "id", value: $vault},
				returnAll: false, limit: 1, cbrBackupFilters: {status: "available"}, options: {}}},
			{id: "c0000000-0000-4000-8000-000000000003", name: "Restore to Disk", type: "n8n-nodes-backup-jobs.huaweiCloudBackup", typeVersion: 1,
			 position: [480, 0], credentials: {huaweiCloudApi: {id: "huaweiSim01", name: "Huawei simulator"}},
			 parameters: {resource: "cbrBackup", operation: "restore", cbrRestoreBackupId: "={{ $json.backupId }}", cbrRestoreTo: "disk",
				cbrVolumeId: $disk, cbrOverwrite: $overwrite, waitForCompletion: true, pollInterval: 1, waitTimeout: 120, options: {}}}
		],
		connections: {Start: {main: [[{node: "Newest Backup", type: "main", index: 0}]]},
			"Newest Backup": {main: [[{node: "Restore to Disk", type: "main", index: 0}]]}}}' > "$3"
}
hwc_restore_workflow wfHwCbrRestoreE2e1 true "$HWC/wf/restore.json"
hwc_restore_workflow wfHwCbrRestoreE2e2 false "$HWC/wf/restore-refused.json"

if [ -n "$HWC_HD" ] && bj_import_workflows "$HWC/wf" "$HWC/import-wf"; then
	ok "huawei cbr: the loopback helpdesk runs, the Back Up Vault Now example and the restore workflows import"
else
	not_ok "huawei cbr: the loopback helpdesk runs, the Back Up Vault Now example and the restore workflows import" \
		"$(cat "$HWC/helpdesk.err" "$HWC/import-wf.err" 2> /dev/null | tail -n 5)"
fi

# --- 1. back up the vault once: the task of the disk not skipped, waited for, success branch -----------------------
bj_sim_post huawei /__sim/reset
run_workflow wfHwCbrBackUpE2e1 huawei-cbr-back-up
R=$WORK/runs/huawei-cbr-back-up.json
hwc_get /__sim/cbr-checkpoints > "$HWC/checkpoints.json"
jq_check "huawei-cbr-back-up: one restore point of the vault, with a name the node made, one task (the busy disk skipped)" "$HWC/checkpoints.json" \
	'length == 1 and .[0].vaultId == $v and (.[0].parameters.name | test("^manualbk_n8n_")) and (.[0].taskIds | length == 1)' --arg v "$HWC_VAULT"
bj_node_items "$R" "Backup Succeeded" > "$HWC/items.json"
jq_check "huawei-cbr-back-up: the success branch got that task, a backup, waited for until success" "$HWC/items.json" \
	'length == 1 and (.[0] | .vendor == "huaweiCloud" and .jobType == "backup" and .state == "succeeded" and .vendorState == "success"
		and .jobId == $t and .isSuccess == true and (.endedAt | test("Z$")))' \
	--arg t "$(jq -r '.[0].taskIds[0] // ""' "$HWC/checkpoints.json")"
jq_check "huawei-cbr-back-up: \"Open Ticket\" did not run" "$R" '.data.resultData.runData["Open Ticket"] == null'

# --- 2. the backup fails: the ticket branch, one ticket per task ------------------------------------------------------
bj_sim_post huawei /__sim/reset
hwc_post /__sim/cbr-states '{"backup": ["running", "failed"]}'
curl -sf -X POST "$HWC_HD/__sim/reset" > /dev/null || true
run_workflow wfHwCbrBackUpE2e1 huawei-cbr-back-up-failed
R=$WORK/runs/huawei-cbr-back-up-failed.json
jq_check "huawei-cbr-back-up-failed: \"Backup Succeeded\" did not run, \"Open Ticket\" ran" "$R" \
	'.data.resultData.runData as $d | $d["Backup Succeeded"] == null and ($d["Open Ticket"] | length == 1)'
curl -sf "$HWC_HD/api/tickets" | jq -c '.tickets // null' > "$HWC/tickets.json" 2> /dev/null || echo null > "$HWC/tickets.json"
jq_check "huawei-cbr-back-up-failed: one ticket, of the failed backup task" "$HWC/tickets.json" \
	'length == 1 and (.[0].body | .vendor == "huaweiCloud" and .jobType == "backup" and .state == "failed" and .vendorState == "failed")'
hwc_get /__sim/cbr-checkpoints > "$HWC/checkpoints.json"
jq_check "huawei-cbr-back-up-failed: the vault was backed up once" "$HWC/checkpoints.json" 'length == 1'

# --- 3. restore the newest available backup, its task found and waited for -------------------------------------------
bj_sim_post huawei /__sim/reset
run_workflow wfHwCbrRestoreE2e1 huawei-cbr-restore
hwc_get /__sim/cbr-restores > "$HWC/restores.json"
jq_check "huawei-cbr-restore: the newest backup of the vault restored once, to the disk" "$HWC/restores.json" \
	'length == 1 and .[0].backupId == "6df2b54c-dd62-4059-a07c-1b8f24f2725d" and .[0].restore == {volume_id: $d}' --arg d "$HWC_DISK"
bj_node_items "$WORK/runs/huawei-cbr-restore.json" "Restore to Disk" > "$HWC/items.json"
jq_check "huawei-cbr-restore: the item is the restore's task, a restore, waited for until success" "$HWC/items.json" \
	'length == 1 and (.[0] | .vendor == "huaweiCloud" and .jobType == "restore" and .state == "succeeded" and .jobId == $t)' \
	--arg t "$(jq -r '.[0].taskId // ""' "$HWC/restores.json")"

# --- 4. Overwrite off: refused before anything is sent ------------------------------------------------------------------
bj_sim_post huawei /__sim/reset
rc=0
bj_execute wfHwCbrRestoreE2e2 "$WORK/runs/huawei-cbr-restore-refused" || rc=$?
hwc_get /__sim/cbr-restores > "$HWC/restores.json"
if [ "$rc" -ne 0 ] && jq -e '.data.resultData.error.message | test("replaces the data on disk .*; nothing was sent")' "$WORK/runs/huawei-cbr-restore-refused.json" > /dev/null 2>&1 &&
	jq -e 'length == 0' "$HWC/restores.json" > /dev/null 2>&1; then
	ok "huawei-cbr-restore-refused: \"Overwrite the Target's Data\" off: the execution fails with the reason, nothing is restored"
else
	not_ok "huawei-cbr-restore-refused: \"Overwrite the Target's Data\" off: the execution fails with the reason, nothing is restored (rc $rc)" \
		"$(run_error "$WORK/runs/huawei-cbr-restore-refused")"
fi

kill "$HWC_HD_PID" 2> /dev/null || true
wait "$HWC_HD_PID" 2> /dev/null || true
