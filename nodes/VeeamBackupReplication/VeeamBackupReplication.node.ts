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

export class VeeamBackupReplication implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veeam Backup & Replication',
		name: 'veeamBackupReplication',
		icon: { light: 'file:../../icons/veeam.svg', dark: 'file:../../icons/veeam.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Check, start, stop and retry the jobs and sessions of a Veeam Backup & Replication server (REST API v1)',
		defaults: { name: 'Veeam Backup & Replication' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'veeamBackupReplicationApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchJobs } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await execute(this)];
	}
}
