/**
 * The node-versus-raw-HTTP comparison every vendor runs the same way: one workflow execution with
 * `checks` input items through n8n's engine against the same `checks` GETs with plain axios at the
 * same concurrency, interleaved in rounds (tools.js `interleave`); the figure is the median ratio
 * with its spread. The node's side is its own execution time as n8n records it (`executionTime` of
 * its run), the raw side the wall time of the GETs. A second, diagnostic ratio uses raw axios
 * without keep-alive, because n8n-core's request helper opens one connection per request: it
 * separates that cost from the node's own.
 */
import type { NodeRun } from '../harness/runNode';
import { record } from './recorder';
import { interleave, rawGets, spreadNote } from './tools';

export interface OverheadCase {
	/** e.g. 'vCenter Get'. */
	label: string;
	checks: number;
	concurrency: number;
	rounds: number;
	/** Absent for a figure that informs rather than measures against a target. */
	target?: number;
	/** One execution of the node over `checks` items, each answered by one GET like the raw side's. */
	viaNode: () => Promise<NodeRun>;
	/** The URL of check `index` and the headers the node sends (session, API key, a precomputed signature). */
	url: (index: number) => string;
	headers: (index: number) => Record<string, string>;
	/** The requests the node sent in its last execution, to prove it asked as the raw side does. */
	requestsOfLastRun: () => number;
}

/** Fails the scenario instead of timing an execution that did not do the work. */
export function expectItems(run: NodeRun, count: number): void {
	if (run.error) throw new Error(`the node failed: ${run.error.message}`);
	if (run.items.length !== count) throw new Error(`the node returned ${run.items.length} items, expected ${count}`);
}

export async function compareWithRaw(c: OverheadCase): Promise<void> {
	const node = async () => {
		const run = await c.viaNode();
		expectItems(run, c.checks);
		if (c.requestsOfLastRun() !== c.checks) throw new Error(`the node sent ${c.requestsOfLastRun()} requests for ${c.checks} checks`);
		return run.executionMs;
	};
	const raw = (keepAlive: boolean) => async () => {
		const bodies = await rawGets({ url: c.url, count: c.checks, headers: c.headers, concurrency: c.concurrency, keepAlive });
		if (bodies.length !== c.checks) throw new Error('raw axios did not finish every GET');
	};
	const perCheck = (ms: number) => `${((1000 * ms) / c.checks).toFixed(0)} µs/check`;
	const what = `${c.checks} checks, concurrency ${c.concurrency}`;
	const main = await interleave({ a: node, b: raw(true), rounds: c.rounds });
	record(`${c.label}: node / raw axios, ${what}`, {
		value: main.ratio,
		spread: [main.low, main.high],
		unit: '×',
		target: c.target === undefined ? undefined : { max: c.target },
		baseline: { label: 'raw axios', value: main.bMs, unit: 'ms' },
		note: `node ${main.aMs.toFixed(0)} ms (${perCheck(main.aMs)}), raw ${main.bMs.toFixed(0)} ms (${perCheck(main.bMs)}); ${spreadNote(main)}`,
	});
	const closing = await interleave({ a: node, b: raw(false), rounds: 5, warmups: 1 });
	record(`${c.label}: node / raw axios without keep-alive, ${what} (diagnostic)`, {
		value: closing.ratio,
		spread: [closing.low, closing.high],
		unit: '×',
		baseline: { label: 'raw axios, connection per request', value: closing.bMs, unit: 'ms' },
		note: `raw without keep-alive ${closing.bMs.toFixed(0)} ms (${perCheck(closing.bMs)}); ${spreadNote(closing)}`,
	});
}
