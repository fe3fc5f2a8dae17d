import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { collectPages } from '../shared/paging';
import type { ListOperation } from '../shared/runItems';
import { expectRecord, isRecord, listOf, numberOf, optionalList, textOf, UnexpectedAnswerError } from '../shared/shape';
import { toIsoTime } from '../shared/time';
import { limitOf, requireId } from '../shared/validate';
import { PRODUCT } from './status';
import type { HuaweiVbsApi } from './transport';

/** The backup statuses the list filters on (VBS API reference, *Querying Details About VBS Backups*). */
export const BACKUP_STATUSES = ['available', 'creating', 'restoring', 'deleting', 'error', 'error_restoring'] as const;

export const DISK_ID = { pattern: /^[0-9a-fA-F-]{36}$/, example: '7e5fdc5a-5e36-4b22-8bcc-7f17037290cc (the disk\'s ID)' };
export const BACKUP_ID = { pattern: /^[0-9a-fA-F-]{36}$/, example: 'ba5401a2-7cd2-4c01-8c0d-c936ab412d6d (the backup\'s ID)' };

const PAGE_SIZE = 100;
const MAX_LIMIT = 1000;
/** Return All stops after this many pages (100 000 backups) even if VBS says there are more. */
const MAX_PAGES = 1000;

/** `{backups, backups_links}` of `GET /v2/{project_id}/backups/detail`: the page, and whether a next one follows. */
function backupPage(body: unknown): { backups: IDataObject[]; hasNext: boolean } {
	const record = expectRecord(body, PRODUCT, 'a list of disk backups');
	const backups = optionalList(record, 'backups', [], PRODUCT, 'a list of disk backups').map((b) => expectRecord(b, PRODUCT, 'a disk backup'));
	const links = [...listOf(record.backups_links), ...listOf(record.links)];
	return { backups, hasNext: links.some((link) => isRecord(link) && textOf(link.rel) === 'next') };
}

/** One backup as an item: what a workflow needs to pick it and restore it; the record as sent, Simplify off. */
function fromBackup(backup: IDataObject, simplify: boolean): IDataObject {
	const backupId = textOf(backup.id);
	if (backupId === '') throw new UnexpectedAnswerError(PRODUCT, 'a disk backup with an "id"', backup);
	return {
		backupId,
		name: textOf(backup.name) || null,
		status: textOf(backup.status) || null,
		volumeId: textOf(backup.volume_id) || null,
		sizeGb: numberOf(backup.size) ?? null,
		// zone-less UTC, as VBS writes its times
		createdAt: toIsoTime(backup.created_at),
		failReason: textOf(backup.fail_reason) || null,
		...(simplify ? {} : { details: backup }),
	};
}

interface BackupQuery {
	limit: number | undefined;
	qs: IDataObject;
	simplify: boolean;
}

function backupQuery(ctx: IExecuteFunctions, i: number): BackupQuery {
	const filters = ctx.getNodeParameter('backupFilters', i, {}) as IDataObject;
	const name = textOf(filters.name).trim();
	const status = textOf(filters.status);
	const volume = textOf(filters.volumeId).trim();
	return {
		limit: limitOf(ctx, i, MAX_LIMIT),
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		qs: {
			...(name !== '' && { name }),
			...(status !== '' && { status }),
			...(volume !== '' && { volume_id: requireId(ctx, volume, 'Disk ID', i, DISK_ID) }),
			sort_key: 'created_at',
			sort_dir: 'desc',
		},
	};
}

/**
 * Disk Backup → Get Many: the project's disk backups, newest first, e.g. the one a policy task made (its
 * `backup_name`) or the backups of a disk, to restore from. Pages move by what each page held until VBS
 * sends no "next" link.
 */
export function listDiskBackups(ctx: IExecuteFunctions, api: HuaweiVbsApi): ListOperation<BackupQuery> {
	return {
		// Read once per item, handed to fetch.
		validate: (i) => backupQuery(ctx, i),
		fetch: async (i, q) => {
			let received = 0;
			const backups = await collectPages(
				async (cursor) => {
					const limit = q.limit === undefined ? PAGE_SIZE : q.limit - received;
					const page = backupPage(await api.diskBackups({ ...q.qs, limit, offset: cursor === undefined ? 0 : Number(cursor) }, i));
					received += page.backups.length;
					return { items: page.backups, next: page.hasNext ? String(received) : undefined };
				},
				{ limit: q.limit, maxPages: MAX_PAGES },
			);
			return (q.limit === undefined ? backups : backups.slice(0, q.limit)).map((b) => fromBackup(b, q.simplify));
		},
	};
}
