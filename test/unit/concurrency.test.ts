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

	describe('spread', () => {
		const counting = () => {
			const state = { running: 0, peak: 0, started: 0 };
			const task = (value: number, ms = 2) => async () => {
				state.started++;
				state.running++;
				state.peak = Math.max(state.peak, state.running);
				await sleep(ms);
				state.running--;
				return value;
			};
			return { state, task };
		};

		it('runs on the slot it holds plus the free ones, within the limit, results in order', async () => {
			const limiter = new Limiter(3);
			const { state, task } = counting();
			const out = await limiter.run(async () => await limiter.spread(Array.from({ length: 10 }, (_, k) => task(k, k % 3))));
			expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
			expect(state.peak).toBe(3);
			// Every slot is back: three more tasks run at once.
			const again = counting();
			await Promise.all(Array.from({ length: 3 }, (_, k) => limiter.run(again.task(k, 5))));
			expect(again.state.peak).toBe(3);
		});

		it('takes no slot that is busy or queued for, so two holders never wait on each other', async () => {
			const limiter = new Limiter(2);
			const a = counting();
			const b = counting();
			const both = await Promise.all([
				limiter.run(async () => await limiter.spread([a.task(1), a.task(2), a.task(3)])),
				limiter.run(async () => await limiter.spread([b.task(4), b.task(5)])),
			]);
			expect(both).toEqual([
				[1, 2, 3],
				[4, 5],
			]);
			expect(a.state.peak).toBe(1);
			expect(b.state.peak).toBe(1);
		});

		it('on the first failure starts no further task, lets those in flight finish, and throws it', async () => {
			const limiter = new Limiter(2);
			const { state, task } = counting();
			const failing = async () => {
				state.started++;
				await sleep(1);
				throw new Error('boom');
			};
			await expect(limiter.run(async () => await limiter.spread([failing, task(2, 10), task(3), task(4), task(5)]))).rejects.toThrow('boom');
			expect(state.started).toBeLessThan(5);
			expect(state.running).toBe(0);
		});
	});
});
