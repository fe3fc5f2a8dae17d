#!/usr/bin/env bash
# Queue mode end to end: n8n 2.x as users scale it out. One main process and two workers
# (`n8n worker --concurrency=10`) share a PostgreSQL database and a Redis queue, all on 127.0.0.1, with
# this package placed as a community install. Webhook workflows call VMware vCenter (sign-in), Commvault
# (sign-in) and Cohesity (API key) on the simulators.
#
#   bash test/queue/run.sh        (npm test runs it after the end-to-end runs; BJ_QUEUE=0 skips it there)
#
# Checks: every execution ran on a worker and succeeded; one sign-in for 20 calls (10 one after another,
# 10 at once); after the session expired, 10 calls at once with a 1.5 s sign-in sign in at most once per
# worker; with both workers stopped during the waits, the native Wait loop (Wait 65 s) is resumed by a new
# worker, and an execution waiting inside the node (Wait for Completion) is lost, as README "Scaling out" says.
# Prints `ok - …` / `not ok - …`, timings, the peak memory of all servers, and `N passed, M failed` last.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../e2e/lib.sh
source "$HERE/../e2e/lib.sh"
# shellcheck source=../e2e/report.sh
source "$HERE/../e2e/report.sh"
export N8N_LINE=2
export CACHE=$BJ_CACHE

PASSED=0
FAILED=0
WORK=
PG_PID=
REDIS_PID=
declare -A WORKER_PID=() RACE=()
T_ALL=$(bj_now)

