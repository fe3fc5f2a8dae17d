#!/usr/bin/env bash
# End-to-end test: a real n8n (2.41.1 on Node 24 by default; N8N_LINE=1 for 1.123.81 on Node 20) loads the
# packed package as a community install, imports the simulator credentials and the workflows in examples/,
# runs them with `n8n execute`, and the outputs are checked with jq.
#
#   bash test/e2e/run.sh          (npm run e2e)
#   N8N_LINE=1 bash test/e2e/run.sh
#   E2E_KEEP_WORK=1 ...           keep the scratch folder (it is kept anyway when a check fails)
#
# Prints `ok - …` / `not ok - …` per check and `N passed, M failed` last; exits 1 on any failure.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=report.sh
source "$HERE/report.sh"
export N8N_LINE=${N8N_LINE:-2}
export CACHE=$BJ_CACHE

PASSED=0
FAILED=0
WORK=
T_ALL=$(bj_now)

cleanup() {
	bj_n8n_stop # the server-mode n8n of section 8, by its PID, if it still runs
	bj_stop_sims
	if [ -n "$WORK" ] && [ -d "$WORK" ]; then
		if [ "$FAILED" -gt 0 ] || [ "${E2E_KEEP_WORK:-}" = 1 ]; then
			echo "# scratch folder kept: $WORK"
		else
			rm -rf "$WORK"
		fi
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# What went wrong in an execution, for diagnostics.
run_error() { # PREFIX
	{
		jq -c '.data.resultData.error // empty | {name, message, description, httpCode}' "$1.json" 2> /dev/null
		grep -v '^\s*$' "$1.err" 2> /dev/null | tail -n 5
		[ -s "$1.json" ] && [ "$(cat "$1.json")" != null ] || tail -n 8 "$1.out"
	} | cut -c1-400
}

# The checks on a job-status item that ends the example workflows: the newest default simulator job.
ITEM_FILTER='length == 1 and (.[0] | .vendor == "vcenter" and .jobId == "20240315-020002-21560480"
	and .state == "succeeded" and .isFinished == true and .isSuccess == true and .vendorState == "SUCCEEDED"
	and (.startedAt | type == "string" and test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$"))
	and (.endedAt | type == "string" and test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$"))
	and (.steps | type == "array") and (has("timedOut") | not))'

echo "# n8n line $N8N_LINE, cache $CACHE"

# --- install n8n, build and pack --------------------------------------------------------------------------
t=$(bj_now)
bash "$HERE/install-n8n.sh" "$N8N_LINE" || fatal "install n8n (line $N8N_LINE)"
timing "install-n8n $(bj_since "$t") s"

# test/run-all.sh has built dist/ already and runs the two lines side by side: one build, not two at once
if [ "${BJ_E2E_PREBUILT:-}" != 1 ]; then
	t=$(bj_now)
	build_log=$(cd "$BJ_REPO" && npm run build 2>&1) || fatal "npm run build" "$(tail -n 15 <<< "$build_log")"
	timing "npm run build $(bj_since "$t") s"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bj-e2e.XXXXXX")
mkdir -p "$WORK/runs" "$WORK/wf"

bj_e2e_setup "$WORK" || fatal "set up a fresh n8n user folder (pack, place, simulators, credentials)" \
	"$(cat "$WORK/import-creds.err" "$WORK/sim/sim.err" 2> /dev/null | tail -n 10)"
timing "setup (pack, place, simulators, import credentials) $BJ_SETUP_SECONDS s"
echo "# n8n $(n8n --version 2> /dev/null | tail -n1) on Node $(node --version), user folder $N8N_USER_FOLDER"
ok "package packed and placed in .n8n/nodes/node_modules, credentials imported"

# --- the installed copy: no dependencies, nothing installed beside it, its bundled XML parser works -------
PKG_DIR=$N8N_USER_FOLDER/.n8n/nodes/node_modules/$BJ_PKG_NAME
INSTALLED=$(jq -c '{dependencies, devDependencies, peerDependencies}' "$PKG_DIR/package.json" 2> /dev/null || echo null)
BESIDE=$(ls "$N8N_USER_FOLDER/.n8n/nodes/node_modules" | tr '\n' ' ')
if [ "$INSTALLED" = '{"dependencies":null,"devDependencies":null,"peerDependencies":null}' ] &&
	[ ! -e "$PKG_DIR/node_modules" ] && [ "$BESIDE" = "$BJ_PKG_NAME " ]; then
	ok "installed copy: no dependencies (dev and peer ones dropped as n8n does), so nothing was npm-installed in or beside it"
else
	not_ok "installed copy: no dependencies (dev and peer ones dropped as n8n does), so nothing was npm-installed in or beside it" \
		"package.json $INSTALLED; .n8n/nodes/node_modules: $BESIDE; $(ls -A "$PKG_DIR/node_modules" 2> /dev/null | head -n 5 | tr '\n' ' ')"
fi
# test/scan/load-installed.js, with the Node this n8n runs on: resolves fast-xml-parser from the installed
# dist/nodes/shared/body.js (it must not resolve) and parses an XML answer with it.
LOADED=$(cd "$N8N_USER_FOLDER/.n8n/nodes" && env -u NODE_PATH node "$BJ_REPO/test/scan/load-installed.js" "$PKG_DIR" 2> "$WORK/load-installed.err" | tail -n 1)
if jq -e '.resolvesTo == null and .xml.kind == "xml" and .xml.value.JobStats.status == "Completed"
	and .xml.value.JobStats.jobId == "4711"' <<< "$LOADED" > /dev/null 2>&1; then
	ok "installed copy: fast-xml-parser is out of reach, and dist/nodes/shared/body.js parses XML with the bundled parser (Node $(node --version))"
else
	not_ok "installed copy: fast-xml-parser is out of reach, and dist/nodes/shared/body.js parses XML with the bundled parser" \
		"$(jq -c '{resolvesTo, xml}' <<< "$LOADED" 2> /dev/null || cat "$WORK/load-installed.err")"
fi

[ "$(bj_sim vcenter baseUrl)" != null ] || fatal "the simulator launcher reports a vcenter simulator" "$BJ_SIM_JSON"
SIM_PASSWORD=$(bj_sim vcenter password)

# --- workflows: the examples (fast waits) and a Get on an unknown job ------------------------------------
for f in "$BJ_REPO"/examples/*.json; do
	# the copy n8n imports waits 1 s in the Wait node and polls every 1 s; examples/ stays as users get it
	jq '(.nodes[] | select(.type == "n8n-nodes-base.wait") | .parameters) |= (.amount = 1 | .unit = "seconds")
		| (.nodes[] | select(.parameters.pollInterval != null) | .parameters.pollInterval) = 1' \
		"$f" > "$WORK/wf/$(basename "$f")"
done
bj_write_get_workflow wfVcenterMissing01 20240101-000000-21560480 "$WORK/wf/vcenter-missing.json"
# the fault guards of section 5b: Get and Get Many with a 2 s Request Timeout
write_vcenter_workflow() { # ID OPERATION FILE
	bj_write_get_workflow "$1" 20240314-020001-21560480 "$3"
	jq --arg op "$2" '(.nodes[] | select(.name == "Get Job") | .parameters) |= (.operation = $op | .returnAll = true
		| .options = {requestTimeout: 2})' "$3" > "$3.tmp" && mv "$3.tmp" "$3"
}
write_vcenter_workflow wfFaultGet01 get "$WORK/wf/fault-get.json"
write_vcenter_workflow wfFaultMany01 getAll "$WORK/wf/fault-many.json"
t=$(bj_now)
bj_import_workflows "$WORK/wf" "$WORK/import-wf" || fatal "import the workflows" "$(tail -n 10 "$WORK/import-wf.err")"
timing "import:workflow ($(ls "$WORK/wf" | wc -l) files) $(bj_since "$t") s"
ok "examples/*.json import into n8n"

# Session ids / tokens n8n stored with the credentials (decrypted export), to prove none leaks into any
# output: every string field whose name says token or session, for every vendor.
SESSION_IDS=()
stored_session_ids() { # prints one per line
	bj_n8n "$WORK/export" export:credentials --all --decrypted --output="$WORK/creds-export.json" || return 0
	jq -r '.[] | .data // {} | to_entries[] | select(.key | test("token|session"; "i"))
		| .value | strings | select(length >= 8)' "$WORK/creds-export.json"
	rm -f "$WORK/creds-export.json"
}
stored_session_id() { # the vCenter one
	bj_n8n "$WORK/export" export:credentials --all --decrypted --output="$WORK/creds-export.json" || return 0
	jq -r '[.[] | select(.type == "vmwareVcenterApi") | .data.sessionToken // .data.sessionId // empty][0] // empty' "$WORK/creds-export.json"
	rm -f "$WORK/creds-export.json"
}
reset_all_sims() {
	local v
	for v in $(jq -r 'keys[]' <<< "$BJ_SIM_JSON"); do bj_sim_post "$v" /__sim/reset; done
}

# run_workflow ID NAME: execute, report success; the run is in $WORK/runs/NAME.json
run_workflow() {
	local rc=0
	bj_execute "$1" "$WORK/runs/$2" || rc=$?
	timing "n8n execute $1 ($2) $BJ_EXEC_SECONDS s"
	if [ "$rc" -eq 0 ] && jq -e '.status == "success"' "$WORK/runs/$2.json" > /dev/null 2>&1; then
		ok "$2: n8n execute --id=$1 exits 0 with status success"
	else
		not_ok "$2: n8n execute --id=$1 exits 0 with status success (rc $rc)" "$(run_error "$WORK/runs/$2")"
	fi
}

# --- 1. wait example: first run, sign-in once ------------------------------------------------------------
bj_sim_post vcenter /__sim/reset
run_workflow wfVcenterWait01 wait-1
R=$WORK/runs/wait-1.json
bj_node_items "$R" "Backup Succeeded" > "$WORK/items.json"
jq_check "wait-1: ends in \"Backup Succeeded\" with the succeeded job (vendor, jobId, state, isFinished, isSuccess, ISO times)" \
	"$WORK/items.json" "$ITEM_FILTER"
jq_check "wait-1: \"Backup Failed\" did not run" "$R" '.data.resultData.runData["Backup Failed"] == null'
jq_check "wait-1: the Get node polled the running job until it finished (one node run, one item)" "$R" \
	'.data.resultData.runData["Wait for vCenter Backup"] | length == 1 and (.[0].data.main[0] | length == 1)'
S1=$(bj_sim_signins vcenter || echo '?')
if [ "$S1" = 1 ]; then ok "wait-1: exactly one sign-in to the simulator"; else not_ok "wait-1: exactly one sign-in to the simulator (saw $S1)" "$(bj_sim_stats vcenter)"; fi
SID=$(stored_session_id)
if [ -n "$SID" ]; then
	ok "n8n stored the vCenter session id with the credential"
	SESSION_IDS+=("$SID")
else
	not_ok "n8n stored the vCenter session id with the credential" "$(tail -n 3 "$WORK/export.err")"
fi

# --- 2. second execution: the stored session is reused -----------------------------------------------------
run_workflow wfVcenterWait01 wait-2
bj_node_items "$WORK/runs/wait-2.json" "Backup Succeeded" > "$WORK/items.json"
jq_check "wait-2: ends in \"Backup Succeeded\" with the succeeded job" "$WORK/items.json" "$ITEM_FILTER"
S2=$(bj_sim_signins vcenter || echo '?')
if [ "$S2" = 1 ]; then ok "wait-2: a second n8n execute reuses the stored session (sign-ins still 1)"; else not_ok "wait-2: a second n8n execute reuses the stored session (sign-ins still 1, saw $S2)" "$(bj_sim_stats vcenter)"; fi

# --- 3. the simulator expires every session: exactly one re-sign-in -----------------------------------------
bj_sim_post vcenter /__sim/expire-sessions
run_workflow wfVcenterWait01 wait-3
bj_node_items "$WORK/runs/wait-3.json" "Backup Succeeded" > "$WORK/items.json"
jq_check "wait-3: after the session expired, still ends in \"Backup Succeeded\"" "$WORK/items.json" "$ITEM_FILTER"
S3=$(bj_sim_signins vcenter || echo '?')
if [ "$S3" = 2 ]; then ok "wait-3: an expired session costs exactly one more sign-in (sign-ins 2)"; else not_ok "wait-3: an expired session costs exactly one more sign-in (sign-ins 2, saw $S3)" "$(bj_sim_stats vcenter)"; fi
SID=$(stored_session_id)
if [ -n "$SID" ] && [ "$SID" != "${SESSION_IDS[0]:-}" ]; then
	ok "n8n stored the renewed session id"
	SESSION_IDS+=("$SID")
else
	not_ok "n8n stored the renewed session id"
	[ -z "$SID" ] || SESSION_IDS+=("$SID")
fi

# --- 4. native Wait loop example --------------------------------------------------------------------------
bj_sim_post vcenter /__sim/reset
run_workflow wfVcenterLoop01 loop
R=$WORK/runs/loop.json
bj_node_items "$R" "Backup Succeeded" > "$WORK/items.json"
jq_check "loop: ends in \"Backup Succeeded\" with the succeeded job (vendor, jobId, state, isFinished, isSuccess, ISO times)" \
	"$WORK/items.json" "$ITEM_FILTER"
jq_check "loop: Get ran once per check until the job finished (NONE, INPROGRESS, SUCCEEDED = 3 runs), Wait between them" "$R" \
	'.data.resultData.runData as $d | ($d["Get vCenter Backup"] | length) == 3 and ($d["Wait 65 s"] | length) == 2'
jq_check "loop: the unfinished checks were not finished (isFinished false, isSuccess null)" "$R" \
	'[.data.resultData.runData["Get vCenter Backup"][:-1][].data.main[0][0].json | .isFinished == false and .isSuccess == null] | length > 0 and all'
jq_check "loop: neither \"Backup Failed\" nor the loop guard's Stop and Error ran" "$R" \
	'.data.resultData.runData as $d | $d["Backup Failed"] == null and $d["Stop: Backup Still Running"] == null'
SID=$(stored_session_id)
[ -z "$SID" ] || SESSION_IDS+=("$SID")

# --- 5. unknown job id: the workflow fails with the vendor's error --------------------------------------------
rc=0
bj_execute wfVcenterMissing01 "$WORK/runs/missing" || rc=$?
timing "n8n execute wfVcenterMissing01 (missing) $BJ_EXEC_SECONDS s"
if [ "$rc" -eq 1 ]; then ok "missing: n8n execute exits 1 for an unknown job id"; else not_ok "missing: n8n execute exits 1 for an unknown job id (rc $rc)" "$(run_error "$WORK/runs/missing")"; fi
MISSING_ERR=$(jq -c '.data.resultData.error // {} | {name, message, description, httpCode}' "$WORK/runs/missing.json" 2> /dev/null | cut -c1-400)
if jq -e '.data.resultData.error | .name == "NodeApiError" and (.message | test("Backup job not found"; "i"))' \
	"$WORK/runs/missing.json" > /dev/null 2>&1; then
	ok "missing: the error is a NodeApiError whose message carries the vendor's text (\"Backup job not found\")"
else
	not_ok "missing: the error is a NodeApiError whose message carries the vendor's text (\"Backup job not found\")" "$MISSING_ERR"
fi
if jq -e '.data.resultData.error | (.httpCode | tostring) == "404" and .node.name == "Get Job"' "$WORK/runs/missing.json" > /dev/null 2>&1; then
	ok "missing: the error names the failing node and HTTP status 404"
else
	not_ok "missing: the error names the failing node and HTTP status 404" "$MISSING_ERR"
fi

# --- 5b. a few cells of the node tests' fault table, in a real n8n of this line ---------------------------------
# sim_fault PLAN_JSON: queue a fault in the vCenter simulator and note where its request log stands
sim_fault() {
	FAULT_LOG_START=$(curl -sf "$(bj_sim vcenter baseUrl)/__sim/requests" | jq length)
	bj_sim_post vcenter /__sim/fault "$1"
}
job_calls() { # the backup-job requests the simulator saw since sim_fault: [{path, at, status}]
	curl -sf "$(bj_sim vcenter baseUrl)/__sim/requests" |
		jq -c --argjson from "$FAULT_LOG_START" '[.[$from:][] | select(.path | test("/appliance/recovery/backup/job")) | {path, at, status}]'
}
fault_recovers() { # NAME PLAN_JSON MIN_PAUSE_MS: the Get recovers on its second attempt
	local name=$1 calls
	sim_fault "$2"
	run_workflow wfFaultGet01 "fault-$name"
	calls=$(job_calls)
	if jq -e --argjson min "$3" 'length == 2 and .[0].path == .[1].path and (.[1].at - .[0].at) >= $min' <<< "$calls" > /dev/null 2>&1; then
		ok "fault $name: recovered on the second attempt$([ "$3" = 0 ] || echo ", $3 ms or more after the first")"
	else
		not_ok "fault $name: recovered on the second attempt, $3 ms or more after the first" "$calls"
	fi
}
fault_recovers "429 Retry-After 1" '{"fault":"rateLimit","retryAfterSeconds":1,"matchRegExp":"/backup/job"}' 1000
fault_recovers "503 Retry-After 1" '{"fault":"unavailable","retryAfterSeconds":1,"matchRegExp":"/backup/job"}' 1000
fault_recovers "reset before any answer" '{"fault":"drop","matchRegExp":"/backup/job"}' 0
fault_recovers "abort in the middle of the answer" '{"fault":"abortMidAnswer","matchRegExp":"/backup/job"}' 0

sim_fault '{"fault":"errorInBody","matchRegExp":"/backup/job"}'
rc=0
bj_execute wfFaultMany01 "$WORK/runs/fault-error-in-200" || rc=$?
if [ "$rc" -eq 1 ] && jq -e '.data.resultData.error | .name == "NodeApiError"
	and (.message | test("vCenter reported: The appliance failed to read its job history"))' "$WORK/runs/fault-error-in-200.json" > /dev/null 2>&1; then
	ok "fault error inside 200: Get Many fails with the appliance's own text, not an empty list"
else
	not_ok "fault error inside 200: Get Many fails with the appliance's own text, not an empty list (rc $rc)" "$(run_error "$WORK/runs/fault-error-in-200")"
fi

# the simulator holds the sign-in 20 s; bounded by the 2 s Request Timeout, the node ends well before. The
# bound is on the node's own time as n8n recorded it, not on the whole execute (n8n's start-up varies
# with the machine's load; run-all.sh runs the two n8n lines side by side).
sim_fault '{"fault":"slow","delayMs":20000,"match":"/api/session"}'
bj_sim_post vcenter /__sim/expire-sessions
rc=0
bj_execute wfFaultGet01 "$WORK/runs/fault-sign-in-hangs" || rc=$?
NODE_MS=$(jq -r '.data.resultData.runData["Get Job"][0].executionTime // "none"' "$WORK/runs/fault-sign-in-hangs.json" 2> /dev/null || echo none)
if [ "$rc" -eq 1 ] && [[ "$NODE_MS" =~ ^[0-9]+$ ]] && [ "$NODE_MS" -lt 10000 ] &&
	jq -e '.data.resultData.error.message | test("did not answer the sign-in within 2 s")' "$WORK/runs/fault-sign-in-hangs.json" > /dev/null 2>&1; then
	ok "fault sign-in hangs: bounded by the 2 s Request Timeout (the node took $NODE_MS ms, the sign-in was held 20 s)"
else
	not_ok "fault sign-in hangs: bounded by the 2 s Request Timeout (rc $rc, node $NODE_MS ms, execute $BJ_EXEC_SECONDS s)" "$(run_error "$WORK/runs/fault-sign-in-hangs")"
fi
bj_sim_post vcenter /__sim/reset

# --- 6. every other example with a Manual Trigger: runs, and ends in "Backup Succeeded" if it has one ---------
for f in "$WORK"/wf/*.json; do
	id=$(jq -r .id "$f")
	case "$id" in wfVcenterWait01 | wfVcenterLoop01 | wfVcenterMissing01 | wfFault*) continue ;; esac
	jq -e 'any(.nodes[]; .type == "n8n-nodes-base.manualTrigger")' "$f" > /dev/null || continue
	name=$(basename "$f" .json)
	reset_all_sims
	run_workflow "$id" "$name"
	# The success branch is the NoOp whose name ends in "Succeeded" ("Backup Succeeded", "Run Succeeded").
	success=$(jq -r 'first(.nodes[] | select(.type == "n8n-nodes-base.noOp" and (.name | test("Succeeded$"))) | .name) // empty' "$f")
	if [ -n "$success" ]; then
		bj_node_items "$WORK/runs/$name.json" "$success" > "$WORK/items.json"
		jq_check "$name: ends in \"$success\" with finished, successful job-status items" "$WORK/items.json" \
			'length > 0 and all(.[]; (.vendor | type == "string") and (.jobId | type == "string") and .isFinished == true
				and .isSuccess == true and (.state == "succeeded" or .state == "warning") and (.steps | type == "array"))'
		failure=${success%Succeeded}Failed
		jq_check "$name: \"$failure\" did not run" "$WORK/runs/$name.json" '.data.resultData.runData[$n] == null' --arg n "$failure"
	else
		not_ok "$name: has a success branch (a NoOp named \"… Succeeded\") to check" "$f"
	fi
	if [ "$id" = wfCohesityWait01 ]; then
		# The latest run of the simulator's default group: Accepted, Running, then Succeeded; its copies finish later.
		jq_check "$name: the latest Cohesity run, named after its group, with the local backup and each copy as steps" \
			"$WORK/items.json" 'length == 1 and .[0].vendor == "cohesity" and .[0].jobName == "cassandra_UInew"
				and (.[0].jobId | test("^[0-9]+:[0-9]+$")) and (.[0].startedAt | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T.*Z$"))
				and .[0].steps[0].name == "Local Backup" and .[0].steps[0].state == "succeeded" and (.[0].steps | length) >= 3'
	fi
done

# --- 6b. each vendor's own checks: test/e2e/vendors/<vendor>.sh, sourced here (execute mode; they use the
# helpers above, write their workflows under $WORK/vendors and run them with bj_execute) and, if it defines
# e2e_server_<vendor>, called again in section 8 while n8n runs in server mode (credential tests).
for vendor_checks in "$HERE"/vendors/*.sh; do
	[ -e "$vendor_checks" ] || continue
	t=$(bj_now)
	# shellcheck source=/dev/null
	source "$vendor_checks"
	timing "vendor checks $(basename "$vendor_checks" .sh) $(bj_since "$t") s"
done
while IFS= read -r sid; do [ -z "$sid" ] || SESSION_IDS+=("$sid"); done < <(stored_session_ids)
# the read operations as AI-agent tools behind the MCP Server Trigger: mcp_server_checks, run in section 8
# shellcheck source=mcp.sh
source "$HERE/mcp.sh"

# --- 7. secrets never appear in what n8n printed ---------------------------------------------------------------
OUTPUTS=("$WORK"/runs/*.out "$WORK"/runs/*.err)
# every simulator's secrets: passwords, API keys, secret keys
mapfile -t SECRETS < <(jq -r '.[] | to_entries[] | select(.key | test("password|apikey|secret|token"; "i"))
	| .value | strings | select(length >= 4)' <<< "$BJ_SIM_JSON")
leaked=
for secret in "${SECRETS[@]}"; do
	if grep -qF -- "$secret" "${OUTPUTS[@]}"; then leaked="$leaked $(grep -lF -- "$secret" "${OUTPUTS[@]}" | xargs -n1 basename | tr '\n' ' ')"; fi
done
if [ "${#SECRETS[@]}" -gt 0 ] && [ -n "$SIM_PASSWORD" ] && [ "$SIM_PASSWORD" != null ] && [ -z "$leaked" ]; then
	ok "secrets: no simulator password or API key (${#SECRETS[@]}) appears in any n8n execute output (${#OUTPUTS[@]} files)"
else
	not_ok "secrets: no simulator password or API key appears in any n8n execute output" "found in:$leaked"
fi
if ! grep -qiE 'vmware-api-session-id[^A-Za-z0-9]{1,8}[A-Za-z0-9]' "${OUTPUTS[@]}"; then
	ok "secrets: no vmware-api-session-id header value in any output"
else
	not_ok "secrets: no vmware-api-session-id header value in any output" "$(grep -oiE '.{0,40}vmware-api-session-id.{0,40}' "${OUTPUTS[@]}" | head -n 3)"
fi
if [ "${#SESSION_IDS[@]}" -gt 0 ]; then
	leaked=
	for sid in "${SESSION_IDS[@]}"; do
		if grep -qF -- "$sid" "${OUTPUTS[@]}"; then leaked="$leaked $(grep -lF -- "$sid" "${OUTPUTS[@]}" | xargs -n1 basename)"; fi
	done
	if [ -z "$leaked" ]; then
		ok "secrets: none of the ${#SESSION_IDS[@]} session ids n8n stored appears in any output"
	else
		not_ok "secrets: none of the session ids n8n stored appears in any output" "found in:$leaked"
	fi
fi

# --- 8. credential tests in a running n8n: what the credential dialog's "Test" does ------------------------
# `n8n start` with an owner; each test runs the credential's preAuthentication, then its test request with
# its expressions. 2.x: POST /api/v1/credentials/{id}/test with an API key (credentials to test created
# through the public API); 1.x: POST /rest/credentials/test with the login cookie and the credential data
# (under a stored credential's id, as the dialog sends it).
SRV=$WORK/server
mkdir -p "$SRV"
BASE=http://127.0.0.1:$N8N_PORT
OWNER_EMAIL=owner@example.com
OWNER_PASSWORD=E2e-Owner-Pass-1
API_KEY=
T_SRV=$(bj_now)
t=$T_SRV
SERVER_UP=0
if bj_n8n_start "$SRV/n8n.log" "$OWNER_EMAIL" "$OWNER_PASSWORD" 2> "$SRV/start.err" &&
	bj_n8n_wait_ready "$BASE" 120 2>> "$SRV/start.err" &&
	bj_n8n_login "$BASE" "$SRV/cookies" "$OWNER_EMAIL" "$OWNER_PASSWORD" 60 2>> "$SRV/start.err" &&
	{ [ "$N8N_LINE" = 1 ] || API_KEY=$(bj_n8n_api_key "$BASE" "$SRV/cookies" 2>> "$SRV/start.err"); }; then
	SERVER_UP=1
	ok "server: n8n start (port $N8N_PORT) gets ready, the owner logs in$([ -z "$API_KEY" ] || echo ' and creates an API key')"
else
	not_ok "server: n8n start (port $N8N_PORT) gets ready, the owner logs in$([ "$N8N_LINE" = 1 ] || echo ' and creates an API key')" \
		"$(cat "$SRV/start.err"; tail -n 8 "$SRV/n8n.log")"
fi
timing "n8n start to logged in $(bj_since "$t") s"

# cred_test LABEL CRED_JSON STORED: tests the credential {id, name, type, data}; STORED=1: the imported one
# as it is (2.x by id; 1.x with CRED_JSON's data), STORED=0: other data (2.x: created first; 1.x: sent under
# the stored id). The answer is in $SRV/LABEL.raw, {status, message} in $SRV/LABEL.json.
cred_test() {
	local label=$1 cred=$2 stored=$3 id
	if [ "$N8N_LINE" = 2 ]; then
		id=$(jq -r .id <<< "$cred")
		if [ "$stored" = 0 ]; then
			curl -s --max-time 30 -H "X-N8N-API-KEY: $API_KEY" -H 'content-type: application/json' -X POST \
				"$BASE/api/v1/credentials" -d "$(jq -c '{name: (.name + " (e2e)"), type, data}' <<< "$cred")" > "$SRV/$label.create.raw"
			id=$(jq -r '.id // empty' "$SRV/$label.create.raw" 2> /dev/null)
			[ -n "$id" ] || { cp "$SRV/$label.create.raw" "$SRV/$label.raw"; echo null > "$SRV/$label.json"; return 0; }
		fi
		curl -s --max-time 30 -H "X-N8N-API-KEY: $API_KEY" -X POST "$BASE/api/v1/credentials/$id/test" > "$SRV/$label.raw"
		jq -c '{status, message}' "$SRV/$label.raw" > "$SRV/$label.json" 2> /dev/null || echo null > "$SRV/$label.json"
	else
		curl -s --max-time 30 -b "$SRV/cookies" -H 'browser-id: e2e' -H 'content-type: application/json' -X POST \
			"$BASE/rest/credentials/test" -d "$(jq -c '{credentials: .}' <<< "$cred")" > "$SRV/$label.raw"
		jq -c '.data | {status, message}' "$SRV/$label.raw" > "$SRV/$label.json" 2> /dev/null || echo null > "$SRV/$label.json"
	fi
}
# cred_check DESCRIPTION LABEL CRED_JSON STORED OK|Error [WRONG_SECRET]
cred_check() {
	local desc=$1 label=$2 cred=$3 stored=$4 want=$5 secret=${6:-} t0
	t0=$(bj_now)
	cred_test "$label" "$cred" "$stored"
	timing "credential test $label $(bj_since "$t0") s"
	jq_check "$desc: status $want$([ "$want" = OK ] || echo ' with a message')" "$SRV/$label.json" \
		'.status == $w and ($w == "OK" or (.message | type == "string" and length > 0))' --arg w "$want"
	if [ -n "$secret" ]; then
		if [ -s "$SRV/$label.raw" ] && ! grep -qF -- "$secret" "$SRV/$label.raw"; then
			ok "$desc: the wrong secret does not appear in the answer ($(jq -r '.message // empty' "$SRV/$label.json" 2> /dev/null | cut -c1-100))"
		else
			not_ok "$desc: the wrong secret does not appear in the answer" "$(cut -c1-400 "$SRV/$label.raw")"
		fi
	fi
}

if [ "$SERVER_UP" = 1 ]; then
	t=$(bj_now)
	mcp_server_checks
	timing "mcp_server_checks $(bj_since "$t") s"
	t=$(bj_now)
	CRED_VCENTER=$(jq -c '.[] | select(.id == "vcenterSim01")' "$WORK/creds.json")
	CRED_COHESITY=$(jq -c '.[] | select(.id == "cohesitySim01")' "$WORK/creds.json")
	WRONG_PASSWORD=Wrong-vCenter-Pass-e2e-71
	WRONG_API_KEY=wrong-cohesity-key-e2e-3b9c0d
	cred_check "credential test vcenterSim01 (imported)" vcenter "$CRED_VCENTER" 1 OK
	cred_check "credential test cohesitySim01 (imported)" cohesity "$CRED_COHESITY" 1 OK
	cred_check "credential test vCenter, wrong password" vcenter-wrong \
		"$(jq -c --arg p "$WRONG_PASSWORD" '.data.password = $p' <<< "$CRED_VCENTER")" 0 Error "$WRONG_PASSWORD"
	cred_check "credential test Cohesity, wrong API key" cohesity-wrong \
		"$(jq -c --arg k "$WRONG_API_KEY" '.data.apiKey = $k' <<< "$CRED_COHESITY")" 0 Error "$WRONG_API_KEY"
	# the legacy form: preAuthentication signs in on /rest only (no /api attempt first)
	bj_sim_post vcenter /__sim/reset
	cred_check "credential test vCenter with API Form /rest" vcenter-rest "$(jq -c '.data.apiForm = "rest"' <<< "$CRED_VCENTER")" 0 OK
	REST_ROUTES=$(curl -sf "$(bj_sim vcenter baseUrl)/__sim/requests" | jq -c '[.[] | .method + " " + .path]' 2> /dev/null || echo null)
	if jq -e '[.[] | select(endswith("/session"))] == ["POST /rest/com/vmware/cis/session"]' <<< "$REST_ROUTES" > /dev/null 2>&1; then
		ok "credential test vCenter with API Form /rest: one sign-in, on /rest (POST /rest/com/vmware/cis/session)"
	else
		not_ok "credential test vCenter with API Form /rest: one sign-in, on /rest (POST /rest/com/vmware/cis/session)" "$REST_ROUTES"
	fi
	# n8n resolves the test request's expressions before preAuthentication, so the URL follows API Form.
	if jq -e '[.[] | select(endswith("/session") | not)] == ["GET /rest/appliance/recovery/backup/job"]' <<< "$REST_ROUTES" > /dev/null 2>&1; then
		ok "credential test vCenter with API Form /rest: lists the backup jobs on /rest"
	else
		not_ok "credential test vCenter with API Form /rest: lists the backup jobs on /rest" "$REST_ROUTES"
	fi
	for server_checks in $(declare -F | awk '$3 ~ /^e2e_server_/ { print $3 }'); do
		local_t=$(bj_now)
		"$server_checks"
		timing "$server_checks $(bj_since "$local_t") s"
	done
	leaked=
	for secret in "${SECRETS[@]}"; do
		if grep -qF -- "$secret" "$SRV"/*.raw "$SRV/n8n.log"; then leaked="$leaked $(grep -lF -- "$secret" "$SRV"/*.raw "$SRV/n8n.log" | xargs -n1 basename | tr '\n' ' ')"; fi
	done
	if [ -z "$leaked" ]; then
		ok "secrets: no simulator password or API key appears in any credential-test answer or in n8n's server log"
	else
		not_ok "secrets: no simulator password or API key appears in any credential-test answer or in n8n's server log" "found in:$leaked"
	fi
	timing "credential tests $(bj_since "$t") s"
fi
t=$(bj_now)
bj_n8n_stop
timing "n8n stop $(bj_since "$t") s; server-mode section $(bj_since "$T_SRV") s"

source "$HERE/triggers.sh" # the restore, ticket and report workflows, and the triggers in server mode
timing "whole run $(bj_since "$T_ALL") s"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
