import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollJobs } from '../shared/trigger';
import { triggerProperties } from '../shared/triggerProperties';
import { policyProperty } from './description';
import { searchBackupPolicies } from './listSearch';
import { cbrTriggerProperties } from './cbrTriggerProperties';
import { cbrTaskSource } from './cbrTriggerSource';
import { getCbrVaults } from './cbrVaults';
import { huaweiTaskSource } from './triggerSource';

export class HuaweiCloudBackupTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud Backup Trigger',
		name: 'huaweiCloudBackupTrigger',
		icon: { light: 'file:../../icons/huaweiCloud.svg', dark: 'file:../../icons/huaweiCloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + [].concat($parameter["events"]).join(", ") }}',
		description: 'Starts the workflow when a CBR task or a VBS backup-policy task of Huawei Cloud fails, succeeds or finishes',
		defaults: { name: 'Huawei Cloud Backup Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudApi', required: true }],
		properties: [
			{
				displayName: 'Service',
				name: 'service',
				type: 'options',
				noDataExpression: true,
				default: 'vbs',
				options: [
					{ name: 'Cloud Backup and Recovery (CBR)', value: 'cbr', description: 'The tasks of CBR vaults: backups, restores, replications' },
					{ name: 'Volume Backup Service (VBS)', value: 'vbs', description: 'The tasks of VBS backup policies' },
				],
			},
			{
				displayName: 'Backup Policies',
				name: 'policyScope',
				type: 'options',
				displayOptions: { show: { service: ['vbs'] } },
				default: 'one',
				options: [
					{ name: 'One Backup Policy', value: 'one' },
					{ name: 'All Backup Policies', value: 'all', description: 'Every policy of the project (the first 20 by ID are read on each poll)' },
				],
			},
			policyProperty({ service: ['vbs'], policyScope: ['one'] }, true, 'The backup policy whose tasks are watched'),
			...cbrTriggerProperties,
			...triggerProperties({ starts: false, warnings: false }),
		],
	};

	methods = { listSearch: { searchBackupPolicies }, loadOptions: { getCbrVaults } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const cbr = this.getNodeParameter('service', 'vbs') === 'cbr';
		return await pollJobs(this, async () => (cbr ? await cbrTaskSource(this) : await huaweiTaskSource(this)));
	}
}
