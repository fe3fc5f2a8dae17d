import type { INodeProperties } from 'n8n-workflow';

import { filterProperties, RESTORE_SESSION_FILTERS, VM_RESTORE_POINT_FILTERS } from './queryFilters';
import { getManyProperties, sessionIdField } from './sessionDescription';

/** What the user sees of Restore Point (Get Many, Restore VM) and Restore Session (Get, Get Many). */

const restorePoint = { resource: ['restorePoint'] };
const restoreSession = { resource: ['restoreSession'] };
const restoreVm = { show: { ...restorePoint, operation: ['restoreVm'] } };

export const restoreOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: restorePoint },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many VM restore points',
				description: 'Retrieve the VM restore points of a VM or of a backup job session, newest first',
			},
			{
				name: 'Restore VM',
				value: 'restoreVm',
				action: 'Restore a VM from a restore point',
				description: 'Restore the entire VM to its original location and output the restore session, optionally once it has finished',
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: restoreSession },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a restore session', description: 'Retrieve one restore session (GET /restoreSessions/{ID})' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many restore sessions', description: 'Retrieve restore sessions through the query API' },
		],
		default: 'get',
	},
];

export const restoreProperties: INodeProperties[] = [
	{
		displayName: 'Backup Session ID',
		name: 'backupSessionId',
		type: 'string',
		default: '',
		displayOptions: { show: { ...restorePoint, operation: ['getAll'] } },
		placeholder: 'e.g. d46e39e0-1131-4585-91a7-e828ce7eafae',
		description:
			'Only the VM restore points that this backup job session created (its GUID or UID, such as the jobId of Backup Job Session → Get Latest); empty for restore points of any session',
	},
	...getManyProperties(restorePoint, filterProperties(VM_RESTORE_POINT_FILTERS)),
	{
		displayName: 'Restore Point ID',
		name: 'vmRestorePointId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: restoreVm,
		placeholder: 'e.g. 5acac742-ee17-4080-8e89-a6ea67adfcf3',
		description: 'The VM restore point to restore from: the vmRestorePointId of Restore Point → Get Many, or its UID urn:veeam:VmRestorePoint:&lt;GUID&gt;',
	},
	{
		displayName: 'Replace Original VM',
		name: 'replaceOriginalVm',
		type: 'boolean',
		default: false,
		displayOptions: restoreVm,
		description:
			'Whether the restored VM may replace the VM in its original location. Enterprise Manager restores vSphere and Hyper-V VMs to their original location only; with this off (and Keep Original VM off) the node sends nothing and stops with an error.',
	},
	{
		displayName: 'Restore Options',
		name: 'restoreOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: restoreVm,
		options: [
			{
				displayName: 'Keep Original VM',
				name: 'keepOriginalVm',
				type: 'boolean',
				default: false,
				description: 'Whether to keep the original VM on the host next to the restored VM instead of replacing it (KeepOriginalVM; not with Quick Rollback)',
			},
			{
				displayName: 'Power On After Restore',
				name: 'powerOnAfterRestore',
				type: 'boolean',
				default: false,
				description: 'Whether to power the VM on once it is restored',
			},
			{
				displayName: 'Quick Rollback',
				name: 'quickRollback',
				type: 'boolean',
				default: false,
				description: 'Whether to restore only the blocks that changed since the restore point (incremental restore through changed block tracking) into the original VM',
			},
		],
	},
	sessionIdField(restoreSession, 'RestoreSession', 'ed8e95ca-6ec5-4a2d-978b-e1108c4130b6'),
	...getManyProperties(restoreSession, filterProperties(RESTORE_SESSION_FILTERS)),
];
