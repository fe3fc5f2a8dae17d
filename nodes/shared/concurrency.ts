export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Thrown to a task that was queued when the limiter halted: it never ran, so it has no result. */
export class HaltedError extends Error {
	constructor() {
		super('Not started: an earlier request of this execution failed');
		this.name = 'HaltedError';
	}
}

/**
 * One budget of requests in flight for a whole execution: the first fetch, bulk reads, the single
 * reads that fill their gaps and every wait round all queue here, so Concurrent Requests bounds what
 * the appliance sees however the work is split. Each task must keep at most one request in flight
 * (a bulk read that splits itself does so one call after another).
 */
export class Limiter {
	private running = 0;
	private readonly queue: Array<() => void> = [];
	private halted = false;

	constructor(readonly limit: number) {}

	/** Runs `task` once a slot is free. After `halt()`, queued and new tasks reject with HaltedError. */
	async run<T>(task: () => Promise<T>): Promise<T> {
		await this.acquire();
		try {
			return await task();
		} finally {
			this.release();
		}
	}

	/** No new task starts (those in flight finish): the node stops at the first failure. */
	halt(): void {
		this.halted = true;
	}

	private async acquire(): Promise<void> {
		if (this.halted) throw new HaltedError();
		if (this.running < this.limit) {
			this.running++;
			return;
		}
		// A finishing task hands its slot straight to the next in line, so no newcomer can take it
		// in between and push the count over the limit.
		await new Promise<void>((resolve) => this.queue.push(resolve));
		if (this.halted) {
			this.release();
			throw new HaltedError();
		}
	}

	private release(): void {
		const next = this.queue.shift();
		if (next) next();
		else this.running--;
	}
}
