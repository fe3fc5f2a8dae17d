import type { JobStatus } from './jobStatus';
import { endIsWanted, eventTimeMs, hasStarted, startIsWanted, type JobEvent } from './triggerEvents';
import { isoToMs } from './time';

/**
 * What a job trigger remembers between polls, in the workflow's static data. Pure: every decision
 * about what to emit is made here, so it is tested without n8n or a network.
 *
 * A job has two milestones, its start and its end. `handled` lists the milestones already dealt with
 * (emitted, or seen when they did not match the chosen events, or recorded at activation), least
 * recently seen first; a milestone seen again moves to the end, and the oldest are dropped beyond
 * MAX_HANDLED. A job stays listed for as long as the vendor shows it in the poll window, so only jobs
 * that left the window (and cannot come back) are ever dropped.
 */
export interface TriggerState {
	version: typeof STATE_VERSION;
	/** A digest of what decides the jobs in scope; a change starts over, as after activation. */
	scope: string;
	/**
	 * The newest start time (epoch ms, the vendor's clock) seen at activation. A job never seen
	 * before that started no later is history that a summary view did not show then, not news.
	 */
	baselineMark: number | null;
	/** Jobs the last poll saw unfinished, so vendors can look at them even outside the window. */
	open: string[];
	/** `s:<jobId>` (started) and `e:<jobId>` (ended) milestones, least recently seen first. */
	handled: string[];
}

export const STATE_VERSION = 1;
/** About 100 KB of static data at most, far above the milestones one poll window can show. */
export const MAX_HANDLED = 3000;
export const MAX_OPEN = 500;
/** A job id longer than this is not one of ours: reset rather than carry it. */
const MAX_KEY_LENGTH = 300;

const startKey = (jobId: string) => `s:${jobId}`;
const endKey = (jobId: string) => `e:${jobId}`;

function isKeyList(value: unknown, max: number): value is string[] {
	return Array.isArray(value) && value.length <= max && value.every((k) => typeof k === 'string' && k.length <= MAX_KEY_LENGTH);
}

/**
 * Whether stored data is a state this version wrote. A corrupted, hand-edited or older-format state
 * fails the check and the trigger starts over (records where it stands, emits nothing) instead of
 * crashing or emitting a backlog.
 */
export function isTriggerState(value: unknown): value is TriggerState {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const state = value as Record<string, unknown>;
	return (
		state.version === STATE_VERSION &&
		typeof state.scope === 'string' &&
		(state.baselineMark === null || (typeof state.baselineMark === 'number' && Number.isFinite(state.baselineMark))) &&
		isKeyList(state.open, MAX_OPEN) &&
		isKeyList(state.handled, MAX_HANDLED) &&
		state.handled.every((k) => k.startsWith('s:') || k.startsWith('e:'))
	);
}

/** What one poll knew before it asked the vendor: for the vendor's "where to look closer". */
export interface KnownJobs {
	/** Whether an earlier poll saw this job. */
	seen(jobId: string): boolean;
	openJobIds: readonly string[];
}

export function knownJobs(state: TriggerState | undefined): KnownJobs {
	const handled = new Set(state?.handled ?? []);
	const open = new Set(state?.open ?? []);
	return {
		seen: (jobId) => open.has(jobId) || handled.has(startKey(jobId)) || handled.has(endKey(jobId)),
		openJobIds: state?.open ?? [],
	};
}

export interface PollOutcome {
	/** The items to emit, oldest event first, so tickets are opened in the order jobs ended. */
	emit: JobStatus[];
	state: TriggerState;
}

function startMs(job: JobStatus): number | null {
	const ms = job.startedAt === null ? Number.NaN : isoToMs(job.startedAt);
	return Number.isFinite(ms) ? ms : null;
}

/** Insertion-ordered keys where touching a key makes it the newest. */
class RecentKeys {
	private readonly keys: Map<string, true>;

	constructor(keys: readonly string[]) {
		this.keys = new Map(keys.map((k) => [k, true]));
	}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	touch(key: string): void {
		this.keys.delete(key);
		this.keys.set(key, true);
	}

	newest(max: number): string[] {
		const all = [...this.keys.keys()];
		return all.length > max ? all.slice(all.length - max) : all;
	}
}

/**
 * One poll: the jobs the vendor shows now against what earlier polls handled. Without a previous
 * state (first poll after activation, a reset or a new scope) it only records where things stand.
 * Otherwise each job's end is emitted once when it matches the events, and its start once when
 * "Job Started" is chosen; a job first seen already ended gives one item, its end (or its start when
 * only starts are wanted). Jobs the vendor no longer shows are never invented.
 */
export function advance(
	previous: TriggerState | undefined,
	jobs: readonly JobStatus[],
	events: readonly JobEvent[],
	scope: string,
): PollOutcome {
	const baseline = previous === undefined;
	const handled = new RecentKeys(previous?.handled ?? []);
	const known = knownJobs(previous);
	const starts = jobs.map(startMs).filter((ms): ms is number => ms !== null);
	const baselineMark = baseline ? (starts.length > 0 ? Math.max(...starts) : null) : previous.baselineMark;
	const emit: Array<{ job: JobStatus; at: number }> = [];
	const open: string[] = [];
	const done = new Set<string>();

	for (const job of jobs) {
		if (done.has(job.jobId)) continue;
		done.add(job.jobId);
		const started = hasStarted(job.state);
		const start = startMs(job);
		// Never seen, and older than what activation saw: it ended before the trigger watched.
		const history = !baseline && !known.seen(job.jobId) && baselineMark !== null && start !== null && start <= baselineMark;
		const quiet = baseline || history;
		let emitted = false;
		if (job.isFinished && !handled.has(endKey(job.jobId)) && !quiet && endIsWanted(events, job.state)) {
			emit.push({ job, at: eventTimeMs(job, 'end') });
			emitted = true;
		}
		if (started && !handled.has(startKey(job.jobId)) && !quiet && !emitted && startIsWanted(events)) {
			emit.push({ job, at: eventTimeMs(job, 'start') });
		}
		if (started) handled.touch(startKey(job.jobId));
		if (job.isFinished) handled.touch(endKey(job.jobId));
		else open.push(job.jobId);
	}

	emit.sort((a, b) => a.at - b.at || (a.job.jobId < b.job.jobId ? -1 : a.job.jobId > b.job.jobId ? 1 : 0));
	return {
		emit: emit.map((e) => e.job),
		state: {
			version: STATE_VERSION,
			scope,
			baselineMark,
			open: open.slice(0, MAX_OPEN),
			handled: handled.newest(MAX_HANDLED),
		},
	};
}
