/**
 * The fault table: every vendor's operations against every way an appliance (or a proxy in front of
 * it) fails. A vendor adds itself with rows (test/node/faults/<vendor>.ts); the cells, what each must
 * end in, and the checks common to all of them live here, so every vendor is held to the same rules.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { credentialsFor, runNode, type NodeRun, type NodeUnderTest } from './runNode';

/** What a simulator of the shared framework offers the table. */
export interface FaultSimulator {
	start(): Promise<string>;
	stop(): Promise<void>;
	fail(plan: IDataObject): void;
	expireSessions(): void;
	requests: Array<{ method: string; path: string; at: number }>;
	stats: { signIns: number };
}

/** One operation of one vendor: how to run it, and which requests are its own (the fault's target). */
export interface FaultRow {
	vendor: string;
	operation: string;
	subject: NodeUnderTest;
	simulator(): FaultSimulator;
	/** Credentials that sign in (the 401 and sign-in cells need a session to renew). */
	credentials(sim: FaultSimulator, baseUrl: string): IDataObject;
	parameters: INodeParameters;
	/** The operation's requests: a fault hits the first one the node sends. */
	target: RegExp;
	/** The sign-in path, for the cells that fault the sign-in. */
	signInPath: string;
	/** Cells of this vendor's own failure modes (a gateway's error codes), run after the shared ones. */
	cells?: Cell[];
	/**
	 * A write (a start): the faults hit its POST, and the cells are WRITE_CELLS, where nothing is retried
	 * and a lost answer is looked for instead of sent again.
	 */
	write?: boolean;
	/**
	 * A write whose job cannot be looked for (Huawei Disk Backup Create: VBS lists no jobs by disk):
	 * where a findable write recovers from a lost answer, this one says the job may have started.
	 */
	unfindable?: boolean;
}

/** The node's Request Timeout in every cell, in seconds: short, so a timeout cell costs one second. */
export const REQUEST_TIMEOUT_S = 1;

export type Expectation =
	| { recovers: true; attempts: number; pauseAtLeastMs?: number; signIns?: number }
	| { recovers: false; attempts: number; message: RegExp };

export interface Cell {
	name: string;
	/** Sets the fault up; may run the node once first (the 401 cell needs a session to expire). */
	arrange(sim: FaultSimulator, row: FaultRow, run: () => Promise<NodeRun>): Promise<void>;
	/** Which requests count as attempts: the operation's first call and its repeats, or the sign-ins. */
	counts: 'target' | 'signIn';
	expect: Expectation;
}

const fault = (plan: IDataObject) => async (sim: FaultSimulator, row: FaultRow) => {
	sim.fail({ match: row.target, ...(row.write ? { method: 'POST' } : {}), ...plan });
};
const signInFault = (plan: IDataObject) => async (sim: FaultSimulator, row: FaultRow) => {
	sim.fail({ match: row.signInPath, ...plan });
};

export const recovers = (attempts: number, extra: { pauseAtLeastMs?: number; signIns?: number } = {}): Expectation => ({
	recovers: true,
	attempts,
	...extra,
});
export const fails = (message: RegExp, attempts = 1): Expectation => ({ recovers: false, attempts, message });

