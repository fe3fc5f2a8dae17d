import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { startReader, type StartAction } from '../shared/jobActions';
import type { JobOperation } from '../shared/jobItems';
import { expectRecord, isRecord, listOf, textOf, UnexpectedAnswerError } from '../shared/shape';
import { requireId } from '../shared/validate';
import type { WaitClock } from '../shared/waitForJobs';
import { firstJobId, NUMERIC_ID } from './actions';
import { listJobSummaries } from './jobList';
import { jobReader, type JobQuery } from './jobReads';
import { PRODUCT } from './status';
import type { CommvaultJobApi } from './transport';

export interface RestoreFilesRequest {
	subclientId: string;
	paths: string[];
	inPlace: boolean;
	/** Out of place: the client and the folder the files go to. */
	destinationClient: string;
	destinationPath: string;
	overwrite: boolean;
	/** Epoch seconds of the backup to restore from (its job's end); 0: the latest backup. */
	toTime: number;
	simplify: boolean;
}

/** The subclient a restore reads from, as `srcContent` names it (from `GET Subclient/{id}`). */
interface Source {
	clientId: number;
	clientName: string;
	instanceId: number;
	backupSetId: number;
	appTypeId: number;
}

/** Restore jobs of the last day: the one a lost answer may have started is among them. */
const RESTORE_JOBS = { jobCategory: 'All', completedJobLookupTime: 24 * 3600, jobFilter: 'Restore' };

function badPath(path: string): string | undefined {
	if (path === '') return 'an empty path';
	if (/(^|[\\/])\.\.([\\/]|$)/.test(path)) return `"${path}" goes up a folder ("..")`;
	if (!/^([A-Za-z]:[\\/]|\/|\\\\)/.test(path)) return `"${path}" is not absolute (C:\\Data\\file.txt, /data/file.txt or \\\\server\\share)`;
	return undefined;
}

/** The item's restore, checked before any request: absolute paths without "..", a destination when out of place. */
export function restoreFilesRequest(ctx: IExecuteFunctions, i: number): RestoreFilesRequest {
	const refuse = (message: string, description: string) => new NodeOperationError(ctx.getNode(), `${message}; nothing was sent [item ${i}]`, { itemIndex: i, description });
	const raw = ctx.getNodeParameter('paths', i, []) as unknown;
	const paths = (Array.isArray(raw) ? raw : String(raw ?? '').split('\n')).map((p) => String(p).trim()).filter((p) => p !== '');
	if (paths.length === 0) throw refuse('No path to restore', 'Enter the files or folders to restore, one absolute path each, as the backup content shows them.');
	for (const path of paths) {
		const wrong = badPath(path);
		if (wrong) throw refuse(`The path ${wrong}`, 'Enter absolute paths of the backed-up client; a path never goes up with "..".');
	}
	const inPlace = ctx.getNodeParameter('restoreDestination', i, 'outOfPlace') === 'inPlace';
	const destinationClient = String(ctx.getNodeParameter('destinationClient', i, '') ?? '').trim();
	const destinationPath = String(ctx.getNodeParameter('destinationPath', i, '') ?? '').trim();
	if (!inPlace) {
		if (destinationClient === '') throw refuse('No Destination Client', 'Enter the client (as the CommCell lists it) the files are restored to, or restore in place.');
		const wrong = badPath(destinationPath);
		if (wrong) throw refuse(`The Destination Path: ${wrong}`, 'Enter the absolute folder on the destination client the files are restored into.');
	}
	const from = String(ctx.getNodeParameter('restoreFrom', i, 'latest'));
	const time = from === 'backupTime' ? Date.parse(String(ctx.getNodeParameter('backupTime', i, ''))) : 0;
	if (Number.isNaN(time)) throw refuse('The Backup Time is not a date', 'Pick the time of the backup to restore from (a backup job\'s end time), or restore from the latest backup.');
	return {
		subclientId: requireId(ctx, ctx.getNodeParameter('subclientId', i, '', { extractValue: true }), 'Subclient', i, NUMERIC_ID),
		paths,
		inPlace,
		destinationClient,
		destinationPath,
		overwrite: ctx.getNodeParameter('overwriteFiles', i, false) === true,
		toTime: Math.floor(time / 1000),
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
	};
}