stop_pid() { # PID: SIGTERM to its process group, SIGKILL after 20 s
	local pid=$1 i
	[ -n "$pid" ] || return 0
	kill -TERM -- "-$pid" 2> /dev/null || kill -TERM "$pid" 2> /dev/null || true
	for ((i = 0; i < 200; i++)); do
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.1
	done
	kill -KILL -- "-$pid" 2> /dev/null || true
	wait "$pid" 2> /dev/null || true
}
cleanup() {
	local name
	for name in "${!WORKER_PID[@]}"; do stop_pid "${WORKER_PID[$name]}"; done
	bj_n8n_stop
	bj_stop_sims
	stop_pid "$REDIS_PID"
	stop_pid "$PG_PID"
	if [ -n "$WORK" ] && [ -d "$WORK" ]; then
		if [ "$FAILED" -gt 0 ] || [ "${E2E_KEEP_WORK:-}" = 1 ]; then echo "# scratch folder kept: $WORK"; else rm -rf "$WORK"; fi
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- install: n8n 2.x (cached), PostgreSQL and Redis from Debian's packages ---------------------------------
t=$(bj_now)
bash "$BJ_REPO/test/e2e/install-n8n.sh" 2 || fatal "install n8n 2.x"
PG_BIN=$(bash "$HERE/install-services.sh") || fatal "install PostgreSQL and Redis (test/queue/install-services.sh)"
timing "installs $(bj_since "$t") s"
t=$(bj_now)
(cd "$BJ_REPO" && npm run -s build > /dev/null) || fatal "npm run build"
timing "npm run build $(bj_since "$t") s"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bj-queue.XXXXXX")
chmod 755 "$WORK"
T_START=$(bj_now)

# --- PostgreSQL and Redis on 127.0.0.1, each on a free port ---------------------------------------------------
PG_PORT=$(bj_free_port)
REDIS_PORT=$(bj_free_port)
PG_DIR=$WORK/pg
mkdir -p "$PG_DIR"
as_pg=()
if [ "$(id -u)" = 0 ]; then
	chown postgres: "$PG_DIR" # initdb refuses to run as root
	as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U n8n --auth=trust > "$WORK/initdb.log" 2>&1 || fatal "initdb" "$(tail -n 5 "$WORK/initdb.log")"
setsid "${as_pg[@]}" "$PG_BIN/postgres" -D "$PG_DIR/data" -p "$PG_PORT" -c listen_addresses=127.0.0.1 -k "$PG_DIR" \
	-c fsync=off -c synchronous_commit=off -c full_page_writes=off > "$WORK/postgres.log" 2>&1 < /dev/null &
PG_PID=$!
setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no > "$WORK/redis.log" 2>&1 < /dev/null &
REDIS_PID=$!
for ((i = 0; i < 100; i++)); do
	"$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
	sleep 0.2
done
"$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U n8n -d postgres -c 'CREATE DATABASE n8n' > /dev/null 2>> "$WORK/postgres.log" ||
	fatal "PostgreSQL starts on 127.0.0.1:$PG_PORT and takes a database" "$(tail -n 5 "$WORK/postgres.log")"
for ((i = 0; i < 50; i++)); do
	redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2> /dev/null | grep -q PONG && break
	sleep 0.1
done
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2> /dev/null | grep -q PONG || fatal "Redis starts on 127.0.0.1:$REDIS_PORT" "$(tail -n 5 "$WORK/redis.log")"
ok "PostgreSQL $("$PG_BIN/postgres" --version | grep -oE "[0-9]+\.[0-9]+" | head -n 1) and Redis $(redis-server --version | grep -oE 'v=[0-9.]+' | cut -c3-) run on 127.0.0.1 (ports $PG_PORT, $REDIS_PORT)"

# --- n8n: the package as a community install, the simulators' credentials, the webhook workflows ----------
export N8N_USER_FOLDER=$WORK/home
mkdir -p "$N8N_USER_FOLDER"
N8N_PORT=$(bj_free_port)
N8N_RUNNERS_BROKER_PORT=$(bj_free_port)
export N8N_PORT N8N_RUNNERS_BROKER_PORT
TGZ=$(bj_pack "$WORK") && bj_place_package "$TGZ" "$N8N_USER_FOLDER" || fatal "pack and place the package"
# shellcheck source=../e2e/n8n-env.sh
source "$BJ_REPO/test/e2e/n8n-env.sh"
export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT=$PG_PORT DB_POSTGRESDB_DATABASE=n8n \
	DB_POSTGRESDB_USER=n8n DB_POSTGRESDB_PASSWORD=unused
export EXECUTIONS_MODE=queue QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT=$REDIS_PORT
# queue recovery every minute (default 180) so that section 4 sees what becomes of a lost execution
export OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true N8N_GRACEFUL_SHUTDOWN_TIMEOUT=10 N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL=1
unset DB_SQLITE_POOL_SIZE

bj_start_sims "$WORK/sim" vcenter,cohesity,commvault || fatal "start the simulators" "$(cat "$WORK/sim/sim.err")"
bj_write_creds "$BJ_SIM_JSON" "$WORK/creds.json"
bj_import_creds "$WORK/creds.json" "$WORK/import-creds" || fatal "import the credentials into PostgreSQL" "$(tail -n 10 "$WORK/import-creds.err")"

mkdir -p "$WORK/wf"
# webhook_workflow ID PATH NODE_TYPE CREDENTIAL_TYPE CREDENTIAL_ID PARAMETERS_JSON: Webhook → the node,
# answered with the node's first item
webhook_workflow() {
	jq -n --arg id "$1" --arg path "$2" --arg type "$3" --arg ctype "$4" --arg cid "$5" --argjson params "$6" '{
		id: $id, name: ("Queue " + $path), active: false, settings: {executionOrder: "v1"},
		nodes: [
			{id: "q1", name: "Webhook", type: "n8n-nodes-base.webhook", typeVersion: 2, position: [0, 0], webhookId: $path,
			 parameters: {path: $path, httpMethod: "GET", responseMode: "lastNode", responseData: "firstEntryJson", options: {}}},
			{id: "q2", name: "Check", type: $type, typeVersion: 1, position: [240, 0], parameters: $params,
			 credentials: {($ctype): {id: $cid, name: $cid}}}],
		connections: {Webhook: {main: [[{node: "Check", type: "main", index: 0}]]}}}' > "$WORK/wf/$1.json"
}
webhook_workflow wfQueueVc01 q-vcenter n8n-nodes-backup-jobs.vmwareVcenter vmwareVcenterApi vcenterSim01 \
	'{"resource": "backupJob", "operation": "get", "jobId": {"__rl": true, "mode": "id", "value": "20240314-020001-21560480"}, "options": {}}'
webhook_workflow wfQueueCv01 q-commvault n8n-nodes-backup-jobs.commvault commvaultApi commvaultSim01 \
	'{"resource": "job", "operation": "get", "jobId": "2417", "options": {}}'
