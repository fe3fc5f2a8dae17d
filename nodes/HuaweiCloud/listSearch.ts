import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { policies } from './status';
import { HuaweiVbsApi } from './transport';

/** The backup policies for the Backup Policy locator; the list is not paged, so it is filtered here. */
export async function searchBackupPolicies(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await HuaweiVbsApi.connect(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = policies(await api.policies())
		.map((policy) => ({ value: String(policy.policyId), name: String(policy.name || policy.policyId) }))
		.filter((policy) => policy.name.toLowerCase().includes(needle) || policy.value.toLowerCase().includes(needle));
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}
