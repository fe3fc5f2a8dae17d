/**
 * Vendor timestamps as ISO 8601 UTC, and durations between them. Large job lists convert several
 * times per job, so formatting and parsing avoid `Date` where whole-number arithmetic does the same.
 */

export type EpochUnit = 'microseconds' | 'milliseconds' | 'seconds';

const PER_MILLISECOND: Record<EpochUnit, number> = {
	microseconds: 1000,
	milliseconds: 1,
	seconds: 0.001,
};

/** 9999-12-31T23:59:59.999Z: later times need a six-digit year, which no backup has. */
const MAX_ISO_MS = 253_402_300_799_999;

/** A date-time string with no zone designator, such as `2024-03-15 02:00:02` or `2024-03-15T02:00:02`. */
const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Converts a vendor timestamp to ISO 8601 UTC. Numbers are epoch values in `unit`; strings are
 * ISO-like date-times, and a zone-less string is read as UTC (vendors that mean local time convert
 * before calling). Zero, negative and unparseable values are "not set" (null), never an Invalid Date.
 */
export function toIsoTime(value: unknown, unit: EpochUnit = 'seconds'): string | null {
	let ms: number;
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value <= 0) return null;
		ms = value / PER_MILLISECOND[unit];
	} else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		if (/^\d+$/.test(text)) return toIsoTime(Number(text), unit);
		ms = Date.parse(ZONELESS.test(text) ? `${text.replace(' ', 'T')}Z` : text);
	} else {
		return null;
	}
	if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_ISO_MS) return null;
	return formatIsoUtc(Math.trunc(ms));
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `YYYY-MM-DD` of a day counted from the epoch: the civil date in the proleptic Gregorian calendar,
 * as Date uses, with whole-number arithmetic.
 */
function civilDate(epochDay: number): string {
	const days = epochDay + 719_468;
	const era = Math.floor(days / 146_097);
	const dayOfEra = days - era * 146_097;
	const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
	const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
	const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

const HOUR_MS = 3_600_000;

/** The last day formatted: the times of one job list mostly fall on few days, often in a row. */
let formattedDay = Number.NaN;
let formattedDate = '';
/** The last hour formatted (`YYYY-MM-DDTHH:`): the parts of one job mostly start and end within it. */
let formattedHour = Number.NaN;
let formattedHourText = '';

/** `new Date(ms).toISOString()` for 1970–9999, several times faster on runs of nearby times. */
export function formatIsoUtc(ms: number): string {
	const msOfHour = ms % HOUR_MS;
	const epochHour = (ms - msOfHour) / HOUR_MS;
	if (epochHour !== formattedHour) {
		const epochDay = Math.floor(epochHour / 24);
		if (epochDay !== formattedDay) {
			formattedDate = civilDate(epochDay);
			formattedDay = epochDay;
		}
		formattedHourText = `${formattedDate}T${TWO_DIGITS[epochHour - epochDay * 24]}:`;
		formattedHour = epochHour;
	}
	const minutes = Math.floor(msOfHour / 60_000);
	const seconds = Math.floor(msOfHour / 1000) % 60;
	return `${formattedHourText}${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${pad3(msOfHour % 1000)}Z`;
}

/**
 * Seconds from `startMs` to `endMs` (epoch milliseconds as `toIsoTime` reads them) exactly as
 * `durationSeconds` gives them for the two ISO strings, for vendors that have the numbers at hand
 * and need not read their own strings back.
 */
export function spanSeconds(start: unknown, end: unknown, unit: EpochUnit = 'seconds'): number | null {
	if (typeof start !== 'number' || typeof end !== 'number') return durationSeconds(toIsoTime(start, unit), toIsoTime(end, unit));
	const startMs = start / PER_MILLISECOND[unit];
	const endMs = end / PER_MILLISECOND[unit];
	// The same bounds as toIsoTime: where it has no time, there is no duration.
	if (!(startMs > 0 && startMs <= MAX_ISO_MS && endMs > 0 && endMs <= MAX_ISO_MS)) return null;
	const ms = Math.trunc(endMs) - Math.trunc(startMs);
	return ms >= 0 ? ms / 1000 : null;
}

/** The last date parsed, as for formatting. */
let parsedDate = '';
let parsedDayMs = Number.NaN;

function digits(text: string, start: number, count: number): number {
	let n = 0;
	for (let i = start; i < start + count; i++) {
		const d = text.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return Number.NaN;
		n = n * 10 + d;
	}
	return n;
}

/**
 * Epoch milliseconds of an ISO time. The form `formatIsoUtc` writes (`YYYY-MM-DDTHH:mm:ss.sssZ`) is
 * read field by field; anything else goes to `Date.parse`.
 */
export function isoToMs(iso: string): number {
	if (iso.length !== 24 || iso[10] !== 'T' || iso[13] !== ':' || iso[16] !== ':' || iso[19] !== '.' || iso[23] !== 'Z') {
		return Date.parse(iso);
	}
	const date = iso.slice(0, 10);
	if (date !== parsedDate) {
		parsedDayMs = Date.parse(date);
		parsedDate = date;
	}
	const time = digits(iso, 11, 2) * 3_600_000 + digits(iso, 14, 2) * 60_000 + digits(iso, 17, 2) * 1000 + digits(iso, 20, 3);
	return Number.isFinite(time) ? parsedDayMs + time : Date.parse(iso);
}

/** Seconds between two ISO times, to the millisecond; null unless both are known and in order. */
export function durationSeconds(startedAt: string | null, endedAt: string | null): number | null {
	if (!startedAt || !endedAt) return null;
	const ms = isoToMs(endedAt) - isoToMs(startedAt);
	return Number.isFinite(ms) && ms >= 0 ? Math.round(ms) / 1000 : null;
}

/** A date (and time) without a zone or offset, as n8n's date picker gives it: `2025-06-08T00:00:00`. */
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Longer than any DST shift, shorter than the gap between two changes. */
const SIX_HOURS_MS = 6 * 3_600_000;

/** How far `timeZone` is ahead of UTC at the instant `ms`, in ms (+02:00 gives 7,200,000). */
function zoneOffsetMs(ms: number, timeZone: string): number {
	let format = offsetFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		offsetFormats.set(timeZone, format);
	}
	const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
	const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
	return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * Milliseconds since the epoch of a date-time parameter. A value with a zone or offset means what it
 * says; one without is wall-clock time in `timeZone` (the workflow's, else the instance's), as n8n's
 * own nodes read it. NaN when the text is no date. An unknown zone name throws a RangeError.
 */
export function parseDateTimeIn(value: string, timeZone: string): number {
	const text = value.trim();
	const m = WALL_CLOCK.exec(text);
	if (!m) return Date.parse(text);
	const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m;
	const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(frac.padEnd(3, '0')));
	// Around a DST change a wall time can exist twice (autumn: the earlier one is taken) or not at all
	// (spring: read with the offset from before the change, so it moves forward, as luxon does).
	const before = zoneOffsetMs(wall - SIX_HOURS_MS, timeZone);
	const after = zoneOffsetMs(wall + SIX_HOURS_MS, timeZone);
	const exact = [wall - before, wall - after].filter((ms) => ms + zoneOffsetMs(ms, timeZone) === wall);
	return exact.length > 0 ? Math.min(...exact) : wall - before;
}
