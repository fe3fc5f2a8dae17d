import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executionClock, type JobOperation, type ListOperation } from '../shared/runItems';
import { limitOf, requireId } from '../shared/validate';
import { groupIdOf, runIdOf, usecsOf } from './parameters';
import { cancelRecoveryOperation, getRecoveryOperation, recoverOperation, type RecoveryQuery } from './recoveries';
import { RECOVERY_ID, recoverFilesRequest, recoverVmsRequest, requireRunOfGroup, type RecoverRequest } from './recoveryRequests';
import { fromRecovery, newestRecoveriesFirst, recoveriesOf } from './recoveryStatus';
import { csv, type CohesityProtectionApi } from './transport';

export type RecoveryOperationName = 'recoverVms' | 'recoverFiles' | 'get' | 'getAll' | 'cancel';

const simplifyOf = (ctx: IExecuteFunctions, i: number) => ctx.getNodeParameter('simplify', i, true) !== false;

function recoveryQuery(ctx: IExecuteFunctions, i: number): RecoveryQuery {
	return { id: requireId(ctx, ctx.getNodeParameter('recoveryId', i, ''), 'Recovery ID', i, RECOVERY_ID), simplify: simplifyOf(ctx, i) };
}

/** A start's request, every check made before any request. */
function recoverRequest(ctx: IExecuteFunctions, kind: 'recoverVms' | 'recoverFiles', i: number): RecoverRequest {
	const groupId = groupIdOf(ctx, i);
	const runId = runIdOf(ctx, i);
	requireRunOfGroup(ctx, groupId, runId, i);
	const name = String(ctx.getNodeParameter('recoveryName', i, '') ?? '').trim();
	const base = { groupId, runId, name, simplify: simplifyOf(ctx, i) };
	return kind === 'recoverVms' ? recoverVmsRequest(ctx, base, i) : recoverFilesRequest(ctx, base, i);
}

/** Get Many's filters as `GET /v2/data-protect/recoveries` query parameters. */
function recoveryFilters(ctx: IExecuteFunctions, i: number): IDataObject {
	const f = ctx.getNodeParameter('recoveryFilters', i, {}) as IDataObject;
	return {
		status: csv(f.status),
		snapshotEnvironments: csv(f.snapshotEnvironments),
		recoveryActions: csv(f.recoveryActions),
		startTimeUsecs: usecsOf(ctx, f.startTime, 'Start Time', i),
		endTimeUsecs: usecsOf(ctx, f.endTime, 'End Time', i),
	};
}

/** Get Many: one list call (the API does not page recoveries), newest first, cut to the limit. */
function listRecoveries(ctx: IExecuteFunctions, api: CohesityProtectionApi): ListOperation<{ limit: number | undefined; filters: ReturnType<typeof recoveryFilters>; simplify: boolean }> {
	return {
		// Read once per item, handed to fetch.
		validate: (i) => ({ limit: limitOf(ctx, i), filters: recoveryFilters(ctx, i), simplify: simplifyOf(ctx, i) }),
		fetch: async (i, { limit, filters, simplify }) => {
			const jobs = newestRecoveriesFirst(recoveriesOf(await api.recoveries(filters, i)).map((r) => fromRecovery(r, simplify)));
			return limit === undefined ? jobs : jobs.slice(0, limit);
		},
	};
}

/** Runs an operation over the items (the node's item runner). */
export type Runner = <Q, P>(chosen: ListOperation | JobOperation<Q, P>) => Promise<INodeExecutionData[]>;

/** The Recovery resource's operations. */
export async function runRecoveryOperation(ctx: IExecuteFunctions, api: CohesityProtectionApi, operation: RecoveryOperationName, run: Runner): Promise<INodeExecutionData[]> {
	switch (operation) {
		case 'recoverVms':
		case 'recoverFiles':
			return await run(recoverOperation(ctx, api, executionClock(ctx), (i) => recoverRequest(ctx, operation, i)));
		case 'getAll':
			return await run(listRecoveries(ctx, api));
		case 'cancel':
			return await run(cancelRecoveryOperation(ctx, api, (i) => recoveryQuery(ctx, i)));
		default:
			return await run(getRecoveryOperation(api, (i) => recoveryQuery(ctx, i)));
	}
}
