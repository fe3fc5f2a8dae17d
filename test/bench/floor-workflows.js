#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Writes the workflows of the floor benchmark (floor.external.js, run by test/e2e/bench-floor.sh):
 *   node floor-workflows.js calibrate WORK   WORK/cal/wf/*.json and WORK/cal/order.txt: each scenario's
 *                                            package node alone, so the simulators record its requests
 *   node floor-workflows.js measure WORK     WORK/measure/…: per scenario one execution with this package,
 *                                            the floor (replaying the requests calibration recorded) and,
 *                                            for the Gets, the HTTP Request node, in rotating order; then
 *                                            the memory executions (Get Many alone per vendor, its floor
 *                                            alone, and idle)
 * order.txt lines: `<workflow id> <vendor key>`. WORK/sims.json holds the simulators' launcher line.
 */
const fs = require('node:fs');
const path = require('node:path');
const { HTTP_REQUEST_VERSION } = require('./n8n-nodes');
const { vendors, CONCURRENCY } = require('./floor-scenarios');

/**
 * Five rounds, each side first and last at least once, so neither the order nor a drift favours a side;
 * a Get of 500 items takes well under a second, so three rounds left the median at the mercy of one
 * garbage collection.
 */
const GET_ROUNDS = [
	['package', 'floor', 'http'],
	['http', 'floor', 'package'],
	['floor', 'http', 'package'],
	['package', 'http', 'floor'],
	['floor', 'package', 'http'],
];
const MANY_ROUNDS = [
	['package', 'floor'],
	['floor', 'package'],
	['package', 'floor'],
];

/** @param {string} s */
const cap = (s) => s[0].toUpperCase() + s.slice(1);
let uuid = 0;
const nodeId = () => `0f100000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`;

/**
 * @typedef {import('./floor-scenarios').Vendor} Vendor
 * @typedef {import('./floor-scenarios').Scenario} Scenario
 * @typedef {{ name: string, side: 'package' | 'floor' | 'http', plan?: object }} Step
 */

/** @param {Vendor} vendor @param {Scenario} scenario @param {Step} step @param {number[]} position */
function measuredNode(vendor, scenario, step, position) {
	const base = { id: nodeId(), name: step.name, typeVersion: 1, position, credentials: vendor.credentials };
	if (step.side === 'package') return { ...base, type: vendor.type, parameters: scenario.parameters };
	if (step.side === 'floor') return { ...base, type: vendor.floorType, parameters: { ...scenario.parameters, floorPlan: JSON.stringify(step.plan) } };
	return { ...base, type: 'n8n-nodes-base.httpRequest', typeVersion: HTTP_REQUEST_VERSION, parameters: scenario.http };
}

/**
 * Start, then per step: Set (once) makes the list of items, Split Out turns it into items, then the
 * measured node; every step on fresh items.
 * @param {string} id @param {Vendor} vendor @param {Scenario} scenario @param {Step[]} steps
 */
