// n8n-core's InstanceSettings writes $N8N_USER_FOLDER/.n8n/config on first use: keep it in the repo's
// git-ignored scratch folder, never in the user's home.
const path = require('node:path');
process.env.N8N_USER_FOLDER = path.join(__dirname, '..', '.n8n-test-home');
require('node:fs').mkdirSync(process.env.N8N_USER_FOLDER, { recursive: true });
process.env.N8N_ENCRYPTION_KEY ??= 'jest-key';
// Expected failures (404s, timeouts) would otherwise print stack traces through n8n's error reporter.
process.env.N8N_LOG_LEVEL ??= 'silent';
const noop = () => {};
require('n8n-workflow').LoggerProxy.init({ error: noop, warn: noop, info: noop, debug: noop, verbose: noop });
