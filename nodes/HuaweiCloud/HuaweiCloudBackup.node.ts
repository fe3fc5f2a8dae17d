import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties } from './description';
import { searchCbrVaults } from './cbrVaults';
import { searchBackupPolicies } from './listSearch';
import { execute } from './operations';

export class HuaweiCloudBackup implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud Backup',
		name: 'huaweiCloudBackup',
		icon: { light: 'file:../../icons/huaweiCloud.svg', dark: 'file:../../icons/huaweiCloud.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Check the tasks, backups and vaults of Huawei Cloud Backup and Recovery (CBR) and Volume Backup Service (VBS)',
		defaults: { name: 'Huawei Cloud Backup' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'huaweiCloudApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchBackupPolicies, searchCbrVaults } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await execute(this)];
	}
}
