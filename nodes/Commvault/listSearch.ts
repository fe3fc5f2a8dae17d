import { NodeOperationError, type ILoadOptionsFunctions, type INodeListSearchResult } from 'n8n-workflow';

import { listPage } from '../shared/listResults';
import { requireId } from '../shared/validate';
import { clientsOf, subclientPath, subclientsOf } from './inventory';
import { drGroups } from './status';
import { CommvaultJobApi } from './transport';

/** The DR groups for the DR Group locator; the list is not paged on the server, so it is filtered here. */
export async function searchDrGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await CommvaultJobApi.connect(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = drGroups(await api.drGroups())
		.map((group) => ({ value: String(group.drGroupId), name: String(group.name || group.drGroupId) }))
		.filter((group) => group.value !== '' && group.name.toLowerCase().includes(needle));
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The clients for the Client locator: `GET /Client`, by display name (and client name where it differs). */
export async function searchClients(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const api = await CommvaultJobApi.connect(this);
	const entries = clientsOf(await api.clients()).map((client) => ({
		value: client.clientId,
		name: client.clientName !== '' && client.clientName !== client.name ? `${client.name} (${client.clientName})` : client.name,
	}));
	return listPage(entries, filter, paginationToken);
}

/**
 * The subclients of the client chosen in Client, for the Subclient locator: `GET /Subclient?clientId=`,
 * each named by where it sits (agent › backup set › subclient), so the search text finds a backup set too.
 * Commvault lists subclients per client only; a list over every client would cost one request per client.
 */
export async function searchSubclients(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const chosen = this.getCurrentNodeParameter('client', { extractValue: true });
	if (chosen === undefined || chosen === null || String(chosen).trim() === '') {
		throw new NodeOperationError(this.getNode(), 'Choose a Client first: the list shows the subclients of one client', {
			description: 'Pick the client (server) above, or enter the Subclient By ID.',
		});
	}
	const clientId = requireId(this, chosen, 'Client', 0, { pattern: /^\d+$/, example: '2 (a whole number)' });
	const api = await CommvaultJobApi.connect(this);
	const entries = subclientsOf(await api.subclients(clientId)).map((subclient) => ({ value: subclient.subclientId, name: subclientPath(subclient) }));
	return listPage(entries, filter, paginationToken);
}
