import type { IDataObject } from 'n8n-workflow';

import { buildJobStatus, stateMapper, toMessage, type JobState, type JobStatus, type JobType } from '../shared/jobStatus';
import { isRecord, listOf, numberOf, textOf, UnexpectedAnswerError } from '../shared/shape';
import { toIsoTime } from '../shared/time';
import { canonicalRecord, documentOf, field } from './documents';

export const PRODUCT = 'Veeam Enterprise Manager';

const caseInsensitive = { caseInsensitive: true };

/** `Result` of a finished session (reference §3): the outcome, once `State` says it is over. */
const outcome = stateMapper({ Success: 'succeeded', Warning: 'warning', Failed: 'failed' }, caseInsensitive);

/** CDP (and backup) task sessions: `State` Pending → InProgress → Completed. */
const taskLifecycle = stateMapper({ Pending: 'queued', InProgress: 'running' }, caseInsensitive);

/** Job sessions: `State` Starting, Working, … → Stopped; `Result` is `None` while they run. */
const jobLifecycle = stateMapper({ Starting: 'running', Working: 'running', Pausing: 'running', Resuming: 'running', Stopping: 'running' }, caseInsensitive);

const is = (value: unknown, expected: string) => typeof value === 'string' && value.trim().toLowerCase() === expected.toLowerCase();

/** A CDP replica task session: finished only with `State` Completed; `Result` alone never means finished. */
export function cdpTaskSessionState(state: unknown, result: unknown): JobState {
	return is(state, 'Completed') ? outcome(result) : taskLifecycle(state);
}

/** A backup job session: finished only with `State` Stopped, its outcome from `Result`. */
export function backupJobSessionState(state: unknown, result: unknown): JobState {
	return is(state, 'Stopped') ? outcome(result) : jobLifecycle(state);
}

/**
 * Restore sessions (reference: GET /restoreSessions/{ID}): `State` Starting, Working, Stopping →
 * Stopped, the outcome in `Result` once Stopped. Pausing and Resuming are not documented for them.
 */
const restoreLifecycle = stateMapper({ Starting: 'running', Working: 'running', Stopping: 'running' }, caseInsensitive);

/** A restore session: finished only with `State` Stopped, its outcome from `Result`. */
export function restoreSessionState(state: unknown, result: unknown): JobState {
	return is(state, 'Stopped') ? outcome(result) : restoreLifecycle(state);
}

/** What differs between the kinds of session the node reads. */
export interface SessionKind {
	/** The UID's type, `urn:veeam:<uidType>:<guid>`, and the query API's `type`. */
	uidType: 'CdpReplicaTaskSession' | 'BackupJobSession' | 'RestoreSession';
	/** As users read it in messages. */
	label: string;
	/** The entity path. */
	path: string;
	/** The query field that selects sessions by id, for bulk reads. */
	idField: string;
	/** The query fields of the creation and end times (they differ between the two types). */
	createdField: string;
	endedField: string;
	state(state: unknown, result: unknown): JobState;
	/** What kind of job the session belongs to (the record's `JobType` where it has one). */
	jobType(jobType: unknown): JobType;
}

/**
 * A backup job session's `JobType` (reference §3): Backup, AgentBackup, NasBackup (and EndpointBackup)
 * back up; BackupCopy and its immediate kinds copy backups, which is other, like replicas. A session
 * that names no type is of a backup job.
 */
export function backupSessionJobType(jobType: unknown): JobType {
	const text = textOf(jobType);
	if (text === '') return 'backup';
	return /^(backup|agentbackup|nasbackup|endpointbackup)$/i.test(text) ? 'backup' : 'other';
}

export const CDP_TASK_SESSION: SessionKind = {
	uidType: 'CdpReplicaTaskSession',
	label: 'CDP replica task session',
	path: '/cdpReplicaTaskSessions/{id}',
	// The CDP query lists `Id` as its id field (reference §3); it is compared with the session's UID.
	idField: 'Id',
	createdField: 'CreationTimeUTC',
	endedField: 'EndTimeUTC',
	state: cdpTaskSessionState,
	// continuous data protection replicates VMs: neither a backup nor a restore
	jobType: () => 'other',
};

export const BACKUP_JOB_SESSION: SessionKind = {
	uidType: 'BackupJobSession',
	label: 'backup job session',
	path: '/backupSessions/{id}',
	idField: 'UID',
	createdField: 'CreationTime',
	endedField: 'EndTime',
	state: backupJobSessionState,
	jobType: backupSessionJobType,
};

/** Entire VM restores and file-level restores (`JobType` RestoreVm, FileLevelRestore): both restore. */
export const RESTORE_SESSION: SessionKind = {
	uidType: 'RestoreSession',
	label: 'restore session',
	path: '/restoreSessions/{id}',
	idField: 'UID',
	createdField: 'CreationTime',
	endedField: 'EndTime',
	state: restoreSessionState,
	jobType: () => 'restore',
};

