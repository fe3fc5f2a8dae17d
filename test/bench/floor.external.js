// @ts-check
'use strict';
/**
 * Each vendor's checking node against its floor in a real n8n 2.41.1 (issue 23): Get with 500 distinct
 * ids, Get with 500 items over 10 ids, and Get Many of 10,000 jobs, every answer 50 ms late. The floor
 * (test/bench/floor-node) reads the same parameters per item and sends the same requests through n8n's
 * request helper, and does nothing else; node time / floor time is what this package adds. Beside it,
 * the HTTP Request node as a user builds it (the credential, default options, an expression for the
 * id), in the same executions. Each figure is the median of five rounds (three for Get Many) in rotating order after a
 * warm-up (n8n's `executionTime` of each node). Then memory: the peak RSS of `n8n execute` running Get
 * Many of 10,000 jobs alone, above the same n8n running a node that does nothing, against the bytes of
 * the vendor's answers, beside the floor's Get Many alone (n8n holding the same answers' records as items). test/e2e/bench-floor.sh drives n8n. Skipped with BENCH_SKIP_N8N=1;
 * BENCH_FLOOR_VENDORS=vcenter,cohesity limits the vendors.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { cacheDir } = require('./n8n-nodes');
const { median } = require('./tools');
const { vendors, GETS } = require('./floor-scenarios');

const LATENCY_MS = 50;

/** @param {string} s */
const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** The runs of every node whose name starts with `side ` (not the warm-ups), in round order. @param {any} run @param {string} side */
function sideRuns(run, side) {
	const runData = run?.data?.resultData?.runData ?? {};
	return Object.keys(runData)
		.filter((name) => name.startsWith(`${side} `))
		.sort()
		.map((name) => {
			const task = runData[name][0];
			if (task.error) throw new Error(`node "${name}" failed: ${task.error.message}`);
			return { ms: task.executionTime, items: task.data?.main?.[0]?.length ?? 0 };
		});
}

/** @param {string} file */
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
/** The peak RSS in bytes (/usr/bin/time's last line, KiB). @param {string} file */
const rssBytes = (file) => 1024 * Number(fs.readFileSync(file, 'utf8').trim().split('\n').pop());
const MiB = 1024 * 1024;

module.exports = {
	name: 'each checking node against its floor in a real n8n',
	skip: () => {
		if (process.env.BENCH_SKIP_N8N === '1') return 'BENCH_SKIP_N8N=1';
		if (!fs.existsSync(path.join(cacheDir(), 'n8n-2.41.1', '.installed'))) return 'n8n 2.41.1 is not installed in the cache (test/e2e/install-n8n.sh 2)';
		return undefined;
	},
	async run() {
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bj-floor-'));
		try {
			const now = Date.now();
			const only = process.env.BENCH_FLOOR_VENDORS?.split(',');
			const list = vendors(now).filter((v) => !only || only.includes(v.key));
			fs.writeFileSync(path.join(work, 'now.txt'), String(now));
			for (const vendor of list) fs.writeFileSync(path.join(work, `seed-${vendor.key}.json`), JSON.stringify(vendor.seed));
			const script = path.join(__dirname, '..', 'e2e', 'bench-floor.sh');
			// m: measured rounds, r: the package's memory run, f: the floor's, rIdle: idle
			const onlyIds = only ? `^[mrf](${only.map(cap).join('|')}|Idle)` : process.env.BENCH_ONLY;
			const res = spawnSync('bash', [script, work], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'inherit'],
				timeout: 3600000,
				env: { ...process.env, SIM_LATENCY_MS: String(LATENCY_MS), ...(onlyIds && { BENCH_ONLY: onlyIds }) },
			});
			if (res.status !== 0 || !res.stdout.includes('done')) throw new Error(`bench-floor.sh exited ${res.status}; see its output above`);
			return records(work, list);
		} finally {
			if (process.env.BENCH_KEEP_WORK !== '1') fs.rmSync(work, { recursive: true, force: true });
			else console.error(`bench: floor work kept in ${work}`);
		}
	},
};

