import type { IDataObject } from 'n8n-workflow';

import { buildJobStatus, combineStates, stateMapper, toMessage, type JobState, type JobStatus, type JobStep, type JobType } from '../shared/jobStatus';
import { isRecord, listOf, numberOf, textOf, UnexpectedAnswerError } from '../shared/shape';
import { spanSeconds, toIsoTime } from '../shared/time';
import { documentOf } from './documents';
import { phaseName } from './phases';

export const PRODUCT = 'Commvault';

/**
 * `jobSummary.status` of `GET /Job` (reference §3.2), compared case-insensitively: `localizedStatus`
 * is translated, `status` is not. Anything else is `unknown` and never finished.
 */
export const jobState = stateMapper(
	{
		Queued: 'queued',
		Pending: 'queued',
		Waiting: 'queued',
		Running: 'running',
		'Running (cannot be verified)': 'running',
		Suspended: 'running',
		'Suspend Pending': 'running',
		'Interrupt Pending': 'running',
		Interrupted: 'running',
		'Kill Pending': 'running',
		Completed: 'succeeded',
		'Completed w/ one or more warnings': 'warning',
		'Completed w/ one or more errors': 'warning',
		Committed: 'warning',
		Failed: 'failed',
		'Failed to Start': 'failed',
		Killed: 'cancelled',
	},
	{ caseInsensitive: true },
);

/** The `jobSummary` records of a `GET /Job` or `GET /Job/{id}` answer (JSON, XML or XML-shaped JSON). */
export function jobSummaries(body: unknown): IDataObject[] {
	return jobListPage(body).summaries;
}

/** One page of `GET /Job`: its job summaries and `totalRecordsWithoutPaging`, the count of every page together. */
export function jobListPage(body: unknown): { summaries: IDataObject[]; total: number | undefined } {
	const doc = documentOf(body);
	if (!isRecord(doc)) throw new UnexpectedAnswerError(PRODUCT, 'a job list', body);
	const total = numberOf(doc.totalRecordsWithoutPaging);
	if (doc.jobs === undefined) {
		// `{totalRecordsWithoutPaging: 0}` is the documented empty list; anything else is not a job list.
		if (total === 0 || Object.keys(doc).every((key) => key === 'processinginstructioninfo')) return { summaries: [], total };
		throw new UnexpectedAnswerError(PRODUCT, 'a job list', body);
	}
	const summaries = listOf(doc.jobs).map((entry) => {
		if (!isRecord(entry) || !isRecord(entry.jobSummary)) throw new UnexpectedAnswerError(PRODUCT, 'a job with its jobSummary', entry);
		return entry.jobSummary;
	});
	return { summaries, total };
}

function clientOf(summary: IDataObject): string {
	const subclient = isRecord(summary.subclient) ? summary.subclient : {};
	return textOf(subclient.clientName) || textOf(summary.destClientName);
}

/** "client / subclient": how the Command Center's job list names what a job protects. */
function nameOf(summary: IDataObject): string | null {
	const parts = [clientOf(summary), textOf(summary.subclientName)].filter((p) => p !== '');
	return parts.length > 0 ? parts.join(' / ') : null;
}

/** XML gives every attribute as text; the details are the same numbers and booleans as in JSON. */
function typed(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(typed);
	if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typed(v)]));
	if (typeof value !== 'string') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	return /^-?\d+(\.\d+)?$/.test(value) && Number.isFinite(Number(value)) ? Number(value) : value;
}

/**
 * A job summary's `jobType`: Backup, Synthetic Full, Snap Backup and the DR backup of the CommServe
 * database are backups; Restore (and Browse-and-Restore kinds) restores; Aux Copy, Data Aging,
 * Replication, Workflow and the rest other.
 */
export function commvaultJobType(jobType: unknown): JobType {
	const text = textOf(jobType);
	if (/restore|recover/i.test(text)) return 'restore';
	return /backup|synth/i.test(text) ? 'backup' : 'other';
}

/** One `jobSummary` as the job-status item. Times are epoch seconds; 0 means "not yet". */
export function fromJobSummary(summary: IDataObject, simplify: boolean): JobStatus {
	const jobId = textOf(summary.jobId);
	if (jobId === '') throw new UnexpectedAnswerError(PRODUCT, 'a jobSummary with a "jobId"', summary);
	const vendorState = textOf(summary.status) || textOf(summary.localizedStatus);
	const state = jobState(vendorState);
	const start = numberOf(summary.jobStartTime);
	const end = numberOf(summary.jobEndTime);
	const finished = state !== 'queued' && state !== 'running' && state !== 'unknown';
	return buildJobStatus(
		{
			vendor: 'commvault',
			jobType: commvaultJobType(summary.jobType),
			jobId,
			jobName: nameOf(summary),
			state,
			vendorState,
			progressPercent: summary.percentComplete,
			startedAt: toIsoTime(start, 'seconds'),
			endedAt: finished ? toIsoTime(end, 'seconds') : null,
			durationSeconds: finished ? spanSeconds(start, end, 'seconds') : null,
			message: toMessage(summary.pendingReason) ?? toMessage(summary.currentPhaseName),
			// Typed only when shown: a large list would otherwise copy every record for nothing.
			details: simplify ? {} : (typed(summary) as IDataObject),
		},
		simplify,
	);
}

/** A DR phase: 0 succeeded, 1 failed; neither is final before the phase has an end time. */
function phaseState(status: number | undefined, ended: boolean): JobState {
	if (!ended) return 'running';
	if (status === 0) return 'succeeded';
	if (status === 1) return 'failed';
	return 'unknown';
}

