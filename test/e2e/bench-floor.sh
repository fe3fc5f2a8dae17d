#!/usr/bin/env bash
# Each checking node against its floor in a real n8n, for `npm run bench` (test/bench/floor.external.js
# writes the inputs and reads the outputs):
#   bench-floor.sh WORK
# WORK holds now.txt and seed-<vendor>.json (POST /__sim/seed bodies). The floor package
# (test/bench/floor-node) is placed beside this one. Two phases, each a set of workflows written by
# test/bench/floor-workflows.js: calibrate (the package node alone; its requests are recorded from the
# simulator as WORK/cal/runs/<id>.requests.json) and measure (WORK/measure/runs/<id>.json, the run;
# <id>.stats.json, the simulator's counters of that execution; <id>.rss, the peak RSS of the n8n process
# in KiB). Prints "done" on stdout. The simulators answer SIM_LATENCY_MS late (default 50).
# BENCH_CPU_PROF_DIR=DIR: each measured `n8n execute` also writes a V8 CPU profile to DIR/<id>/.
# BENCH_ONLY=REGEX: measure only the workflows whose id matches (e.g. '^mVcenter'), for profiling.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
export N8N_LINE=${N8N_LINE:-2}
export CACHE=$BJ_CACHE
export SIM_LATENCY_MS=${SIM_LATENCY_MS:-50}

WORK=${1:?usage: bench-floor.sh WORK}
cleanup() { bj_stop_sims; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash "$HERE/install-n8n.sh" "$N8N_LINE" >&2
[ -d "$BJ_REPO/dist" ] || (cd "$BJ_REPO" && npm run build >&2)

bj_e2e_setup "$WORK/n8n" >&2
floor_dir="$N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-bench-floor"
rm -rf "$floor_dir" && mkdir -p "$floor_dir" && cp "$BJ_REPO"/test/bench/floor-node/* "$floor_dir/"
printf '%s\n' "$BJ_SIM_JSON" > "$WORK/sims.json"
for vendor in $(jq -r 'keys[]' <<< "$BJ_SIM_JSON"); do
	[ ! -f "$WORK/seed-$vendor.json" ] ||
		curl -sf -X POST -H 'content-type: application/json' --data @"$WORK/seed-$vendor.json" "$(bj_sim "$vendor" baseUrl)/__sim/seed" > /dev/null ||
		{ bj_log "bench-floor: seeding the $vendor simulator failed"; exit 1; }
done

# run_phase NAME [DIR]: writes the phase's workflows, imports them and executes them in order.
run_phase() {
	local phase=$1 dir="$WORK/${2:-$1}" id vendor prefix
	node "$BJ_REPO/test/bench/floor-workflows.js" "$phase" "$WORK"
	bj_import_workflows "$dir/wf" "$dir/import" >&2
	mkdir -p "$dir/runs"
	while read -r id vendor; do
		[ -n "$id" ] || continue
		if [ "$phase" = measure ] && [ -n "${BENCH_ONLY:-}" ] && ! [[ $id =~ $BENCH_ONLY ]]; then continue; fi
		bj_sim_post "$vendor" /__sim/reset-stats
		bj_log "bench-floor: $phase $id"
		prefix="$dir/runs/$id"
		local -a env=()
		if [ "$phase" = measure ] && [ -n "${BENCH_CPU_PROF_DIR:-}" ]; then
			mkdir -p "$BENCH_CPU_PROF_DIR/$id"
			env=("NODE_OPTIONS=--cpu-prof --cpu-prof-dir=$BENCH_CPU_PROF_DIR/$id")
		fi
		# /usr/bin/time's %M: the peak RSS of n8n (KiB), the process it waits for
		env "${env[@]}" /usr/bin/time -f '%M' -o "$prefix.rss" n8n execute --id="$id" --rawOutput > "$prefix.out" 2> "$prefix.err" || {
			rc=$?
			# n8n 2.41.1 may die of SIGSEGV at exit after the run was stored (lib.sh, bj_execute)
			if [ "$rc" -ne 139 ] && ! grep -q 'signal 11' "$prefix.rss" 2> /dev/null; then
				bj_log "bench-floor: n8n execute $id failed ($rc):"
				tail -n 20 "$prefix.err" "$prefix.out" >&2
				exit 1
			fi
		}
		sed -n '/^{$/,/^}$/p' "$prefix.out" > "$prefix.json"
		rm -f "$prefix.out"
		bj_sim_stats "$vendor" > "$prefix.stats.json"
		[ "$phase" != calibrate ] || curl -sf "$(bj_sim "$vendor" baseUrl)/__sim/requests" > "$prefix.requests.json"
	done < "$dir/order.txt"
}

run_phase calibrate cal
run_phase measure
echo done
