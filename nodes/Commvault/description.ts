import type { INodeProperties } from 'n8n-workflow';

import { ifAlreadyRunningProperty, optionsProperty, returnAllProperties, simplifyProperty, waitProperties } from '../shared/properties';
import { restoreProperties } from './restoreDescription';

const job = { resource: ['job'] };
const subclient = { resource: ['subclient'] };
/** Job operations that act on one job by its ID. */
const ON_A_JOB = ['get', 'kill', 'suspend', 'resume', 'resubmit'];
const drJob = { resource: ['drGroupJob'] };
const drGroup = { resource: ['drGroup'] };

/** The editor's check of a By ID value: Commvault's ids are whole numbers. */
function wholeNumber(what: string) {
	return { type: 'regex' as const, properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `The ${what} is a whole number, e.g. 7` } };
}

/** A From List / By ID picker of Subclient → Back Up. */
function subclientLocator(displayName: string, name: string, searchListMethod: string, placeholder: string, description: string, required = false): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		displayOptions: { show: subclient },
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder, validation: [wholeNumber(`${displayName} ID`)] },
		],
	};
}

function idField(displayName: string, name: string, description: string, show: Record<string, string[]>, required = false): INodeProperties {
	return { displayName, name, type: 'string', default: '', required, displayOptions: { show }, placeholder: 'e.g. 2416', description };
}

/** The job types of the Job Type filter, as `jobFilter` takes them (reference §3, Get job list). */
const JOB_TYPES = [
	['Auxiliary Copy', 'AUXCOPY'],
	['Backup', 'Backup'],
	['DR Orchestration', 'DRORCHESTRATION'],
	['Replication', 'REPLICATION'],
	['Restore', 'Restore'],
	['Snap Backup', 'SNAPBACKUP'],
	['Synthetic Full', 'SYNTHFULL'],
	['Workflow', 'WORKFLOW'],
] as const;

export const jobTypeProperty: INodeProperties = {
	displayName: 'Job Types',
	name: 'jobTypes',
	type: 'multiOptions',
	default: [],
	options: JOB_TYPES.map(([name, value]) => ({ name, value })),
	description: 'Only jobs of these types; none selected means every type',
};

