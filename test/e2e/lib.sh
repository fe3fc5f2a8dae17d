# shellcheck shell=bash
# Shared shell functions for the end-to-end test (run.sh), the sign-in benchmark (bench-signins.sh) and the
# `npm start` demo (test/demo/start.js), following shared harness §5–§7.
#
#   source test/e2e/lib.sh            # then call bj_* functions
#   bash test/e2e/lib.sh <cmd> ARGS   # the same as a command, for the demo: pack, place-package, write-creds,
#                                     # free-port
#
# Everything that talks about progress writes to stderr; functions that return a value print it on stdout.

BJ_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BJ_CACHE=${CACHE:-${BACKUP_JOBS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-backup-jobs}}
BJ_PKG_NAME=n8n-nodes-backup-jobs

bj_log() { printf '%s\n' "$*" >&2; }

# Seconds since the epoch with milliseconds, for timings.
bj_now() { date +%s.%N | cut -c1-14; }
bj_since() { awk -v a="$1" -v b="$(bj_now)" 'BEGIN { printf "%.1f", b - a }'; }

# A free TCP port on 127.0.0.1 (the kernel picks it; a race with another process is possible but unlikely).
bj_free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# bj_pack DEST_DIR -> prints the path of the packed tarball. Builds nothing: run `npm run build` first.
# The repository's .npmrc has ignore-scripts=true, so no prepack runs.
bj_pack() {
	local dest=$1 name
	mkdir -p "$dest"
	[ -d "$BJ_REPO/dist" ] || { bj_log "lib.sh: $BJ_REPO/dist is missing; run npm run build"; return 1; }
	name=$(cd "$BJ_REPO" && npm pack --json --ignore-scripts --pack-destination "$dest" 2>/dev/null | jq -r '.[0].filename') || return 1
	[ -n "$name" ] && [ -f "$dest/$name" ] || { bj_log "lib.sh: npm pack produced no tarball"; return 1; }
	printf '%s\n' "$dest/$name"
}

# bj_place_package TARBALL USER_FOLDER
# Places the packed package the way n8n 2.x installs a community package (harness §5): extract into
# $USER_FOLDER/.n8n/nodes/node_modules/<pkg>, drop dev/peer/optional dependencies, npm install the rest.
# This package has no dependencies (fast-xml-parser is bundled into dist/), so nothing is installed.
bj_place_package() {
	local tgz=$1 home=$2
	local nodes_dir="$home/.n8n/nodes" pkg_dir="$home/.n8n/nodes/node_modules/$BJ_PKG_NAME" tmp
	rm -rf "$pkg_dir"
	mkdir -p "$pkg_dir"
	tar -xzf "$tgz" -C "$pkg_dir" --strip-components=1
	tmp=$(mktemp)
	jq 'del(.devDependencies, .peerDependencies, .optionalDependencies)' "$pkg_dir/package.json" > "$tmp" &&
		mv "$tmp" "$pkg_dir/package.json"
	# n8n keeps its own package.json in .n8n/nodes; without one, npm could walk up to a parent project
	[ -f "$nodes_dir/package.json" ] || printf '{"name":"installed-nodes","private":true,"dependencies":{}}\n' > "$nodes_dir/package.json"
	if jq -e '(.dependencies // {}) | length > 0' "$pkg_dir/package.json" > /dev/null; then
		(cd "$pkg_dir" && npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow \
			--ignore-scripts=true --package-lock=false --loglevel=error > /dev/null) || return 1
	fi
}

# Credential metadata per simulator vendor: the type, id and name the examples reference, fields the
# simulator does not print (extra) and fields it prints that are not credential fields (drop). A vendor
# missing here gets <vendor>Api / <vendor>Sim01 / "<Vendor> simulator" and its fields as printed.
BJ_CRED_META='{
  "vcenter": {"type": "vmwareVcenterApi", "id": "vcenterSim01", "name": "VMware vCenter simulator",
              "extra": {"apiForm": "auto", "ignoreSslIssues": false}},
  "cohesity": {"type": "cohesityApi", "id": "cohesitySim01", "name": "Cohesity simulator",
               "extra": {"authMethod": "apiKey", "ignoreSslIssues": false}, "drop": ["protectionGroupId"]},
  "commvault": {"type": "commvaultApi", "id": "commvaultSim01", "name": "Commvault simulator",
                "extra": {"authMethod": "password", "ignoreSslIssues": false}, "drop": ["accessToken", "refreshToken"]},
  "veeam": {"type": "veeamEnterpriseManagerApi", "id": "veeamSim01", "name": "Veeam Enterprise Manager simulator",
            "extra": {"ignoreSslIssues": false}, "drop": ["noRoleUsername"]},
  "veeamBr": {"type": "veeamBackupReplicationApi", "id": "veeamBrSim01", "name": "Veeam Backup & Replication simulator",
              "extra": {"apiVersion": "auto", "ignoreSslIssues": false}},
  "huawei": {"type": "huaweiCloudApi", "id": "huaweiSim01", "name": "Huawei simulator",
             "extra": {"authMethod": "accessKey", "ignoreSslIssues": false},
             "drop": ["baseUrl", "policyId", "projectId", "username", "password", "domainName"]}
}'