function sourceOf(body: unknown): Source {
	const record = expectRecord(body, PRODUCT, 'subclient properties');
	const properties = listOf(record.subClientProperties).find(isRecord);
	const entity = isRecord(properties) && isRecord(properties.subClientEntity) ? properties.subClientEntity : undefined;
	if (!entity) throw new UnexpectedAnswerError(PRODUCT, 'subclient properties with a "subClientEntity"', body);
	const number = (value: unknown) => Number(textOf(value));
	return {
		clientId: number(entity.clientId),
		clientName: textOf(entity.clientName),
		instanceId: number(entity.instanceId),
		backupSetId: number(entity.backupsetId),
		appTypeId: number(entity.applicationId),
	};
}

/** The `retrieveToClient` body (Commvault's documented template): the source subclient, the destination, the paths. */
function retrieveBody(r: RestoreFilesRequest, source: Source): IDataObject {
	return {
		mode: 2,
		serviceType: 1,
		advanced: { restoreDataAndACL: true, restoreDeletedFiles: true, unconditionalOverwrite: r.overwrite },
		header: {
			destination: r.inPlace
				? { clientId: source.clientId, clientName: source.clientName, inPlace: true }
				: { clientName: r.destinationClient, inPlace: false, destPath: [r.destinationPath] },
			filePaths: r.paths,
			srcContent: {
				subclientId: Number(r.subclientId),
				clientId: source.clientId,
				instanceId: source.instanceId,
				backupSetId: source.backupSetId,
				appTypeId: source.appTypeId,
				fromTime: 0,
				toTime: r.toTime,
			},
		},
	};
}

const clientOfJob = (summary: IDataObject) => textOf(summary.destClientName) || (isRecord(summary.destinationClient) ? textOf(summary.destinationClient.clientName) : '');

/**
 * Restore → Restore Files (`POST retrieveToClient`): files of a file-system subclient, in place or to
 * another client's folder, from the latest backup or the backup at a time. The answer lists the job id.
 * Before it, the subclient's properties (the source `retrieveToClient` needs) and the restore jobs of
 * the last day, so a lost answer is found as the one new restore job to the same client; else "may have
 * started". Overwrite is off unless chosen: Commvault then keeps files that exist at the destination.
 */
function restoreFilesAction(ctx: IExecuteFunctions, api: CommvaultJobApi): StartAction<RestoreFilesRequest, JobQuery, { seen: Set<string>; client: string; source: Source }> {
	const restoreJobs = async (client: string, i: number) =>
		(await listJobSummaries(api, RESTORE_JOBS, { maxPages: 5 }, i)).filter((s) => clientOfJob(s) === '' || clientOfJob(s) === client);
	return {
		key: (r) => JSON.stringify([r.subclientId, r.paths, r.inPlace, r.destinationClient, r.destinationPath, r.overwrite, r.toTime, r.simplify]),
		before: async (r, i) => {
			const source = sourceOf(await api.subclient(r.subclientId, i));
			const client = r.inPlace ? source.clientName : r.destinationClient;
			const jobs = await restoreJobs(client, i);
			return { running: undefined, snapshot: { seen: new Set(jobs.map((s) => textOf(s.jobId))), client, source } };
		},
		start: async (r, i, before) => {
			const jobId = firstJobId(await api.retrieveToClient(retrieveBody(r, before.source), i));
			return jobId === undefined ? undefined : { jobId, simplify: r.simplify };
		},
		find: async (r, before, i) => {
			const fresh = (await restoreJobs(before.client, i)).map((s) => textOf(s.jobId)).filter((id) => !before.seen.has(id));
			return fresh.length === 1 ? { jobId: fresh[0], simplify: r.simplify } : undefined;
		},
		read: jobReader(ctx, api),
		// Commvault runs restores side by side: nothing to decide before the write
		ifAlreadyRunning: () => 'startAnother',
		whereToCheck: 'the Job Controller in the Command Center (restore jobs)',
		findTries: 3,
		findPauseMs: 2000,
	};
}

export function restoreFilesOperation(ctx: IExecuteFunctions, api: CommvaultJobApi, clock: WaitClock): JobOperation<RestoreFilesRequest, JobQuery> {
	const read = jobReader(ctx, api);
	return {
		query: (i) => restoreFilesRequest(ctx, i),
		read: startReader(ctx, restoreFilesAction(ctx, api), clock),
		wait: { again: (r, job) => ({ jobId: job.jobId, simplify: r.simplify }), read },
	};
}
