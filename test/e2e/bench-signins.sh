#!/usr/bin/env bash
# Sign-ins per execution in a real n8n: runs one vCenter Get workflow twice (two `n8n execute` processes)
# against the simulator and prints one JSON line on stdout, e.g.
#   {"firstExecutionSignIns":1,"secondExecutionSignIns":0,...}
# The second execution should reuse the session id n8n stored with the credential after the first.
# Progress goes to stderr. Installs n8n if missing (N8N_LINE, default 2); builds dist/ only if it is missing
# (`npm run bench` builds first).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
export N8N_LINE=${N8N_LINE:-2}
export CACHE=$BJ_CACHE

WORK=
cleanup() {
	bj_stop_sims
	[ -z "$WORK" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash "$HERE/install-n8n.sh" "$N8N_LINE" >&2
[ -d "$BJ_REPO/dist" ] || (cd "$BJ_REPO" && npm run build >&2)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bj-bench.XXXXXX")
bj_e2e_setup "$WORK" >&2
bj_write_get_workflow wfVcenterBench01 20240314-020001-21560480 "$WORK/wf.json"
bj_import_workflows "$WORK/wf.json" "$WORK/import-wf" >&2

bj_sim_post vcenter /__sim/reset
run() { # NAME -> prints "signIns requests seconds" after the run
	bj_execute wfVcenterBench01 "$WORK/$1" || {
		bj_log "bench-signins: n8n execute failed:"
		tail -n 20 "$WORK/$1.err" "$WORK/$1.out" >&2
		exit 1
	}
	jq -e '.status == "success"' "$WORK/$1.json" > /dev/null || { bj_log "bench-signins: the run did not succeed"; exit 1; }
	bj_sim_stats vcenter | jq -r --arg s "$BJ_EXEC_SECONDS" '"\(.signIns) \(.requests) \($s)"'
}
read -r s1 q1 t1 <<< "$(run first)"
read -r s2 q2 t2 <<< "$(run second)"

jq -cn --argjson s1 "$s1" --argjson s2 "$s2" --argjson q1 "$q1" --argjson q2 "$q2" \
	--argjson t1 "$t1" --argjson t2 "$t2" --arg line "$N8N_LINE" '{
	firstExecutionSignIns: $s1, secondExecutionSignIns: ($s2 - $s1),
	firstExecutionRequests: $q1, secondExecutionRequests: ($q2 - $q1),
	firstExecutionSeconds: $t1, secondExecutionSeconds: $t2,
	n8n: (if $line == "1" then "1.123.81" else "2.41.1" end)}'
