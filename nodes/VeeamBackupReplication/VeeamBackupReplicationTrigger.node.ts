import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollJobs } from '../shared/trigger';
import { triggerProperties } from '../shared/triggerProperties';
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
							{
								displayName: 'Job',
								name: 'job',
								type: 'resourceLocator',
								default: { mode: 'list', value: '' },
								modes: [
									{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchJobs', searchable: true } },
									{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 4856ab37-2235-45e8-affe-d515878b01a9' },
								],
							},
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