# bj_write_creds SIM_JSON OUT_FILE: the credentials file for `n8n import:credentials` (plain data; n8n
# encrypts it) for every vendor the simulator launcher reported.
bj_write_creds() {
	local sim_json=$1 out=$2
	jq -n --argjson sims "$sim_json" --argjson meta "$BJ_CRED_META" '
		[ $sims | to_entries[] | .key as $v | .value as $conn
		  | ($meta[$v] // {type: ($v + "Api"), id: ($v + "Sim01"),
		                   name: (($v[:1] | ascii_upcase) + $v[1:] + " simulator"), extra: {ignoreSslIssues: false}}) as $m
		  | {id: $m.id, name: $m.name, type: $m.type, data: (($conn | delpaths([($m.drop // [])[] | [.]])) + $m.extra)} ]' > "$out"
}

# bj_start_sims LOG_DIR [VENDORS]: starts test/simulators/serve.js, waits for its one JSON line.
# Sets BJ_SIM_PID and BJ_SIM_JSON. The caller stops it with bj_stop_sims (trap it).
bj_start_sims() {
	local dir=$1 vendors=${2:-} i
	mkdir -p "$dir"
	: > "$dir/sim.out"
	if [ -n "$vendors" ]; then
		node "$BJ_REPO/test/simulators/serve.js" --vendors "$vendors" > "$dir/sim.out" 2> "$dir/sim.err" &
	else
		node "$BJ_REPO/test/simulators/serve.js" > "$dir/sim.out" 2> "$dir/sim.err" &
	fi
	BJ_SIM_PID=$!
	for ((i = 0; i < 200; i++)); do
		if [ -s "$dir/sim.out" ] && head -n1 "$dir/sim.out" | jq -e 'type == "object"' > /dev/null 2>&1; then
			BJ_SIM_JSON=$(head -n1 "$dir/sim.out" | jq -c .)
			return 0
		fi
		kill -0 "$BJ_SIM_PID" 2> /dev/null || break
		sleep 0.1
	done
	bj_log "lib.sh: the simulators did not start:"
	cat "$dir/sim.out" "$dir/sim.err" >&2 || true
	return 1
}

bj_stop_sims() {
	if [ -n "${BJ_SIM_PID:-}" ]; then
		kill "$BJ_SIM_PID" 2> /dev/null || true
		wait "$BJ_SIM_PID" 2> /dev/null || true
		BJ_SIM_PID=
	fi
}

# bj_sim VENDOR FIELD: a field of the launcher's JSON line (baseUrl, username, password).
bj_sim() { jq -r --arg v "$1" --arg f "$2" '.[$v][$f]' <<< "$BJ_SIM_JSON"; }
bj_sim_stats() { curl -sf "$(bj_sim "$1" baseUrl)/__sim/stats"; }
bj_sim_signins() { bj_sim_stats "$1" | jq -r '.signIns'; }
bj_sim_get() { curl -sf "$(bj_sim "$1" baseUrl)$2" || echo null; } # VENDOR PATH: a control route's answer, or null
bj_sim_post() { # VENDOR PATH [JSON]
	local body=${3:-}
	[ -n "$body" ] || body='{}'
	curl -sf -X POST -H 'content-type: application/json' --data "$body" "$(bj_sim "$1" baseUrl)$2" > /dev/null
}

# bj_start_helpdesk DIR: a loopback ticket API (test/simulators/helpdesk.js) for an example's ticket branch,
# its port file and logs in DIR. Sets BJ_HD_PID and BJ_HD_URL ('' when it did not start); the caller stops
# it with bj_stop_helpdesk "$BJ_HD_PID". bj_helpdesk_tickets URL prints the tickets it received (or null).
bj_start_helpdesk() {
	local dir=$1 i
	node "$BJ_REPO/test/simulators/helpdesk.js" --port-file "$dir/helpdesk.json" > "$dir/helpdesk.out" 2> "$dir/helpdesk.err" &
	BJ_HD_PID=$!
	for ((i = 0; i < 100; i++)); do [ -s "$dir/helpdesk.json" ] && break; sleep 0.1; done
	BJ_HD_URL=$(jq -r '.baseUrl // empty' "$dir/helpdesk.json" 2> /dev/null || echo '')
}
bj_stop_helpdesk() {
	kill "$1" 2> /dev/null || true
	wait "$1" 2> /dev/null || true
}
bj_helpdesk_tickets() { curl -sf "$1/api/tickets" | jq -c '.tickets // null' 2> /dev/null || echo null; }

# bj_examples_with_helpdesk DIR EXAMPLE.json...: starts a loopback helpdesk (bj_start_helpdesk DIR) and writes
# copies of the examples into DIR/localized, their ticket URLs pointed at it and Wait for Completion
# polling every second.
bj_examples_with_helpdesk() {
	local dir=$1
	shift
	bj_start_helpdesk "$dir"
	node "$BJ_REPO/test/e2e/localize-examples.js" --urls "$(jq -nc --arg hd "$BJ_HD_URL" '{helpdesk: $hd}')" --poll-interval 1 \
		"$dir/localized" "$@"
}

# bj_sim_log VENDOR JQ_FILTER [JQ_ARGS...]: the filter applied to the simulator's request log (the vendor
# requests since its last reset, each {method, path (raw, still percent-encoded), query, headers, at, status});
# prints null when the log cannot be read, so a check on it fails instead of the run. A request refused with
# 401 (a stored session the simulator no longer knows, e.g. after /__sim/reset) is in the log too: n8n signs
# in again and sends it once more, so count what was not refused when counting starts.
# (Sign-ins are requests too: Veeam's is a POST.)
bj_sim_log() {
	local vendor=$1 filter=$2 log
	shift 2
	log=$(curl -sf "$(bj_sim "$vendor" baseUrl)/__sim/requests") || { echo null; return 0; }
	jq -c "$@" "$filter" <<< "$log" 2> /dev/null || echo null
}

# The n8n commands below need test/e2e/n8n-env.sh sourced (N8N_USER_FOLDER, PATH with n8n).

# bj_n8n LOG_PREFIX ARGS...: runs `n8n ARGS` with stdout/stderr in LOG_PREFIX.out/.err; returns n8n's rc.
bj_n8n() {
	local prefix=$1
	shift
	n8n "$@" > "$prefix.out" 2> "$prefix.err"
}

bj_import_creds() { # FILE LOG_PREFIX
	bj_n8n "$2" import:credentials --input="$1" || { bj_log "import:credentials failed:"; tail -20 "$2.out" "$2.err" >&2; return 1; }
}

bj_import_workflows() { # FILE_OR_DIR LOG_PREFIX (a folder: every *.json in it, in one n8n boot)
	if [ -d "$1" ]; then
		bj_n8n "$2" import:workflow --separate --input="$1"
	else
		bj_n8n "$2" import:workflow --input="$1"
	fi || { bj_log "import:workflow failed:"; tail -20 "$2.out" "$2.err" >&2; return 1; }
}

# bj_execute WORKFLOW_ID LOG_PREFIX: `n8n execute --id=… --rawOutput`; writes LOG_PREFIX.out/.err and the
# run (IRun JSON) in LOG_PREFIX.json; returns n8n's exit code (0 success, 1 workflow failed).
# Sets BJ_EXEC_SECONDS.
bj_execute() {
	local id=$1 prefix=$2 rc=0 t0
	t0=$(bj_now)
	n8n execute --id="$id" --rawOutput > "$prefix.out" 2> "$prefix.err" || rc=$?
	BJ_EXEC_SECONDS=$(bj_since "$t0")
	# 2.x prints log lines before the pretty-printed JSON; 1.x prints only the JSON
	sed -n '/^{$/,/^}$/p' "$prefix.out" > "$prefix.json"
	jq -e . "$prefix.json" > /dev/null 2>&1 || echo 'null' > "$prefix.json"
	# n8n 2.41.1's CLI now and then dies of SIGSEGV while it shuts down, after the execution finished and
	# was stored: the run is judged by what it printed, and the crash is reported, not hidden.
	if [ "$rc" -eq 139 ] && jq -e '.finished == true and .stoppedAt != null' "$prefix.json" > /dev/null 2>&1; then
		printf '# note: n8n execute --id=%s exited with SIGSEGV after its execution had finished and was stored\n' "$id"
		rc=0
	elif [ "$rc" -eq 139 ] && jq -e '.stoppedAt != null and .data.resultData.error != null' "$prefix.json" > /dev/null 2>&1; then
		# the same crash after an execution that failed and was stored: the exit code it would have had
		printf '# note: n8n execute --id=%s exited with SIGSEGV after its failed execution was stored\n' "$id"
		rc=1
	fi
	return "$rc"
}

# bj_node_items RUN_JSON NODE [RUN_INDEX]: the output items (json) of a node's run (default: its last run).
bj_node_items() {
	jq -c --arg n "$2" --arg r "${3:-last}" '
		(.data.resultData.runData[$n] // []) as $runs
		| if ($runs | length) == 0 then null
		  else ($runs[if $r == "last" then -1 else ($r | tonumber) end].data.main[0] // []) | map(.json) end' "$1"
}

# bj_owner_hash PASSWORD: a bcrypt hash made with the bcryptjs inside the n8n install (harness §7.1).
bj_owner_hash() {
	node -e 'console.log(require(process.argv[1]).hashSync(process.argv[2], 10))' "$N8N_HOME_DIR/node_modules/bcryptjs" "$1"
}

# bj_write_get_workflow WORKFLOW_ID JOB_ID OUT_FILE: Manual Trigger -> VMware vCenter "Get Job" (no wait).
bj_write_get_workflow() {
	jq -n --arg id "$1" --arg job "$2" '{
		id: $id, name: ("vCenter: get job " + $job + " (e2e)"), active: false,
		nodes: [
			{id: "0e2e0000-0000-4000-8000-000000000001", name: "Start", type: "n8n-nodes-base.manualTrigger",
			 typeVersion: 1, position: [0, 0], parameters: {}},
			{id: "0e2e0000-0000-4000-8000-000000000002", name: "Get Job", type: "n8n-nodes-backup-jobs.vmwareVcenter",
			 typeVersion: 1, position: [240, 0],
			 parameters: {resource: "backupJob", operation: "get", jobId: {__rl: true, mode: "id", value: $job},
			              waitForCompletion: false, simplify: true, options: {}},
			 credentials: {vmwareVcenterApi: {id: "vcenterSim01", name: "VMware vCenter simulator"}}}],
		connections: {Start: {main: [[{node: "Get Job", type: "main", index: 0}]]}},
		settings: {executionOrder: "v1"}}' > "$3"
}

# bj_e2e_setup WORK: a fresh n8n user folder in WORK/home with the packed package placed as a community
# install, the simulators running and their credentials imported; n8n's environment sourced. Needs n8n
# installed (install-n8n.sh) and dist/ built. Sets BJ_TGZ, BJ_SIM_PID, BJ_SIM_JSON, BJ_SETUP_SECONDS.
bj_e2e_setup() {
	local work=$1 t0
	t0=$(bj_now)
	export N8N_USER_FOLDER="$work/home"
	mkdir -p "$N8N_USER_FOLDER"
	# own ports, so a running demo (5678/5679) or another n8n does not collide with this one
	N8N_PORT=$(bj_free_port) && N8N_RUNNERS_BROKER_PORT=$(bj_free_port) || return 1
	export N8N_PORT N8N_RUNNERS_BROKER_PORT
	BJ_TGZ=$(bj_pack "$work") || return 1
	bj_place_package "$BJ_TGZ" "$N8N_USER_FOLDER" || return 1
	# shellcheck source=n8n-env.sh
	source "$BJ_REPO/test/e2e/n8n-env.sh"
	bj_start_sims "$work/sim" || return 1
	bj_write_creds "$BJ_SIM_JSON" "$work/creds.json"
	bj_import_creds "$work/creds.json" "$work/import-creds" || return 1
	BJ_SETUP_SECONDS=$(bj_since "$t0")
}

# --- server mode (harness §7) -------------------------------------------------------------------------------

# bj_n8n_start LOG_FILE OWNER_EMAIL OWNER_PASSWORD: `n8n start` in the background on $N8N_PORT (and
# $N8N_RUNNERS_BROKER_PORT), in its own process group so bj_n8n_stop can also reach a task runner it left.
# On 2.x the owner comes from the environment (bcrypt hash); on 1.x create it with bj_n8n_owner_setup once
# the REST routes answer. The public API is on. Sets BJ_N8N_PID (= the process group id); stop it with
# bj_n8n_stop (trap it).
bj_n8n_start() {
	local log=$1 email=$2 password=$3 hash
	local -a vars=(N8N_SECURE_COOKIE=false N8N_PUBLIC_API_DISABLED=false)
	if [ "$N8N_LINE" = 2 ]; then
		hash=$(bj_owner_hash "$password") || return 1
		vars+=(N8N_INSTANCE_OWNER_MANAGED_BY_ENV=true "N8N_INSTANCE_OWNER_EMAIL=$email"
			N8N_INSTANCE_OWNER_FIRST_NAME=E2E N8N_INSTANCE_OWNER_LAST_NAME=Owner "N8N_INSTANCE_OWNER_PASSWORD_HASH=$hash")
	fi
	# a background job of a non-interactive shell is no group leader, so setsid execs n8n in place: $! is n8n
	env "${vars[@]}" setsid n8n start > "$log" 2>&1 < /dev/null &
	BJ_N8N_PID=$!
}

# bj_n8n_stop: SIGTERM to the n8n that bj_n8n_start started, SIGKILL to its process group after 20 s, then
# SIGTERM to whatever of that group is left (a task runner). Safe to call twice or when nothing runs.
bj_n8n_stop() {
	local pid=${BJ_N8N_PID:-} i
	[ -n "$pid" ] || return 0
	BJ_N8N_PID=
	kill -TERM "$pid" 2> /dev/null || true
	for ((i = 0; i < 200; i++)); do
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2> /dev/null && kill -KILL -- "-$pid" 2> /dev/null
	wait "$pid" 2> /dev/null || true
	kill -TERM -- "-$pid" 2> /dev/null || true
}

# bj_n8n_wait_ready BASE_URL TIMEOUT_S: until /healthz/readiness answers 200; fails early when n8n exited.
bj_n8n_wait_ready() {
	local base=$1 deadline=$((SECONDS + $2))
	until curl -sf -o /dev/null --max-time 2 "$base/healthz/readiness"; do
		kill -0 "${BJ_N8N_PID:-0}" 2> /dev/null || { bj_log "lib.sh: n8n exited before it was ready"; return 1; }
		[ "$SECONDS" -lt "$deadline" ] || { bj_log "lib.sh: n8n not ready after $2 s"; return 1; }
		sleep 0.3
	done
}

# bj_n8n_retry TIMEOUT_S CURL_ARGS...: repeats `curl -sf CURL_ARGS` until it succeeds (the /rest routes
# register a few seconds after readiness: 404 until then); prints the last answer's body.
bj_n8n_retry() {
	local deadline=$((SECONDS + $1))
	shift
	until curl -sf --max-time 10 "$@"; do
		kill -0 "${BJ_N8N_PID:-0}" 2> /dev/null || return 1
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.3
	done
}

# bj_n8n_login BASE_URL COOKIE_JAR EMAIL PASSWORD [TIMEOUT_S]: the owner's session cookie (2.x and 1.x);
# on 1.x, create the owner first (POST /rest/owner/setup, no auth).
bj_n8n_login() {
	local base=$1 jar=$2 email=$3 password=$4 timeout=${5:-60}
	if [ "$N8N_LINE" = 1 ]; then
		bj_n8n_retry "$timeout" -o /dev/null -H 'content-type: application/json' -X POST "$base/rest/owner/setup" \
			-d "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, firstName: "E2E", lastName: "Owner", password: $p}')" ||
			{ bj_log "lib.sh: POST /rest/owner/setup failed"; return 1; }
	fi
	bj_n8n_retry "$timeout" -o /dev/null -c "$jar" -H 'content-type: application/json' -H 'browser-id: e2e' -X POST "$base/rest/login" \
		-d "$(jq -nc --arg e "$email" --arg p "$password" '{emailOrLdapLoginId: $e, email: $e, password: $p}')" ||
		{ bj_log "lib.sh: POST /rest/login failed"; return 1; }
}

# bj_n8n_api_key BASE_URL COOKIE_JAR: prints a new public-API key with every scope the owner may grant (2.x).
bj_n8n_api_key() {
	local base=$1 jar=$2 scopes
	scopes=$(curl -sf -b "$jar" -H 'browser-id: e2e' "$base/rest/api-keys/scopes" | jq -c .data) || return 1
	curl -sf -b "$jar" -H 'browser-id: e2e' -H 'content-type: application/json' -X POST "$base/rest/api-keys" \
		-d "{\"label\":\"e2e\",\"scopes\":$scopes,\"expiresAt\":null}" | jq -er .data.rawApiKey
}

# Command form, for callers that are not bash (test/demo/start.js).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	cmd=${1:-}
	shift || true
	case "$cmd" in
	pack) bj_pack "$@" ;;
	place-package) bj_place_package "$@" ;;
	write-creds) bj_write_creds "$@" ;;
	free-port) bj_free_port ;;
	*)
		bj_log "usage: lib.sh pack DEST | place-package TARBALL USER_FOLDER | write-creds SIM_JSON OUT | free-port"
		exit 2
		;;
	esac
fi
