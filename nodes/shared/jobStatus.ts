import type { IDataObject } from 'n8n-workflow';

/** The normalized state every vendor's status maps to (see DESIGN.md, "The job-status item"). */
export type JobState =
	| 'queued'
	| 'running'
	| 'succeeded'
	| 'warning'
	| 'failed'
	| 'cancelled'
	| 'unknown';

export type Vendor = 'cohesity' | 'commvault' | 'vcenter' | 'huaweiCloud' | 'veeam';

/** One part of a multi-part job: Cohesity's local backup and copies, Commvault's DR phases. */
export interface JobStep extends IDataObject {
	name: string;
	state: JobState;
	vendorState: string;
	startedAt: string | null;
	endedAt: string | null;
	message: string | null;
}

/** The item every job-status operation returns, whatever the vendor. */
export interface JobStatus extends IDataObject {
	vendor: Vendor;
	jobId: string;
	jobName: string | null;
	state: JobState;
	isFinished: boolean;
	isSuccess: boolean | null;
	vendorState: string;
	progressPercent: number | null;
	startedAt: string | null;
	endedAt: string | null;
	durationSeconds: number | null;
	message: string | null;
	steps: JobStep[];
	details?: IDataObject;
	timedOut?: boolean;
}

/** What a vendor's normalizer knows about one job; `buildJobStatus` derives the rest. */
export interface JobFacts {
	vendor: Vendor;
	jobId: string;
	jobName?: string | null;
	state: JobState;
	vendorState: string;
	progressPercent?: unknown;
	startedAt?: string | null;
	endedAt?: string | null;
	message?: string | null;
	steps?: JobStep[];
	details: IDataObject;
}

const FINISHED: ReadonlySet<JobState> = new Set(['succeeded', 'warning', 'failed', 'cancelled']);

export function isFinishedState(state: JobState): boolean {
	return FINISHED.has(state);
}

/** Null while the job runs: "not yet known" must not read as "failed" in an IF node. */
export function isSuccessState(state: JobState): boolean | null {
	if (!isFinishedState(state)) return null;
	return state === 'succeeded' || state === 'warning';
}

/**
 * Builds a vendor's status mapping from its documented table. Unknown or missing values map to
 * `unknown` (never finished, never a throw), so a new vendor status cannot break a workflow.
 */
export function stateMapper(
	table: Record<string, JobState>,
	options: { caseInsensitive?: boolean } = {},
): (vendorValue: unknown) => JobState {
	const fold = (value: string) => (options.caseInsensitive ? value.toLowerCase() : value);
	const lookup = new Map<string, JobState>();
	for (const [vendorValue, state] of Object.entries(table)) lookup.set(fold(vendorValue), state);
	return (vendorValue) =>
		typeof vendorValue === 'string' ? (lookup.get(fold(vendorValue.trim())) ?? 'unknown') : 'unknown';
}

/** Finished parts from best to worst; the overall result of a finished job is its worst part. */
const SEVERITY: JobState[] = ['succeeded', 'warning', 'cancelled', 'failed'];

/**
 * The state of a job made of parts: finished only when every part is, and then the worst part.
 * While any part is unfinished, the job runs (or waits, when nothing has started yet).
 */
export function combineStates(parts: JobState[]): JobState {
	if (parts.length === 0) return 'unknown';
	if (parts.every(isFinishedState)) {
		return parts.reduce((worst, s) => (SEVERITY.indexOf(s) > SEVERITY.indexOf(worst) ? s : worst));
	}
	if (parts.some((s) => s === 'running' || isFinishedState(s))) return 'running';
	if (parts.includes('unknown')) return 'unknown';
	return 'queued';
}

export type EpochUnit = 'microseconds' | 'milliseconds' | 'seconds';

const PER_MILLISECOND: Record<EpochUnit, number> = {
	microseconds: 1000,
	milliseconds: 1,
	seconds: 0.001,
};

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

/** 9999-12-31T23:59:59.999Z: later times need a six-digit year, which no backup has. */
const MAX_ISO_MS = 253402300799999;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()` for 1970–9999, about three times faster: large runs lists convert
 * several times per run, and this was most of the cost of normalizing them. Days since the epoch
 * become a civil date with whole-number arithmetic (the proleptic Gregorian calendar, as Date uses).
 */
export function formatIsoUtc(ms: number): string {
	const msOfDay = ms % 86_400_000;
	const days = (ms - msOfDay) / 86_400_000 + 719_468;
	const era = Math.floor(days / 146_097);
	const dayOfEra = days - era * 146_097;
	const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
	const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
	const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	const hours = Math.floor(msOfDay / 3_600_000);
	const minutes = Math.floor(msOfDay / 60_000) % 60;
	const seconds = Math.floor(msOfDay / 1000) % 60;
	return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(msOfDay % 1000)}Z`;
}

/** Seconds between two ISO times, to the millisecond; null unless both are known and in order. */
export function durationSeconds(startedAt: string | null, endedAt: string | null): number | null {
	if (!startedAt || !endedAt) return null;
	const ms = Date.parse(endedAt) - Date.parse(startedAt);
	return Number.isFinite(ms) && ms >= 0 ? Math.round(ms) / 1000 : null;
}

/** A percentage in 0–100, or null where the vendor gives none. */
export function toPercent(value: unknown): number | null {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n)) return null;
	return Math.min(100, Math.max(0, n));
}

/** Empty or whitespace-only vendor text is "no message". */
export function toMessage(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	return text === '' ? null : text;
}

/** Assembles the job-status item; `details` (the vendor's record) only when Simplify is off. */
export function buildJobStatus(facts: JobFacts, simplify: boolean): JobStatus {
	const startedAt = facts.startedAt ?? null;
	const endedAt = facts.endedAt ?? null;
	const status: JobStatus = {
		vendor: facts.vendor,
		jobId: facts.jobId,
		jobName: facts.jobName ?? null,
		state: facts.state,
		isFinished: isFinishedState(facts.state),
		isSuccess: isSuccessState(facts.state),
		vendorState: facts.vendorState,
		progressPercent: toPercent(facts.progressPercent),
		startedAt,
		endedAt,
		durationSeconds: durationSeconds(startedAt, endedAt),
		message: facts.message ?? null,
		steps: facts.steps ?? [],
	};
	if (!simplify) status.details = facts.details;
	return status;
}
