import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import type { ListOperation } from '../shared/runItems';
import { textOf } from '../shared/shape';
import { readCbrPages } from './cbrPaging';
import { cbrLimitOf } from './cbrQuery';
import { fromVault } from './cbrStatus';
import { HuaweiCbrApi } from './cbrTransport';

/** The vault pickers read at most this many vaults (ten pages of 100), by name. */
const PICKER_PAGES = 10;

/** Every vault of the project (within the pickers' bound), as `{vaultId, name, …}` items. */
export async function allVaults(api: HuaweiCbrApi, maxPages = PICKER_PAGES, itemIndex?: number): Promise<IDataObject[]> {
	const vaults = await readCbrPages(async (page) => await api.vaults(page, itemIndex), 'vaults', 'CBR vaults', { limit: undefined, maxPages });
	return vaults.map((vault) => fromVault(vault, true));
}

/** The project's vaults as choices, by name. */
async function vaultChoices(ctx: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await allVaults(await HuaweiCbrApi.connect(ctx)))
		.map((vault) => ({ value: String(vault.vaultId), name: String(vault.name ?? vault.vaultId) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The Vault locator's list: the project's vaults by name, filtered here (the API filters names exactly). */
export async function searchCbrVaults(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const results = (await vaultChoices(this)).filter(
		(vault) => vault.name.toLowerCase().includes(needle) || String(vault.value).toLowerCase().includes(needle),
	);
	return { results: results.map(({ name, value }) => ({ name, value: String(value) })) };
}

/** The trigger's Vaults choice. */
export async function getCbrVaults(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await vaultChoices(this);
}

/** CBR Vault → Get Many: `GET /v3/{project_id}/vaults`, with the console's filters. */
export function listCbrVaults(ctx: IExecuteFunctions, api: HuaweiCbrApi): ListOperation<{ limit: number | undefined; simplify: boolean; qs: IDataObject }> {
	const queryOf = (i: number) => {
		const filters = ctx.getNodeParameter('cbrVaultFilters', i, {}) as IDataObject;
		return {
			limit: cbrLimitOf(ctx, i),
			simplify: ctx.getNodeParameter('simplify', i, true) as boolean,
			qs: { name: textOf(filters.name) || undefined, object_type: textOf(filters.objectType) || undefined },
		};
	};
	return {
		// Read once per item, handed to fetch.
		validate: queryOf,
		fetch: async (i, q, spread) => {
			const vaults = await readCbrPages(async (page) => await api.vaults({ ...q.qs, ...page }, i), 'vaults', 'CBR vaults', { limit: q.limit, spread });
			return vaults.map((vault) => fromVault(vault, q.simplify));
		},
	};
}
