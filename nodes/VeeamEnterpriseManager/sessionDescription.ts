import type { INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../shared/properties';

/** The parameters every resource of sessions shows the same way: its Get's ID and its Get Many. */

export function sessionIdField(show: Record<string, string[]>, uidType: string, example: string): INodeProperties {
	return {
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, operation: ['get'] } },
		placeholder: `e.g. ${example}`,
		description: `The session's GUID, or its UID urn:veeam:${uidType}:&lt;GUID&gt;`,
	};
}

export function getManyProperties(show: Record<string, string[]>, filters: INodeProperties[]): INodeProperties[] {
	const when = { show: { ...show, operation: ['getAll'] } };
	return [
		...returnAllProperties(when),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: when,
			options: filters,
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'options',
			default: 'newestFirst',
			displayOptions: when,
			options: [
				{ name: 'Newest First', value: 'newestFirst', description: 'By creation time, the latest session first' },
				{ name: 'Oldest First', value: 'oldestFirst', description: 'By creation time, the earliest session first' },
			],
		},
	];
}
