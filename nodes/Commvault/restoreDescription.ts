import type { INodeProperties } from 'n8n-workflow';

import { waitProperties } from '../shared/properties';

const restore = { resource: ['restore'] };
const outOfPlace = { ...restore, restoreDestination: ['outOfPlace'] };

/** Restore → Restore Files, as the Command Center's file-system restore asks for it. */
export const restoreProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: restore },
		options: [
			{
				name: 'Restore Files',
				value: 'restoreFiles',
				action: 'Restore files of a subclient',
				description: 'Restore files and folders of a file-system subclient, in place or to another client, and output the restore job, optionally once it has finished',
			},
		],
		default: 'restoreFiles',
	},
	{
		displayName: 'Subclient ID',
		name: 'subclientId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: restore },
		placeholder: 'e.g. 2',
		description: 'The file-system subclient whose backup holds the files: its ID, as "subclient.subclientId" of its jobs',
	},
	{
		displayName: 'Paths',
		name: 'paths',
		type: 'string',
		typeOptions: { multipleValues: true },
		default: [],
		required: true,
		displayOptions: { show: restore },
		placeholder: 'e.g. /data/reports',
		description: 'The files and folders to restore, each an absolute path of the backed-up client',
	},
	{
		displayName: 'Destination',
		name: 'restoreDestination',
		type: 'options',
		default: 'outOfPlace',
		displayOptions: { show: restore },
		options: [
			{ name: 'Another Client or Folder (Out of Place)', value: 'outOfPlace' },
			{ name: 'Original Location (In Place)', value: 'inPlace' },
		],
	},
	{
		displayName: 'Destination Client',
		name: 'destinationClient',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: outOfPlace },
		placeholder: 'e.g. restore-test01',
		description: 'The client the files are restored to, by its name in the CommCell',
	},
	{
		displayName: 'Destination Path',
		name: 'destinationPath',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: outOfPlace },
		placeholder: 'e.g. /restore/reports',
		description: 'The absolute folder on the destination client the files are restored into',
	},
	{
		displayName: 'Overwrite Files',
		name: 'overwriteFiles',
		type: 'boolean',
		default: false,
		displayOptions: { show: restore },
		description: 'Whether to overwrite files that exist at the destination (unconditional overwrite). Off keeps them.',
	},
	{
		displayName: 'Restore From',
		name: 'restoreFrom',
		type: 'options',
		default: 'latest',
		displayOptions: { show: restore },
		options: [
			{ name: 'Latest Backup', value: 'latest' },
			{ name: 'Backup at a Time', value: 'backupTime', description: 'The backup that had ended by this time, e.g. a backup job\'s endedAt' },
		],
	},
	{
		displayName: 'Backup Time',
		name: 'backupTime',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { ...restore, restoreFrom: ['backupTime'] } },
		description: 'Restore the files as they were backed up by this time (a backup job\'s "endedAt")',
	},
	...waitProperties({ show: restore }),
];
