#!/usr/bin/env bash
# `npm test`: lint, strict type check, the build and n8n's package scanner on the source and the packed
# tarball (test/scan/scan.js), unit + node tests (jest, n8n-core's real engine against the simulators),
# then end-to-end runs in a real n8n (installed into a cache outside the repo on first use), and the
# queue-mode run (test/queue/run.sh).
# BJ_E2E_LINES picks the n8n lines: "2 1" (default: 2.41.1 on Node 24 and 1.123.81 on Node 20), "2", or
# "" to skip the real-n8n runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

passed=0
failed=0
step() { printf '\n== %s\n' "$*"; }
# count_run RC FILE: adds the last "N passed, M failed" line of FILE to the totals; a run that stopped
# before counting (say, the n8n install failed) is one failure too.
count_run() {
	local rc=$1 counts run_passed=0 run_failed=0
	counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$2" | tail -n 1 || true)
	if [ -n "$counts" ]; then
		run_passed=${counts%% passed*}
		run_failed=${counts#*, }
		run_failed=${run_failed%% failed*}
	fi
	[ "$rc" -eq 0 ] || [ "$run_failed" -gt 0 ] || run_failed=1
	passed=$((passed + run_passed))
	failed=$((failed + run_failed))
}

# The real n8n installs (about 6 min each on a cold machine) and the queue test's Debian packages run in
# the background while lint, the type check and jest use the foreground. The installs stay one after the
# other (npm's cache does not take two at once).
# The runs below install again if this failed, and report it there.
lines=${BJ_E2E_LINES-2 1}
prefetch_log=$(mktemp)
prefetch_pid=
if [ -n "$lines" ]; then
	(
		# 2.x first: jest's tests of the HTTP Request node take that node from the 2.x install
		for line in $(tr ' ' '\n' <<< "$lines" | sort -r); do
			bash test/e2e/install-n8n.sh "$line" || true
			[ "$line" != 2 ] || touch "$prefetch_log.2"
		done
		if [ "${BJ_QUEUE:-1}" = 1 ]; then bash test/queue/install-services.sh > /dev/null || true; fi
	) > "$prefetch_log" 2>&1 &
	prefetch_pid=$!
fi
# until the 2.x install is done (or the background job ended), at most 20 min
wait_for_line2() {
	[ -n "$prefetch_pid" ] && [[ " $lines " == *" 2 "* ]] || return 0
	local t0=$SECONDS
	while [ ! -e "$prefetch_log.2" ] && kill -0 "$prefetch_pid" 2> /dev/null && [ $((SECONDS - t0)) -lt 1200 ]; do sleep 2; done
	echo "  (waited $((SECONDS - t0)) s for the n8n 2.x install, whose HTTP Request node the node tests use)"
}
prefetch_done() {
	[ -n "$prefetch_pid" ] || return 0
	local t0=$SECONDS
	wait "$prefetch_pid" || true
	prefetch_pid=
	sed 's/^/  (background) /' "$prefetch_log"
	echo "  (background installs finished; waited $((SECONDS - t0)) s for them)"
}

log=$(mktemp)
declare -A e2e_pid=() e2e_out=()
stop_background() {
	rm -f "$log" "$prefetch_log" "$prefetch_log.2"
	[ -z "$prefetch_pid" ] || kill "$prefetch_pid" 2> /dev/null || true
	# an interrupted run: the side-by-side e2e runs stop too (their own traps stop n8n and the simulators)
	local pid
	for pid in "${e2e_pid[@]}"; do kill "$pid" 2> /dev/null || true; done
	rm -f "${e2e_out[@]}"
}
trap stop_background EXIT

step "lint (n8n community-node rules)"
npm run -s lint

step "type check (tsc --strict)"
npx tsc --noEmit -p tsconfig.json
echo "tsc: clean"


step "build, then n8n's package scanner on the source and the packed tarball"
rc=0
if npm run -s build > "$log" 2>&1; then
	node test/scan/scan.js 2>&1 | tee "$log" || rc=$?
else
	rc=$? # a failed build counts as one failure
	cat "$log"
fi
count_run "$rc" "$log"

step "unit and node tests (jest)"
wait_for_line2
rc=0
# Two workers on the two cores (435 s against 836 s with jest's default of one here), also while the 1.x
# install finishes in the background: that install is mostly download and unpacking.
npx jest --maxWorkers=2 2>&1 | tee "$log" || rc=$?
# jest's summary: "Tests:       3 failed, 214 passed, 217 total"
summary=$(grep -E '^Tests: ' "$log" | tail -n 1 || true)
jest_passed=$(grep -oE '[0-9]+ passed' <<< "$summary" | grep -oE '[0-9]+' || echo 0)
jest_failed=$(grep -oE '[0-9]+ failed' <<< "$summary" | grep -oE '[0-9]+' || echo 0)
[ "$rc" -eq 0 ] || [ "$jest_failed" -gt 0 ] || jest_failed=1
passed=$((passed + jest_passed))
failed=$((failed + jest_failed))

prefetch_done
# The n8n lines run side by side: each has its own user folder, simulators and ports, and much of a run is
# waiting (polls, a simulator's latency), so the two together take less than one after the other (1234 s
# against 1330 s on a loaded 2-core machine). dist/ was built above, once. Each run's report is printed
# whole when both have ended.
for line in $lines; do
	e2e_out[$line]=$(mktemp)
	N8N_LINE=$line BJ_E2E_PREBUILT=1 bash test/e2e/run.sh > "${e2e_out[$line]}" 2>&1 &
	e2e_pid[$line]=$!
done
for line in $lines; do
	rc=0
	wait "${e2e_pid[$line]}" || rc=$?
	step "end-to-end in a real n8n (line $line)"
	cat "${e2e_out[$line]}"
	count_run "$rc" "${e2e_out[$line]}"
	rm -f "${e2e_out[$line]}"
	unset "e2e_pid[$line]"
done

# Queue mode (about 3 min, 2 GiB): n8n 2.x main + two workers on PostgreSQL and Redis from Debian's
# packages (installed on first use). BJ_QUEUE=0 skips it, as does a run without the 2.x line.
if [ "${BJ_QUEUE:-1}" = 1 ] && [[ " $lines " == *" 2 "* ]]; then
	step "queue mode: n8n 2.x main and two workers, PostgreSQL, Redis"
	out=$(mktemp)
	rc=0
	bash test/queue/run.sh 2>&1 | tee "$out" || rc=$?
	count_run "$rc" "$out"
	rm -f "$out"
fi

printf '\ntotal: %s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
