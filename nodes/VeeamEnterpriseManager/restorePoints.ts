import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { isRecord, listOf, textOf, UnexpectedAnswerError } from '../shared/shape';
import { toIsoTime } from '../shared/time';
import type { ListOperation } from '../shared/runItems';
import { canonicalRecord, documentOf, field } from './documents';
import { allOf, compare } from './filters';
import { limitOf } from '../shared/validate';
import { buildFilter, sortOf } from './queryInput';
import { queryEntities } from './queryPages';
import { VM_RESTORE_POINT_FILTERS } from './queryFilters';
import { vmNameOf } from './restores';
import { requireGuid } from './sessionId';
import { BACKUP_JOB_SESSION, guidOf, PRODUCT } from './status';
import { QUERY_PAGE_SIZE, type VeeamApi } from './transport';

/**
 * Restore Point → Get Many: the VM restore points (`GET /query?type=VmRestorePoint`), newest first by default,
 * of a VM (the VM Name filter) or of a backup job session (the restore point its entity links to, as
 * `RestorePointId`). Each item's `vmRestorePointId` is what Restore VM takes.
 */

/** A bound on Return All, should a server ignore `page` and repeat the same full page. */
const MAX_PAGES = 1000;
const TYPE = 'VmRestorePoint';

/** The GUID of a link's target, `…/restorePoints/{ID}`, among an entity's links. */
function linkedRestorePoint(entity: IDataObject): string | undefined {
	const links = field(entity, 'Links');
	const list = isRecord(links) ? listOf(field(links, 'Link')) : listOf(links);
	for (const link of list) {
		if (!isRecord(link)) continue;
		const match = /\/restorePoints\/([0-9a-f-]{36})(?:[?#/]|$)/i.exec(textOf(field(link, 'Href')));
		if (match) return match[1].toLowerCase();
	}
	return undefined;
}

/** One VM restore point as an item: what identifies it, when it was made, and of what. */
export function fromVmRestorePoint(entity: IDataObject, simplify: boolean): IDataObject {
	const uid = textOf(field(entity, 'UID'));
	if (uid === '') throw new UnexpectedAnswerError(PRODUCT, 'a VM restore point with a "UID"', entity);
	const item: IDataObject = {
		vendor: 'veeam',
		vmRestorePointId: guidOf(uid),
		name: textOf(field(entity, 'Name')) || null,
		vmName: vmNameOf(entity) || null,
		createdAt: toIsoTime(field(entity, 'CreationTimeUTC')),
		pointType: textOf(field(entity, 'PointType')) || null,
		algorithm: textOf(field(entity, 'Algorithm')) || null,
		restorePointId: linkedRestorePoint(entity) ?? null,
	};
	if (!simplify) item.details = canonicalRecord(entity);
	return item;
}

/**
 * The restore point a backup job session made: its entity's `Down` link to `/restorePoints/{ID}`.
 * A session without one (still running, or failed before writing a point) is refused with a reason,
 * not read as "no restore points".
 */
async function restorePointOfSession(ctx: IExecuteFunctions, api: VeeamApi, sessionGuid: string, i: number): Promise<string> {
	const { doc } = documentOf(await api.entity(BACKUP_JOB_SESSION.path, sessionGuid, i));
	if (!isRecord(doc) || textOf(field(doc, 'UID')) === '') throw new UnexpectedAnswerError(PRODUCT, 'a backup job session with its UID', doc);
	const point = linkedRestorePoint(doc);
	if (point !== undefined) return point;
	const state = [textOf(field(doc, 'State')), textOf(field(doc, 'Result'))].filter((s) => s !== '').join('/');
	throw new NodeOperationError(ctx.getNode(), `The backup job session ${sessionGuid} (${state || 'no state'}) has no restore point [item ${i}]`, {
		itemIndex: i,
		description: 'A session links its restore point once it has written one. Wait for the session to finish (Backup Job Session → Get with Wait for Completion); a failed session may have none.',
	});
}

interface RestorePointSettings {
	sessionGuid: string | undefined;
	limit: number | undefined;
	filter: string;
	sort: { sortAsc: string } | { sortDesc: string };
	simplify: boolean;
}

export function getRestorePoints(ctx: IExecuteFunctions, api: VeeamApi): ListOperation<RestorePointSettings> {
	const settings = (i: number): RestorePointSettings => {
		const rawSession = String(ctx.getNodeParameter('backupSessionId', i, '') ?? '').trim();
		return {
			sessionGuid: rawSession === '' ? undefined : requireGuid(ctx, rawSession, 'Backup Session ID', BACKUP_JOB_SESSION.uidType, i),
			limit: limitOf(ctx, i),
			filter: buildFilter(ctx, VM_RESTORE_POINT_FILTERS, ctx.getNodeParameter('filters', i, {}) as IDataObject, i),
			sort: sortOf(ctx, i, 'CreationTime'),
			simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		};
	};
	return {
		// Read once per item, handed to fetch.
		validate: settings,
		fetch: async (i, { sessionGuid, limit, filter, sort, simplify }, spread) => {
			const point = sessionGuid === undefined ? undefined : await restorePointOfSession(ctx, api, sessionGuid, i);
			const scoped = allOf([point === undefined ? undefined : compare('RestorePointId', '==', `urn:veeam:RestorePoint:${point}`), filter]);
			const pageSize = Math.min(limit ?? QUERY_PAGE_SIZE, QUERY_PAGE_SIZE);
			const entities = await queryEntities(api, TYPE, { filter: scoped, ...sort, pageSize }, { limit, maxPages: MAX_PAGES, spread }, i);
			return (limit === undefined ? entities : entities.slice(0, limit)).map((entity) => fromVmRestorePoint(entity, simplify));
		},
	};
}
