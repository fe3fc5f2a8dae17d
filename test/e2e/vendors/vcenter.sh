# shellcheck shell=bash
# vCenter's job actions in a real n8n, sourced by run.sh section 6b (execute mode; run.sh's helpers ok,
# not_ok, jq_check, run_workflow, bj_*). The example "run a backup now and wait, ticket on failure":
#   1. a backup is started once (the BackupRequest reaches the appliance), waited for, and takes the
#      success branch;
#   2. a started backup that fails takes the ticket branch: one ticket at a loopback helpdesk;
#   3. a backup already running: nothing is started, the running job is waited for.
# Outputs go to $WORK/runs, so run.sh's secret checks read them too.

VCA=$WORK/vendors/vcenter
mkdir -p "$VCA/wf"
VC=$(bj_sim vcenter baseUrl)
vc_get() { curl -sf "$VC$1" || echo null; }
vc_post() { curl -sf -X POST -H 'content-type: application/json' --data "$2" "$VC$1" > /dev/null || true; }

VC_HD_PID=
node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$VCA/helpdesk.json" > "$VCA/helpdesk.out" 2> "$VCA/helpdesk.err" &
VC_HD_PID=$!
for ((i = 0; i < 100; i++)); do [ -s "$VCA/helpdesk.json" ] && break; sleep 0.1; done
VC_HD=$(jq -r .baseUrl "$VCA/helpdesk.json" 2> /dev/null || echo '')
vc_tickets() { curl -sf "$VC_HD/api/tickets" | jq -c '.tickets // null' || echo null; }

node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg hd "$VC_HD" '{helpdesk: $hd}')" --poll-interval 1 \
	"$VCA/localized" "$BJ_REPO/examples/vcenter-backup-now-and-wait.json"
jq '.id = "wfVcBackupNowE2e1" | .name += " (e2e)"' "$VCA/localized/vcenter-backup-now-and-wait.json" > "$VCA/wf/backup-now.json"
if [ -n "$VC_HD" ] && bj_import_workflows "$VCA/wf" "$VCA/import-wf"; then
	ok "vcenter actions: the loopback helpdesk runs, the Back Up Now example imports"
else
	not_ok "vcenter actions: the loopback helpdesk runs, the Back Up Now example imports" "$(cat "$VCA/helpdesk.err" "$VCA/import-wf.err" 2> /dev/null | tail -n 5)"
fi
# the seeded job that runs at first has ended, so the example starts a backup
vc_finish_seeded() { vc_post /__sim/seed '{"jobs": [{"id": "20240315-020002-21560480", "states": ["SUCCEEDED"]}]}'; }

# --- 1. started once, waited for, success branch ---------------------------------------------------------------
bj_sim_post vcenter /__sim/reset
vc_finish_seeded
run_workflow wfVcBackupNowE2e1 vcenter-backup-now
R=$WORK/runs/vcenter-backup-now.json
vc_get /__sim/starts > "$VCA/starts.json"
jq_check "vcenter-backup-now: one backup started, to the example's location" "$VCA/starts.json" \
	'length == 1 and .[0].location == "sftp://backup.example.com/vcsa"'
bj_node_items "$R" "Backup Succeeded" > "$VCA/items.json"
jq_check "vcenter-backup-now: the success branch got the started job, waited for until SUCCEEDED" "$VCA/items.json" \
	'length == 1 and (.[0] | .vendor == "vcenter" and .jobId == $id and .state == "succeeded" and .isFinished and .isSuccess)' \
	--arg id "$(jq -r '.[0].id // ""' "$VCA/starts.json")"
jq_check "vcenter-backup-now: \"Open Ticket\" did not run" "$R" '.data.resultData.runData["Open Ticket"] == null'

# --- 2. a started backup that fails: the ticket branch ---------------------------------------------------------
bj_sim_post vcenter /__sim/reset
vc_finish_seeded
vc_post /__sim/start-states '{"states": ["INPROGRESS", "FAILED"]}'
curl -sf -X POST "$VC_HD/__sim/reset" > /dev/null || true
run_workflow wfVcBackupNowE2e1 vcenter-backup-now-failed
R=$WORK/runs/vcenter-backup-now-failed.json
jq_check "vcenter-backup-now-failed: \"Backup Succeeded\" did not run, \"Open Ticket\" ran once" "$R" \
	'.data.resultData.runData as $d | $d["Backup Succeeded"] == null and ($d["Open Ticket"] | length == 1)'
vc_tickets > "$VCA/tickets.json"
jq_check "vcenter-backup-now-failed: one ticket with the failed job" "$VCA/tickets.json" \
	'length == 1 and (.[0].body | .vendor == "vcenter" and .state == "failed" and .vendorState == "FAILED")'

# --- 3. a backup already running: nothing started, the running job waited for ---------------------------------
bj_sim_post vcenter /__sim/reset
run_workflow wfVcBackupNowE2e1 vcenter-backup-now-running
vc_get /__sim/starts > "$VCA/starts.json"
jq_check "vcenter-backup-now-running: If Already Running returned the running job: nothing started" "$VCA/starts.json" 'length == 0'
bj_node_items "$WORK/runs/vcenter-backup-now-running.json" "Backup Succeeded" > "$VCA/items.json"
jq_check "vcenter-backup-now-running: the running job 20240315-020002-21560480, waited for until it succeeded" "$VCA/items.json" \
	'length == 1 and .[0].jobId == "20240315-020002-21560480" and .[0].state == "succeeded"'

kill "$VC_HD_PID" 2> /dev/null || true
wait "$VC_HD_PID" 2> /dev/null || true