/** Every cell of a row. Retried faults come once, so the second attempt succeeds. */
export const CELLS: Cell[] = [
	{ name: 'timeout', counts: 'target', arrange: fault({ fault: 'slow', delayMs: 3000 }), expect: fails(/did not answer within 1 s/) },
	{ name: 'reset', counts: 'target', arrange: fault({ fault: 'drop' }), expect: recovers(2) },
	{ name: 'abort mid-answer', counts: 'target', arrange: fault({ fault: 'abortMidAnswer' }), expect: recovers(2) },
	{ name: '429 Retry-After 1', counts: 'target', arrange: fault({ fault: 'rateLimit', retryAfterSeconds: 1 }), expect: recovers(2, { pauseAtLeastMs: 1000 }) },
	{ name: '500', counts: 'target', arrange: fault({ fault: 'serverError' }), expect: fails(/answered 500: Internal server error/) },
	{ name: '502', counts: 'target', arrange: fault({ fault: 'badGateway' }), expect: recovers(2) },
	{ name: '503 Retry-After 1', counts: 'target', arrange: fault({ fault: 'unavailable', retryAfterSeconds: 1 }), expect: recovers(2, { pauseAtLeastMs: 1000 }) },
	{ name: '504', counts: 'target', arrange: fault({ fault: 'gatewayTimeout' }), expect: recovers(2) },
	{ name: '5xx every time', counts: 'target', arrange: fault({ fault: 'unavailable', times: 10 }), expect: fails(/answered 503 \(4 attempts\): Service unavailable/, 4) },
	{ name: 'HTML page', counts: 'target', arrange: fault({ fault: 'htmlError' }), expect: fails(/answered 500: an error page instead of API data/) },
	{ name: 'truncated JSON', counts: 'target', arrange: fault({ fault: 'truncatedJson' }), expect: fails(/answer that cannot be read/) },
	{ name: 'error inside 200', counts: 'target', arrange: fault({ fault: 'errorInBody' }), expect: fails(/reported: The appliance failed to read its job history/) },
	{ name: 'empty body', counts: 'target', arrange: fault({ fault: 'emptyBody' }), expect: fails(/sent nothing where .+ was expected/) },
	{ name: 'wrong shape', counts: 'target', arrange: fault({ fault: 'wrongShape' }), expect: fails(/sent (an object of another shape|a list|a string) where .+ was expected/) },
	{ name: '404', counts: 'target', arrange: fault({ fault: 'notFound' }), expect: fails(/answered 404/) },
	{
		name: '401 expiry',
		counts: 'target',
		arrange: async (sim, _row, run) => {
			const first = await run();
			if (first.error) throw new Error(`the run before the 401 cell failed: ${first.error.message}`);
			sim.expireSessions();
		},
		// the refused request and its repeat, with exactly one new sign-in between them
		expect: recovers(2, { signIns: 1 }),
	},
	{ name: 'sign-in hangs', counts: 'signIn', arrange: signInFault({ fault: 'slow', delayMs: 3000 }), expect: fails(/did not answer the sign-in within 1 s/) },
	{ name: 'sign-in reset', counts: 'signIn', arrange: signInFault({ fault: 'drop' }), expect: recovers(2, { signIns: 1 }) },
];

/**
 * The cells of a write (a start): never repeated, whatever the fault. An answer that says no (429, 5xx
 * from the appliance, an error inside 200) is the error; an answer that never came (timeout, reset, a
 * gateway's 502/504) makes the node look for the job it may have started: found when the appliance had
 * acted, else the "may have started" error.
 */
export const WRITE_CELLS: Cell[] = [
	{ name: 'timeout (acted later)', counts: 'target', arrange: fault({ fault: 'slow', delayMs: 2000 }), expect: recovers(1) },
	{ name: 'reset (not acted)', counts: 'target', arrange: fault({ fault: 'drop' }), expect: fails(/may have started/) },
	{ name: 'reset after acting', counts: 'target', arrange: fault({ fault: 'dropAfterActing' }), expect: recovers(1) },
	{ name: 'abort mid-answer', counts: 'target', arrange: fault({ fault: 'abortMidAnswer' }), expect: recovers(1) },
	{ name: '429 Retry-After 1', counts: 'target', arrange: fault({ fault: 'rateLimit', retryAfterSeconds: 1 }), expect: fails(/answered 429/) },
	{ name: '500', counts: 'target', arrange: fault({ fault: 'serverError' }), expect: fails(/answered 500: Internal server error/) },
	{ name: '502', counts: 'target', arrange: fault({ fault: 'badGateway' }), expect: fails(/may have started/) },
	{ name: '503 Retry-After 1', counts: 'target', arrange: fault({ fault: 'unavailable', retryAfterSeconds: 1 }), expect: fails(/answered 503/) },
	{ name: '504', counts: 'target', arrange: fault({ fault: 'gatewayTimeout' }), expect: fails(/may have started/) },
	{ name: 'error inside 200', counts: 'target', arrange: fault({ fault: 'errorInBody' }), expect: fails(/reported: The appliance failed to read its job history/) },
];

