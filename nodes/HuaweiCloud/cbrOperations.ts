import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { RunOptions } from '../shared/properties';
import { executionClock, runItems, type JobOperation, type ListOperation } from '../shared/runItems';
import { backUpNowOperation } from './cbrBackUpNow';
import { listCbrBackups } from './cbrBackups';
import { cbrRestoreOperation } from './cbrRestore';
import { getCbrTask, listCbrTasks } from './cbrTasks';
import { HuaweiCbrApi } from './cbrTransport';
import { listCbrVaults } from './cbrVaults';

/** The CBR resources of the node (CBR Task, CBR Vault, CBR Backup), on the credential's CBR endpoint. */
export async function executeCbr(ctx: IExecuteFunctions, options: RunOptions): Promise<INodeExecutionData[]> {
	const api = await HuaweiCbrApi.connect(ctx, { timeoutMs: options.requestTimeoutMs });
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const run = async <Q, P>(chosen: ListOperation | JobOperation<Q, P>) => await runItems(ctx, chosen, options.concurrency, { signedIn: api.signedIn });
	if (resource === 'cbrVault' && operation === 'backUpNow') return await run(backUpNowOperation(ctx, api, executionClock(ctx)));
	if (resource === 'cbrVault') return await run(listCbrVaults(ctx, api));
	if (resource === 'cbrBackup' && operation === 'restore') return await run(cbrRestoreOperation(ctx, api, executionClock(ctx)));
	if (resource === 'cbrBackup') return await run(listCbrBackups(ctx, api));
	if (operation === 'get') return await run(getCbrTask(ctx, api));
	return await run(listCbrTasks(ctx, api));
}