function workflow(id, vendor, scenario, steps) {
	/** @type {object[]} */
	const nodes = [{ id: nodeId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	/** @type {Record<string, object>} */
	const connections = {};
	let previous = 'Start';
	const link = (/** @type {string} */ from, /** @type {string} */ to) => {
		connections[from] = { main: [[{ node: to, type: 'main', index: 0 }]] };
	};
	const list = JSON.stringify({ list: scenario.items });
	steps.forEach((step, k) => {
		const x = 240 * (3 * k + 1);
		nodes.push({ id: nodeId(), name: `List ${k + 1}`, type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [x, 0], executeOnce: true, parameters: { mode: 'raw', jsonOutput: list, options: {} } });
		nodes.push({ id: nodeId(), name: `Items ${k + 1}`, type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [x + 240, 0], parameters: { fieldToSplitOut: 'list', options: {} } });
		nodes.push(measuredNode(vendor, scenario, step, [x + 480, 0]));
		link(previous, `List ${k + 1}`);
		link(`List ${k + 1}`, `Items ${k + 1}`);
		link(`Items ${k + 1}`, step.name);
		previous = step.name;
	});
	return { id, name: `bench ${id}`, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The URLs in the HTTP Request node's expression, as the simulators answer. @param {any} value @param {any} sims */
function withBaseUrls(value, sims) {
	let text = JSON.stringify(value);
	for (const [vendor, info] of Object.entries(sims)) text = text.replaceAll(`__${vendor.toUpperCase()}_BASE__`, info.baseUrl);
	return JSON.parse(text.replaceAll('__HUAWEI_PROJECT__', sims.huawei?.projectId ?? ''));
}

/**
 * The floor's plan: the parameters to read, and the requests the package node sent in calibration
 * (sign-ins left out: n8n's credential does those alike for both; a read repeated, once).
 * @param {Vendor} vendor @param {Scenario} scenario @param {any[]} log @param {any} sims
 */
function floorPlan(vendor, scenario, log, sims) {
	const origin = new URL(sims[vendor.key].baseUrl).origin;
	const requests = log
		.filter((entry) => !entry.session)
		.map((entry) => {
			if (entry.method !== 'GET') throw new Error(`${vendor.key} ${scenario.key}: the package sent ${entry.method} ${entry.path}; the floor replays reads only`);
			return { method: 'GET', url: `${origin}${entry.path}${entry.query ? `?${entry.query}` : ''}`, headers: entry.headers.accept ? { accept: entry.headers.accept } : {} };
		})
		// The same read twice in one execution is not needed (Huawei's bulk reads share the newest pages): the floor sends it once.
		.filter((request, k, all) => all.findIndex((other) => other.url === request.url && other.headers.accept === request.headers.accept) === k);
	return {
		credentialType: Object.keys(vendor.credentials)[0],
		once: vendor.once,
		reads: scenario.reads,
		requests,
		concurrency: CONCURRENCY,
		sequential: scenario.sequential,
		output: scenario.output,
	};
}

/** @param {string} dir @param {Array<{ id: string, vendor: string, wf: object }>} entries */
function writeAll(dir, entries) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(path.join(dir, 'wf'), { recursive: true });
	for (const { id, wf } of entries) fs.writeFileSync(path.join(dir, 'wf', `${id}.json`), JSON.stringify(wf));
	fs.writeFileSync(path.join(dir, 'order.txt'), `${entries.map((e) => `${e.id} ${e.vendor}`).join('\n')}\n`);
}

/** @param {string} phase @param {string} work */
function main(phase, work) {
	const only = process.env.BENCH_FLOOR_VENDORS?.split(',');
	const list = vendors(Number(fs.readFileSync(path.join(work, 'now.txt'), 'utf8'))).filter((v) => !only || only.includes(v.key));
	/** @type {Array<{ id: string, vendor: string, wf: object }>} */
	const entries = [];
	if (phase === 'calibrate') {
		for (const vendor of list) {
			for (const scenario of vendor.scenarios) {
				const id = `c${cap(vendor.key)}${cap(scenario.key)}`;
				entries.push({ id, vendor: vendor.key, wf: workflow(id, vendor, scenario, [{ name: 'Package', side: 'package' }]) });
			}
		}
		writeAll(path.join(work, 'cal'), entries);
		return;
	}
	if (phase !== 'measure') throw new Error(`unknown phase ${phase}`);
	const sims = JSON.parse(fs.readFileSync(path.join(work, 'sims.json'), 'utf8'));
	for (const vendor of list) {
		for (const scenario of vendor.scenarios) {
			const log = JSON.parse(fs.readFileSync(path.join(work, 'cal', 'runs', `c${cap(vendor.key)}${cap(scenario.key)}.requests.json`), 'utf8'));
			const plan = floorPlan(vendor, scenario, log, sims);
			const measured = { ...scenario, http: scenario.http && withBaseUrls(scenario.http, sims) };
			const many = scenario.key === 'getMany';
			const rounds = many ? MANY_ROUNDS : GET_ROUNDS;
			/** @type {Step[]} */
			const steps = [
				// The Gets warm every side up first: a server that has run a workflow once is warm.
				...(many ? [] : rounds[0].map((side) => ({ name: `Warm ${side}`, side: /** @type {Step['side']} */ (side), plan }))),
				...rounds.flatMap((sides, r) => sides.map((side) => ({ name: `${side} ${r + 1}`, side: /** @type {Step['side']} */ (side), plan }))),
			];
			const id = `m${cap(vendor.key)}${cap(scenario.key)}`;
			entries.push({ id, vendor: vendor.key, wf: workflow(id, vendor, measured, steps) });
		}
	}
	// Memory: Get Many alone in a fresh n8n per vendor, against the same n8n running a node that does nothing.
	const idleVendor = list[0];
	const idleScenario = { ...idleVendor.scenarios[2] };
	const idlePlan = { credentialType: Object.keys(idleVendor.credentials)[0], once: [], reads: [], requests: [], concurrency: 1, sequential: true, output: 'items' };
	entries.push({ id: 'rIdle', vendor: idleVendor.key, wf: workflow('rIdle', idleVendor, idleScenario, [{ name: 'floor 1', side: 'floor', plan: idlePlan }]) });
	// And the floor's Get Many alone: what n8n itself holds for the same answers and as many items.
	for (const vendor of list) {
		const many = vendor.scenarios[2];
		const log = JSON.parse(fs.readFileSync(path.join(work, 'cal', 'runs', `c${cap(vendor.key)}${cap(many.key)}.requests.json`), 'utf8'));
		const id = `r${cap(vendor.key)}`;
		entries.push({ id, vendor: vendor.key, wf: workflow(id, vendor, many, [{ name: 'package 1', side: 'package' }]) });
		const floorId = `f${cap(vendor.key)}`;
		entries.push({ id: floorId, vendor: vendor.key, wf: workflow(floorId, vendor, many, [{ name: 'floor 1', side: 'floor', plan: floorPlan(vendor, many, log, sims) }]) });
	}
	writeAll(path.join(work, 'measure'), entries);
}

main(process.argv[2], process.argv[3]);
