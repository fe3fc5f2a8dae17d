import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import type { JobStatus } from './jobStatus';
import { DEFAULT_LOOK_BACK_HOURS } from './triggerProperties';
import { eventTimeMs, JOB_EVENTS, matchingMilestone, type JobEvent } from './triggerEvents';
import { advance, isTriggerState, knownJobs, type KnownJobs, type TriggerState } from './triggerState';

/** The most jobs one poll reads (newest first): what bounds its requests whatever the history size. */
export const MAX_JOBS_PER_POLL = 200;

/** Where the state lives in the node's static data, which n8n persists with the workflow. */
const STATE_KEY = 'jobTrigger';

/** The longest look-back accepted: 30 days. */
const MAX_LOOK_BACK_HOURS = 720;

/** What the trigger asks a vendor for on each poll. */
export interface RecentJobsQuery extends KnownJobs {
	/** Jobs that started at or after this time (epoch ms) are in the window. */
	fromMs: number;
	/** Read at most this many jobs (the newest), in as few requests as the API allows. */
	limit: number;
	/**
	 * `baseline`: only where things stand is recorded; `sample`: one example for the editor;
	 * `poll`: a regular check, where `seen` and `openJobIds` tell what earlier polls saw.
	 */
	purpose: 'baseline' | 'sample' | 'poll';
	/** Whether items carry the vendor's whole record (Simplify off). */
	simplify: boolean;
}

/** What a vendor writes to get its trigger. */
export interface JobSource {
	/** What decides which jobs are in scope (appliance, groups, status scope); a change starts over. */
	scope: string;
	/** The jobs in scope that started in the window, as job-status items (any order, no duplicates needed). */
	recentJobs(query: RecentJobsQuery): Promise<JobStatus[]>;
}

export interface TriggerSettings {
	events: JobEvent[];
	lookBackMs: number;
	simplify: boolean;
}

/**
 * The settings, checked before any request: a workflow with no event or a look-back that is not a
 * positive number is refused when it is activated (n8n runs the first poll then), with a fix.
 */
export function readTriggerSettings(ctx: IPollFunctions): TriggerSettings {
	const rawEvents = ctx.getNodeParameter('events', []) as unknown;
	const list = Array.isArray(rawEvents) ? rawEvents : typeof rawEvents === 'string' ? rawEvents.split(',') : [];
	const events = [...new Set(list.map((e) => String(e).trim()).filter((e) => e !== ''))];
	const unknown = events.filter((e) => !JOB_EVENTS.includes(e as JobEvent));
	if (events.length === 0 || unknown.length > 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			unknown.length > 0 ? `Trigger On has an unknown event: ${unknown.join(', ')}` : 'Trigger On has no event chosen',
			{ description: 'Choose at least one event in Trigger On, such as Job Failed, so the trigger knows what to report.' },
		);
	}
	const rawHours = ctx.getNodeParameter('lookBackHours', DEFAULT_LOOK_BACK_HOURS) as unknown;
	const hours = typeof rawHours === 'string' && rawHours.trim() !== '' ? Number(rawHours) : rawHours;
	if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0 || hours > MAX_LOOK_BACK_HOURS) {
		throw new NodeOperationError(ctx.getNode(), `Look Back must be a positive number of hours, up to ${MAX_LOOK_BACK_HOURS}`, {
			description: `"${String(rawHours)}" is not valid. Enter the hours to look back, longer than your longest backup (default ${DEFAULT_LOOK_BACK_HOURS}).`,
		});
	}
	return { events: events as JobEvent[], lookBackMs: hours * 3_600_000, simplify: ctx.getNodeParameter('simplify', true) !== false };
}

/**
 * Poll contexts that have completed a poll. n8n keeps one context per activation and polls it on
 * every tick, so a context not seen yet, created by the user activating the workflow, is where the
 * trigger starts over; one created at n8n's start ("init") or on an update goes on from its state,
 * which is how jobs that ended while n8n was down are still reported.
 */
const pollingContexts = new WeakSet<object>();
const STARTS_OVER = new Set(['activate', 'create', 'manual']);

function startsOver(ctx: IPollFunctions): boolean {
	return !pollingContexts.has(ctx) && STARTS_OVER.has(ctx.getActivationMode());
}

/** Short, stable and without the scope's text (which can be long with many groups). */
export function scopeDigest(scope: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < scope.length; i++) {
		const c = scope.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/** Errors leave as n8n errors: a vendor's answer already is one; anything else says which node. */
function asTriggerError(ctx: IPollFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error);
}

function toItems(ctx: IPollFunctions, jobs: JobStatus[]): INodeExecutionData[][] {
	return [ctx.helpers.returnJsonArray(jobs as IDataObject[])];
}

/** "Fetch Test Event": the newest matching job, and the state untouched. */
function sample(ctx: IPollFunctions, settings: TriggerSettings, jobs: JobStatus[]): INodeExecutionData[][] {
	let newest: { job: JobStatus; at: number } | undefined;
	for (const job of jobs) {
		const milestone = matchingMilestone(settings.events, job);
		if (milestone === undefined) continue;
		const at = eventTimeMs(job, milestone);
		if (!newest || (Number.isFinite(at) && (at > newest.at || !Number.isFinite(newest.at)))) newest = { job, at };
	}
	if (!newest) {
		const hours = settings.lookBackMs / 3_600_000;
		throw new NodeOperationError(ctx.getNode(), 'No backup job matched the filter', {
			description: `No job in scope that started in the last ${hours} hours is one of: ${settings.events.join(', ')}. Raise Look Back, choose other events, or run a backup, then fetch again.`,
		});
	}
	return toItems(ctx, [newest.job]);
}

/**
 * One poll of a job trigger. The state is read (and checked), the vendor is asked for the recent
 * window, and the new state is written only after every request succeeded: a failing poll leaves
 * the state as it was, so the next poll neither loses nor repeats an event.
 */
export async function pollJobs(
	ctx: IPollFunctions,
	openSource: (settings: TriggerSettings) => Promise<JobSource>,
	now: () => number = () => Date.now(),
): Promise<INodeExecutionData[][] | null> {
	const settings = readTriggerSettings(ctx);
	try {
		const source = await openSource(settings);
		const window = { fromMs: now() - settings.lookBackMs, limit: MAX_JOBS_PER_POLL, simplify: settings.simplify };
		if (ctx.getMode() === 'manual') {
			return sample(ctx, settings, await source.recentJobs({ ...window, purpose: 'sample', ...knownJobs(undefined) }));
		}
		const staticData = ctx.getWorkflowStaticData('node');
		const scope = scopeDigest(source.scope);
		const stored = staticData[STATE_KEY];
		const previous: TriggerState | undefined =
			!startsOver(ctx) && isTriggerState(stored) && stored.scope === scope ? stored : undefined;
		const jobs = await source.recentJobs({ ...window, purpose: previous ? 'poll' : 'baseline', ...knownJobs(previous) });
		const { emit, state } = advance(previous, jobs, settings.events, scope);
		staticData[STATE_KEY] = state as unknown as IDataObject;
		pollingContexts.add(ctx);
		return emit.length > 0 ? toItems(ctx, emit) : null;
	} catch (error) {
		throw asTriggerError(ctx, error);
	}
}
