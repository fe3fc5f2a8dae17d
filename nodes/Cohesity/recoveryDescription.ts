import type { INodeProperties } from 'n8n-workflow';

import { returnAllProperties, waitProperties } from '../shared/properties';
import { RECOVERY_STATUSES } from './recoveryStatus';

const recovery = { resource: ['recovery'] };
const starts = { ...recovery, operation: ['recoverVms', 'recoverFiles'] };
const vms = { ...recovery, operation: ['recoverVms'] };
const files = { ...recovery, operation: ['recoverFiles'] };

/** The environments and actions a recovery list can be narrowed to (a selection of the API's enums). */
const ENVIRONMENTS: Array<[string, string]> = [
	['Acropolis (AHV)', 'kAcropolis'],
	['AWS', 'kAWS'],
	['Azure', 'kAzure'],
	['Generic NAS', 'kGenericNas'],
	['Hyper-V', 'kHyperV'],
	['Isilon', 'kIsilon'],
	['Microsoft 365', 'kO365'],
	['MS SQL', 'kSQL'],
	['NetApp', 'kNetapp'],
	['Oracle', 'kOracle'],
	['Physical', 'kPhysical'],
	['View', 'kView'],
	['VMware', 'kVMware'],
];
const ACTIONS: Array<[string, string]> = [
	['Clone VMs', 'CloneVMs'],
	['Download Files and Folders', 'DownloadFilesAndFolders'],
	['Instant Volume Mount', 'InstantVolumeMount'],
	['Recover Apps', 'RecoverApps'],
	['Recover Files', 'RecoverFiles'],
	['Recover NAS Volume', 'RecoverNasVolume'],
	['Recover Physical Volumes', 'RecoverPhysicalVolumes'],
	['Recover VM Disks', 'RecoverVmDisks'],
	['Recover VMs', 'RecoverVMs'],
];
const choices = (pairs: Array<[string, string]>) => pairs.map(([name, value]) => ({ name, value }));

/** The Recovery resource: its operations and their parameters. */
export function recoveryProperties(protectionGroupLocator: INodeProperties): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: recovery },
			options: [
				{ name: 'Cancel', value: 'cancel', action: 'Cancel a recovery', description: 'Cancel a recovery in progress and output it (optionally once it has ended)' },
				{ name: 'Get', value: 'get', action: 'Get a recovery', description: 'Retrieve the status of one recovery' },
				{ name: 'Get Many', value: 'getAll', action: 'Get many recoveries', description: 'Retrieve the recoveries of the cluster, newest first' },
				{
					name: 'Recover Files and Folders',
					value: 'recoverFiles',
					action: 'Recover files and folders',
					description: 'Recover files and folders of a VM or server from a protection group run, optionally waiting until done',
				},
				{ name: 'Recover VMs', value: 'recoverVms', action: 'Recover virtual machines', description: 'Recover the VMware VMs of a protection group run, optionally waiting until done' },
			],
			default: 'get',
		},
		{ ...protectionGroupLocator, displayOptions: { show: starts } },
		{
			displayName: 'Run ID',
			name: 'runId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: starts },
			placeholder: 'e.g. 880:1680005024062490',
			description: 'The run whose snapshots are recovered: "jobId" of a Get, Get Latest or Cohesity Trigger item of the same protection group',
		},
		{
			displayName: 'Recovery Name',
			name: 'recoveryName',
			type: 'string',
			default: '',
			displayOptions: { show: starts },
			description: 'The name the recovery gets under Data Protection > Recoveries; empty for a unique name such as n8n_Recover_VMs_vm-tier-1_20240315T020000_000Z_k3x9',
		},
		{
			displayName: 'VM Names',
			name: 'vmNames',
			type: 'string',
			default: '',
			displayOptions: { show: vms },
			placeholder: 'e.g. web-01, db-01',
			description: 'Recover only these VMs of the run (comma-separated); empty for every VM the run backed up',
		},
		{
			displayName: 'Recover To',
			name: 'vmRecoverTo',
			type: 'options',
			default: 'original',
			displayOptions: { show: vms },
			options: [
				{ name: 'New Location', value: 'new', description: 'A resource pool and datastores of a registered vCenter; the VMs come up without network' },
				{ name: 'Original Location', value: 'original', description: 'Where the VMs were backed up from' },
			],
		},
		...newLocationProperties(),
		{ displayName: 'Rename Prefix', name: 'renamePrefix', type: 'string', default: '', displayOptions: { show: vms }, placeholder: 'e.g. restored-', description: 'Added before the name of every recovered VM' },
		{ displayName: 'Rename Suffix', name: 'renameSuffix', type: 'string', default: '', displayOptions: { show: vms }, placeholder: 'e.g. -test', description: 'Added after the name of every recovered VM' },
		{
			displayName: 'Overwrite Existing VM',
			name: 'overwriteExistingVm',
			type: 'boolean',
			default: false,
			displayOptions: { show: { ...vms, vmRecoverTo: ['original'] } },
			description: 'Whether to replace the VM of the same name at the original location. Its data is lost; only without a rename.',
		},
		{
			displayName: 'Power Off and Rename Existing VM',
			name: 'powerOffAndRenameExistingVm',
			type: 'boolean',
			default: false,
			displayOptions: { show: { ...vms, vmRecoverTo: ['original'] } },
			description: 'Whether to power off the VM of the same name and rename it to deprecated::&lt;name&gt;, keeping it beside the recovered one',
		},
		{ displayName: 'Power On VMs', name: 'powerOnVms', type: 'boolean', default: false, displayOptions: { show: vms }, description: 'Whether to power on the VMs once recovered' },
		{
			displayName: 'Recovery Type',
			name: 'recoveryProcessType',
			type: 'options',
			default: 'InstantRecovery',
			displayOptions: { show: vms },
			options: [
				{ name: 'Copy Recovery', value: 'CopyRecovery', description: 'Copy the VM\'s disks to the datastore before it starts' },
				{ name: 'Instant Recovery', value: 'InstantRecovery', description: 'Run the VM from Cohesity at once, then move it to the datastore' },
			],
		},
		...fileProperties(),
		{
			displayName: 'Continue on Error',
			name: 'continueOnError',
			type: 'boolean',
			default: false,
			displayOptions: { show: starts },
			description: 'Whether Cohesity goes on with the other VMs, files or folders when one fails',
		},
		{
			displayName: 'Recovery ID',
			name: 'recoveryId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { ...recovery, operation: ['get', 'cancel'] } },
			placeholder: 'e.g. 4594155844987574:1679899218812:9001',
			description: 'The ID of the recovery, as "jobId" of this node\'s Recovery output',
		},
		...returnAllProperties({ show: { ...recovery, operation: ['getAll'] } }),
		{
			displayName: 'Filters',
			name: 'recoveryFilters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: { ...recovery, operation: ['getAll'] } },
			options: [
				{ displayName: 'End Time', name: 'endTime', type: 'dateTime', default: '', description: 'Only recoveries that started before this time' },
				{ displayName: 'Recovery Types', name: 'recoveryActions', type: 'multiOptions', default: [], options: choices(ACTIONS), description: 'Only recoveries of these types' },
				{ displayName: 'Source Types', name: 'snapshotEnvironments', type: 'multiOptions', default: [], options: choices(ENVIRONMENTS), description: 'Only recoveries from snapshots of these environments' },
				{ displayName: 'Start Time', name: 'startTime', type: 'dateTime', default: '', description: 'Only recoveries that started after this time' },
				{
					displayName: 'Status',
					name: 'status',
					type: 'multiOptions',
					default: [],
					options: RECOVERY_STATUSES.map((value) => ({ name: value, value })),
					description: 'Only recoveries with one of these statuses',
				},
			],
		},
		...waitProperties({ show: { ...recovery, operation: ['recoverVms', 'recoverFiles', 'get', 'cancel'] } }),
	];
}

