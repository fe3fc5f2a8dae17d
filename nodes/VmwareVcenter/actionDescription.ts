import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { LOCATION_TYPES } from './actions';

/** Where a backup goes or a restore comes from, as the appliance management interface asks for it. */
function locationProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Location Type',
			name: 'locationType',
			type: 'options',
			default: 'SFTP',
			required: true,
			displayOptions,
			options: LOCATION_TYPES.map((type) => ({ name: type, value: type })),
			description: 'The protocol of the backup location',
		},
		{
			displayName: 'Location',
			name: 'location',
			type: 'string',
			default: '',
			required: true,
			displayOptions,
			placeholder: 'e.g. sftp://backup.example.com/vcsa',
			description: 'The backup location URL; vCenter adds a folder for this backup under it',
		},
		{
			displayName: 'Location User',
			name: 'locationUser',
			type: 'string',
			default: '',
			displayOptions,
			description: 'The user name at the backup location, if it needs one',
		},
		{
			displayName: 'Location Password',
			name: 'locationPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions,
			description: 'The password at the backup location. Sent to vCenter only; never in the output or an error.',
		},
	];
}

/** Backup Now, as the appliance management interface asks for it (Backup > Backup Now). */
export function startProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		...locationProperties(displayOptions),
		{
			displayName: 'Parts',
			name: 'parts',
			type: 'multiOptions',
			default: ['seat'],
			displayOptions,
			options: [{ name: 'Stats, Events, and Tasks', value: 'seat' }],
			description: 'The optional parts to back up; the inventory and configuration are always backed up',
		},
		{
			displayName: 'Backup Options',
			name: 'backupOptions',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions,
			options: [
				{
					displayName: 'Backup Password',
					name: 'backupPassword',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: 'Encrypts the backup; the same password is needed to restore it',
				},
				{
					displayName: 'Comment',
					name: 'comment',
					type: 'string',
					default: '',
					description: 'A description kept with the backup',
				},
			],
		},
	];
}

/** Restore of an appliance deployed in restore mode, as its stage 2 asks for it: the backup's folder. */
export function restoreProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		...locationProperties(displayOptions).map((p) =>
			p.name === 'location'
				? { ...p, placeholder: 'e.g. sftp://backup.example.com/vcsa/vCenter/sn_vc01/M_8.0.3_20240315-020002_', description: 'The folder of the backup to restore: the backup location and the folder vCenter made for that backup' }
				: p,
		),
		{
			displayName: 'Restore Options',
			name: 'restoreOptions',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions,
			options: [
				{
					displayName: 'Backup Password',
					name: 'backupPassword',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: 'The password the backup was encrypted with',
				},
				{
					displayName: 'Ignore Warnings',
					name: 'ignoreWarnings',
					type: 'boolean',
					default: false,
					description: 'Whether to go on when the appliance warns during its restore checks',
				},
				{
					displayName: 'SSO Administrator Password',
					name: 'ssoAdminPassword',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: 'Sent to vCenter only; never in the output or an error',
				},
				{
					displayName: 'SSO Administrator User Name',
					name: 'ssoAdminUserName',
					type: 'string',
					default: '',
					placeholder: 'e.g. administrator@vsphere.local',
				},
			],
		},
	];
}
