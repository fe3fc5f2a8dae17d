import { NodeOperationError, type IPollFunctions } from 'n8n-workflow';

import type { JobStatus } from '../shared/jobStatus';
import type { JobSource, RecentJobsQuery } from '../shared/trigger';
import { textOf } from '../shared/shape';
import { requireId } from '../shared/validate';
import { fromOperationLog } from './cbrStatus';
import { CBR_ID, cbrTime } from './cbrQuery';
import { newestFirst, readTaskPages } from './cbrTasks';
import { HuaweiCbrApi } from './cbrTransport';
import { cbrEndpoint, regionOf } from './endpoints';

/**
 * Pages of tasks read per vault and poll at most. CBR documents no order for its task list, so a poll
 * reads every task that started in the window (`start_time`), not only the first page, and keeps the
 * newest: 20 pages of 100 bound it even where the server answers far fewer per page.
 */
const TASK_PAGES = 20;
/** Vaults read in one poll with "Chosen Vaults"; one task list each. */
const MAX_VAULTS = 20;

/** CBR tasks of every vault of the project, or of the chosen vaults, of the chosen operation types. */
export async function cbrTaskSource(ctx: IPollFunctions): Promise<JobSource> {
	const all = ctx.getNodeParameter('cbrVaultScope', 'all') !== 'chosen';
	const chosen = all ? [] : ((ctx.getNodeParameter('cbrVaultIds', []) as unknown[]) ?? []).map((id) => requireId(ctx, id, 'Vaults', 0, CBR_ID));
	if (!all && chosen.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No vault is chosen', {
			description: 'Choose at least one vault in Vaults, or set Vault Scope to "All Vaults".',
		});
	}
	const types = new Set(((ctx.getNodeParameter('cbrOperationTypes', []) as unknown[]) ?? []).map((t) => textOf(t)).filter((t) => t !== ''));
	const vaults = [...new Set(chosen)].sort().slice(0, MAX_VAULTS);
	const credentials = await ctx.getCredentials('huaweiCloudApi');
	const api = await HuaweiCbrApi.connect(ctx);
	// The typed project only: the one resolved at the first poll must not make the second start over.
	const where = [cbrEndpoint(credentials), regionOf(credentials), textOf(credentials.projectId)].map((s) => s.toLowerCase()).join(' ');
	const read = async (query: RecentJobsQuery, vaultId: string | undefined): Promise<JobStatus[]> => {
		// one type: CBR filters; several: every task of the window, filtered here (the API takes one type)
		const only = types.size === 1 ? [...types][0] : undefined;
		const logs = await readTaskPages(api, { start_time: cbrTime(query.fromMs), vault_id: vaultId, operation_type: only }, { limit: undefined, maxPages: TASK_PAGES });
		const wanted = types.size === 0 ? logs : logs.filter((log) => types.has(textOf(log.operation_type)));
		return wanted.map((log) => fromOperationLog(log, query.simplify));
	};
	return {
		scope: `huaweiCloud cbr ${where} ${all ? '*' : vaults.join(',')} ${[...types].sort().join(',')}`,
		recentJobs: async (query) => {
			const jobs: JobStatus[] = [];
			// One vault after the other: the first call may sign in, the others reuse its token.
			for (const vaultId of all ? [undefined] : vaults) jobs.push(...(await read(query, vaultId)));
			return newestFirst(jobs).slice(0, query.limit);
		},
	};
}