/** The GUID at the end of a UID (`urn:veeam:BackupJobSession:<guid>`), lower-case: what Get takes back. */
export function guidOf(uid: string): string {
	return uid.slice(uid.lastIndexOf(':') + 1).toLowerCase();
}

/** One session entity (XML or JSON, v12 or v13) as the job-status item. */
export function fromSession(kind: SessionKind, record: IDataObject, simplify: boolean): JobStatus {
	const uid = textOf(field(record, 'UID'));
	if (uid === '') throw new UnexpectedAnswerError(PRODUCT, `a ${kind.label} with a "UID"`, record);
	const state = textOf(field(record, 'State'));
	const result = textOf(field(record, 'Result'));
	return buildJobStatus(
		{
			vendor: 'veeam',
			jobType: kind.jobType(field(record, 'JobType')),
			jobId: guidOf(uid),
			jobName: textOf(field(record, 'Name')) || null,
			state: kind.state(state, result),
			vendorState: result === '' ? state : `${state}/${result}`,
			progressPercent: numberOf(field(record, 'Progress')),
			startedAt: toIsoTime(field(record, 'CreationTimeUTC')),
			endedAt: toIsoTime(field(record, 'EndTimeUTC')),
			message: toMessage(textOf(field(record, 'Reason'))) ?? toMessage(textOf(field(record, 'FailureMessage'))),
			details: simplify ? {} : canonicalRecord(record),
		},
		simplify,
	);
}

/** The entity of `GET …/{ID}?format=Entity`; an answer without a `State` is not one. */
export function sessionEntity(kind: SessionKind, body: unknown): IDataObject {
	const { doc } = documentOf(body);
	if (!isRecord(doc) || field(doc, 'State') === undefined) throw new UnexpectedAnswerError(PRODUCT, `a ${kind.label} with its State`, body);
	return doc;
}

export interface QueryPage {
	entities: IDataObject[];
	/** From `PagingInfo`; undefined when the server sent none. */
	pagesCount: number | undefined;
	/** Whether `PagingInfo`'s links have a Next one; undefined when it has no links. */
	nextLink: boolean | undefined;
}

/** `PagingInfo.Links`: a list in JSON, `<Links><Link Rel="Next" …/>` in XML. */
function hasNextLink(paging: unknown): boolean | undefined {
	if (!isRecord(paging)) return undefined;
	const links = field(paging, 'Links');
	if (links === undefined || links === null || links === '') return undefined;
	const list = isRecord(links) ? listOf(field(links, 'Link')) : listOf(links);
	return list.some((link) => isRecord(link) && textOf(field(link, 'Rel')).toLowerCase() === 'next');
}

/**
 * The entities of a `GET /query?type=<type>&format=Entities` answer: JSON nests them as
 * `Entities.<Type>s.<Type>s[]`, XML as `<Entities><Types><Type/>…`. A result without `Entities` is
 * not a query result (a failing server must never read as "no sessions").
 */
export function queryPage(type: string, body: unknown): QueryPage {
	const { doc } = documentOf(body);
	const expected = `a query result of ${type} entities`;
	if (!isRecord(doc)) throw new UnexpectedAnswerError(PRODUCT, expected, body);
	const entities = field(doc, 'Entities');
	if (entities === undefined) throw new UnexpectedAnswerError(PRODUCT, expected, body);
	const paging = field(doc, 'PagingInfo');
	const pagesCount = isRecord(paging) ? numberOf(field(paging, 'PagesCount')) : undefined;
	const nextLink = hasNextLink(paging);
	if (entities === null || entities === '') return { entities: [], pagesCount, nextLink };
	if (!isRecord(entities)) throw new UnexpectedAnswerError(PRODUCT, expected, body);
	const list = field(entities, `${type}s`);
	if (list === undefined || list === null || list === '') return { entities: [], pagesCount, nextLink };
	if (!isRecord(list)) throw new UnexpectedAnswerError(PRODUCT, expected, body);
	const inner = field(list, `${type}s`) ?? field(list, type);
	return {
		entities: listOf(inner).map((entry) => {
			if (!isRecord(entry)) throw new UnexpectedAnswerError(PRODUCT, `a ${type} entity`, entry);
			return entry;
		}),
		pagesCount,
		nextLink,
	};
}

/** Every session of a query answer as job-status items (Get Many, the trigger, the benchmark). */
export function normalizeQuery(kind: SessionKind, body: unknown, simplify: boolean): JobStatus[] {
	return queryPage(kind.uidType, body).entities.map((entity) => fromSession(kind, entity, simplify));
}
