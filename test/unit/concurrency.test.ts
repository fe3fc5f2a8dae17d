import { sleep } from 'n8n-workflow';

import { HaltedError, Limiter } from '../../nodes/shared/concurrency';

describe('Limiter', () => {
	it('never runs more than its limit, with tasks that queue more tasks as they finish', async () => {
		const limiter = new Limiter(3);
		let running = 0;
		let peak = 0;
		const finished: number[] = [];
		const task = (i: number) => async () => {
			running++;
			peak = Math.max(peak, running);
			await sleep(i % 3);
			running--;
			finished.push(i);
			return i;
		};
		const first = Array.from({ length: 10 }, (_, i) => limiter.run(task(i)).then(async (n) => await limiter.run(task(n + 10))));
		expect(await Promise.all(first)).toEqual(Array.from({ length: 10 }, (_, i) => i + 10));
		expect(finished).toHaveLength(20);
		expect(peak).toBe(3);
	});

	it('after halt(), starts nothing queued or new, and lets the tasks in flight finish', async () => {
		const limiter = new Limiter(1);
		let started = 0;
		const task = async () => {
			started++;
			await sleep(5);
			return started;
		};
		const first = limiter.run(task);
		const queued = limiter.run(task);
		limiter.halt();
		expect(await first).toBe(1);
		await expect(queued).rejects.toBeInstanceOf(HaltedError);
		await expect(limiter.run(task)).rejects.toBeInstanceOf(HaltedError);
		expect(started).toBe(1);
	});
});