webhook_workflow wfQueueCo01 q-cohesity n8n-nodes-backup-jobs.cohesity cohesityApi cohesitySim01 \
	'{"resource": "protectionGroup", "operation": "getAll", "returnAll": true}'
# the native Wait loop of examples/, started by a webhook (answered at once) with the job id in ?job=
jq '(.id = "wfQueueWait01") | (.active = false)
	| (.nodes[] | select(.type == "n8n-nodes-base.manualTrigger")) |= (.type = "n8n-nodes-base.webhook" | .typeVersion = 2
		| .webhookId = "q-wait" | .parameters = {path: "q-wait", httpMethod: "GET", responseMode: "onReceived", options: {}})
	| (.nodes[] | select(.type == "n8n-nodes-backup-jobs.vmwareVcenter") | .parameters.jobId.value)
		= "={{ $(\"" + ([.nodes[] | select(.type == "n8n-nodes-base.webhook")][0].name) + "\").first().json.query.job }}"' \
	"$BJ_REPO/examples/vcenter-native-wait-loop.json" > "$WORK/wf/wfQueueWait01.json"
# Wait for Completion inside the node, started the same way
jq '(.id = "wfQueueWfc01") | (.name = "Queue q-wfc")
	| (.nodes[0].webhookId = "q-wfc") | (.nodes[0].parameters |= (.path = "q-wfc" | .responseMode = "onReceived" | del(.responseData)))
	| (.nodes[1].parameters |= (.jobId.value = "={{ $json.query.job }}" | .waitForCompletion = true | .pollInterval = 5 | .waitTimeout = 600))' \
	"$WORK/wf/wfQueueVc01.json" > "$WORK/wf/wfQueueWfc01.json"
bj_import_workflows "$WORK/wf" "$WORK/import-wf" || fatal "import the workflows" "$(tail -n 10 "$WORK/import-wf.err")"
ok "the package, the credentials and 5 webhook workflows are in place (PostgreSQL database, community install)"

# --- main and two workers ---------------------------------------------------------------------------------------
OWNER_EMAIL=owner@example.com
OWNER_PASSWORD=Queue-Owner-Pass-1
BASE=http://127.0.0.1:$N8N_PORT
t=$(bj_now)
bj_n8n_start "$WORK/main.log" "$OWNER_EMAIL" "$OWNER_PASSWORD"
start_worker() { # NAME
	local health
	health=$(bj_free_port)
	N8N_RUNNERS_BROKER_PORT=$(bj_free_port) QUEUE_HEALTH_CHECK_ACTIVE=true QUEUE_HEALTH_CHECK_PORT=$health N8N_PORT=$health \
		setsid n8n worker --concurrency=10 > "$WORK/$1.log" 2>&1 < /dev/null &
	WORKER_PID[$1]=$!
	eval "HEALTH_$1=$health"
}
start_worker w1
start_worker w2
KEY=
if bj_n8n_wait_ready "$BASE" 120 2> "$WORK/start.err" && bj_n8n_login "$BASE" "$WORK/cookies" "$OWNER_EMAIL" "$OWNER_PASSWORD" 60 2>> "$WORK/start.err"; then
	KEY=$(bj_n8n_api_key "$BASE" "$WORK/cookies" 2>> "$WORK/start.err") || KEY=
fi
[ -n "$KEY" ] || fatal "n8n main starts in queue mode and the owner gets an API key" "$(cat "$WORK/start.err"; tail -n 10 "$WORK/main.log")"
worker_ready() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$(eval echo "\$HEALTH_$1")/healthz/readiness"; }
for ((i = 0; i < 300; i++)); do
	worker_ready w1 && worker_ready w2 && break
	sleep 0.3
done
worker_ready w1 && worker_ready w2 || fatal "both workers get ready" "$(tail -n 8 "$WORK/w1.log" "$WORK/w2.log")"
for id in wfQueueVc01 wfQueueCv01 wfQueueCo01 wfQueueWait01 wfQueueWfc01; do
	curl -sf --max-time 60 -H "X-N8N-API-KEY: $KEY" -X POST "$BASE/api/v1/workflows/$id/activate" > "$WORK/activate-$id.json" ||
		fatal "activate $id through the public API" "$(cat "$WORK/activate-$id.json"; tail -n 5 "$WORK/main.log")"
