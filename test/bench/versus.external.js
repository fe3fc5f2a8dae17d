// @ts-check
'use strict';
/**
 * This package against n8n's HTTP Request node (one request per item, no batching) in a real n8n
 * 2.41.1, same simulators, every answer 50 ms late: the checking node's own execution time
 * (`executionTime` of its run), the requests the appliance sees and the peak in flight. The two
 * sides run in one execution each round, both warmed first with 100 items, in the order A B in
 * one round and B A in the next (6 rounds a vendor); the figure is the median of the rounds'
 * ratios with their spread. test/e2e/bench-versus.sh drives n8n. Skipped with BENCH_SKIP_N8N=1.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { groups } = require('./cohesity-fixture');
const { cacheDir, HTTP_REQUEST_VERSION } = require('./n8n-nodes');
const { median } = require('./tools');

const CHECKS = 500;
const WARM = 100;
const ROUNDS = 6;
const LATENCY_MS = 50;
const CONCURRENCY = 5;

/** @typedef {{ id: string, name: string, type: string, typeVersion: number, position: number[], parameters: object, credentials?: object, executeOnce?: boolean }} WfNode */

/**
 * @typedef {object} Vendor
 * @property {string} key
 * @property {string} label
 * @property {string} what
 * @property {object[]} items What each item of the measured nodes holds.
 * @property {object} seed POST /__sim/seed body.
 * @property {() => object} packageNode The parameters of this package's node.
 * @property {object} httpParameters
 * @property {object} credentials
 * @property {string} packageType
 * @property {number} maxRequests
 */

const vcenterIds = Array.from({ length: CHECKS }, (_, k) => `20240601-${String(k).padStart(6, '0')}-1`);
const cohesityData = groups(5, CHECKS / 5);

/** @type {Vendor[]} */
const VENDORS = [
	{
		key: 'vcenter',
		label: 'vCenter Get',
		what: `${CHECKS} distinct jobs, ${LATENCY_MS} ms latency`,
		items: vcenterIds.map((id) => ({ id })),
		seed: { jobs: vcenterIds.map((id) => ({ id, states: ['SUCCEEDED'] })) },
		packageType: 'n8n-nodes-backup-jobs.vmwareVcenter',
		packageNode: () => ({ resource: 'backupJob', operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options: { concurrentRequests: CONCURRENCY } }),
		httpParameters: {
			method: 'GET',
			url: '={{ "__VCENTER_BASE__/api/appliance/recovery/backup/job/" + $json.id }}',
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'vmwareVcenterApi',
			options: {},
		},
		credentials: { vmwareVcenterApi: { id: 'vcenterSim01', name: 'VMware vCenter simulator' } },
		maxRequests: Math.ceil(CHECKS / 50) + 1,
	},
	{
		key: 'cohesity',
		label: 'Cohesity Get run',
		what: `${CHECKS} runs of 5 groups, ${LATENCY_MS} ms latency`,
		items: cohesityData.runs,
		seed: { groups: cohesityData.groups },
		packageType: 'n8n-nodes-backup-jobs.cohesity',
		packageNode: () => ({
			resource: 'protectionGroupRun',
			operation: 'get',
			protectionGroupId: { __rl: true, mode: 'id', value: '={{ $json.group }}' },
			runId: '={{ $json.run }}',
			options: { concurrentRequests: CONCURRENCY },
		}),
		httpParameters: {
			method: 'GET',
			url: '={{ "__COHESITY_BASE__/v2/data-protect/protection-groups/" + encodeURIComponent($json.group) + "/runs/" + encodeURIComponent($json.run) + "?includeObjectDetails=false" }}',
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'cohesityApi',
			options: {},
		},
		credentials: { cohesityApi: { id: 'cohesitySim01', name: 'Cohesity simulator' } },
		maxRequests: 20,
	},
];

let uuid = 0;
const nodeId = () => `0b0e0000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`;

/**
 * A workflow that runs `steps` one after the other, each on its own fresh items: Set (once) makes
 * the list, Split Out turns it into items, then the step's node.
 * @param {string} id @param {Vendor} vendor @param {Array<{ name: string, side: 'package' | 'http', count: number }>} steps
 */
