import { durationSeconds, formatIsoUtc, isoToMs, spanSeconds, toIsoTime } from '../../nodes/shared/time';

describe('toIsoTime', () => {
	it.each<[unknown, Parameters<typeof toIsoTime>[1], string | null]>([
		[1680005024062490, 'microseconds', '2023-03-28T12:03:44.062Z'],
		[1710468002114, 'milliseconds', '2024-03-15T02:00:02.114Z'],
		[1710468002, 'seconds', '2024-03-15T02:00:02.000Z'],
		['1710468002', 'seconds', '2024-03-15T02:00:02.000Z'],
		['2024-03-15T02:00:02.114Z', undefined, '2024-03-15T02:00:02.114Z'],
		['2024-03-15T04:00:02+02:00', undefined, '2024-03-15T02:00:02.000Z'],
		['2024-03-15 02:00:02', undefined, '2024-03-15T02:00:02.000Z'],
		['2024-03-15T02:00:02', undefined, '2024-03-15T02:00:02.000Z'],
		[0, 'microseconds', null],
		[-5, 'seconds', null],
		['not a date', undefined, null],
		['', undefined, null],
		[null, undefined, null],
		[undefined, undefined, null],
		[Number.NaN, 'seconds', null],
	])('%p (%s) → %p', (value, unit, expected) => expect(toIsoTime(value, unit)).toBe(expected));
});

describe('durationSeconds', () => {
	it('measures to the millisecond, only when both ends are known and in order', () => {
		expect(durationSeconds('2024-03-15T02:00:02.114Z', '2024-03-15T02:11:47.902Z')).toBe(705.788);
		expect(durationSeconds('2024-03-15T02:00:02.114Z', null)).toBeNull();
		expect(durationSeconds(null, '2024-03-15T02:00:02.114Z')).toBeNull();
		expect(durationSeconds('2024-03-15T03:00:00Z', '2024-03-15T02:00:00Z')).toBeNull();
	});
	it('reads the canonical form field by field and anything else through Date.parse', () => {
		expect(isoToMs('2024-03-15T02:00:02.114Z')).toBe(Date.parse('2024-03-15T02:00:02.114Z'));
		expect(isoToMs('2024-03-16T23:59:59.999Z')).toBe(Date.parse('2024-03-16T23:59:59.999Z'));
		expect(isoToMs('2024-03-15T04:00:02+02:00')).toBe(Date.parse('2024-03-15T02:00:02Z'));
		expect(isoToMs('2024-03-15T0x:00:02.114Z')).toBeNaN();
	});
});

describe('formatIsoUtc', () => {
	it('matches Date#toISOString from 1970 to 9999, including leap days and century years', () => {
		const fixed = [1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 1_709_251_199_999, 1_710_468_002_114, 253_402_300_799_999];
		let seed = 42;
		const random = Array.from({ length: 20_000 }, () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return Math.floor((seed / 2 ** 31) * 253_402_300_799_999);
		});
		for (const ms of [...fixed, ...random]) expect(formatIsoUtc(ms)).toBe(new Date(ms).toISOString());
	});
	it('is what toIsoTime returns, truncating sub-millisecond parts as Date does', () => {
		expect(toIsoTime(1_680_005_024_062_490, 'microseconds')).toBe(new Date(1_680_005_024_062).toISOString());
		expect(toIsoTime(253_402_300_800_000, 'milliseconds')).toBeNull();
	});
});

describe('spanSeconds', () => {
	it('equals durationSeconds of the two ISO times, for every edge toIsoTime has', () => {
		const cases: Array<[unknown, unknown]> = [
			[1680005024062490, 1680005305103029],
			[1680005024062999, 1680005024063000],
			[1680005305103029, 1680005024062490],
			[0, 1680005305103029],
			[-5, 10],
			[500, 1500],
			[1680005024062490, undefined],
			['1680005024062490', '1680005305103029'],
			[Number.NaN, 1],
			[253402300799999000, 253402300800000000],
		];
		for (const [start, end] of cases) {
			expect([start, end, spanSeconds(start, end, 'microseconds')]).toEqual([start, end, durationSeconds(toIsoTime(start, 'microseconds'), toIsoTime(end, 'microseconds'))]);
		}
		expect(spanSeconds(1710468002, 1710468707)).toBe(705);
	});
});