export const clientIdProperty: INodeProperties = {
	displayName: 'Client ID',
	name: 'clientId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2',
	description: 'Only jobs of this client (its ID, as "subclient.clientId" of a job); empty for every client',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'DR Group', value: 'drGroup' },
			{ name: 'DR Group Job', value: 'drGroupJob' },
			{ name: 'Job', value: 'job' },
			{ name: 'Restore', value: 'restore' },
			{ name: 'Subclient', value: 'subclient' },
		],
		default: 'job',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: subclient },
		options: [
			{
				name: 'Back Up',
				value: 'backup',
				action: 'Back up a subclient',
				description: 'Run a backup of the subclient now and output its job, optionally once it has finished',
			},
		],
		default: 'backup',
	},
	subclientLocator('Client', 'client', 'searchClients', 'e.g. 2', 'The client (server) whose subclients the Subclient list shows; not needed for a Subclient given By ID'),
	// the name stays subclientId: workflows saved when it took a plain ID keep working
	subclientLocator(
		'Subclient',
		'subclientId',
		'searchSubclients',
		'e.g. 7',
		'The subclient to back up: from the list of the Client\'s subclients (agent › backup set › subclient), or its ID, as "subclient.subclientId" of its jobs',
		true,
	),
	{
		displayName: 'Backup Level',
		name: 'backupLevel',
		type: 'options',
		default: 'Incremental',
		displayOptions: { show: subclient },
		options: [
			{ name: 'Differential', value: 'Differential' },
			{ name: 'Full', value: 'Full' },
			{ name: 'Incremental', value: 'Incremental' },
			{ name: 'Synthetic Full', value: 'Synthetic_Full' },
		],
	},
	...restoreProperties,
	// Commvault queues a second backup of a subclient behind the first, so Start Another is offered
	ifAlreadyRunningProperty({ show: subclient }, true),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: job },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a job', description: 'Retrieve the status of one job (GET /Job/{jobId})' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many jobs', description: 'Retrieve the jobs of a lookup window, newest first' },
			{ name: 'Kill', value: 'kill', action: 'Kill a job', description: 'Stop a job for good; it ends Killed' },
			{ name: 'Resubmit', value: 'resubmit', action: 'Resubmit a job', description: 'Run a job again as a new job, and output the new job' },
			{ name: 'Resume', value: 'resume', action: 'Resume a job', description: 'Resume a suspended job' },
			{ name: 'Suspend', value: 'suspend', action: 'Suspend a job', description: 'Pause a running job until it is resumed' },
		],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: drJob },
		options: [
			{
				name: 'Get Statistics',
				value: 'getStatistics',
				action: 'Get DR group job statistics',
				description: 'Retrieve the phases of a DR (failover) job for each replicated VM',
			},
		],
		default: 'getStatistics',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: drGroup },
		options: [{ name: 'Get Many', value: 'getAll', action: 'Get many DR groups', description: 'Retrieve the DR (failover) groups' }],
		default: 'getAll',
	},
	idField('Job ID', 'jobId', 'The job ID, as shown in the Job Monitor of the Command Center', { ...job, operation: ON_A_JOB }, true),
	idField(
		'Job ID',
		'drJobId',
		'The DR job ID; empty to list the statistics of every DR job (required to wait)',
		{ ...drJob, operation: ['getStatistics'] },
	),
	{
		displayName: 'DR Group',
		name: 'drGroupId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		displayOptions: { show: drJob },
		description: 'The DR (failover) group, as listed under Disaster Recovery > Failover Groups; empty for every group',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchDrGroups', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 38' },
		],
	},
	idField('Replication ID', 'replicationId', 'The replication set ID from the DR group properties; empty for every one', drJob),
	idField('Client ID', 'drClientId', 'The VM (client) ID from the DR group properties; empty for every one', drJob),
	...returnAllProperties({ show: { ...job, operation: ['getAll'] } }),
	{
		displayName: 'Job Category',
		name: 'jobCategory',
		type: 'options',
		default: 'All',
		displayOptions: { show: { ...job, operation: ['getAll'] } },
		options: [
			{ name: 'Active', value: 'Active' },
			{ name: 'All', value: 'All' },
			{ name: 'Finished', value: 'Finished' },
		],
	},
	{
		displayName: 'Lookup Window (Hours)',
		name: 'lookupHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 8760 },
		default: 24,
		displayOptions: { show: { ...job, operation: ['getAll'] } },
		description: 'Finished jobs of this many past hours; always sent, so a list never spans the server default of a year',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...job, operation: ['getAll'] } },
		options: [clientIdProperty, jobTypeProperty],
	},
	...waitProperties({ show: { resource: ['job', 'drGroupJob', 'subclient'], operation: [...ON_A_JOB, 'getStatistics', 'backup'] } }),
	simplifyProperty({ show: { resource: ['job', 'drGroupJob', 'subclient', 'restore'] } }),
	{
		...optionsProperty,
		options: ([
			...((optionsProperty.options ?? []) as INodeProperties[]),
			{
				displayName: 'API Version',
				name: 'apiVersion',
				type: 'options',
				default: 'auto',
				options: [
					{ name: 'Automatic', value: 'auto', description: 'Try DR/JobStats and FailoverGroups, and the older paths on 404' },
					{ name: 'SP31 and Later', value: 'current', description: 'DR/JobStats and FailoverGroups' },
					{ name: 'SP30 and Earlier', value: 'legacy', description: 'DRGroups/JobStats and DRGroups' },
				],
				description: 'Which paths the DR calls use; the service pack of the CommServe decides',
			},
			{
				displayName: 'Response Format',
				name: 'responseFormat',
				type: 'options',
				default: 'json',
				options: [
					{ name: 'JSON', value: 'json' },
					{ name: 'XML', value: 'xml' },
				],
				description: 'What the node asks Commvault to answer with (Accept); the items are the same',
			},
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];
