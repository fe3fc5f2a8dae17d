// @ts-check
'use strict';
/**
 * vCenter figures measured outside jest: sign-ins on a first and a second execution with the same
 * credential in a real n8n (test/e2e/bench-signins.sh). Skipped with BENCH_SKIP_N8N=1.
 * run.js calls every test/bench/*.external.js: `{ name, skip?(): string | undefined, run(): Promise<records> }`.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

module.exports = {
	name: 'vCenter in a real n8n',
	skip: () => (process.env.BENCH_SKIP_N8N === '1' ? 'BENCH_SKIP_N8N=1' : undefined),
	async run() {
		const script = path.join(__dirname, '..', 'e2e', 'bench-signins.sh');
		const res = spawnSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600000 });
		const line = res.stdout.trim().split('\n').pop() ?? '';
		if (res.status !== 0 || !line.startsWith('{')) {
			throw new Error(`bench-signins.sh exited ${res.status}: ${res.stderr.trim().split('\n').slice(-5).join(' | ')}`);
		}
		const r = JSON.parse(line);
		const note = `n8n ${r.n8n}; requests ${r.firstExecutionRequests} then ${r.secondExecutionRequests}; ${r.firstExecutionSeconds} s then ${r.secondExecutionSeconds} s`;
		return [
			{ name: 'vCenter: sign-ins, first execution (real n8n)', value: r.firstExecutionSignIns, unit: 'sign-ins', target: { min: 1, max: 1 }, note },
			{ name: 'vCenter: sign-ins, second execution (real n8n)', value: r.secondExecutionSignIns, unit: 'sign-ins', target: { max: 0 } },
		];
	},
};
