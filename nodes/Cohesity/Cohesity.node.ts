import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties } from './description';
import { searchProtectionGroups } from './listSearch';
import { execute } from './operations';

export class Cohesity implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cohesity',
		name: 'cohesity',
		icon: { light: 'file:../../icons/cohesity.svg', dark: 'file:../../icons/cohesity.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Check and start protection group runs and recoveries of a Cohesity cluster or of Helios',
		defaults: { name: 'Cohesity' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'cohesityApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchProtectionGroups } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await execute(this)];
	}
}
