import { isFinishedState, type JobState, type JobStatus } from './jobStatus';
import { isoToMs } from './time';

/** What a job trigger can fire on; the values of its "Trigger On" option. */
export type JobEvent = 'started' | 'finished' | 'failed' | 'succeeded' | 'warning';

export const JOB_EVENTS: readonly JobEvent[] = ['started', 'finished', 'failed', 'succeeded', 'warning'];

/** The end states each "the job ended" event stands for. */
const END_STATES: Record<Exclude<JobEvent, 'started'>, ReadonlySet<JobState>> = {
	finished: new Set<JobState>(['succeeded', 'warning', 'failed', 'cancelled']),
	failed: new Set<JobState>(['failed', 'cancelled']),
	succeeded: new Set<JobState>(['succeeded']),
	warning: new Set<JobState>(['warning']),
};

/** A job has started once it runs or has ended; queued and unknown jobs have not (yet). */
export function hasStarted(state: JobState): boolean {
	return state === 'running' || isFinishedState(state);
}

/** Whether a job that ended in `state` is one of the chosen events. */
export function endIsWanted(events: readonly JobEvent[], state: JobState): boolean {
	return events.some((event) => event !== 'started' && END_STATES[event].has(state));
}

export function startIsWanted(events: readonly JobEvent[]): boolean {
	return events.includes('started');
}

/** The moment an item stands for: when the job ended for an end event, when it started otherwise. */
export function eventTimeMs(job: JobStatus, milestone: 'start' | 'end'): number {
	const iso = milestone === 'end' ? (job.endedAt ?? job.startedAt) : job.startedAt;
	const ms = iso === null ? Number.NaN : isoToMs(iso);
	// A job without times sorts last rather than first: it cannot be placed, and tickets keep their order.
	return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}

/** A job as it matches the chosen events right now: its end, its start, or neither. */
export function matchingMilestone(events: readonly JobEvent[], job: JobStatus): 'start' | 'end' | undefined {
	if (job.isFinished && endIsWanted(events, job.state)) return 'end';
	if (startIsWanted(events) && hasStarted(job.state)) return 'start';
	return undefined;
}
