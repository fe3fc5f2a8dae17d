/**
 * The node-versus-raw-HTTP comparison every vendor runs the same way: one workflow execution with
 * `checks` input items through n8n's engine against the same `checks` GETs with plain axios at the
 * same concurrency, timed in turn after a warm-up; the figure is the ratio of the medians. A second,
 * diagnostic ratio uses raw axios without keep-alive, because n8n-core's request helper opens one
 * connection per request: it separates that cost from the node's own.
 */
import type { NodeRun } from '../harness/runNode';
import { record } from './recorder';
import { alternate, rawGets } from './tools';

export interface OverheadCase {
	/** e.g. 'vCenter Get'. */
	label: string;
	checks: number;
	concurrency: number;
	reps: number;
	/** Absent for a figure that informs rather than measures against a target. */
	target?: number;
	/** One execution of the node over `checks` items. */
	viaNode: () => Promise<NodeRun>;
	/** The URL of check `index` and the headers the node sends (session, API key). */
	url: (index: number) => string;
	headers: () => Record<string, string>;
}

/** Fails the scenario instead of timing an execution that did not do the work. */
export function expectItems(run: NodeRun, count: number): void {
	if (run.error) throw new Error(`the node failed: ${run.error.message}`);
	if (run.items.length !== count) throw new Error(`the node returned ${run.items.length} items, expected ${count}`);
}

export async function compareWithRaw(c: OverheadCase): Promise<void> {
	const raw = (keepAlive: boolean) => async () => {
		const bodies = await rawGets({ url: c.url, count: c.checks, headers: c.headers(), concurrency: c.concurrency, keepAlive });
		if (bodies.length !== c.checks) throw new Error('raw axios did not finish every GET');
	};
	const [nodeMs, rawMs, rawCloseMs] = await alternate(c.reps, [
		async () => expectItems(await c.viaNode(), c.checks),
		raw(true),
		raw(false),
	]);
	const perCheck = (ms: number) => `${((1000 * ms) / c.checks).toFixed(0)} µs/check`;
	const what = `${c.checks} checks, concurrency ${c.concurrency}`;
	record(`${c.label}: node / raw axios, ${what}`, {
		value: nodeMs / rawMs,
		unit: '×',
		target: c.target === undefined ? undefined : { max: c.target },
		baseline: { label: 'raw axios', value: rawMs, unit: 'ms' },
		note: `node ${nodeMs.toFixed(0)} ms (${perCheck(nodeMs)}), raw ${rawMs.toFixed(0)} ms (${perCheck(rawMs)}); median of ${c.reps}`,
	});
	record(`${c.label}: node / raw axios without keep-alive, ${what} (diagnostic)`, {
		value: nodeMs / rawCloseMs,
		unit: '×',
		baseline: { label: 'raw axios, connection per request', value: rawCloseMs, unit: 'ms' },
		note: `raw without keep-alive ${rawCloseMs.toFixed(0)} ms (${perCheck(rawCloseMs)})`,
	});
}
