import type { INodeProperties } from 'n8n-workflow';

import { returnAllProperties, simplifyProperty, waitProperties } from '../shared/properties';
import { CBR_BACKUP_STATUSES } from './cbrBackups';
import { CBR_OPERATION_TYPES, CBR_TASK_STATUSES } from './cbrStatus';
import { CBR_MAX_LIMIT } from './cbrTransport';

/**
 * Cloud Backup and Recovery (CBR): tasks, vaults and backups, named as the CBR console names them.
 */

const task = { resource: ['cbrTask'] };
const vault = { resource: ['cbrVault'] };
const backup = { resource: ['cbrBackup'] };
const backUpNow = { ...vault, operation: ['backUpNow'] };
const restore = { ...backup, operation: ['restore'] };

const TASK_STATUS_NAMES: Record<(typeof CBR_TASK_STATUSES)[number], string> = {
	success: 'Successful',
	skipped: 'Skipped',
	failed: 'Failed',
	running: 'Running',
	timeout: 'Timed Out',
	waiting: 'Waiting',
};

const OPERATION_TYPE_NAMES: Record<(typeof CBR_OPERATION_TYPES)[number], string> = {
	backup: 'Backup',
	copy: 'Copy (Old Replication)',
	replication: 'Replication',
	restore: 'Restoration',
	delete: 'Deletion',
	sync: 'Synchronization',
	vault_delete: 'Vault Deletion',
	remove_resource: 'Resource Dissociation',
	migrate_resources: 'Resource Migration',
};

const BACKUP_STATUS_NAMES: Record<(typeof CBR_BACKUP_STATUSES)[number], string> = {
	available: 'Available',
	protecting: 'Creating',
	restoring: 'Restoring',
	deleting: 'Deleting',
	error: 'Error',
	waiting_protect: 'Waiting for Creation',
	waiting_restore: 'Waiting for Restoration',
	waiting_delete: 'Waiting for Deletion',
};

/** The backup providers of the CBR API reference (`provider_id`): what the console lists as backup types. */
const PROVIDERS = [
	{ name: 'Cloud Disk Backups', value: 'd1603440-187d-4516-af25-121250c7cc97' },
	{ name: 'Cloud Server Backups', value: '0daac4c5-6707-4851-97ba-169e36266b66' },
	{ name: 'SFS Turbo Backups', value: '3f3c3220-245c-4805-b811-758870015881' },
];

const sorted = <T extends { name: string }>(options: T[]) => [...options].sort((a, b) => a.name.localeCompare(b.name));

/** The operation types as the Tasks page of the CBR console names them, for the filters and the trigger. */
export const CBR_OPERATION_TYPE_OPTIONS = sorted(CBR_OPERATION_TYPES.map((value) => ({ name: OPERATION_TYPE_NAMES[value], value })));

/** The Vault locator, for Back Up Now, Get Many backups and the trigger's chosen vault. */
export function cbrVaultProperty(show: Record<string, string[]> | undefined, required: boolean, description: string): INodeProperties {
	return {
		displayName: 'Vault',
		name: 'cbrVaultId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		...(show ? { displayOptions: { show } } : {}),
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchCbrVaults', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 3b5816b5-f29c-4172-9d9a-76c719a659ce' },
		],
	};
}

const limitUpTo = (p: INodeProperties) =>
	p.name === 'limit' ? { ...p, typeOptions: { minValue: 1, maxValue: CBR_MAX_LIMIT }, description: `Max number of results to return (up to ${CBR_MAX_LIMIT}, in one request)` } : p;

