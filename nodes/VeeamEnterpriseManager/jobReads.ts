import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { JobReader } from '../shared/jobReads';
import type { JobStatus } from '../shared/jobStatus';
import { textOf } from '../shared/shape';
import { field } from './documents';
import { anyOf, compare } from './filters';
import { BACKUP_JOB_SESSION, fromSession, guidOf, queryPage, sessionEntity, type SessionKind } from './status';
import type { VeeamApi } from './transport';

export interface SessionQuery {
	kind: SessionKind;
	guid: string;
	simplify: boolean;
}

export interface LatestQuery {
	jobGuid: string;
	simplify: boolean;
}

/** Sessions per bulk query: each UID adds some 90 characters to the URL. */
const BULK_SIZE = 40;

const uidOf = (type: string, guid: string) => `urn:veeam:${type}:${guid}`;

export const sessionKey = (q: SessionQuery) => `${q.kind.uidType} ${q.simplify ? 'simple' : 'full'} ${q.guid}`;

/**
 * Get: the entity alone, or several sessions of one kind from one query with an OR filter on their
 * UIDs. The query answers the same entities as `?format=Entity`, so the items are equal; a session
 * the query lacks is read alone (and gets that read's 404).
 */
export function sessionReader(api: VeeamApi): JobReader<SessionQuery> {
	return {
		key: sessionKey,
		readOne: async (q, i) => fromSession(q.kind, sessionEntity(q.kind, await api.session(q.kind, q.guid, i)), q.simplify),
		bulk: {
			batchOf: (q) => q.kind.uidType,
			maxSize: BULK_SIZE,
			readMany: async (queries, i) => {
				const kind = queries[0].kind;
				const guids = [...new Set(queries.map((q) => q.guid))];
				const filter = anyOf(kind.idField, guids.map((guid) => uidOf(kind.uidType, guid)));
				const { entities } = queryPage(kind.uidType, await api.query(kind.uidType, { filter, pageSize: guids.length, page: 1 }, i));
				const byGuid = new Map(entities.map((entity) => [guidOf(textOf(field(entity, 'UID'))), entity]));
				const found = new Map<string, JobStatus>();
				for (const q of queries) {
					const entity = byGuid.get(q.guid);
					if (entity) found.set(sessionKey(q), fromSession(kind, entity, q.simplify));
				}
				return found;
			},
		},
	};
}

/** Get Latest: the newest backup job session of a job, from the query API sorted by creation time. */
export function latestReader(ctx: IExecuteFunctions, api: VeeamApi): JobReader<LatestQuery> {
	return {
		key: (q) => `${q.simplify ? 'simple' : 'full'} ${q.jobGuid}`,
		readOne: async (q, i) => {
			const filter = compare('JobUid', '==', uidOf('Job', q.jobGuid));
			const params = { filter, sortDesc: BACKUP_JOB_SESSION.createdField, pageSize: 1, page: 1 };
			const [newest] = queryPage(BACKUP_JOB_SESSION.uidType, await api.query(BACKUP_JOB_SESSION.uidType, params, i)).entities;
			if (newest) return fromSession(BACKUP_JOB_SESSION, newest, q.simplify);
			throw new NodeOperationError(ctx.getNode(), `Veeam Enterprise Manager has no session of the job ${q.jobGuid} [item ${i}]`, {
				itemIndex: i,
				description: 'The job has not run yet, or Enterprise Manager has not collected its sessions from the backup server. Check the job, or try again later.',
			});
		},
	};
}
