// @ts-check
'use strict';
/**
 * What bench scenarios need from Node itself: clocks, memory, garbage collection and raw axios.
 * Plain CommonJS because n8n's lint forbids `process`, timers and `node:*` imports in every .ts file;
 * the TypeScript scenarios import these helpers instead.
 */
const { performance } = require('node:perf_hooks');
const http = require('node:http');
const axios = require('axios').default;

/** One TCP connection per request, as n8n-core's request helper does (it sends `connection: close`). */
const noKeepAlive = new http.Agent({ keepAlive: false });

/** High-resolution milliseconds. */
const nowMs = () => performance.now();

/** Runs a full collection when node was started with --expose-gc (run.js does), else does nothing. */
function gc() {
	const collect = /** @type {undefined | (() => void)} */ (/** @type {any} */ (globalThis).gc);
	if (collect) collect();
}

/** @param {number[]} values */
function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds one call of `fn` takes. @param {() => unknown} fn */
async function timeMs(fn) {
	const start = nowMs();
	await fn();
	return nowMs() - start;
}

/**
 * @typedef {() => Promise<number | void> | number | void} Side One run of a side; it may return its
 *   own measured milliseconds (a node's execution time as n8n records it), else its wall time counts.
 * @typedef {{ ratio: number, low: number, high: number, aMs: number, bMs: number, rounds: number }} Interleaved
 */

/** @param {Side} side */
async function measure(side) {
	gc();
	const start = nowMs();
	const own = await side();
	const wall = nowMs() - start;
	return typeof own === 'number' && Number.isFinite(own) ? own : wall;
}

/**
 * A ratio that holds still: A against B, both warmed the same way (`warmups` pairs, alternating who
 * goes first), then `rounds` pairs in the order A B, B A, A B, …, each pair giving one ratio A/B.
 * Drift (JIT tiers, GC, CPU frequency, a neighbour's load) hits both halves of a pair alike, and the
 * order cannot favour a side. Returns the median ratio with the spread (lowest, highest) of the
 * rounds, and the median time of each side.
 * @param {{ a: Side, b: Side, rounds?: number, warmups?: number }} options @returns {Promise<Interleaved>}
 */
async function interleave({ a, b, rounds = 7, warmups = 2 }) {
	for (let w = 0; w < warmups; w++) {
		if (w % 2 === 0) {
			await a();
			await b();
		} else {
			await b();
			await a();
		}
	}
	/** @type {number[]} */ const as = [];
	/** @type {number[]} */ const bs = [];
	/** @type {number[]} */ const ratios = [];
	for (let r = 0; r < rounds; r++) {
		let aMs;
		let bMs;
		if (r % 2 === 0) {
			aMs = await measure(a);
			bMs = await measure(b);
		} else {
			bMs = await measure(b);
			aMs = await measure(a);
		}
		as.push(aMs);
		bs.push(bMs);
		ratios.push(aMs / bMs);
	}
	return { ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios), aMs: median(as), bMs: median(bs), rounds };
}

/**
 * Several sides timed in turn, `reps` rounds after one warm-up each, so drift hits every side alike:
 * for more than the two sides `interleave` compares. Returns the median of each in milliseconds.
 * @param {number} reps @param {Array<() => unknown>} fns @returns {Promise<number[]>}
 */
async function alternate(reps, fns) {
	for (const fn of fns) await fn();
	/** @type {number[][]} */
	const samples = fns.map(() => []);
	for (let r = 0; r < reps; r++) {
		for (let k = 0; k < fns.length; k++) {
			gc();
			samples[k].push(await timeMs(fns[k]));
		}
	}
	return samples.map(median);
}

/** "median of 7 rounds (A B, B A, …), spread 1.02–1.11" @param {Interleaved} r */
function spreadNote(r) {
	return `median of ${r.rounds} interleaved rounds (A B, B A, …), spread ${r.low.toFixed(2)}–${r.high.toFixed(2)}`;
}

const MB = 1024 * 1024;

/**
 * Samples RSS and heap every `intervalMs` (plus once at start and stop) until stop() is called.
 * Returns peaks and the values at start, in MiB.
 * @param {number} [intervalMs]
 */
function sampleMemory(intervalMs = 5) {
	const first = process.memoryUsage();
	const peak = { rss: first.rss, heapUsed: first.heapUsed };
	const sample = () => {
		const m = process.memoryUsage();
		if (m.rss > peak.rss) peak.rss = m.rss;
		if (m.heapUsed > peak.heapUsed) peak.heapUsed = m.heapUsed;
	};
	const timer = setInterval(sample, intervalMs);
	return {
		stop() {
			sample();
			clearInterval(timer);
			return {
				startRssMb: first.rss / MB,
				startHeapMb: first.heapUsed / MB,
				peakRssMb: peak.rss / MB,
				peakHeapMb: peak.heapUsed / MB,
			};
		},
	};
}

/**
 * The raw-HTTP baseline: `count` GETs with plain axios (default agent, JSON parsed as axios does),
 * at most `concurrency` in flight, the same bound as the nodes' Limiter.
 * `keepAlive: false` opens a connection per request instead of reusing the default agent's.
 * `headers` may be a function of the index, for a vendor whose headers differ per request (a signature).
 * @param {{ url: (index: number) => string, count: number, headers: Record<string, string> | ((index: number) => Record<string, string>), concurrency: number, keepAlive?: boolean }} options
 */
async function rawGets({ url, count, headers, concurrency, keepAlive = true }) {
	const configOf = (/** @type {number} */ index) => {
		const h = typeof headers === 'function' ? headers(index) : headers;
		return keepAlive ? { headers: h } : { headers: h, httpAgent: noKeepAlive };
	};
	let next = 0;
	/** @type {unknown[]} */
	const bodies = new Array(count);
	const worker = async () => {
		while (next < count) {
			const index = next++;
			bodies[index] = (await axios.get(url(index), configOf(index))).data;
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	return bodies;
}

/** A response body as text, unparsed. @param {string} url @param {Record<string, string>} headers @returns {Promise<string>} */
async function fetchText(url, headers) {
	const res = await axios.get(url, { headers, responseType: 'text', transformResponse: (/** @type {string} */ d) => d, maxContentLength: Infinity });
	return res.data;
}

module.exports = { nowMs, gc, median, timeMs, interleave, alternate, spreadNote, sampleMemory, rawGets, fetchText };
