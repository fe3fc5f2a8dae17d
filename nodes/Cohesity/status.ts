import type { IDataObject } from 'n8n-workflow';

import {
	buildJobStatus,
	combineStates,
	stateMapper,
	toMessage,
	type JobState,
	type JobStatus,
	type JobStep,
} from '../shared/jobStatus';
import { expectRecord, expectString, isRecord, optionalList } from '../shared/shape';
import { toIsoTime } from '../shared/time';

const PRODUCT = 'Cohesity';

/**
 * Which parts decide a run's state. The local snapshot is what a restore needs, so it is the
 * default, as in the Cohesity UI; "all copies" also waits for every replication, archival and
 * CloudSpin target.
 */
export type StatusScope = 'localBackup' | 'allCopies';

export interface RunOptions {
	simplify: boolean;
	scope: StatusScope;
}

/**
 * The status of a run part (`localBackupInfo`, each replication, archival and CloudSpin target),
 * one enum for all of them. `Cancelling` and `Cancelled` are spellings seen in Cohesity's own
 * scripts; values are compared case-insensitively, and anything else is `unknown`.
 */
export const runPartState = stateMapper(
	{
		Accepted: 'queued',
		OnHold: 'queued',
		Running: 'running',
		Finalizing: 'running',
		Paused: 'running',
		Canceling: 'running',
		Cancelling: 'running',
		Succeeded: 'succeeded',
		SucceededWithWarning: 'warning',
		Failed: 'failed',
		Missed: 'failed',
		Canceled: 'cancelled',
		Cancelled: 'cancelled',
		Skipped: 'cancelled',
	},
	{ caseInsensitive: true },
);

function usecs(value: unknown): string | null {
	return toIsoTime(value, 'microseconds');
}

/** `messages` of a backup summary is a list of texts; targets have a single `message`. */
function messageOf(part: IDataObject): string | null {
	if (Array.isArray(part.messages)) {
		const texts = part.messages.map(toMessage).filter((t): t is string => t !== null);
		if (texts.length > 0) return texts.join('; ');
	}
	return toMessage(part.message);
}

function step(name: string, part: IDataObject): JobStep {
	const vendorState = typeof part.status === 'string' ? part.status : '';
	return {
		name,
		state: runPartState(vendorState),
		vendorState,
		startedAt: usecs(part.startTimeUsecs),
		endedAt: usecs(part.endTimeUsecs),
		message: messageOf(part),
	};
}

function targets(info: unknown, list: string): IDataObject[] {
	if (!isRecord(info) || !Array.isArray(info[list])) return [];
	return info[list].filter(isRecord);
}

function label(...candidates: unknown[]): string {
	const found = candidates.find((c) => (typeof c === 'string' && c !== '') || typeof c === 'number');
	return found === undefined ? 'unnamed target' : String(found);
}

interface RunParts {
	/** The run's own local backup; absent on a replication target, where the copy is what counts. */
	local: JobStep | undefined;
	archival: JobStep[];
	steps: JobStep[];
}

/**
 * The parts of a run in the order Cohesity performs them. On a replication target cluster the run
 * has no local backup of its own: `originalBackupInfo` describes the source's.
 */
function partsOf(run: IDataObject): RunParts {
	const own = isRecord(run.localBackupInfo) ? run.localBackupInfo : undefined;
	const original = !own && isRecord(run.originalBackupInfo) ? run.originalBackupInfo : undefined;
	const local = own ? step('Local Backup', own) : undefined;
	const source = original ? step('Original Backup', original) : undefined;
	const replication = targets(run.replicationInfo, 'replicationTargetResults').map((t) =>
		step(`${t.isInBound === true ? 'Replication from' : 'Replication to'} ${label(t.clusterName, t.clusterId)}`, t),
	);
	const archival = targets(run.archivalInfo, 'archivalTargetResults').map((t) =>
		step(`Archival to ${label(t.targetName, t.targetId)}`, t),
	);
	const cloudSpin = targets(run.cloudSpinInfo, 'cloudSpinTargetResults').map((t) =>
		step(`CloudSpin to ${label(t.name, t.id)}`, t),
	);
	return { local, archival, steps: [...(local ? [local] : []), ...(source ? [source] : []), ...replication, ...archival, ...cloudSpin] };
}

