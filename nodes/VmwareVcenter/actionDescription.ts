import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { LOCATION_TYPES } from './actions';

/** Backup Now, as the appliance management interface asks for it (Backup > Backup Now). */
export function startProperties(displayOptions: IDisplayOptions): INodeProperties[] {
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