/** Recover VMs to a New Location: the vCenter's objects, by their Cohesity object IDs. */
function newLocationProperties(): INodeProperties[] {
	const show = { show: { ...vms, vmRecoverTo: ['new'] } };
	const id = (displayName: string, name: string, description: string, required = true): INodeProperties => ({
		displayName,
		name,
		type: 'string',
		default: '',
		required,
		displayOptions: show,
		description,
	});
	return [
		id('vCenter Source ID', 'vCenterId', 'The Cohesity ID of the registered vCenter to recover to'),
		id('Resource Pool ID', 'resourcePoolId', 'The Cohesity ID of the resource pool the VMs go to'),
		id('Datastore IDs', 'datastoreIds', 'The Cohesity IDs of the datastores for the VMs\' files, comma-separated'),
		id('VM Folder ID', 'vmFolderId', 'The Cohesity ID of the VM folder; empty for the root folder', false),
	];
}

/** Recover Files and Folders: the VM or server, the paths, where they go. */
function fileProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Source Server or VM',
			name: 'sourceObject',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: files },
			placeholder: 'e.g. web-01',
			description: 'The VM or physical server of the run whose files are recovered: its name, or its Cohesity object ID',
		},
		{
			displayName: 'Files and Folders',
			name: 'paths',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			displayOptions: { show: files },
			placeholder: '/var/www/html\n/etc/nginx/nginx.conf',
			description: 'The full path of each file or folder to recover, one per line',
		},
		{
			displayName: 'Recover To',
			name: 'fileRecoverTo',
			type: 'options',
			default: 'originalServer',
			displayOptions: { show: files },
			options: [
				{ name: 'Another Folder on the Original Server', value: 'originalServer', description: 'Beside the originals, in the Target Folder' },
				{ name: 'Another Server', value: 'anotherServer', description: 'A folder of another VM or server registered in Cohesity' },
				{ name: 'Original Location', value: 'original', description: 'The files\' own paths: needs Overwrite Existing Files' },
			],
		},
		{
			displayName: 'Target Server ID',
			name: 'targetObjectId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { ...files, fileRecoverTo: ['anotherServer'] } },
			description: 'The Cohesity object ID of the VM or server to recover to (its Cohesity agent does the copy)',
		},
		{
			displayName: 'Target Folder',
			name: 'targetPath',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { ...files, fileRecoverTo: ['originalServer', 'anotherServer'] } },
			placeholder: 'e.g. /tmp/restored',
			description: 'The full path of the folder the files and folders are recovered into',
		},
		{
			displayName: 'Overwrite Existing Files',
			name: 'overwriteExisting',
			type: 'boolean',
			default: false,
			displayOptions: { show: files },
			description: 'Whether files that exist at the target are replaced. Off: they are kept and skipped.',
		},
		{
			displayName: 'Preserve Attributes',
			name: 'preserveAttributes',
			type: 'boolean',
			default: true,
			displayOptions: { show: files },
			description: 'Whether the files keep their original attributes (owner, permissions, times)',
		},
	];
}
