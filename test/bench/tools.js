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
 * Times each function in turn, `reps` rounds, after one warm-up each, so drift (JIT, GC, CPU
 * frequency) hits every side alike. Returns the median of each in milliseconds.
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
 * @param {{ url: (index: number) => string, count: number, headers: Record<string, string>, concurrency: number, keepAlive?: boolean }} options
 */
async function rawGets({ url, count, headers, concurrency, keepAlive = true }) {
	const config = keepAlive ? { headers } : { headers, httpAgent: noKeepAlive };
	let next = 0;
	/** @type {unknown[]} */
	const bodies = new Array(count);
	const worker = async () => {
		while (next < count) {
			const index = next++;
			bodies[index] = (await axios.get(url(index), config)).data;
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
