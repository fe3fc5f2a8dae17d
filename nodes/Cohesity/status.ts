import type { IDataObject } from 'n8n-workflow';

import {
	buildJobStatus,
	combineStates,
	stateMapper,
	toMessage,
	type JobStatus,
	type JobStep,
} from '../shared/jobStatus';
import { expectRecord, expectString, isRecord, optionalList } from '../shared/shape';
import { spanSeconds, toIsoTime } from '../shared/time';

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
	const list = part.messages;
	if (Array.isArray(list) && list.length > 0) {
		const texts = list.map(toMessage).filter((t): t is string => t !== null);
		if (texts.length > 0) return texts.join('; ');
	}
	return part.message === undefined || part.message === null ? null : toMessage(part.message);
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

function label(first: unknown, second: unknown): string {
	if (typeof first === 'string' && first !== '') return first;
	if (typeof first === 'number') return String(first);
	if (typeof second === 'string' && second !== '') return second;
	if (typeof second === 'number') return String(second);
	return 'unnamed target';
}

/**
 * The name of a copy's step ("Replication to dr-cluster-01"). A list of thousands of runs names the
 * same few targets on every run, so each name is built once rather than once per run (fewer strings
 * for the collector); bounded, so a cluster with more targets builds the rest as it goes.
 */
class StepName {
	private readonly byTarget = new Map<string, string>();

	constructor(private readonly prefix: string) {}

	of(target: string): string {
		let name = this.byTarget.get(target);
		if (name === undefined) {
			name = `${this.prefix} ${target}`;
			if (this.byTarget.size < 1000) this.byTarget.set(target, name);
		}
		return name;
	}
}

const REPLICATION_TO = new StepName('Replication to');
const REPLICATION_FROM = new StepName('Replication from');
const ARCHIVAL_TO = new StepName('Archival to');
const CLOUDSPIN_TO = new StepName('CloudSpin to');

/** The target records of `info[list]` (replication, archival or CloudSpin results). */
function targetsOf(info: unknown, list: string): unknown[] {
	if (!isRecord(info)) return [];
	const records = info[list];
	return Array.isArray(records) ? records : [];
}

/**
 * The parts of a run in the order Cohesity performs them, as its steps: the local backup (on a
 * replication target cluster the run has none of its own; `originalBackupInfo` describes the
 * source's), then each replication, archival and CloudSpin target. `archival` is where the archival
 * steps are, for runs whose archive is the primary copy. Plain loops: this runs once per run of lists
 * thousands of runs long.
 */
function partsOf(run: IDataObject): { local: JobStep | undefined; steps: JobStep[]; archival: [number, number] } {
	const steps: JobStep[] = [];
	let local: JobStep | undefined;
	if (isRecord(run.localBackupInfo)) {
		local = step('Local Backup', run.localBackupInfo);
		steps.push(local);
	} else if (isRecord(run.originalBackupInfo)) {
		steps.push(step('Original Backup', run.originalBackupInfo));
	}
	for (const t of targetsOf(run.replicationInfo, 'replicationTargetResults')) {
		if (isRecord(t)) steps.push(step((t.isInBound === true ? REPLICATION_FROM : REPLICATION_TO).of(label(t.clusterName, t.clusterId)), t));
	}
	const archivalFrom = steps.length;
	for (const t of targetsOf(run.archivalInfo, 'archivalTargetResults')) {
		if (isRecord(t)) steps.push(step(ARCHIVAL_TO.of(label(t.targetName, t.targetId)), t));
	}
	const archivalTo = steps.length;
	for (const t of targetsOf(run.cloudSpinInfo, 'cloudSpinTargetResults')) {
		if (isRecord(t)) steps.push(step(CLOUDSPIN_TO.of(label(t.name, t.id)), t));
	}
	return { local, steps, archival: [archivalFrom, archivalTo] };
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
function decidingParts(run: IDataObject, parts: ReturnType<typeof partsOf>, scope: StatusScope): JobStep[] {
	if (scope === 'allCopies' || !parts.local) return parts.steps;
	if (run.isCloudArchivalDirect !== true) return [parts.local];
	return [parts.local, ...parts.steps.slice(parts.archival[0], parts.archival[1])];
}

/** One run (`CommonProtectionGroupRunResponseParameters`) as the job-status item. */
export function fromRun(body: unknown, options: RunOptions): JobStatus {
	const run = expectRecord(body, PRODUCT, 'a protection group run');
	const parts = partsOf(run);
	const deciding = decidingParts(run, parts, options.scope);
	const single = deciding.length === 1 ? deciding[0] : undefined;
	return buildJobStatus(
		{
			vendor: 'cohesity',
			jobType: 'backup',
			jobId: expectString(run, 'id', PRODUCT, 'a protection group run'),
			jobName: typeof run.protectionGroupName === 'string' ? run.protectionGroupName : null,
			state: single ? single.state : combineStates(deciding.map((s) => s.state)),
			vendorState: single ? single.vendorState : deciding.map((s) => s.vendorState).join('/'),
			startedAt: parts.steps.length > 0 ? parts.steps[0].startedAt : null,
			endedAt: single ? single.endedAt : lastEnd(deciding),
			// The usual case, a run judged by its local backup alone: the duration from its own numbers.
			durationSeconds: single && single === parts.local && isRecord(run.localBackupInfo)
				? spanSeconds(run.localBackupInfo.startTimeUsecs, run.localBackupInfo.endTimeUsecs, 'microseconds')
				: undefined,
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
	// Clusters list newest first already: then there is nothing to sort.
	let sorted = true;
	for (let k = 1; k < runs.length && sorted; k++) sorted = (runs[k - 1].startedAt ?? '') >= (runs[k].startedAt ?? '');
	if (sorted) return runs;
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
