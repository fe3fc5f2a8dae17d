import type { INodeProperties } from 'n8n-workflow';

import { returnAllProperties, waitProperties } from '../shared/properties';
import { BACKUP_STATUSES } from './diskBackups';

const diskBackup = { resource: ['diskBackup'] };
const create = { ...diskBackup, operation: ['create'] };
const restore = { ...diskBackup, operation: ['restore'] };
const getAll = { ...diskBackup, operation: ['getAll'] };

const STATUS_NAMES: Record<(typeof BACKUP_STATUSES)[number], string> = {
	available: 'Available',
	creating: 'Creating',
	restoring: 'Restoring',
	deleting: 'Deleting',
	error: 'Error',
	error_restoring: 'Error Restoring',
};

/** Disk Backup: back up a disk now, list the backups, restore one to a disk. */
export const diskBackupProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: diskBackup },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a disk backup',
				description: 'Back up a disk now (POST /v2/{project_id}/cloudbackups) and output its VBS job, optionally once it has finished',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many disk backups',
				description: 'List the disk backups, newest first: find the backup a task made (by its name) or a disk\'s backups',
			},
			{
				name: 'Restore',
				value: 'restore',
				action: 'Restore a disk backup',
				description: 'Restore a backup to a disk, replacing its data, and output the restore\'s VBS job, optionally once it has finished',
			},
		],
		default: 'create',
	},
	{
		displayName: 'Disk ID',
		name: 'volumeId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: create },
		placeholder: 'e.g. 7e5fdc5a-5e36-4b22-8bcc-7f17037290cc',
		description: 'The ID of the EVS disk to back up, as the console shows it',
	},
	{
		displayName: 'Backup Name',
		name: 'backupName',
		type: 'string',
		default: '',
		displayOptions: { show: create },
		placeholder: 'e.g. before-upgrade',
		description: 'The name of the backup; empty for one made by the node',
	},
	{
		displayName: 'Backup Description',
		name: 'backupDescription',
		type: 'string',
		default: '',
		displayOptions: { show: create },
	},
	{
		displayName: 'Backup ID',
		name: 'backupId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: restore },
		placeholder: 'e.g. ba5401a2-7cd2-4c01-8c0d-c936ab412d6d',
		description: 'The backup to restore: "backupId" of a Disk Backup Get Many item, or "backup_id" of a finished backup job',
	},
	{
		displayName: 'Disk to Restore To',
		name: 'restoreVolumeId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: restore },
		placeholder: 'e.g. 7e5fdc5a-5e36-4b22-8bcc-7f17037290cc',
		description: 'The EVS disk that receives the backup (the backed-up disk, or another one at least as large); it must not be in use',
	},
	{
		displayName: 'Overwrite the Disk\'s Data',
		name: 'overwriteDisk',
		type: 'boolean',
		default: false,
		displayOptions: { show: restore },
		description: 'Whether to replace everything on the disk with the backup. A VBS restore always does; off refuses before anything is sent.',
	},
	...returnAllProperties({ show: getAll }),
	{
		displayName: 'Filters',
		name: 'backupFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: getAll },
		options: [
			{ displayName: 'Disk ID', name: 'volumeId', type: 'string', default: '', description: 'Only the backups of this disk' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Only backups of this name (a policy task\'s "jobName", its backup_name)' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'available',
				options: BACKUP_STATUSES.map((value) => ({ name: STATUS_NAMES[value], value })),
				description: 'Only backups in this status',
			},
		],
	},
	...waitProperties({ show: { ...diskBackup, operation: ['create', 'restore'] } }),
];
