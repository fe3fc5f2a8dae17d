import type { IDataObject } from 'n8n-workflow';

import { durationSeconds } from './time';

/** The normalized state every vendor's status maps to (see DESIGN.md, "The job-status item"). */
export type JobState =
	| 'queued'
	| 'running'
	| 'succeeded'
	| 'warning'
	| 'failed'
	| 'cancelled'
	| 'unknown';

/**
 * Which node produced an item: each vendor folder names itself (`'vcenter'`, `'veeam'`, …). A plain
 * string, so that a new vendor folder needs no edit here.
 */
export type Vendor = string;

/**
 * What kind of job: a backup, a restore (recovery), or anything else (replication, copy, DR, archive,
 * delete, workflow), so one IF tells a restore from a backup whatever the vendor.
 */
export type JobType = 'backup' | 'restore' | 'other';

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
	jobType: JobType;
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
	/**
	 * The vendor's own figure when it has the times as numbers (equal to what `startedAt` and
	 * `endedAt` give, to the millisecond); otherwise it is worked out from those two strings.
	 */
	durationSeconds?: number | null;
	jobType: JobType;
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
	// The documented spelling answers without trimming or folding: large lists map it thousands of times.
	const exact = new Map<string, JobState>(Object.entries(table));
	return (vendorValue) => {
		if (typeof vendorValue !== 'string') return 'unknown';
		return exact.get(vendorValue) ?? lookup.get(fold(vendorValue.trim())) ?? 'unknown';
	};
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
		durationSeconds: facts.durationSeconds !== undefined ? facts.durationSeconds : durationSeconds(startedAt, endedAt),
		message: facts.message ?? null,
		steps: facts.steps ?? [],
		jobType: facts.jobType,
	};
	if (!simplify) status.details = facts.details;
	return status;
}
