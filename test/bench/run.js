#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run bench`: runs every test/bench/<vendor>.bench.ts through jest (jest.bench.config.js, one
 * process, in band, with --expose-gc), then every test/bench/<vendor>.external.js, prints one table
 * (figure, value, spread, baseline, target, pass/miss) and writes .bench/results.json. It reports and
 * does not gate: a missed target still exits 0; only a scenario that could not run exits 1. Run it with
 * --expose-gc (`npm run bench` does): the external scenarios collect garbage before every sample, so
 * one side's garbage is not collected on the other side's time.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const out = path.join(root, '.bench');
const recordsDir = path.join(out, 'records');

/**
 * @typedef {{ max?: number, min?: number }} Target
 * @typedef {{ name: string, value: number, unit: string, spread?: [number, number], target?: Target, baseline?: { label: string, value: number, unit: string }, note?: string }} BenchRecord
 * @typedef {BenchRecord & { source: string, status: 'pass' | 'miss' | 'info' }} Row
 */

/** @param {BenchRecord} r @returns {Row['status']} */
function statusOf(r) {
	if (!r.target) return 'info';
	const { max, min } = r.target;
	const eps = 1e-9;
	return (max === undefined || r.value <= max + eps) && (min === undefined || r.value >= min - eps) ? 'pass' : 'miss';
}

/** @param {Target | undefined} t */
function targetText(t) {
	if (!t) return '';
	if (t.min !== undefined && t.max !== undefined) return t.min === t.max ? `= ${t.min}` : `${t.min}–${t.max}`;
	return t.max !== undefined ? `≤ ${t.max}` : `≥ ${t.min}`;
}

/** @param {number} v */
const num = (v) => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

/** @param {string[][]} rows */
function table(rows) {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	const line = (/** @type {string[]} */ r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
	return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main() {
	const started = Date.now();
	fs.rmSync(recordsDir, { recursive: true, force: true });
	fs.mkdirSync(recordsDir, { recursive: true });
	/** @type {string[]} */
	const problems = [];

	const jest = spawnSync(
		process.execPath,
		['--expose-gc', path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '-c', path.join(root, 'jest.bench.config.js'), '--runInBand', ...process.argv.slice(2)],
		{ cwd: root, stdio: 'inherit', env: { ...process.env, BENCH_RECORDS_DIR: recordsDir } },
	);
	if (jest.status !== 0) problems.push(`jest scenarios exited ${jest.status}: see the jest output above`);

	/** @type {Row[]} */
	const rows = [];
	for (const file of fs.readdirSync(recordsDir).filter((f) => f.endsWith('.json')).sort()) {
		const { file: source, records } = JSON.parse(fs.readFileSync(path.join(recordsDir, file), 'utf8'));
		for (const r of /** @type {BenchRecord[]} */ (records)) rows.push({ ...r, source, status: statusOf(r) });
	}

	for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.external.js')).sort()) {
		const scenario = require(path.join(__dirname, file));
		const skipped = scenario.skip?.();
		if (skipped) {
			console.error(`bench: skipping ${scenario.name} (${skipped})`);
			continue;
		}
		console.error(`bench: running ${scenario.name} …`);
		try {
			for (const r of /** @type {BenchRecord[]} */ (await scenario.run())) rows.push({ ...r, source: `test/bench/${file}`, status: statusOf(r) });
		} catch (err) {
			problems.push(`${scenario.name}: ${err instanceof Error ? err.message : String(err)}`);
		}
	}

	const seconds = (Date.now() - started) / 1000;
	const printed = [
		['figure', 'value', 'spread', 'unit', 'baseline', 'target', 'result'],
		...rows.map((r) => [
			r.name,
			num(r.value),
			r.spread ? `${num(r.spread[0])}–${num(r.spread[1])}` : '',
			r.unit,
			r.baseline ? `${r.baseline.label} ${num(r.baseline.value)} ${r.baseline.unit}` : '',
			targetText(r.target),
			r.status === 'info' ? '' : r.status.toUpperCase(),
		]),
	];
	console.log(`\nBenchmarks (${new Date().toISOString()}, node ${process.version}, ${seconds.toFixed(0)} s)\n`);
	console.log(table(printed));
	const notes = rows.filter((r) => r.note);
	if (notes.length) console.log(`\nNotes:\n${notes.map((r) => `- ${r.name}: ${r.note}`).join('\n')}`);
	const missed = rows.filter((r) => r.status === 'miss').length;
	console.log(`\n${rows.length} figures: ${rows.filter((r) => r.status === 'pass').length} pass, ${missed} miss, ${rows.filter((r) => r.status === 'info').length} info.`);
	for (const p of problems) console.log(`PROBLEM: ${p}`);

	fs.mkdirSync(out, { recursive: true });
	const results = { date: new Date().toISOString(), node: process.version, seconds, figures: rows, problems };
	fs.writeFileSync(path.join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	console.log(`Written to ${path.relative(root, path.join(out, 'results.json'))}`);
	process.exitCode = problems.length > 0 ? 1 : 0;
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
