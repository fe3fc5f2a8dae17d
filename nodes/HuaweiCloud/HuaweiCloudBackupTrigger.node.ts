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
import { huaweiTaskSource } from './triggerSource';

export class HuaweiCloudBackupTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud Backup Trigger',
		name: 'huaweiCloudBackupTrigger',
		icon: { light: 'file:../../icons/huaweiCloud.svg', dark: 'file:../../icons/huaweiCloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + [].concat($parameter["events"]).join(", ") }}',
		description: 'Starts the workflow when a backup-policy task of Huawei Cloud VBS fails, succeeds or finishes',
		defaults: { name: 'Huawei Cloud Backup Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiCloudApi', required: true }],
		properties: [
			{
				displayName: 'Backup Policies',
				name: 'policyScope',
				type: 'options',
				default: 'one',
				options: [
					{ name: 'One Backup Policy', value: 'one' },
					{ name: 'All Backup Policies', value: 'all', description: 'Every policy of the project (the first 20 by ID are read on each poll)' },
				],
			},
			policyProperty({ policyScope: ['one'] }, true, 'The backup policy whose tasks are watched'),
			...triggerProperties({ starts: false, warnings: false }),
		],
	};

	methods = { listSearch: { searchBackupPolicies } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs(this, async () => await huaweiTaskSource(this));
	}
}
