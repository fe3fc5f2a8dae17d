import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ListOperation } from '../shared/runItems';
import { textOf } from '../shared/shape';
import { requireId } from '../shared/validate';
import { readCbrPages } from './cbrPaging';
import { fromCbrBackup } from './cbrStatus';
import { CBR_ID, cbrFilterReader, cbrLimitOf } from './cbrQuery';
import type { HuaweiCbrApi } from './cbrTransport';

/** The backup statuses of the CBR API reference (*Querying All Backups*), for the Status filter. */
export const CBR_BACKUP_STATUSES = ['available', 'protecting', 'restoring', 'deleting', 'error', 'waiting_protect', 'waiting_restore', 'waiting_delete'] as const;

interface BackupQuery {
	limit: number | undefined;
	qs: IDataObject;
	simplify: boolean;
}

function backupQuery(ctx: IExecuteFunctions, i: number): BackupQuery {
	const filters = ctx.getNodeParameter('cbrBackupFilters', i, {}) as IDataObject;
	const { id, time } = cbrFilterReader(ctx, filters, i);
	const vault = ctx.getNodeParameter('cbrVaultId', i, '', { extractValue: true });
	return {
		limit: cbrLimitOf(ctx, i),
		simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
		qs: {
			vault_id: textOf(vault) === '' ? undefined : requireId(ctx, vault, 'Vault', i, CBR_ID),
			resource_id: id('resourceId', 'Resource ID'),
			checkpoint_id: id('checkpointId', 'Restore Point ID'),
			name: textOf(filters.name) || undefined,
			status: textOf(filters.status) || undefined,
			start_time: time('startTime', 'Created After'),
			end_time: time('endTime', 'Created Before'),
			sort: 'created_at:desc',
		},
	};
}

/**
 * CBR Backup → Get Many: `GET /v3/{project_id}/backups`, newest first (`sort=created_at:desc`), by
 * vault, resource, restore point, name, status and time: the backup to restore from.
 */
export function listCbrBackups(ctx: IExecuteFunctions, api: HuaweiCbrApi): ListOperation<ReturnType<typeof backupQuery>> {
	return {
		// Read once per item, handed to fetch.
		validate: (i) => backupQuery(ctx, i),
		fetch: async (i, q, spread) => {
			const backups = await readCbrPages(async (page) => await api.backups({ ...q.qs, ...page }, i), 'backups', 'CBR backups', { limit: q.limit, spread });
			return backups.map((backup) => fromCbrBackup(backup, q.simplify));
		},
	};
}
