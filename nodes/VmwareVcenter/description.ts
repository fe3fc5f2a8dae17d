import type { INodeProperties } from 'n8n-workflow';

import { optionsProperty, returnAllProperties, simplifyProperty, waitProperties } from '../shared/properties';

const backupJob = { resource: ['backupJob'] };

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Backup Job', value: 'backupJob' }],
		default: 'backupJob',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: backupJob },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a backup job',
				description: 'Retrieve the status of a file-based backup job of the appliance',
			},
			{
				name: 'Get Details',
				value: 'getDetails',
				action: 'Get details of a backup job',
				description: 'Retrieve the details of a backup job: location, type, size and task status',
			},
			{
				name: 'Get Latest',
				value: 'getLatest',
				action: 'Get the latest backup job',
				description: 'Retrieve the status of the newest backup job',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many backup jobs',
				description: 'Retrieve a list of backup jobs, newest first',
			},
		],
		default: 'get',
	},
	{
		displayName: 'Backup Job',
		name: 'jobId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { ...backupJob, operation: ['get', 'getDetails'] } },
		description: 'The backup job, as listed under Backup in the appliance management interface',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBackupJobs', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 20240315-020002-21560480',
			},
		],
	},
	...returnAllProperties({ show: { ...backupJob, operation: ['getAll'] } }),
	...waitProperties({ show: { ...backupJob, operation: ['get', 'getLatest'] } }),
	simplifyProperty({ show: backupJob }),
	optionsProperty,
];
