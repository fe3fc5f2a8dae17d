import type { INodeProperties } from 'n8n-workflow';

import { triggerProperties } from '../shared/triggerProperties';
import { statusScopeProperty } from './description';

/** The Cohesity Trigger's parameters: which protection groups, then what every trigger shows. */
export const triggerDescription: INodeProperties[] = [
	{
		displayName: 'Job Types',
		name: 'jobTypes',
		type: 'multiOptions',
		default: ['backup'],
		options: [
			{ name: 'Backup Runs', value: 'backup', description: 'The runs of the protection groups chosen below' },
			{ name: 'Recoveries', value: 'restore', description: 'Every recovery of the cluster (Data Protection > Recoveries), so a failed restore opens a ticket too' },
		],
		description: 'Which jobs to watch; each item\'s "jobType" says which it is (backup or restore)',
	},
	{
		displayName: 'Protection Groups',
		name: 'groupScope',
		type: 'options',
		default: 'selected',
		// Recoveries belong to the cluster, not to a group: the groups are asked for backup runs only.
		displayOptions: { show: { jobTypes: ['backup'] } },
		options: [
			{
				name: 'All Protection Groups',
				value: 'all',
				description: 'Every active protection group of the cluster, including groups created later',
			},
			{
				name: 'Selected Protection Groups',
				value: 'selected',
				description: 'One or more protection groups chosen here',
			},
		],
		description: 'Which protection groups to watch, as listed under Data Protection > Protection in Cohesity',
	},
	{
		displayName: 'Protection Group Names or IDs',
		name: 'protectionGroupIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getProtectionGroups' },
		default: [],
		required: true,
		displayOptions: { show: { groupScope: ['selected'], jobTypes: ['backup'] } },
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	{ ...statusScopeProperty, displayOptions: { show: { jobTypes: ['backup'] } } },
	...triggerProperties({ starts: true, warnings: true }),
];
