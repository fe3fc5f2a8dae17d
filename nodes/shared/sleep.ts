import * as workflow from 'n8n-workflow';

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * A pause that ends at once when the execution is stopped, on both n8n lines: 2.x's `sleep` takes
 * the cancel signal, but 1.x's ignores it (1.x has `sleepWithAbort` for that). With 1.x's plain
 * `sleep`, Stop would leave a Wait for Completion sleeping out its whole Poll Interval.
 */
const withAbort = (workflow as unknown as { sleepWithAbort?: Sleep }).sleepWithAbort;

export const cancellableSleep: Sleep = async (ms, signal) =>
	await (signal && withAbort ? withAbort(ms, signal) : workflow.sleep(ms, signal));
