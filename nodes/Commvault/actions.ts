import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { jobActionReader, startReader, type JobAction, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import { isFinishedState } from '../shared/jobStatus';
import { readIfAlreadyRunning, type IfAlreadyRunningChoice } from '../shared/properties';
import { isRecord, listOf, textOf } from '../shared/shape';
import type { WaitClock } from '../shared/waitForJobs';
import { requireId } from '../shared/validate';
import { listJobSummaries } from './jobList';
import { jobReader, type JobQuery } from './jobReads';
import { fromJobSummary } from './status';
import type { CommvaultJobApi } from './transport';

export const NUMERIC_ID = { pattern: /^\d+$/, example: '7 (a whole number)' };

/** Backup levels of Back Up, as `backupLevel` takes them. */
export const BACKUP_LEVELS = ['Full', 'Incremental', 'Differential', 'Synthetic_Full'] as const;

/** The job actions of the Job resource, as `Job/{id}/action/…` names them. */
export const JOB_ACTIONS = { kill: 'kill', suspend: 'suspend', resume: 'resume', resubmit: 'Resubmit' } as const;
export type JobActionName = keyof typeof JOB_ACTIONS;

export interface BackUpRequest {
	subclientId: string;
	backupLevel: string;
	simplify: boolean;
	ifAlreadyRunning: IfAlreadyRunningChoice;
}

/** The jobs of the last day a look for the subclient's jobs reads: a backup just started is among them. */
const LOOKUP = { jobCategory: 'All', completedJobLookupTime: 24 * 3600, jobFilter: 'Backup' };

/** The first job id an answer lists (`jobIds: ["149806"]`), where it lists one. */
export function firstJobId(body: unknown): string | undefined {
	const ids = isRecord(body) ? listOf(body.jobIds).map(textOf).filter((id) => /^\d+$/.test(id)) : [];
	return ids[0];
}

const subclientOf = (summary: IDataObject) => (isRecord(summary.subclient) ? textOf(summary.subclient.subclientId) : '');

export function backUpRequest(ctx: IExecuteFunctions, i: number): BackUpRequest {
	const level = String(ctx.getNodeParameter('backupLevel', i, 'Incremental'));
	return {
		subclientId: requireId(ctx, ctx.getNodeParameter('subclientId', i, '', { extractValue: true }), 'Subclient ID', i, NUMERIC_ID),
		backupLevel: (BACKUP_LEVELS as readonly string[]).includes(level) ? level : 'Incremental',
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		ifAlreadyRunning: readIfAlreadyRunning(ctx, i),
	};
}

/**
 * Subclient → Back Up. Commvault queues a second backup of a subclient behind the first, so "Start
 * Another" is offered. The subclient's jobs of the last day before the start tell its new job from older
 * ones when the answer is lost; the newest unfinished one is the job that runs.
 */
export function backUpAction(ctx: IExecuteFunctions, api: CommvaultJobApi): StartAction<BackUpRequest, JobQuery, Set<string>> {
	const subclientJobs = async (r: BackUpRequest, i: number) =>
		(await listJobSummaries(api, LOOKUP, { maxPages: 5 }, i)).filter((summary) => subclientOf(summary) === r.subclientId);
	return {
		key: (r) => `${r.subclientId} ${r.backupLevel} ${r.simplify}`,
		before: async (r, i) => {
			const jobs = await subclientJobs(r, i);
			const running = jobs.map((s) => fromJobSummary(s, r.simplify)).find((job) => !isFinishedState(job.state));
			return { running: running ? { jobId: running.jobId, simplify: r.simplify } : undefined, snapshot: new Set(jobs.map((s) => textOf(s.jobId))) };
		},
		start: async (r, i) => {
			const jobId = firstJobId(await api.backUpSubclient(r.subclientId, r.backupLevel, i));
			return jobId === undefined ? undefined : { jobId, simplify: r.simplify };
		},
		find: async (r, before, i) => {
			const fresh = (await subclientJobs(r, i)).map((s) => textOf(s.jobId)).filter((id) => !before.has(id));
			return fresh.length === 1 ? { jobId: fresh[0], simplify: r.simplify } : undefined;
		},
		read: jobReader(ctx, api),
		ifAlreadyRunning: (r) => r.ifAlreadyRunning,
		whereToCheck: 'the Job Controller in the Command Center',
		findTries: 3,
		findPauseMs: 2000,
	};
}

/** Job → Kill, Suspend, Resume, Resubmit: the action once, then the job's item (Resubmit: the new job's). */
export function jobAction(ctx: IExecuteFunctions, api: CommvaultJobApi, name: JobActionName): JobAction<JobQuery, JobQuery> {
	return {
		key: (q) => `${name} ${q.jobId} ${q.simplify}`,
		target: (q) => q,
		act: async (q, i) => {
			const answer = await api.jobAction(q.jobId, JOB_ACTIONS[name], i);
			const made = name === 'resubmit' ? firstJobId(answer) : undefined;
			return made === undefined ? undefined : { jobId: made, simplify: q.simplify };
		},
		read: jobReader(ctx, api),
		...(name === 'resubmit' && { makesJobSeenIn: 'the Job Controller in the Command Center' }),
	};
}

export function backUpOperation(ctx: IExecuteFunctions, api: CommvaultJobApi, clock: WaitClock): JobOperation<BackUpRequest, JobQuery> {
	const read = jobReader(ctx, api);
	return {
		query: (i) => backUpRequest(ctx, i),
		read: startReader(ctx, backUpAction(ctx, api), clock),
		wait: { again: (r, job) => ({ jobId: job.jobId, simplify: r.simplify }), read },
	};
}

export function jobActionOperation(ctx: IExecuteFunctions, api: CommvaultJobApi, name: JobActionName): JobOperation<JobQuery, JobQuery> {
	const read = jobReader(ctx, api);
	return {
		query: (i) => ({ jobId: requireId(ctx, ctx.getNodeParameter('jobId', i, ''), 'Job ID', i, NUMERIC_ID), simplify: ctx.getNodeParameter('simplify', i, true) as boolean }),
		read: jobActionReader(ctx, jobAction(ctx, api, name)),
		wait: { again: (q, job) => ({ jobId: job.jobId, simplify: q.simplify }), read },
	};
}
