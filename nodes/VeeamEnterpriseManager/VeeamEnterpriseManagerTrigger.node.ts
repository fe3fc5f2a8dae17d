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
import { jobLocator } from './description';
import { veeamSessionSource } from './triggerSource';

export class VeeamEnterpriseManagerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veeam Enterprise Manager Trigger',
		name: 'veeamEnterpriseManagerTrigger',
		icon: { light: 'file:../../icons/veeam.svg', dark: 'file:../../icons/veeam.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + [].concat($parameter["events"]).join(", ") }}',
		description: 'Starts the workflow when a Veeam backup job session, restore session or CDP replica task session fails, succeeds or finishes',
		defaults: { name: 'Veeam Enterprise Manager Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veeamEnterpriseManagerApi', required: true }],
		properties: [
			{
				displayName: 'Sessions',
				name: 'sessionType',
				type: 'options',
				default: 'backupJobSession',
				options: [
					{ name: 'Backup Job Sessions', value: 'backupJobSession' },
					{ name: 'CDP Replica Task Sessions', value: 'cdpReplicaTaskSession' },
				],
				description: 'Which sessions to watch',
			},
			{
				displayName: 'Job Types',
				name: 'jobTypes',
				type: 'multiOptions',
				default: ['backup'],
				displayOptions: { show: { sessionType: ['backupJobSession'] } },
				options: [
					{ name: 'Backup Sessions', value: 'backup', description: 'Backup job sessions (of the Job below, if one is chosen)' },
					{ name: 'Restore Sessions', value: 'restore', description: 'Entire VM and file-level restore sessions, of any VM' },
				],
				description: 'Which sessions to report, so a failed restore can open a ticket too; each check reads each type once',
			},
			jobLocator('Only sessions of this backup job; empty for every job', { sessionType: ['backupJobSession'] }, false),
			...triggerProperties({ starts: false, warnings: true }),
		],
	};

	methods = { listSearch: { searchJobs } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs(this, async () => await veeamSessionSource(this));
	}
}
