#!/usr/bin/env bash
# This package against n8n's HTTP Request node in a real n8n, for `npm run bench`
# (test/bench/versus.external.js writes the inputs and reads the outputs):
#   bench-versus.sh WORK
# WORK holds seed-<vendor>.json (POST /__sim/seed bodies), wf/*.json (workflows, with __<VENDOR>_BASE__
# where the simulator's base URL goes) and order.txt (one workflow id per line, executed in that order).
# The simulators answer every request SIM_LATENCY_MS late (default 50). For each execution this writes
# WORK/runs/<n>.json (n8n's run) and WORK/runs/<n>.stats.json (the simulators' counters of that
# execution alone), then prints "done" on stdout. Progress goes to stderr. Needs n8n installed and dist/.
# BENCH_CPU_PROF_DIR=DIR: every `n8n execute` also writes a V8 CPU profile to DIR/<n>/ (for
# test/bench/profile-summary.js).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
export N8N_LINE=${N8N_LINE:-2}
export CACHE=$BJ_CACHE
export SIM_LATENCY_MS=${SIM_LATENCY_MS:-50}

WORK=${1:?usage: bench-versus.sh WORK}
cleanup() { bj_stop_sims; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash "$HERE/install-n8n.sh" "$N8N_LINE" >&2
[ -d "$BJ_REPO/dist" ] || (cd "$BJ_REPO" && npm run build >&2)

bj_e2e_setup "$WORK/n8n" >&2
for vendor in vcenter cohesity; do
	base=$(bj_sim "$vendor" baseUrl)
	[ ! -f "$WORK/seed-$vendor.json" ] ||
		curl -sf -X POST -H 'content-type: application/json' --data @"$WORK/seed-$vendor.json" "$base/__sim/seed" > /dev/null ||
		{ bj_log "bench-versus: seeding the $vendor simulator failed"; exit 1; }
	upper=$(tr '[:lower:]' '[:upper:]' <<< "$vendor")
	sed -i "s#__${upper}_BASE__#$base#g" "$WORK"/wf/*.json
done
bj_import_workflows "$WORK/wf" "$WORK/import-wf" >&2

mkdir -p "$WORK/runs"
n=0
while read -r id; do
	[ -n "$id" ] || continue
	n=$((n + 1))
	for vendor in vcenter cohesity; do bj_sim_post "$vendor" /__sim/reset-stats; done
	bj_log "bench-versus: execution $n ($id)"
	if [ -n "${BENCH_CPU_PROF_DIR:-}" ]; then
		mkdir -p "$BENCH_CPU_PROF_DIR/$n"
		export NODE_OPTIONS="--cpu-prof --cpu-prof-dir=$BENCH_CPU_PROF_DIR/$n"
	fi
	bj_execute "$id" "$WORK/runs/$n" || {
		bj_log "bench-versus: n8n execute $id failed:"
		tail -n 20 "$WORK/runs/$n.err" "$WORK/runs/$n.out" >&2
		exit 1
	}
	jq -n --argjson v "$(bj_sim_stats vcenter)" --argjson c "$(bj_sim_stats cohesity)" --arg id "$id" --arg s "$BJ_EXEC_SECONDS" \
		'{workflow: $id, seconds: ($s | tonumber), vcenter: $v, cohesity: $c}' > "$WORK/runs/$n.stats.json"
done < "$WORK/order.txt"
echo done
