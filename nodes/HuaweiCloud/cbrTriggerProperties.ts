import type { INodeProperties } from 'n8n-workflow';

import { CBR_OPERATION_TYPE_OPTIONS } from './cbrDescription';

const cbr = { service: ['cbr'] };

/** The trigger's CBR scope: all vaults or chosen ones, and which task types. */
export const cbrTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Vault Scope',
		name: 'cbrVaultScope',
		type: 'options',
		default: 'all',
		displayOptions: { show: cbr },
		options: [
			{ name: 'All Vaults', value: 'all', description: 'Every task of the project, in one task list per poll' },
			{ name: 'Chosen Vaults', value: 'chosen', description: 'The tasks of the vaults chosen below (up to 20, one task list each per poll)' },
		],
	},
	{
		displayName: 'Vault Names or IDs',
		name: 'cbrVaultIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCbrVaults' },
		default: [],
		required: true,
		displayOptions: { show: { ...cbr, cbrVaultScope: ['chosen'] } },
		description: 'The vaults whose tasks are watched. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Task Types',
		name: 'cbrOperationTypes',
		type: 'multiOptions',
		default: [],
		displayOptions: { show: cbr },
		options: CBR_OPERATION_TYPE_OPTIONS,
		description: 'Only tasks of these types (the Tasks page\'s Type); none chosen: every type',
	},
];
