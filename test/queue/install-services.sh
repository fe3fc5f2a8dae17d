#!/usr/bin/env bash
# PostgreSQL and Redis for the queue-mode test, from Debian's packages, when the machine lacks them.
# Installs only; nothing is started here (test/queue/run.sh starts its own servers on 127.0.0.1).
# Prints the folder of PostgreSQL's server programs (initdb, postgres) on stdout.
set -euo pipefail

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1; }

missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v redis-server > /dev/null || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "install-services.sh: ${missing[*]} missing; install them (apt-get install ${missing[*]}) or run as root" >&2
		exit 1
	fi
	echo "install-services.sh: installing ${missing[*]} from Debian's packages" >&2
	export DEBIAN_FRONTEND=noninteractive
	# the package scripts would start the system-wide servers: policy-rc.d 101 keeps them stopped
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		trap 'rm -f /usr/sbin/policy-rc.d' EXIT
	fi
	apt-get update -qq > /dev/null
	apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
pg_bin
