import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties } from './description';
import { searchBackupJobs } from './listSearch';
import { execute } from './operations';

export class VmwareVcenter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VMware vCenter',
		name: 'vmwareVcenter',
		icon: { light: 'file:../../icons/vcenter.svg', dark: 'file:../../icons/vcenter.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Check the file-based backup jobs of a vCenter Server Appliance',
		defaults: { name: 'VMware vCenter' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'vmwareVcenterApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchBackupJobs } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await execute(this)];
	}
}
