# shellcheck shell=bash
# Cohesity's "wait for the backup, then restore" in a real n8n with the node's own Recovery → Recover VMs,
# sourced by run.sh section 6b (execute mode; run.sh's helpers ok, not_ok, jq_check, run_workflow, bj_*).
# The example examples/cohesity-wait-then-restore.json, on the simulator's VMware group vmware_prod:
#   1. the latest run is waited for, its VMs are recovered once (a unique name, both VMs' snapshots), the
#      recovery is waited for until it succeeded, and the success branch posts a notification;
#   2. a recovery that fails half way takes the failure branch: one ticket for the restore (jobType restore);
#   3. a failed backup opens a ticket, and nothing is recovered.
# Outputs go to $WORK/runs, so run.sh's secret checks read them too.

COR=$WORK/vendors/cohesity-restore
mkdir -p "$COR/wf"
COR_BASE=$(bj_sim cohesity baseUrl)
COR_GROUP=4594155844987574:1679899218812:912
cor_get() { curl -sf "$COR_BASE$1" || echo null; }
cor_post() { curl -sf -X POST -H 'content-type: application/json' --data "$2" "$COR_BASE$1" || echo null; }

COR_HD_PID=
node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$COR/helpdesk.json" > "$COR/helpdesk.out" 2> "$COR/helpdesk.err" &
COR_HD_PID=$!
for ((i = 0; i < 100; i++)); do [ -s "$COR/helpdesk.json" ] && break; sleep 0.1; done
COR_HD=$(jq -r .baseUrl "$COR/helpdesk.json" 2> /dev/null || echo '')
cor_tickets() { curl -sf "$COR_HD/api/tickets" | jq -c '.tickets // null' || echo null; }
cor_chat() { curl -sf "$COR_HD/api/chat" | jq -c '.messages // null' || echo null; }
cor_reset() {
	bj_sim_post cohesity /__sim/reset
	curl -sf -X POST "$COR_HD/__sim/reset" > /dev/null || true
}

# the nightly schedule becomes a manual start (`n8n execute` needs one); checks every 1 s
node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg hd "$COR_HD" '{helpdesk: $hd}')" --manual-start --poll-interval 1 \
	"$COR/localized" "$BJ_REPO/examples/cohesity-wait-then-restore.json"
jq '.id = "wfCohRestoreE2e1" | .name += " (e2e)"' "$COR/localized/cohesity-wait-then-restore.json" > "$COR/wf/restore.json"
if [ -n "$COR_HD" ] && bj_import_workflows "$COR/wf" "$COR/import-wf"; then
	ok "cohesity restore: the loopback helpdesk runs, the wait-then-restore example imports"
else
	not_ok "cohesity restore: the loopback helpdesk runs, the wait-then-restore example imports" "$(cat "$COR/helpdesk.err" "$COR/import-wf.err" 2> /dev/null | tail -n 5)"
fi

# --- 1. the backup waited for, its VMs recovered once, the recovery waited for, success branch ------------------
cor_reset
run_workflow wfCohRestoreE2e1 cohesity-restore-native
R=$WORK/runs/cohesity-restore-native.json
cor_get /__sim/recoveries > "$COR/recoveries.json"
jq_check "cohesity-restore-native: one Recover VMs of the latest run's two VM snapshots, under a unique name, nothing replaced" "$COR/recoveries.json" \
	'length == 1 and (.[0].body | (.name | startswith("n8n_Recover_VMs_vmware_prod_")) and .snapshotEnvironment == "kVMware"
		and ([.vmwareParams.objects[].snapshotId] | length == 2 and all(startswith($g)))
		and .vmwareParams.recoverVmParams.vmwareTargetParams.overwriteExistingVm == false)' --arg g "$COR_GROUP"
bj_node_items "$R" "Recover VMs (Cohesity)" > "$COR/items.json"
jq_check "cohesity-restore-native: Recover VMs outputs the recovery's job-status item, waited for until Succeeded" "$COR/items.json" \
	'length == 1 and (.[0] | .vendor == "cohesity" and .jobType == "restore" and .jobId == $id and .state == "succeeded"
		and .isFinished and .isSuccess and .vendorState == "Succeeded" and (.endedAt | test("Z$")))' \
	--arg id "$(jq -r '.[0].id // ""' "$COR/recoveries.json")"
jq_check "cohesity-restore-native: the success branch notified, \"Open Ticket\" did not run" "$R" \
	'.data.resultData.runData as $d | ($d["Notify: Recovery Succeeded"] | length == 1) and $d["Open Ticket"] == null'
cor_chat > "$COR/chat.json"
jq_check "cohesity-restore-native: the chat message names the recovery and its result" "$COR/chat.json" \
	'length == 1 and (.[0].body.text | test("Cohesity recovery n8n_Recover_VMs_vmware_prod_.* Succeeded"))'

# --- 2. a recovery that fails half way: the failure branch opens one ticket for the restore ---------------------
cor_reset
cor_post /__sim/recovery-states '{"states": ["Running", "Failed"], "messages": ["Failed to recover VM vmware_prod-vm-2: the datastore has no space left."]}' > /dev/null
run_workflow wfCohRestoreE2e1 cohesity-restore-native-failed
R=$WORK/runs/cohesity-restore-native-failed.json
jq_check "cohesity-restore-native-failed: \"Open Ticket\" ran once, the notification did not" "$R" \
	'.data.resultData.runData as $d | ($d["Open Ticket"] | length == 1) and $d["Notify: Recovery Succeeded"] == null'
cor_tickets > "$COR/tickets.json"
jq_check "cohesity-restore-native-failed: one ticket for the failed recovery, with Cohesity's message" "$COR/tickets.json" \
	'length == 1 and (.[0].body | .vendor == "cohesity" and .jobType == "restore" and .state == "failed" and .vendorState == "Failed"
		and (.title | startswith("Recovery failed: n8n_Recover_VMs_vmware_prod_")) and (.message | test("no space left")))'
[ "$(cor_get /__sim/recoveries | jq length)" = 1 ] && ok "cohesity-restore-native-failed: the recovery was sent once, never again" ||
	not_ok "cohesity-restore-native-failed: the recovery was sent once" "$(cor_get /__sim/recoveries | jq -c 'map(.body.name)')"

# --- 3. a failed backup: a ticket for the run, nothing recovered --------------------------------------------------
cor_reset
FAILED_RUN=$(cor_post /__sim/runs "$(jq -nc --arg g "$COR_GROUP" '{groupId: $g, local: ["Failed"], ageSeconds: 60}')" | jq -r '.id // empty')
run_workflow wfCohRestoreE2e1 cohesity-restore-native-backup-failed
cor_tickets > "$COR/tickets.json"
jq_check "cohesity-restore-native-backup-failed: one ticket for the failed run (jobType backup), and no recovery" "$COR/tickets.json" \
	'length == 1 and (.[0].body | .jobId == $id and .jobType == "backup" and (.title | startswith("Backup failed: vmware_prod")))' --arg id "$FAILED_RUN"
[ "$(cor_get /__sim/recoveries | jq length)" = 0 ] && ok "cohesity-restore-native-backup-failed: nothing was recovered" ||
	not_ok "cohesity-restore-native-backup-failed: nothing was recovered" "$(cor_get /__sim/recoveries)"

kill "$COR_HD_PID" 2> /dev/null || true
wait "$COR_HD_PID" 2> /dev/null || true
