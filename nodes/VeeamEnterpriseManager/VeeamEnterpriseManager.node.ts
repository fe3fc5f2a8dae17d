import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties } from './description';
import { searchJobs } from './listSearch';
import { execute } from './operations';

export class VeeamEnterpriseManager implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veeam Enterprise Manager',
		name: 'veeamEnterpriseManager',
		icon: { light: 'file:../../icons/veeam.svg', dark: 'file:../../icons/veeam.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Check backup job, restore and CDP replica task sessions, start backup jobs and restore VMs through Veeam Backup Enterprise Manager',
		defaults: { name: 'Veeam Enterprise Manager' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'veeamEnterpriseManagerApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchJobs } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await execute(this)];
	}
}
