import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { recoveryProperties } from './recoveryDescription';
import { RECOVERY_STATUSES } from './recoveryStatus';
import { ifAlreadyRunningProperty, optionsProperty, returnAllProperties, simplifyProperty, waitProperties } from '../shared/properties';

const run = { resource: ['protectionGroupRun'] };
const group = { resource: ['protectionGroup'] };

/** The documented run-part status values, as the `*RunStatus` filters take them: a recovery's, and Paused. */
const RUN_STATUSES = [...RECOVERY_STATUSES, 'Paused'].sort();

const statusOptions: INodePropertyOptions[] = RUN_STATUSES.map((value) => ({ name: value, value }));

function statusFilter(displayName: string, name: string, part: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		options: statusOptions,
		default: [],
		description: `Only runs whose ${part} has one of these statuses`,
	};
}

/** Which parts of a run decide its state; the trigger shows it too, so both read runs alike. */
export const statusScopeProperty: INodeProperties = {
	displayName: 'Status Scope',
	name: 'statusScope',
	type: 'options',
	default: 'localBackup',
	options: [
		{
			name: 'Local Backup',
			value: 'localBackup',
			description: 'The run is finished when its local snapshot is: a restore can start then',
		},
		{
			name: 'All Copies',
			value: 'allCopies',
			description: 'The run is finished when every replication, archival and CloudSpin copy is too; its state is the worst part',
		},
	],
	description: 'Which parts of a run decide its state',
};

/** The protection group, for its runs and for Run Now. */
const protectionGroupLocator: INodeProperties = {
	displayName: 'Protection Group',
	name: 'protectionGroupId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The protection group, as listed under Data Protection > Protection in Cohesity',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchProtectionGroups', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 4594155844987574:1679899218812:880',
		},
	],
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Protection Group', value: 'protectionGroup' },
			{ name: 'Protection Group Run', value: 'protectionGroupRun' },
			{ name: 'Recovery', value: 'recovery' },
		],
		default: 'protectionGroupRun',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: run },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a protection group run',
				description: 'Cancel a run in progress and output it (optionally once it has ended)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a protection group run',
				description: 'Retrieve the status of one run of a protection group',
			},
			{
				name: 'Get Latest',
				value: 'getLatest',
				action: 'Get the latest run of a protection group',
				description: 'Retrieve the status of the newest run of a protection group',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many protection group runs',
				description: 'Retrieve the runs of a protection group, newest first',
			},
		],
		default: 'getLatest',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: group },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many protection groups',
				description: 'Retrieve the protection groups of the cluster',
			},
			{
				name: 'Run Now',
				value: 'runNow',
				action: 'Run a protection group now',
				description: 'Start a run of the protection group now and output it, optionally once it has finished',
			},
		],
		default: 'getAll',
	},
	{ ...protectionGroupLocator, displayOptions: { show: run } },

	{
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...run, operation: ['get', 'cancel'] } },
		placeholder: 'e.g. 880:1680005024062490',
		description: 'The ID of the run: the job number and the run start time in microseconds, as "jobId" of this node\'s output',
	},
	...returnAllProperties({ show: { ...run, operation: ['getAll'] } }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...run, operation: ['getAll'] } },
		options: [
			statusFilter('Archival Status', 'archivalRunStatus', 'archival'),
			statusFilter('CloudSpin Status', 'cloudSpinRunStatus', 'CloudSpin copy'),
			{
				displayName: 'End Time',
				name: 'endTime',
				type: 'dateTime',
				default: '',
				description: 'Only runs that started before this time',
			},
			{
				displayName: 'Exclude Non-Restorable Runs',
				name: 'excludeNonRestorableRuns',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out runs that have no unexpired snapshot left',
			},
			{
				displayName: 'Filter by End Time',
				name: 'filterByEndTime',
				type: 'boolean',
				default: false,
				description: 'Whether Start Time and End Time apply to the end of the backup instead of its start',
			},
			{
				displayName: 'Include Object Details',
				name: 'includeObjectDetails',
				type: 'boolean',
				default: false,
				description: 'Whether to include the result of every protected object (large answers; needs Simplify off to be seen)',
			},
			{
				displayName: 'Include Tenants',
				name: 'includeTenants',
				type: 'boolean',
				default: false,
				description: 'Whether to include the runs of every tenant the account can see',
			},
			statusFilter('Local Backup Status', 'localBackupRunStatus', 'local backup'),
			statusFilter('Replication Status', 'replicationRunStatus', 'replication'),
			{
				displayName: 'Run Tags',
				name: 'runTags',
				type: 'string',
				default: '',
				placeholder: 'e.g. nightly,manual',
				description: 'Only runs with one of these tags, comma-separated',
			},
			{
				displayName: 'Run Types',
				name: 'runTypes',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'CDP Hydration', value: 'kHydrateCDP' },
					{ name: 'Full', value: 'kFull' },
					{ name: 'Log', value: 'kLog' },
					{ name: 'Regular (Incremental)', value: 'kRegular' },
					{ name: 'Storage Array Snapshot', value: 'kStorageArraySnapshot' },
					{ name: 'System', value: 'kSystem' },
				],
				description: 'Only runs of these types',
			},
			{
				displayName: 'Start Time',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description: 'Only runs that started after this time',
			},
			{
				displayName: 'Tenant IDs',
				name: 'tenantIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. tenant1/,tenant2/',
				description: 'Only runs of these tenants, comma-separated',
			},
		],
	},
	...returnAllProperties({ show: { ...group, operation: ['getAll'] } }),
	{
		displayName: 'Filters',
		name: 'groupFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...group, operation: ['getAll'] } },
		options: [
			{
				displayName: 'Include Inactive',
				name: 'includeInactive',
				type: 'boolean',
				default: false,
				description: 'Whether to include inactive groups, such as the copies of replicated groups on a target cluster',
			},
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				description: 'Only groups whose name contains this text (not case-sensitive)',
			},
		],
	},
	...runNowProperties({ show: { ...group, operation: ['runNow'] } }),
	...recoveryProperties(protectionGroupLocator),
	// A recovery has no copies: its own status is its state.
	{ ...statusScopeProperty, displayOptions: { show: { resource: ['protectionGroupRun', 'protectionGroup'] } } },
	...waitProperties({ show: { ...run, operation: ['get', 'getLatest', 'cancel'] } }),
	...waitProperties({ show: { ...group, operation: ['runNow'] } }),
	simplifyProperty({ show: { resource: ['protectionGroupRun', 'protectionGroup', 'recovery'] } }),
	optionsProperty,
];

/** Run Now: the group (the same locator as for its runs), the run type, some objects, If Already Running. */
function runNowProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{ ...protectionGroupLocator, displayOptions },
		{
			displayName: 'Run Type',
			name: 'runType',
			type: 'options',
			default: 'kRegular',
			displayOptions,
			options: [
				{ name: 'Full', value: 'kFull' },
				{ name: 'Log', value: 'kLog', description: 'Databases: back up the transaction logs' },
				{ name: 'Regular (Incremental)', value: 'kRegular' },
				{ name: 'System', value: 'kSystem', description: 'Physical servers: a bare-metal recovery backup' },
			],
		},
		{
			displayName: 'Object IDs',
			name: 'objectIds',
			type: 'string',
			default: '',
			displayOptions,
			placeholder: 'e.g. 1234, 1235',
			description: 'Back up only these objects of the group (their IDs, comma-separated); empty for the whole group',
		},
		// a group with a run in progress refuses another run, so "Start Another" is not offered
		ifAlreadyRunningProperty(displayOptions, false),
	];
}