done
# the webhooks answer 404 until the main process has registered them (a 200 is one execution more)
CALLS=0
for ((i = 0; i < 100; i++)); do
	if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$BASE/webhook/q-cohesity")" = 200 ]; then CALLS=1; break; fi
	sleep 0.3
done
STARTUP=$(bj_since "$T_START")
ok "n8n $(n8n --version 2> /dev/null | tail -n 1) main and two workers (--concurrency=10) run in queue mode; the workflows are active"
timing "start-up (databases, imports, main, workers, activation) $STARTUP s; main and workers alone $(bj_since "$t") s"

# peak memory: the resident memory of every server process of the test, sampled every 0.5 s
MEM_LOG=$WORK/memory.log
(
	while :; do
		pids=$(for p in "$PG_PID" "$REDIS_PID" "${BJ_N8N_PID:-}" "${WORKER_PID[@]}"; do [ -n "$p" ] && pgrep -g "$p" 2> /dev/null; done | sort -u | tr '\n' ',')
		[ -n "$pids" ] && ps -o rss= -p "${pids%,}" 2> /dev/null | awk '{ s += $1 } END { print s }' >> "$MEM_LOG"
		sleep 0.5
	done
) &
MEM_PID=$!

# --- 1. 20 calls: 10 one after another, 10 at once; one sign-in ----------------------------------------------
call() { # PATH OUT
	curl -s --max-time 120 -o "$2" -w '%{http_code}' "$BASE/webhook/$1"
}
calls_at_once() { # PATH PREFIX: 10 calls at once; answers in PREFIX-N.json, statuses in PREFIX-N.code
	local pids=() i
	for i in $(seq 1 10); do
		call "$1" "$2-$i.json" > "$2-$i.code" &
		pids+=($!)
	done
	wait "${pids[@]}"
}
bj_sim_post vcenter /__sim/reset
bj_sim_post commvault /__sim/reset
for vendor in vcenter commvault; do
	mkdir -p "$WORK/calls/$vendor"
	codes=()
	for i in $(seq 1 10); do codes+=("$(call "q-$vendor" "$WORK/calls/$vendor/seq-$i.json")"); done
	calls_at_once "q-$vendor" "$WORK/calls/$vendor/par"
	for i in $(seq 1 10); do codes+=("$(cat "$WORK/calls/$vendor/par-$i.code")"); done
	good=$(jq -s '[.[] | select(.state == "succeeded" and .isFinished == true)] | length' "$WORK"/calls/$vendor/*.json 2> /dev/null || echo 0)
	signins=$(bj_sim_signins "$vendor")
	if [ "$(printf '%s\n' "${codes[@]}" | grep -c '^200$')" = 20 ] && [ "$good" = 20 ]; then
		ok "$vendor: 20 webhook calls (10 one after another, 10 at once) answer 200 with the succeeded job"
	else
		not_ok "$vendor: 20 webhook calls answer 200 with the succeeded job (codes ${codes[*]}, $good good)" "$(head -c 300 "$WORK/calls/$vendor/par-1.json")"
	fi
	[ "$signins" = 1 ] && ok "$vendor: one sign-in for the 20 calls, on both workers" || not_ok "$vendor: one sign-in for the 20 calls (saw $signins)" "$(bj_sim_stats "$vendor")"
done
codes=()
for i in $(seq 1 10); do codes+=("$(call q-cohesity "$WORK/calls/cohesity-$i.json")"); done
if [ "$(printf '%s\n' "${codes[@]}" | grep -c '^200$')" = 10 ] && jq -se 'all(.[]; .name == "cassandra_UInew" or (.name | type == "string"))' "$WORK"/calls/cohesity-*.json > /dev/null 2>&1; then
	ok "cohesity (API key, no sign-in): 10 webhook calls answer 200 with a protection group"
else
	not_ok "cohesity: 10 webhook calls answer 200 with a protection group (codes ${codes[*]})" "$(head -c 300 "$WORK/calls/cohesity-1.json")"
fi

# --- 2. the race: the session expired, 10 calls at once, a sign-in that takes 1.5 s ---------------------------
for vendor in vcenter commvault; do
	path=$([ "$vendor" = vcenter ] && echo /session || echo /Login)
	before=$(bj_sim_signins "$vendor")
	bj_sim_post "$vendor" /__sim/expire-sessions
	bj_sim_post "$vendor" /__sim/fault "{\"fault\": \"slow\", \"delayMs\": 1500, \"match\": \"$path\", \"times\": 10}"
	calls_at_once "q-$vendor" "$WORK/calls/$vendor/race"
	n200=$(for f in "$WORK"/calls/$vendor/race-*.code; do echo "$(cat "$f")"; done | grep -c '^200$' || true)
	race=$(($(bj_sim_signins "$vendor") - before))
	RACE[$vendor]=$race
	[ "$n200" = 10 ] && ok "$vendor race: the 10 calls at once after the expiry all answer 200" ||
		not_ok "$vendor race: the 10 calls at once after the expiry all answer 200 (saw $n200)" "$(head -c 300 "$WORK/calls/$vendor/race-1.json")"
	[ "$race" -ge 1 ] && [ "$race" -le 2 ] && ok "$vendor race: $race sign-in(s) for the 10 calls, at most one per worker (2 workers)" ||
		not_ok "$vendor race: at most one sign-in per worker for the 10 calls (saw $race)" "$(bj_sim_stats "$vendor")"
done

# --- 3. every execution ran on a worker and succeeded ----------------------------------------------------------
sleep 1
psql_n8n() { "$PG_BIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U n8n -d n8n -c "$1"; }
TOTAL=$(psql_n8n 'SELECT count(*) FROM execution_entity')
OK_COUNT=$(psql_n8n "SELECT count(*) FROM execution_entity WHERE status = 'success'")
ON_W1=$(grep -cE 'Worker started execution|started execution' "$WORK/w1.log" || true)
ON_W2=$(grep -cE 'Worker started execution|started execution' "$WORK/w2.log" || true)
ON_MAIN=$(grep -cE 'Worker started execution|started execution' "$WORK/main.log" || true)
CALLS=$((CALLS + 70)) # 20 vCenter, 20 Commvault, 10 Cohesity, 10 + 10 in the races
[ "$TOTAL" = "$CALLS" ] && [ "$OK_COUNT" = "$CALLS" ] && ok "all $TOTAL executions succeeded (execution_entity in PostgreSQL)" ||
	not_ok "all $CALLS executions succeeded (saw $OK_COUNT of $TOTAL)" "$(psql_n8n 'SELECT status, count(*) FROM execution_entity GROUP BY status')"
[ "$((ON_W1 + ON_W2))" = "$TOTAL" ] && [ "$ON_W1" -gt 0 ] && [ "$ON_W2" -gt 0 ] && [ "$ON_MAIN" = 0 ] &&
	ok "every execution ran on a worker: $ON_W1 on worker 1, $ON_W2 on worker 2, none on main" ||
	not_ok "every execution ran on a worker (worker 1 $ON_W1, worker 2 $ON_W2, main $ON_MAIN, of $TOTAL)" "$(grep -m3 -i execution "$WORK/w1.log")"

# --- 4. the two ways of waiting when the workers are stopped mid-wait (a deploy, a scale-down) ------------
# The native Wait loop (Wait 65 s, stored in the database) and Wait for Completion (inside the node, on the
# worker) each wait for a job that finishes in about a minute; both workers are stopped during the waits
# and a new one starts. README "Scaling out" gives the advice these figures back.
t=$(bj_now)
add_job() { curl -sf -X POST -H 'content-type: application/json' --data "$1" "$(bj_sim vcenter baseUrl)/__sim/jobs" | jq -r .id; }
status_of() { psql_n8n "SELECT status FROM execution_entity WHERE id = $1"; }
# run_counts ID: {node name: number of runs} of an execution (n8n stores its data flattened, with flatted:
# index 0 is the root, values are indexes into the array)
run_counts() {
	psql_n8n "SELECT data FROM execution_data WHERE \"executionId\" = $1" | node -e '
		const flat = JSON.parse(require("fs").readFileSync(0, "utf8"));
		const at = (i) => flat[Number(i)];
		const runData = at(at(at(0).resultData).runData);
		const out = {};
		for (const [name, ref] of Object.entries(runData)) out[name] = at(ref).length;
		console.log(JSON.stringify(out));' 2> /dev/null || echo '{}'
}
# started ID WORKFLOW STATUS: waits until the newest execution of WORKFLOW has STATUS; prints its id
started() {
	local id= i
	for ((i = 0; i < 100; i++)); do
		id=$(psql_n8n "SELECT id FROM execution_entity WHERE \"workflowId\" = '$1' AND status = '$2' ORDER BY id DESC LIMIT 1")
		[ -n "$id" ] && break
		sleep 0.3
	done
	echo "$id"
}
LOOP_JOB=$(add_job '{"states": ["INPROGRESS", "SUCCEEDED"], "ageSeconds": 60}')
NODE_JOB=$(add_job '{"states": ["INPROGRESS", "SUCCEEDED"], "ageSeconds": 60, "stepMs": 50000}')
code1=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$BASE/webhook/q-wait?job=$LOOP_JOB")
code2=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$BASE/webhook/q-wfc?job=$NODE_JOB")
LOOP_ID=$(started wfQueueWait01 waiting)
NODE_ID=$(started wfQueueWfc01 running)
if [ "$code1" = 200 ] && [ "$code2" = 200 ] && [ -n "$LOOP_ID" ] && [ -n "$NODE_ID" ]; then
	ok "waits: the Wait loop checked once and waits in the database (execution $LOOP_ID); Wait for Completion polls on a worker (execution $NODE_ID)"
	sleep 3
	stop_pid "${WORKER_PID[w1]}" &
	s1=$!
	stop_pid "${WORKER_PID[w2]}" &
	wait "$s1" "$!"
	wait "${WORKER_PID[w1]}" "${WORKER_PID[w2]}" 2> /dev/null || true
	unset "WORKER_PID[w1]" "WORKER_PID[w2]"
	STOPPED=$(bj_since "$t")
	start_worker w3
	for ((i = 0; i < 240; i++)); do
		loop_status=$(status_of "$LOOP_ID")
		node_status=$(status_of "$NODE_ID")
		case "$loop_status" in success | error | crashed | canceled) [ "$node_status" != running ] && [ "$node_status" != new ] && break ;; esac
		sleep 1
	done
	runs=$(run_counts "$LOOP_ID")
	if [ "$loop_status" = success ] && jq -e '.["Get vCenter Backup"] == 2 and .["Backup Succeeded"] == 1' <<< "$runs" > /dev/null 2>&1; then
		ok "Wait loop: both workers were stopped during the 65 s wait (at $STOPPED s); the new worker ran the second check and ended in \"Backup Succeeded\" ($(bj_since "$t") s after the start)"
	else
		not_ok "Wait loop: survives the workers being stopped during the wait (status $loop_status after $(bj_since "$t") s)" "$runs"
	fi
	NODE_SEEN="$node_status after $(bj_since "$t") s"
	# What n8n 2.41.1 does with an execution whose worker stopped inside the node: it is lost (its queue
	# recovery, every minute here, marks it crashed), never finished by another worker.
	if [ "$node_status" != success ] && [ "$node_status" != running ]; then
		ok "Wait for Completion: the execution whose worker was stopped mid-wait was not resumed: $NODE_SEEN (the job had succeeded by then)"
	else
		not_ok "Wait for Completion: as the README says, lost when its worker stops ($NODE_SEEN)" "$(run_counts "$NODE_ID")"
	fi
else
	not_ok "waits: both executions start (HTTP $code1 / $code2, executions '$LOOP_ID' / '$NODE_ID')" "$(tail -n 5 "$WORK/main.log")"
fi
timing "waits $(bj_since "$t") s"

kill "$MEM_PID" 2> /dev/null || true
wait "$MEM_PID" 2> /dev/null || true
PEAK_KB=$(sort -n "$MEM_LOG" 2> /dev/null | tail -n 1)
echo "# memory: peak resident memory of PostgreSQL, Redis, n8n main and workers: $((${PEAK_KB:-0} / 1024)) MiB"
echo "# sign-ins in the race: vcenter ${RACE[vcenter]:-?}, commvault ${RACE[commvault]:-?}"
timing "whole queue-mode run $(bj_since "$T_ALL") s"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
