import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { searchProtectionGroups } from './listSearch';

/** The protection groups for the trigger's multi-select, as the node's group list shows them. */
export async function getProtectionGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { results } = await searchProtectionGroups.call(this);
	return results.map((group) => ({ name: group.name, value: group.value }));
}
