import type { INodeProperties } from 'n8n-workflow';

import { ifAlreadyRunningProperty, optionsProperty, returnAllProperties, simplifyProperty, waitProperties } from '../shared/properties';
import { restoreProperties, startProperties } from './actionDescription';

const backupJob = { resource: ['backupJob'] };
const restoreJob = { resource: ['restoreJob'] };

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Backup Job', value: 'backupJob' },
			{ name: 'Restore Job', value: 'restoreJob', description: 'The restore of an appliance deployed in restore mode' },
		],
		default: 'backupJob',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: restoreJob },
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel the restore job', description: 'Cancel the running restore and output its status (optionally once it has ended)' },
			{ name: 'Get', value: 'get', action: 'Get the restore job', description: 'Retrieve the status of the appliance\'s restore' },
			{
				name: 'Start',
				value: 'start',
				action: 'Start a restore job',
				description: 'Restore an appliance deployed in restore mode from a file-based backup and output the restore, optionally once it has finished',
			},
		],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: backupJob },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a backup job',
				description: 'Cancel a running backup job and output its status (optionally once it has ended)',
			},
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
			{
				name: 'Start',
				value: 'start',
				action: 'Start a backup job',
				description: 'Back up the appliance now (Backup Now) to a location and output the new job, optionally once it has finished',
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
		displayOptions: { show: { ...backupJob, operation: ['get', 'getDetails', 'cancel'] } },
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
	...startProperties({ show: { ...backupJob, operation: ['start'] } }),
	// vCenter runs one backup at a time: it refuses a second one, so "Start Another" is not offered
	ifAlreadyRunningProperty({ show: { ...backupJob, operation: ['start'] } }, false),
	...restoreProperties({ show: { ...restoreJob, operation: ['start'] } }),
	// the appliance runs one restore: a second is refused, so "Start Another" is not offered
	ifAlreadyRunningProperty({ show: { ...restoreJob, operation: ['start'] } }, false),
	...returnAllProperties({ show: { ...backupJob, operation: ['getAll'] } }),
	...waitProperties({ show: { resource: ['backupJob', 'restoreJob'], operation: ['get', 'getLatest', 'start', 'cancel'] } }),
	simplifyProperty({ show: { resource: ['backupJob', 'restoreJob'] } }),
	optionsProperty,
];
