/**
 * The figures of "many jobs, few requests" that every vendor measures the same way in the harness:
 * this package's node against n8n's HTTP Request node doing one request per item, same simulator,
 * answers delayed; and a wait over many items sharing a few jobs.
 */
import type { NodeRun } from '../harness/runNode';
import { expectItems } from './compare';
import { record } from './recorder';
import { interleave, spreadNote } from './tools';

/** What the appliance saw during one execution. */
export interface Seen {
	requests: number;
	signIns: number;
	peakInFlight: number;
}

export interface VersusCase {
	/** e.g. 'vCenter Get'. */
	label: string;
	/** e.g. '500 distinct jobs, 50 ms latency'. */
	what: string;
	checks: number;
	concurrency: number;
	rounds: number;
	/** Its first call is the first execution on a fresh credential (it signs in). */
	viaPackage: () => Promise<NodeRun>;
	/** Undefined when n8n is not installed in the cache (n8n-nodes.js). */
	viaHttpRequest?: () => Promise<NodeRun>;
	/** Clears the simulator's counters, runs `fn`, and says what the appliance saw. */
	observe: (fn: () => Promise<unknown>) => Promise<Seen>;
	/** Requests the package may send for `checks` jobs, sign-in included. */
	maxRequests: number;
}

export async function compareWithHttpRequest(c: VersusCase): Promise<void> {
	const viaPackage = async () => {
		const run = await c.viaPackage();
		expectItems(run, c.checks);
		return run.executionMs;
	};
	// The first execution on a fresh credential: the sign-in and every read, as the appliance sees them.
	const seen = await c.observe(viaPackage);
	record(`${c.label}: requests the appliance sees, ${c.what}, first execution`, {
		value: seen.requests,
		unit: 'requests',
		target: { max: c.maxRequests },
		baseline: { label: 'one per item', value: c.checks + seen.signIns, unit: 'requests' },
		note: `${seen.signIns} sign-in(s) included`,
	});
	record(`${c.label}: peak requests in flight at the appliance, ${c.what}`, {
		value: seen.peakInFlight,
		unit: 'requests',
		target: { max: c.concurrency },
		note: `Concurrent Requests ${c.concurrency}`,
	});
	if (!c.viaHttpRequest) return;
	const viaHttpRequest = c.viaHttpRequest;
	const httpSide = async () => {
		const run = await viaHttpRequest();
		expectItems(run, c.checks);
		return run.executionMs;
	};
	const httpSeen = await c.observe(httpSide);
	record(`${c.label}: peak requests in flight at the appliance, HTTP Request node (diagnostic)`, {
		value: httpSeen.peakInFlight,
		unit: 'requests',
		note: `${httpSeen.requests} requests`,
	});
	const r = await interleave({ a: httpSide, b: viaPackage, rounds: c.rounds });
	record(`${c.label}: HTTP Request node / this package, node execution time, ${c.what} (harness)`, {
		value: r.ratio,
		spread: [r.low, r.high],
		unit: '×',
		target: { min: 4 },
		baseline: { label: 'this package', value: r.bMs, unit: 'ms' },
		note: `HTTP Request ${r.aMs.toFixed(0)} ms, package ${r.bMs.toFixed(0)} ms; ${spreadNote(r)}`,
	});
}

export interface SharedWaitCase {
	label: string;
	items: number;
	/** How many polls each job needs until it is finished (the first read counts). */
	pollsPerJob: number[];
	run: () => Promise<NodeRun>;
	/** Polls each job got, in the order of `pollsPerJob`. */
	polls: () => number[];
	requests: () => number;
}

/** A wait over many items that share a few jobs: polls are the distinct unfinished jobs per round. */
export async function measureSharedWait(c: SharedWaitCase): Promise<void> {
	expectItems(await c.run(), c.items);
	const polls = c.polls().reduce((a, b) => a + b, 0);
	const distinct = c.pollsPerJob.reduce((a, b) => a + b, 0);
	const perItem = (c.items / c.pollsPerJob.length) * distinct;
	const what = `${c.items} items sharing ${c.pollsPerJob.length} jobs`;
	record(`${c.label}: job polls of a wait over ${what}`, {
		value: polls,
		unit: 'polls',
		target: { max: distinct },
		baseline: { label: 'one poll per item and round', value: perItem, unit: 'polls' },
		note: `jobs finish after ${c.pollsPerJob.join(', ')} polls`,
	});
	record(`${c.label}: requests of a wait over ${what}`, {
		value: c.requests(),
		unit: 'requests',
		target: { max: distinct },
		note: 'bulk reads answer several polls in one request',
	});
}