function timeOf(value: unknown): number | undefined {
	return isRecord(value) ? numberOf(value.time) : undefined;
}

function failureOf(phase: IDataObject): string | null {
	const info = isRecord(phase.phaseInfo) ? phase.phaseInfo : {};
	for (const job of listOf(info.job)) {
		const failure = isRecord(job) && isRecord(job.failure) ? toMessage(job.failure.errorMessage) : null;
		if (failure) return failure;
	}
	return null;
}

function phaseStep(phase: IDataObject): JobStep {
	const id = numberOf(phase.phase);
	const status = numberOf(phase.status);
	const end = timeOf(phase.endTime);
	return {
		name: phaseName(id),
		state: phaseState(status, end !== undefined && end > 0),
		vendorState: status === undefined ? '' : String(status),
		startedAt: toIsoTime(timeOf(phase.startTime), 'seconds'),
		endedAt: toIsoTime(end, 'seconds'),
		message: failureOf(phase),
	};
}

/** The `job` records of a DR job statistics answer: one per replicated VM and DR job. */
export function drJobRecords(body: unknown): IDataObject[] {
	const doc = documentOf(body);
	if (!isRecord(doc)) throw new UnexpectedAnswerError(PRODUCT, 'DR job statistics', body);
	if (doc.job === undefined) {
		if (Object.keys(doc).length === 0) return [];
		throw new UnexpectedAnswerError(PRODUCT, 'DR job statistics', body);
	}
	return listOf(doc.job).filter(isRecord).map(withDrLists);
}

/** A list where JSON has one: XML gives a repeated element that occurs once as a single object. */
function listAt(record: IDataObject, field: string): IDataObject {
	const value = record[field];
	return value === undefined || Array.isArray(value) ? record : { ...record, [field]: listOf(value) as IDataObject[] };
}

/**
 * A DR record with its repeated elements (`phase`, `phaseInfo.job`) as lists whatever the format, so
 * that the raw record (Simplify off) of a one-phase job is the same from XML as from JSON.
 */
function withDrLists(record: IDataObject): IDataObject {
	const withPhases = listAt(record, 'phase');
	if (!Array.isArray(withPhases.phase)) return withPhases;
	const phases = withPhases.phase.map((phase) =>
		isRecord(phase) && isRecord(phase.phaseInfo) ? { ...phase, phaseInfo: listAt(phase.phaseInfo, 'job') } : phase,
	);
	return { ...withPhases, phase: phases as IDataObject[] };
}

/**
 * One DR job's statistics as a job-status item: each phase a step, named as in the Command Center
 * (with the VM's name first when the job replicated several). The state is the job's own (`GET
 * /Job/{jobId}`, as the reference recommends) when given, else the phases combined.
 */
export function fromDrStats(records: IDataObject[], job: JobStatus | undefined, simplify: boolean): JobStatus {
	const clients = records.map((record) => (isRecord(record.client) ? textOf(record.client.clientName) : ''));
	const several = new Set(clients).size > 1;
	const phases = records.flatMap((record, r) => listOf(record.phase).filter(isRecord).map((phase) => ({ phase, client: clients[r] })));
	const steps = phases.map(({ phase, client }) => {
		const step = phaseStep(phase);
		return several && client !== '' ? { ...step, name: `${client}: ${step.name}` } : step;
	});
	const starts = phases.map(({ phase }) => timeOf(phase.startTime) ?? 0).filter((t) => t > 0);
	const failed = steps.find((s) => s.state === 'failed' && s.message);
	const first = records[0] ?? {};
	return buildJobStatus(
		{
			vendor: 'commvault',
			// a DR orchestration (failover, failback, test boot) is neither a backup nor a restore
			jobType: 'other',
			jobId: textOf(first.jobId) || (job?.jobId ?? ''),
			jobName: job?.jobName ?? (clients.filter((c) => c !== '').join(', ') || null),
			state: job?.state ?? combineStates(steps.map((s) => s.state)),
			vendorState: job?.vendorState ?? '',
			progressPercent: job?.progressPercent,
			startedAt: job?.startedAt ?? (starts.length > 0 ? toIsoTime(Math.min(...starts), 'seconds') : null),
			endedAt: job ? job.endedAt : null,
			durationSeconds: job ? job.durationSeconds : null,
			message: job?.message ?? failed?.message ?? null,
			steps,
			details: simplify ? {} : (typed(records.length === 1 ? first : { job: records }) as IDataObject),
		},
		simplify,
	);
}

/** A DR group of `DRGroups` / `FailoverGroups` (`vApp[]`), as an item. */
export function drGroups(body: unknown): IDataObject[] {
	const doc = documentOf(body);
	if (!isRecord(doc)) throw new UnexpectedAnswerError(PRODUCT, 'a list of DR groups', body);
	if (doc.vApp === undefined && Object.keys(doc).length > 0) throw new UnexpectedAnswerError(PRODUCT, 'a list of DR groups', body);
	return listOf(doc.vApp).filter(isRecord).map((group) => {
		const entity = isRecord(group.vAppEntity) ? group.vAppEntity : {};
		return {
			drGroupId: textOf(entity.vAppId),
			name: textOf(entity.vAppName),
			description: textOf(group.description),
			operationType: numberOf(group.operationType) ?? null,
			clients: listOf(group.clientList).filter(isRecord).map((c) => ({ clientId: textOf(c.clientId), clientName: textOf(c.clientName) })),
		};
	});
}

/** Every job of a `GET /Job` answer as job-status items (Get Many, the trigger, the benchmark). */
export function normalizeJobList(body: unknown, simplify: boolean): JobStatus[] {
	return jobSummaries(body).map((summary) => fromJobSummary(summary, simplify));
}
