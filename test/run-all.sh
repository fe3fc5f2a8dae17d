#!/usr/bin/env bash
# `npm test`: lint, strict type check, unit + node tests (jest, n8n-core's real engine against the
# simulators), then end-to-end runs in a real n8n (installed into a cache outside the repo on first
# use). BJ_E2E_LINES picks the n8n lines: "2 1" (default: 2.41.1 on Node 24 and 1.123.81 on Node 20),
# "2", or "" to skip the real-n8n runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

passed=0
failed=0
step() { printf '\n== %s\n' "$*"; }

step "lint (n8n community-node rules)"
npm run -s lint

step "type check (tsc --strict)"
npx tsc --noEmit -p tsconfig.json
echo "tsc: clean"

step "unit and node tests (jest)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rc=0
npx jest 2>&1 | tee "$log" || rc=$?
# jest's summary: "Tests:       3 failed, 214 passed, 217 total"
summary=$(grep -E '^Tests: ' "$log" | tail -n 1 || true)
jest_passed=$(grep -oE '[0-9]+ passed' <<< "$summary" | grep -oE '[0-9]+' || echo 0)
jest_failed=$(grep -oE '[0-9]+ failed' <<< "$summary" | grep -oE '[0-9]+' || echo 0)
[ "$rc" -eq 0 ] || [ "$jest_failed" -gt 0 ] || jest_failed=1
passed=$((passed + jest_passed))
failed=$((failed + jest_failed))

for line in ${BJ_E2E_LINES-2 1}; do
	step "end-to-end in a real n8n (line $line)"
	out=$(mktemp)
	rc=0
	N8N_LINE=$line bash test/e2e/run.sh 2>&1 | tee "$out" || rc=$?
	counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1 || true)
	rm -f "$out"
	e2e_passed=0
	e2e_failed=0
	if [ -n "$counts" ]; then
		e2e_passed=${counts%% passed*}
		e2e_failed=${counts#*, }
		e2e_failed=${e2e_failed%% failed*}
	fi
	# A run that stopped before counting (say, the n8n install failed) is one failure too.
	[ "$rc" -eq 0 ] || [ "$e2e_failed" -gt 0 ] || e2e_failed=1
	passed=$((passed + e2e_passed))
	failed=$((failed + e2e_failed))
done

printf '\ntotal: %s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
