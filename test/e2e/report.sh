# shellcheck shell=bash
# The TAP-like report of the real-n8n tests (test/e2e/run.sh, test/queue/run.sh): `ok - …` and
# `not ok - …` lines, counted in PASSED and FAILED, and `N passed, M failed` at the end (test/run-all.sh
# adds those up).
PASSED=${PASSED:-0}
FAILED=${FAILED:-0}

ok() {
	PASSED=$((PASSED + 1))
	echo "ok - $1"
}
not_ok() {
	FAILED=$((FAILED + 1))
	echo "not ok - $1"
	if [ -n "${2:-}" ]; then printf '%s\n' "$2" | head -n 15 | sed 's/^/  # /'; fi
}
# check DESCRIPTION COMMAND...: ok when the command succeeds
check() {
	local desc=$1
	shift
	if "$@" > /dev/null 2>&1; then ok "$desc"; else not_ok "$desc"; fi
}
# jq_check DESCRIPTION FILE FILTER [jq args...]: ok when the filter yields true
jq_check() {
	local desc=$1 file=$2 filter=$3
	shift 3
	if jq -e "$@" "$filter" "$file" > /dev/null 2>&1; then
		ok "$desc"
	else
		not_ok "$desc" "$(jq -c "$@" "$filter" "$file" 2>&1 | cut -c1-400)"
	fi
}
fatal() {
	not_ok "$1" "${2:-}"
	echo "$PASSED passed, $FAILED failed"
	exit 1
}
timing() { echo "# timing: $*"; }