/** @param {string} work @param {import('./floor-scenarios').Vendor[]} list */
function records(work, list) {
	const runs = (/** @type {string} */ phase, /** @type {string} */ id) => path.join(work, phase, 'runs', id);
	const out = [];
	for (const vendor of list) {
		for (const scenario of vendor.scenarios) {
			const id = `${cap(vendor.key)}${cap(scenario.key)}`;
			if (!fs.existsSync(`${runs('measure', `m${id}`)}.json`)) continue;
			const run = readJson(`${runs('measure', `m${id}`)}.json`);
			const pkg = sideRuns(run, 'package');
			const floor = sideRuns(run, 'floor');
			const expected = scenario.key === 'getMany' ? undefined : GETS;
			if (expected !== undefined && pkg.some((r) => r.items !== expected)) throw new Error(`${id}: the package returned ${pkg.map((r) => r.items)} items, expected ${expected}`);
			const ratios = pkg.map((p, r) => p.ms / floor[r].ms);
			const cal = readJson(`${runs('cal', `c${id}`)}.stats.json`);
			const requests = readJson(`${runs('cal', `c${id}`)}.requests.json`).filter((/** @type {any} */ e) => !e.session).length;
			const what = `${vendor.label} ${scenario.label}, answers ${LATENCY_MS} ms late (real n8n 2.41.1)`;
			out.push({
				name: `${what}: node time / floor`,
				value: median(ratios),
				spread: [Math.min(...ratios), Math.max(...ratios)],
				unit: '×',
				target: { max: 1.3 },
				baseline: { label: 'floor', value: median(floor.map((r) => r.ms)), unit: 'ms' },
				note: `node ${median(pkg.map((r) => r.ms)).toFixed(0)} ms, floor ${median(floor.map((r) => r.ms)).toFixed(0)} ms (${requests} requests, ${pkg[0].items} items out; the floor gave ${floor[0].items}); rounds ${pkg.map((p) => p.ms).join('/')} against ${floor.map((f) => f.ms).join('/')} ms; ${cal.signIns} sign-in(s) in calibration`,
			});
			if (scenario.http) {
				const http = sideRuns(run, 'http');
				const versus = http.map((h, r) => h.ms / pkg[r].ms);
				const stats = readJson(`${runs('measure', `m${id}`)}.stats.json`);
				out.push({
					name: `${what}: HTTP Request node / this node`,
					value: median(versus),
					spread: [Math.min(...versus), Math.max(...versus)],
					unit: '×',
					baseline: { label: 'HTTP Request node', value: median(http.map((r) => r.ms)), unit: 'ms' },
					note: `HTTP Request ${median(http.map((r) => r.ms)).toFixed(0)} ms for ${GETS} requests, this node ${median(pkg.map((r) => r.ms)).toFixed(0)} ms for ${requests}; the execution's peak in flight ${stats.peakInFlight}`,
				});
			}
		}
	}
	const idle = `${runs('measure', 'rIdle')}.rss`;
	for (const vendor of list) {
		const id = `r${cap(vendor.key)}`;
		if (!fs.existsSync(`${runs('measure', id)}.rss`) || !fs.existsSync(idle)) continue;
		const above = rssBytes(`${runs('measure', id)}.rss`) - rssBytes(idle);
		const { bytes } = readJson(`${runs('measure', id)}.stats.json`);
		const items = sideRuns(readJson(`${runs('measure', id)}.json`), 'package')[0].items;
		const floorFile = `${runs('measure', `f${cap(vendor.key)}`)}.rss`;
		const floorAbove = fs.existsSync(floorFile) ? rssBytes(floorFile) - rssBytes(idle) : NaN;
		out.push({
			name: `${vendor.label} Get Many of 10,000 jobs: peak RSS of the n8n process above idle / the answers' bytes`,
			value: above / bytes,
			unit: '×',
			target: { max: 3 },
			baseline: { label: 'the floor', value: floorAbove / bytes, unit: '×' },
			note: `peak RSS ${(rssBytes(`${runs('measure', id)}.rss`) / MiB).toFixed(0)} MiB, idle ${(rssBytes(idle) / MiB).toFixed(0)} MiB, the floor's (same answers, the records as items) ${((floorAbove + rssBytes(idle)) / MiB).toFixed(0)} MiB; ${items} items; answers ${(bytes / MiB).toFixed(1)} MiB`,
		});
	}
	return out;
}
module.exports.records = records;
