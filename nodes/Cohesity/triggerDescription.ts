import type { INodeProperties } from 'n8n-workflow';

import { triggerProperties } from '../shared/triggerProperties';
import { statusScopeProperty } from './description';

/** The Cohesity Trigger's parameters: which protection groups, then what every trigger shows. */
export const triggerDescription: INodeProperties[] = [
	{
		displayName: 'Protection Groups',
		name: 'groupScope',
		type: 'options',
		default: 'selected',
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
		displayOptions: { show: { groupScope: ['selected'] } },
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	statusScopeProperty,
	...triggerProperties({ starts: true, warnings: true }),
];
