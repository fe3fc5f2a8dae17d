import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { jobActionReader, startReader, type JobAction, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import { readIfAlreadyRunning, type IfAlreadyRunningChoice } from '../shared/properties';
import { isRecord, textOf } from '../shared/shape';
import type { WaitClock } from '../shared/waitForJobs';
import { runReader, type RunQuery } from './jobReads';
import { fromRun, runsOf, type RunOptions } from './status';
import type { CohesityProtectionApi } from './transport';

/** Run types of Run Now, as `runType` takes them. */
export const RUN_TYPES = ['kRegular', 'kFull', 'kLog', 'kSystem'] as const;

export interface RunNowRequest {
	groupId: string;
	runType: string;
	/** Some objects of the group only (their object ids); empty for the whole group. */
	objectIds: number[];
	options: RunOptions;
	ifAlreadyRunning: IfAlreadyRunningChoice;
}

/** The runs that were there before Run Now. */
interface Before {
	ids: Set<string>;
}

/** The newest runs of the group that Run Now looks at: a new run is the newest, so ten are plenty. */
const NEWEST = { numRuns: 10, includeObjectDetails: false };

const runTypeOf = (run: IDataObject) => (isRecord(run.localBackupInfo) ? textOf(run.localBackupInfo.runType) : '');

/**
 * Protection Group → Run Now. The answer names the group, never the run: the run is the one that
 * appeared in the group's newest runs since the snapshot taken before the start, of the run type asked
 * for. A run that was already there is never taken, nor one another client started: when two new runs
 * of that type appeared, the node cannot tell which is its own and says so. A group with a run in
 * progress refuses another, so "Start Another" is not offered.
 */
export function runNowAction(api: CohesityProtectionApi): StartAction<RunNowRequest, RunQuery, Before> {
	const newest = async (r: RunNowRequest, i: number) => runsOf((await api.runsPage(r.groupId, NEWEST, i)).body).filter(isRecord);
	const query = (r: RunNowRequest, runId: string): RunQuery => ({ groupId: r.groupId, runId, options: r.options });
	return {
		key: (r) => `${r.groupId} ${r.runType} ${r.objectIds.join(',')} ${r.options.scope} ${r.options.simplify}`,
		before: async (r, i) => {
			const runs = await newest(r, i);
			const running = runs.find((run) => !fromRun(run, r.options).isFinished);
			return { running: running ? query(r, textOf(running.id)) : undefined, snapshot: { ids: new Set(runs.map((run) => textOf(run.id))) } };
		},
		start: async (r, i) => {
			await api.runNow(r.groupId, { runType: r.runType, ...(r.objectIds.length > 0 && { objects: r.objectIds.map((id) => ({ id })) }) }, i);
			return undefined;
		},
		find: async (r, before, i) => {
			const fresh = (await newest(r, i)).filter((run) => !before.ids.has(textOf(run.id)) && runTypeOf(run) === r.runType);
			return fresh.length === 1 ? query(r, textOf(fresh[0].id)) : undefined;
		},
		read: runReader(api),
		ifAlreadyRunning: (r) => r.ifAlreadyRunning,
		whereToCheck: 'the protection group\'s runs in the Cohesity UI',
		// a run appears in the list a moment after the request
		findTries: 4,
		findPauseMs: 1500,
	};
}

/** Protection Group Run → Cancel: the cancel action, then the run's item. */
export function cancelRunAction(api: CohesityProtectionApi): JobAction<RunQuery, RunQuery> {
	return {
		key: (q) => `${q.groupId} ${q.runId} ${q.options.scope} ${q.options.simplify}`,
		target: (q) => q,
		act: async (q, i) => {
			await api.cancelRun(q.groupId, q.runId, i);
			return undefined;
		},
		read: runReader(api),
	};
}

export function runNowOperation(
	ctx: IExecuteFunctions,
	api: CohesityProtectionApi,
	clock: WaitClock,
	request: (i: number) => Omit<RunNowRequest, 'ifAlreadyRunning'>,
): JobOperation<RunNowRequest, RunQuery> {
	return {
		query: (i) => ({ ...request(i), ifAlreadyRunning: readIfAlreadyRunning(ctx, i) }),
		read: startReader(ctx, runNowAction(api), clock),
		wait: { again: (r, job) => ({ groupId: r.groupId, runId: job.jobId, options: r.options }), read: runReader(api) },
	};
}

export function cancelRunOperation(ctx: IExecuteFunctions, api: CohesityProtectionApi, query: (i: number) => RunQuery): JobOperation<RunQuery, RunQuery> {
	return { query, read: jobActionReader(ctx, cancelRunAction(api)), wait: { again: (q) => q, read: runReader(api) } };
}