/** Paths of no field that is `undefined` in an item: n8n would drop it, and a user's IF would read nothing. */
export function undefinedFields(value: unknown, path = '$'): string[] {
	if (value === undefined) return [path];
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, inner]) => undefinedFields(inner, `${path}.${key}`));
}

export interface CellResult {
	ok: boolean;
	/** What the matrix shows: "ok 2" (recovered on the 2nd attempt) or "err 1" (a clear error after 1). */
	summary: string;
	problems: string[];
}

/**
 * Runs one cell on a fresh simulator and checks it: the outcome and its attempts, the pause before a
 * retry that the appliance asked for, that the run took no longer than its timeouts and pauses allow,
 * and that no item has an undefined field.
 */
export async function runCell(row: FaultRow, cell: Cell): Promise<CellResult> {
	const sim = row.simulator();
	const baseUrl = await sim.start();
	const problems: string[] = [];
	try {
		const credentials = credentialsFor(row.subject, row.credentials(sim, baseUrl));
		const parameters = { ...row.parameters, options: { requestTimeout: REQUEST_TIMEOUT_S } };
		const run = async () => await runNode(row.subject, credentials, parameters);
		await cell.arrange(sim, row, run);
		const before = sim.requests.length;
		const signInsBefore = sim.stats.signIns;
		const started = Date.now();
		const result = await run();
		const elapsedMs = Date.now() - started;
		const requests = sim.requests.slice(before);
		const isSignIn = (path: string) => path === row.signInPath;
		const isTarget = (r: { path: string; method: string }) => row.target.test(r.path) && (!row.write || r.method === 'POST');
		const counted = requests.filter((r) => (cell.counts === 'signIn' ? isSignIn(r.path) : !isSignIn(r.path) && isTarget(r)));
		const attempts = cell.counts === 'signIn' ? counted.length : countAttempts(counted);
		const expected = row.unfindable && cell.expect.recovers ? fails(/may have started/, cell.expect.attempts) : cell.expect;

		if (expected.recovers) {
			if (result.error) problems.push(`expected a recovery, got ${result.error.name}: ${result.error.message}`);
			if (result.items.length === 0) problems.push('no output item');
			if (expected.signIns !== undefined && sim.stats.signIns - signInsBefore !== expected.signIns) {
				problems.push(`sign-ins ${sim.stats.signIns - signInsBefore}, expected ${expected.signIns}`);
			}
			if (expected.pauseAtLeastMs !== undefined && counted.length >= 2) {
				const pause = counted[1].at - counted[0].at;
				if (pause < expected.pauseAtLeastMs - 20) problems.push(`retried after ${pause} ms, before the ${expected.pauseAtLeastMs} ms asked for`);
			}
		} else {
			if (!result.error) problems.push(`expected an error matching ${String(expected.message)}, the run succeeded`);
			else if (!expected.message.test(result.error.message)) problems.push(`error "${result.error.message}" does not match ${String(expected.message)}`);
			if (result.error && !['NodeApiError', 'NodeOperationError'].includes(result.error.name)) problems.push(`error is a ${result.error.name}`);
		}
		if (attempts !== expected.attempts) problems.push(`${attempts} attempts, expected ${expected.attempts}`);
		// Each attempt may take the Request Timeout; retries wait at most 0.5 + 1 + 2 s (or Retry-After 1 s).
		// A write whose answer was lost looks for the job: a few list reads with pauses between.
		const boundMs = attempts * REQUEST_TIMEOUT_S * 1000 + 3500 + 3000 + (row.write ? 6000 : 0);
		if (elapsedMs > boundMs) problems.push(`took ${elapsedMs} ms, more than ${boundMs} ms`);
		for (const item of result.items) problems.push(...undefinedFields(item).map((p) => `undefined field ${p}`));
		return { ok: problems.length === 0, summary: `${result.error ? 'err' : 'ok'} ${attempts}`, problems };
	} finally {
		await sim.stop();
	}
}

/**
 * Attempts of the operation's first call: the faulted request and its repeats are the first requests
 * to the same path. An operation's later calls (Get Latest's second request) go to other paths.
 */
function countAttempts(requests: Array<{ path: string }>): number {
	if (requests.length === 0) return 0;
	const first = requests[0].path;
	let n = 0;
	while (n < requests.length && requests[n].path === first) n++;
	return n;
}
