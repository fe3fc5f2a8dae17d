// @ts-check
'use strict';
/**
 * What bench scenarios need from Node itself: clocks, memory, garbage collection and raw axios.
 * Plain CommonJS because n8n's lint forbids `process`, timers and `node:*` imports in every .ts file;
 * the TypeScript scenarios import these helpers instead.
 */
const { performance } = require('node:perf_hooks');
const axios = require('axios').default;

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
 * Times `a` and `b` alternately `reps` times after one warm-up each, so drift (JIT, GC, CPU frequency)
 * hits both sides alike. Returns the medians and every sample in milliseconds.
 * @param {number} reps @param {() => unknown} a @param {() => unknown} b
 */
async function alternate(reps, a, b) {
	await a();
	await b();
	/** @type {number[]} */ const as = [];
	/** @type {number[]} */ const bs = [];
	for (let r = 0; r < reps; r++) {
		gc();
		as.push(await timeMs(a));
		gc();
		bs.push(await timeMs(b));
	}
	return { a: median(as), b: median(bs), aSamples: as, bSamples: bs };
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
 * at most `concurrency` in flight, the same pool shape as the nodes' mapSettled.
 * @param {{ url: (index: number) => string, count: number, headers: Record<string, string>, concurrency: number }} options
 */
async function rawGets({ url, count, headers, concurrency }) {
	let next = 0;
	/** @type {unknown[]} */
	const bodies = new Array(count);
	const worker = async () => {
		while (next < count) {
			const index = next++;
			bodies[index] = (await axios.get(url(index), { headers })).data;
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

module.exports = { nowMs, gc, median, timeMs, alternate, sampleMemory, rawGets, fetchText };