function workflow(id, vendor, steps) {
	/** @type {WfNode[]} */
	const nodes = [{ id: nodeId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	/** @type {Record<string, { main: Array<Array<{ node: string, type: string, index: number }>> }>} */
	const connections = {};
	let previous = 'Start';
	const link = (/** @type {string} */ from, /** @type {string} */ to) => {
		connections[from] = { main: [[{ node: to, type: 'main', index: 0 }]] };
	};
	steps.forEach((step, k) => {
		const list = `List ${k + 1}`;
		const split = `Items ${k + 1}`;
		const x = 240 * (3 * k + 1);
		nodes.push({
			id: nodeId(),
			name: list,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [x, 0],
			executeOnce: true,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ list: vendor.items.slice(0, step.count) }), options: {} },
		});
		nodes.push({ id: nodeId(), name: split, type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [x + 240, 0], parameters: { fieldToSplitOut: 'list', options: {} } });
		nodes.push(
			step.side === 'package'
				? { id: nodeId(), name: step.name, type: vendor.packageType, typeVersion: 1, position: [x + 480, 0], parameters: vendor.packageNode(), credentials: vendor.credentials }
				: { id: nodeId(), name: step.name, type: 'n8n-nodes-base.httpRequest', typeVersion: HTTP_REQUEST_VERSION, position: [x + 480, 0], parameters: vendor.httpParameters, credentials: vendor.credentials },
		);
		link(previous, list);
		link(list, split);
		link(split, step.name);
		previous = step.name;
	});
	return { id, name: `bench ${id}`, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** @param {any} run @param {string} name */
function nodeRun(run, name) {
	const task = run?.data?.resultData?.runData?.[name]?.[0];
	if (!task) throw new Error(`no run of node "${name}" (status ${run?.status})`);
	if (task.error) throw new Error(`node "${name}" failed: ${task.error.message}`);
	return task;
}

/** @param {any} run @param {string} name */
function executionMs(run, name, count = CHECKS) {
	const task = nodeRun(run, name);
	const items = task.data?.main?.[0]?.length ?? 0;
	if (items !== count) throw new Error(`node "${name}" returned ${items} items, expected ${count}`);
	return task.executionTime;
}

module.exports = {
	name: 'this package against the HTTP Request node in a real n8n',
	skip: () => {
		if (process.env.BENCH_SKIP_N8N === '1') return 'BENCH_SKIP_N8N=1';
		if (!fs.existsSync(path.join(cacheDir(), 'n8n-2.41.1', '.installed'))) return 'n8n 2.41.1 is not installed in the cache (test/e2e/install-n8n.sh 2)';
		return undefined;
	},
	async run() {
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bj-versus-'));
		try {
			fs.mkdirSync(path.join(work, 'wf'));
			/** @type {Array<{ id: string, vendor: Vendor, kind: 'first' | 'http' | 'round', round?: number }>} */
			const plan = [];
			for (const vendor of VENDORS) {
				fs.writeFileSync(path.join(work, `seed-${vendor.key}.json`), JSON.stringify(vendor.seed));
				const add = (/** @type {string} */ id, /** @type {any} */ wf, /** @type {typeof plan[number]} */ entry) => {
					fs.writeFileSync(path.join(work, 'wf', `${id}.json`), JSON.stringify(wf));
					plan.push(entry);
				};
				add(`wf${vendor.key}First`, workflow(`wf${vendor.key}First`, vendor, [{ name: 'Package', side: 'package', count: CHECKS }]), { id: `wf${vendor.key}First`, vendor, kind: 'first' });
				add(`wf${vendor.key}Http`, workflow(`wf${vendor.key}Http`, vendor, [{ name: 'HTTP Request', side: 'http', count: CHECKS }]), { id: `wf${vendor.key}Http`, vendor, kind: 'http' });
				/** @type {Array<'package' | 'http'>} */
				const ab = ['http', 'package'];
				for (const [order, sides] of /** @type {const} */ ([['AB', ab], ['BA', [...ab].reverse()]])) {
					const id = `wf${vendor.key}${order}`;
					const steps = [
						...sides.map((side) => ({ name: `Warm ${side}`, side, count: WARM })),
						...sides.map((side) => ({ name: side === 'http' ? 'HTTP Request' : 'Package', side, count: CHECKS })),
					];
					fs.writeFileSync(path.join(work, 'wf', `${id}.json`), JSON.stringify(workflow(id, vendor, steps)));
				}
				for (let r = 0; r < ROUNDS; r++) {
					const id = `wf${vendor.key}${r % 2 === 0 ? 'AB' : 'BA'}`;
					plan.push({ id, vendor, kind: 'round', round: r });
				}
			}
			fs.writeFileSync(path.join(work, 'order.txt'), `${plan.map((p) => p.id).join('\n')}\n`);
			const script = path.join(__dirname, '..', 'e2e', 'bench-versus.sh');
			const res = spawnSync('bash', [script, work], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900000, env: { ...process.env, SIM_LATENCY_MS: String(LATENCY_MS) } });
			if (res.status !== 0 || !res.stdout.includes('done')) {
				throw new Error(`bench-versus.sh exited ${res.status}: ${res.stderr.trim().split('\n').slice(-6).join(' | ')}`);
			}
			const records = [];
			for (const vendor of VENDORS) {
				const entries = plan.map((p, n) => ({ ...p, n: n + 1 })).filter((p) => p.vendor === vendor);
				const load = (/** @type {number} */ n) => ({
					run: JSON.parse(fs.readFileSync(path.join(work, 'runs', `${n}.json`), 'utf8')),
					stats: JSON.parse(fs.readFileSync(path.join(work, 'runs', `${n}.stats.json`), 'utf8'))[vendor.key],
				});
				const first = load(/** @type {number} */ (entries.find((e) => e.kind === 'first')?.n));
				executionMs(first.run, 'Package');
				records.push({
					name: `${vendor.label}: requests the appliance sees, ${vendor.what}, first execution (real n8n)`,
					value: first.stats.requests,
					unit: 'requests',
					target: { max: vendor.maxRequests },
					baseline: { label: 'HTTP Request node', value: CHECKS, unit: 'requests' },
					note: `${first.stats.signIns} sign-in(s) included`,
				});
				records.push({
					name: `${vendor.label}: peak requests in flight at the appliance, ${vendor.what} (real n8n)`,
					value: first.stats.peakInFlight,
					unit: 'requests',
					target: { max: CONCURRENCY },
				});
				const http = load(/** @type {number} */ (entries.find((e) => e.kind === 'http')?.n));
				executionMs(http.run, 'HTTP Request');
				records.push({
					name: `${vendor.label}: peak requests in flight at the appliance, HTTP Request node (real n8n, diagnostic)`,
					value: http.stats.peakInFlight,
					unit: 'requests',
					note: `${http.stats.requests} requests`,
				});
				const rounds = entries.filter((e) => e.kind === 'round').map((e) => {
					const { run } = load(e.n);
					return { httpMs: executionMs(run, 'HTTP Request'), packageMs: executionMs(run, 'Package') };
				});
				const ratios = rounds.map((r) => r.httpMs / r.packageMs);
				records.push({
					name: `${vendor.label}: HTTP Request node / this package, node execution time, ${vendor.what} (real n8n 2.41.1)`,
					value: median(ratios),
					spread: [Math.min(...ratios), Math.max(...ratios)],
					unit: '×',
					target: { min: 4 },
					baseline: { label: 'this package', value: median(rounds.map((r) => r.packageMs)), unit: 'ms' },
					note: `HTTP Request ${median(rounds.map((r) => r.httpMs)).toFixed(0)} ms, package ${median(rounds.map((r) => r.packageMs)).toFixed(0)} ms; median of ${ROUNDS} executions (A B, B A, …, each side warmed with ${WARM} items first), spread ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`,
				});
			}
			return records;
		} finally {
			if (process.env.BENCH_KEEP_WORK !== '1') fs.rmSync(work, { recursive: true, force: true });
		}
	},
};
