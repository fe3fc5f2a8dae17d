import { parseDateTimeIn } from '../../nodes/shared/time';

describe('date-time parameters in the workflow time zone', () => {
	it.each([
		['2025-06-08T00:00:00', 'Europe/Berlin', '2025-06-07T22:00:00.000Z'],
		['2025-01-08T00:00:00', 'Europe/Berlin', '2025-01-07T23:00:00.000Z'],
		['2025-06-08T00:00:00', 'America/New_York', '2025-06-08T04:00:00.000Z'],
		['2025-06-08 12:30', 'Asia/Kolkata', '2025-06-08T07:00:00.000Z'],
		['2025-06-08', 'Asia/Tokyo', '2025-06-07T15:00:00.000Z'],
		['2025-06-08T00:00:00.250', 'UTC', '2025-06-08T00:00:00.250Z'],
		// around DST: the earlier of a doubled hour; a skipped hour moves forward
		['2025-03-30T03:30:00', 'Europe/Berlin', '2025-03-30T01:30:00.000Z'],
		['2025-10-26T02:30:00', 'Europe/Berlin', '2025-10-26T00:30:00.000Z'],
		['2025-03-30T02:30:00', 'Europe/Berlin', '2025-03-30T01:30:00.000Z'],
	])('%s in %s is %s', (text, zone, iso) => {
		expect(new Date(parseDateTimeIn(text, zone)).toISOString()).toBe(iso);
	});

	it('keeps an explicit zone or offset as it is', () => {
		expect(new Date(parseDateTimeIn('2025-06-08T00:00:00Z', 'Europe/Berlin')).toISOString()).toBe('2025-06-08T00:00:00.000Z');
		expect(new Date(parseDateTimeIn('2025-06-08T00:00:00+05:00', 'Europe/Berlin')).toISOString()).toBe('2025-06-07T19:00:00.000Z');
	});

	it('is NaN for text that is no date', () => {
		expect(parseDateTimeIn('yesterday', 'UTC')).toBeNaN();
	});
});
