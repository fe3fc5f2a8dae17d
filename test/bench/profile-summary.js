#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and self
 * time per owner (this package's nodes, n8n-core, n8n-workflow, other dependencies, Node itself,
 * jest's sandbox), so "whose cost is it" is read from a profile rather than guessed.
 *   node test/bench/profile-summary.js FILE.cpuprofile [--top 25] [--filter TEXT] [--under NAME,NAME]
 * `--under` counts only samples taken while one of the named functions is on the stack (say
 * `runItems`, to leave n8n's start-up out of a profile of `n8n execute`). `--under-url TEXT,TEXT` counts
 * only samples with a frame from a file whose URL holds one of the texts on the stack (say
 * `n8n-nodes-backup-jobs/dist`): a node's code after an `await` has no caller on the stack, but its own
 * frame is there, and so are the n8n functions it called (getNodeParameter and expressions included).
 */
const fs = require('node:fs');

/** @param {string} url */
function ownerOf(url) {
	if (url === '') return 'V8/native (GC, idle, program)';
	if (url.startsWith('node:')) return 'Node (http, net, streams)';
	if (/\/(nodes|credentials)\/.+\.(ts|js)$/.test(url) && !url.includes('node_modules')) return 'this package (nodes, credentials)';
	if (/\/test\/(harness|simulators|bench)\//.test(url)) return 'test harness, simulator, bench';
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url.slice(url.lastIndexOf('node_modules/') - 0));
	if (m) {
		const pkg = m[1];
		if (/^(jest|@jest|babel|@babel|ts-jest|jest-)/.test(pkg)) return 'jest (sandbox, transforms)';
		return pkg;
	}
	return url;
}

function main() {
	const args = process.argv.slice(2);
	const file = args.find((a) => !a.startsWith('--'));
	if (!file) {
		console.error('usage: profile-summary.js FILE.cpuprofile [--top N] [--filter TEXT] [--under NAME,NAME] [--under-url TEXT,TEXT]');
		process.exit(2);
	}
	const top = Number(args[args.indexOf('--top') + 1]) || 25;
	const filterAt = args.indexOf('--filter');
	const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
	const underAt = args.indexOf('--under');
	const under = underAt >= 0 ? new Set(args[underAt + 1].split(',')) : undefined;
	const underUrlAt = args.indexOf('--under-url');
	const underUrl = underUrlAt >= 0 ? args[underUrlAt + 1].split(',') : undefined;
	/** @type {{ nodes: Array<{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, hitCount?: number, children?: number[] }>, samples: number[], timeDeltas: number[], startTime: number, endTime: number }} */
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	/** @param {number} id */
	const isUnder = (id) => {
		for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parent.get(at)) {
			const frame = byId.get(at)?.callFrame;
			if (under?.has(frame?.functionName ?? '')) return true;
			if (underUrl?.some((text) => frame?.url.includes(text))) return true;
		}
		return false;
	};
	/** @type {Map<number, number>} */
	const selfUs = new Map();
	profile.samples.forEach((id, i) => {
		if ((!under && !underUrl) || isUnder(id)) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
	});
	/** @type {Map<string, number>} */
	const byFunction = new Map();
	/** @type {Map<string, number>} */
	const byOwner = new Map();
	let total = 0;
	for (const node of profile.nodes) {
		const us = selfUs.get(node.id) ?? 0;
		if (us === 0) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		if (functionName === '(idle)') continue;
		total += us;
		const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(nodes|credentials|test)\//, '$1/');
		const key = `${functionName || '(anonymous)'}  ${short}:${lineNumber + 1}`;
		byFunction.set(key, (byFunction.get(key) ?? 0) + us);
		const owner = ownerOf(url);
		byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
	}
	const pct = (/** @type {number} */ us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
	const ms = (/** @type {number} */ us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
	console.log(`busy ${(total / 1000).toFixed(0)} ms of ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms profiled (idle left out)\n`);
	console.log('self time by owner');
	for (const [owner, us] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${ms(us)} ${pct(us)}  ${owner}`);
	console.log(`\ntop ${top} functions by self time${filter ? ` (matching "${filter}")` : ''}`);
	const rows = [...byFunction].filter(([k]) => !filter || k.includes(filter)).sort((a, b) => b[1] - a[1]).slice(0, top);
	for (const [name, us] of rows) console.log(`${ms(us)} ${pct(us)}  ${name}`);
}

main();