export const cbrProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: task },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a CBR task', description: 'Retrieve one task (GET /v3/{project_id}/operation-logs/{operation_log_id})' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many CBR tasks', description: 'Retrieve the tasks of the project, newest first (GET /v3/{project_id}/operation-logs)' },
		],
		default: 'getAll',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: vault },
		options: [
			{
				name: 'Back Up Now',
				value: 'backUpNow',
				action: 'Back up a CBR vault now',
				description: 'Back up every resource of the vault now and output its tasks (one item per resource), optionally once they have finished',
			},
			{ name: 'Get Many', value: 'getAll', action: 'Get many CBR vaults', description: 'Retrieve the vaults of the project' },
		],
		default: 'getAll',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: backup },
		options: [
			{ name: 'Get Many', value: 'getAll', action: 'Get many CBR backups', description: 'List the backups, newest first: by vault, resource, restore point or time' },
			{
				name: 'Restore',
				value: 'restore',
				action: 'Restore a CBR backup',
				description: 'Restore a backup to a disk or server, replacing its data, and output the restore task, optionally once it has finished',
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'Task ID',
		name: 'cbrTaskId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...task, operation: ['get'] } },
		placeholder: 'e.g. 4b5d8d3e-8c4f-4b1a-9d5e-2f6a7b8c9d0e',
		description: 'The task ID as the Tasks page of the CBR console shows it, or "jobId" of a Get Many item',
	},
	...returnAllProperties({ show: { ...task, operation: ['getAll'] } }).map(limitUpTo),
	{
		displayName: 'Filters',
		name: 'cbrTaskFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...task, operation: ['getAll'] } },
		options: [
			{ displayName: 'Backup Type', name: 'providerId', type: 'options', default: 'd1603440-187d-4516-af25-121250c7cc97', options: PROVIDERS, description: 'Only tasks of this kind of backup (provider_id)' },
			{ displayName: 'End Time', name: 'endTime', type: 'dateTime', default: '', description: 'Only tasks that ended by then' },
			{ displayName: 'Offset', name: 'offset', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Skip this many tasks first' },
			{
				displayName: 'Operation Type',
				name: 'operationType',
				type: 'options',
				default: 'backup',
				options: CBR_OPERATION_TYPE_OPTIONS,
				description: 'Only tasks of this type',
			},
			{ displayName: 'Resource ID', name: 'resourceId', type: 'string', default: '', description: 'Only tasks of this server, disk or file system' },
			{ displayName: 'Start Time', name: 'startTime', type: 'dateTime', default: '', description: 'Only tasks that started then or later' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'failed',
				options: sorted(CBR_TASK_STATUSES.map((value) => ({ name: TASK_STATUS_NAMES[value], value }))),
				description: 'Only tasks in this status',
			},
			{ displayName: 'Vault ID', name: 'vaultId', type: 'string', default: '', description: 'Only tasks of resources in this vault' },
		],
	},
	cbrVaultProperty(backUpNow, true, 'The vault to back up: every resource associated with it is backed up'),
	{
		displayName: 'Backup Name',
		name: 'cbrBackupName',
		type: 'string',
		default: '',
		displayOptions: { show: backUpNow },
		placeholder: 'e.g. before-upgrade',
		description: 'The name of the backups (1 to 64 characters); empty for one made by the node',
	},
	{
		displayName: 'Backup Description',
		name: 'cbrBackupDescription',
		type: 'string',
		default: '',
		displayOptions: { show: backUpNow },
	},
	{
		displayName: 'Incremental Backup',
		name: 'cbrIncremental',
		type: 'boolean',
		default: true,
		displayOptions: { show: backUpNow },
		description: 'Whether to back up only what changed since the last backup (off: a full backup)',
	},
	...returnAllProperties({ show: { ...vault, operation: ['getAll'] } }).map(limitUpTo),
	{
		displayName: 'Filters',
		name: 'cbrVaultFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...vault, operation: ['getAll'] } },
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Only the vault of this name' },
			{
				displayName: 'Protected Resource Type',
				name: 'objectType',
				type: 'options',
				default: 'disk',
				options: [
					{ name: 'Cloud Disks', value: 'disk' },
					{ name: 'Cloud Servers', value: 'server' },
					{ name: 'SFS Turbo File Systems', value: 'turbo' },
				],
				description: 'Only vaults for this kind of resource',
			},
		],
	},
	cbrVaultProperty({ ...backup, operation: ['getAll'] }, false, 'Only the backups in this vault; empty for every vault'),
	...returnAllProperties({ show: { ...backup, operation: ['getAll'] } }).map(limitUpTo),
	{
		displayName: 'Filters',
		name: 'cbrBackupFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...backup, operation: ['getAll'] } },
		options: [
			{ displayName: 'Created After', name: 'startTime', type: 'dateTime', default: '', description: 'Only backups made then or later' },
			{ displayName: 'Created Before', name: 'endTime', type: 'dateTime', default: '', description: 'Only backups made by then' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Only backups of this name' },
			{ displayName: 'Resource ID', name: 'resourceId', type: 'string', default: '', description: 'Only the backups of this server, disk or file system' },
			{ displayName: 'Restore Point ID', name: 'checkpointId', type: 'string', default: '', description: 'Only the backups of this restore point (a Back Up Now made one)' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'available',
				options: sorted(CBR_BACKUP_STATUSES.map((value) => ({ name: BACKUP_STATUS_NAMES[value], value }))),
				description: 'Only backups in this status',
			},
		],
	},
	{
		displayName: 'Backup ID',
		name: 'cbrRestoreBackupId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: restore },
		placeholder: 'e.g. 6df2b54c-dd62-4059-a07c-1b8f24f2725d',
		description: 'The backup to restore: "backupId" of a CBR Backup Get Many item',
	},
	{
		displayName: 'Restore To',
		name: 'cbrRestoreTo',
		type: 'options',
		default: 'disk',
		displayOptions: { show: restore },
		options: [
			{ name: 'Disk', value: 'disk', description: 'A cloud disk backup, restored to a disk' },
			{ name: 'Server', value: 'server', description: 'A cloud server backup, restored to a server, disk by disk' },
		],
	},
	{
		displayName: 'Disk to Restore To',
		name: 'cbrVolumeId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...restore, cbrRestoreTo: ['disk'] } },
		placeholder: 'e.g. 7e5fdc5a-5e36-4b22-8bcc-7f17037290cc',
		description: 'The EVS disk that receives the backup (the backed-up disk, or another one at least as large)',
	},
	{
		displayName: 'Server to Restore To',
		name: 'cbrServerId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...restore, cbrRestoreTo: ['server'] } },
		placeholder: 'e.g. 1dab32fa-ebf2-415a-ab0b-eabe6353bc86',
		description: 'The ECS that receives the backup; CBR stops it for the restore',
	},
	{
		displayName: 'Disk Mappings',
		name: 'cbrDiskMappings',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Disk Mapping',
		displayOptions: { show: { ...restore, cbrRestoreTo: ['server'] } },
		options: [
			{
				displayName: 'Disk Mapping',
				name: 'mapping',
				values: [
					{ displayName: 'Disk Backup ID', name: 'backupId', type: 'string', default: '', description: 'The disk-level backup inside the server backup ("children" in its details)' },
					{ displayName: 'Disk to Restore To', name: 'volumeId', type: 'string', default: '', description: 'The disk of the server that receives it' },
				],
			},
		],
	},
	{
		displayName: 'Start Server After Restore',
		name: 'cbrPowerOn',
		type: 'boolean',
		default: true,
		displayOptions: { show: { ...restore, cbrRestoreTo: ['server'] } },
		description: 'Whether CBR starts the server once the restore has finished',
	},
	{
		displayName: 'Overwrite the Target\'s Data',
		name: 'cbrOverwrite',
		type: 'boolean',
		default: false,
		displayOptions: { show: restore },
		description: 'Whether to replace the data on the disk (or the server\'s disks) with the backup. A CBR restore always does; off refuses before anything is sent.',
	},
	...waitProperties({ show: { ...task, operation: ['get'] } }),
	...waitProperties({ show: backUpNow }),
	...waitProperties({ show: restore }),
	simplifyProperty({ show: { resource: ['cbrTask', 'cbrVault', 'cbrBackup'] } }),
];
