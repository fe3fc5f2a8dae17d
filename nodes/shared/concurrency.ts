export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `task` for indexes 0…count-1 with at most `limit` in flight, so a batch of 500 items never
 * opens 500 connections to one appliance. Results keep index order and never reject. With
 * `stopOnError`, no new task starts after the first failure (those in flight still finish), and the
 * tasks never started are left out of the result.
 */
export async function mapSettled<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
	stopOnError = false,
): Promise<Array<Settled<T>>> {
	const results: Array<Settled<T>> = new Array<Settled<T>>(count);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < count && !(stopOnError && failed)) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await task(index) };
			} catch (error) {
				results[index] = { ok: false, error };
				failed = true;
			}
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker);
	await Promise.all(workers);
	// Indexes are handed out in order, so the tasks never started are exactly those from `next` on.
	return results.slice(0, next);
}
