import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties } from './description';
import { searchClients, searchDrGroups, searchSubclients } from './listSearch';
import { execute } from './operations';

export class Commvault implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Commvault',
		name: 'commvault',
		icon: { light: 'file:../../icons/commvault.svg', dark: 'file:../../icons/commvault.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Check the jobs and DR group jobs of a Commvault CommServe through its web service',
		defaults: { name: 'Commvault' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'commvaultApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchClients, searchDrGroups, searchSubclients } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await execute(this)];
	}
}
