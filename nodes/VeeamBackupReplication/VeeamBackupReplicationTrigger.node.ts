import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollJobs } from '../shared/trigger';
import { triggerProperties } from '../shared/triggerProperties';
import { jobLocator } from './description';
import { searchJobs } from './listSearch';
import { vbrSessionSource } from './triggerSource';

export class VeeamBackupReplicationTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veeam Backup & Replication Trigger',
		name: 'veeamBackupReplicationTrigger',
		icon: { light: 'file:../../icons/veeam.svg', dark: 'file:../../icons/veeam.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + [].concat($parameter["events"]).join(", ") }}',
		description: 'Starts the workflow when a Veeam Backup & Replication job session fails, succeeds or finishes',
		defaults: { name: 'Veeam Backup & Replication Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veeamBackupReplicationApi', required: true }],
		properties: [
			{
				displayName: 'Jobs',
				name: 'jobs',
				type: 'fixedCollection',
				placeholder: 'Add Job',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Only sessions of these jobs; none for every job',
				options: [
					{
						displayName: 'Job',
						name: 'job',
						values: [
							jobLocator('A job whose sessions start the workflow', undefined, false),
						],
					},
				],
			},
			...triggerProperties({ starts: false, warnings: true }),
		],
	};

	methods = { listSearch: { searchJobs } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs(this, async () => await vbrSessionSource(this));
	}
}
