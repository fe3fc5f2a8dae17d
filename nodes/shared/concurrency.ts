/** Runs independent requests of one item side by side, within Concurrent Requests; results in order. */
export type Spread = <T>(tasks: Array<() => Promise<T>>) => Promise<T[]>;

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

	/**
	 * From inside a task that holds a slot: runs `tasks` on that slot and on whichever slots are free
	 * now, results in the tasks' order. Free slots are taken, never waited for, so two holders never
	 * wait on each other; a list of one item (Get Many) thus reads its independent parts as widely as
	 * Concurrent Requests allows. The first failure stops the tasks not yet started and is thrown.
	 */
	async spread<T>(tasks: Array<() => Promise<T>>): Promise<T[]> {
		const results = new Array<T>(tasks.length);
		let next = 0;
		let failed = false;
		const worker = async () => {
			while (next < tasks.length && !failed) {
				const k = next++;
				let done = false;
				try {
					results[k] = await tasks[k]();
					done = true;
				} finally {
					failed ||= !done;
				}
			}
		};
		let extra = 0;
		while (extra < tasks.length - 1 && !this.halted && this.running < this.limit && this.queue.length === 0) {
			this.running++;
			extra++;
		}
		const helpers = Array.from({ length: extra }, async () => {
			try {
				await worker();
			} finally {
				this.release();
			}
		});
		// Every worker settles before the first failure is thrown, so no request outlives its slot.
		const settled = await Promise.allSettled([worker(), ...helpers]);
		const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
		if (failure) throw failure.reason;
		return results;
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