/** The latest end of all parts, once every part has one. */
function lastEnd(steps: JobStep[]): string | null {
	if (steps.length === 0 || steps.some((s) => s.endedAt === null)) return null;
	// ISO UTC strings of one format sort as text exactly as they do as times.
	return steps.map((s) => s.endedAt as string).reduce((a, b) => (b > a ? b : a));
}

function messages(steps: JobStep[]): string | null {
	const withText = steps.filter((s) => s.message !== null);
	if (withText.length === 0) return null;
	if (withText.length === 1) return withText[0].message;
	return withText.map((s) => `${s.name}: ${s.message}`).join('; ');
}

/**
 * Which parts decide the state: the local backup in "Local Backup" scope, plus the archive when the
 * archive is the primary copy (`isCloudArchivalDirect`); every part in "All Copies" scope. A run
 * without a local part (a replication target's copy) is judged by its parts.
 */
function decidingParts(run: IDataObject, parts: RunParts, scope: StatusScope): JobStep[] {
	if (scope === 'allCopies' || !parts.local) return parts.steps;
	return run.isCloudArchivalDirect === true ? [parts.local, ...parts.archival] : [parts.local];
}

/** One run (`CommonProtectionGroupRunResponseParameters`) as the job-status item. */
export function fromRun(body: unknown, options: RunOptions): JobStatus {
	const run = expectRecord(body, PRODUCT, 'a protection group run');
	const parts = partsOf(run);
	const deciding = decidingParts(run, parts, options.scope);
	const state: JobState = deciding.length === 1 ? deciding[0].state : combineStates(deciding.map((s) => s.state));
	const single = deciding.length === 1 ? deciding[0] : undefined;
	return buildJobStatus(
		{
			vendor: 'cohesity',
			jobId: expectString(run, 'id', PRODUCT, 'a protection group run'),
			jobName: typeof run.protectionGroupName === 'string' ? run.protectionGroupName : null,
			state,
			vendorState: deciding.map((s) => s.vendorState).join('/'),
			startedAt: parts.steps[0]?.startedAt ?? null,
			endedAt: single ? single.endedAt : lastEnd(deciding),
			message: single ? single.message : messages(deciding),
			steps: parts.steps,
			details: run,
		},
		options.simplify,
	);
}

/**
 * Newest first, whatever order the cluster used; runs with equal start (or none) keep their order.
 * Start times are ISO UTC strings of one format, which sort as text exactly as they do as times.
 */
export function newestFirst(runs: JobStatus[]): JobStatus[] {
	return runs
		.map((run, index) => ({ run, index, start: run.startedAt ?? '' }))
		.sort((a, b) => (a.start === b.start ? a.index - b.index : a.start < b.start ? 1 : -1))
		.map((entry) => entry.run);
}

/** The `runs` of a `ProtectionGroupRuns` answer, as records. */
export function runsOf(body: unknown): unknown[] {
	const page = expectRecord(body, PRODUCT, 'a list of protection group runs');
	// A group without runs may answer without the list at all.
	return optionalList(page, 'runs', ['totalRuns', 'paginationCookie'], PRODUCT, 'a list of protection group runs');
}

/**
 * A whole `GET …/protection-groups/{id}/runs` answer as job-status items, newest first. Pure, so
 * the benchmark can time it against `JSON.parse` of the same body.
 */
export function normalizeRuns(body: unknown, options: RunOptions): JobStatus[] {
	return newestFirst(runsOf(body).map((run) => fromRun(run, options)));
}

/** A protection group, simplified: what identifies it, and its last run as a job-status item. */
export function fromProtectionGroup(body: unknown, options: RunOptions): IDataObject {
	const group = expectRecord(body, PRODUCT, 'a protection group');
	if (!options.simplify) return group;
	const lastRun = isRecord(group.lastRun) && typeof group.lastRun.id === 'string' ? fromRun({ protectionGroupName: group.name, ...group.lastRun }, options) : null;
	return {
		protectionGroupId: expectString(group, 'id', PRODUCT, 'a protection group'),
		name: typeof group.name === 'string' ? group.name : null,
		environment: group.environment ?? null,
		policyId: group.policyId ?? null,
		isActive: group.isActive ?? null,
		isPaused: group.isPaused ?? null,
		isDeleted: group.isDeleted ?? null,
		numProtectedObjects: group.numProtectedObjects ?? null,
		lastRun,
	};
}
