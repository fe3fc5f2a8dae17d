import type { INodeProperties } from 'n8n-workflow';

import { ifAlreadyRunningProperty, optionsProperty, returnAllProperties, simplifyProperty, waitProperties } from '../shared/properties';
import { cbrProperties } from './cbrDescription';
import { diskBackupProperties } from './diskBackupDescription';
import { TASK_STATUSES } from './status';
import { MAX_TASK_LIMIT } from './transport';

const task = { resource: ['backupPolicyTask'] };
const job = { resource: ['backupJob'] };
const policy = { resource: ['backupPolicy'] };
const runNow = { resource: ['backupPolicy'], operation: ['runNow'] };

const STATUS_NAMES: Record<(typeof TASK_STATUSES)[number], string> = {
	WAITING: 'Waiting',
	RUNNING: 'Running',
	EXECUTE_SUCCESS: 'Execute Success',
	EXECUTE_FAIL: 'Execute Fail',
	EXECUTE_TIMEOUT: 'Execute Timeout',
	SKIP: 'Skip',
};

/** The Backup Policy locator, for the node's task operations and the trigger. */
export function policyProperty(show: Record<string, string[]> | undefined, required: boolean, description: string): INodeProperties {
	return {
		displayName: 'Backup Policy',
		name: 'policyId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		...(show ? { displayOptions: { show } } : {}),
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchBackupPolicies', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. af8a20b0-117d-4fc3-ae53-aa3968a4f870' },
		],
	};
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Backup Job', value: 'backupJob' },
			{ name: 'Backup Policy', value: 'backupPolicy' },
			{ name: 'Backup Policy Task', value: 'backupPolicyTask' },
			{ name: 'CBR Backup', value: 'cbrBackup' },
			{ name: 'CBR Task', value: 'cbrTask' },
			{ name: 'CBR Vault', value: 'cbrVault' },
			{ name: 'Disk Backup', value: 'diskBackup' },
		],
		default: 'backupPolicyTask',
	},
	...diskBackupProperties,
	...cbrProperties,
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: task },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a backup policy task', description: 'Retrieve one task of a policy by its job ID' },
			{ name: 'Get Latest', value: 'getLatest', action: 'Get the latest backup policy task', description: 'Retrieve the newest task of a policy' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many backup policy tasks',
				description: 'Retrieve the tasks of a policy (GET /v2/{project_id}/backuppolicy/{policy_id}/backuptasks)',
			},
		],
		default: 'getLatest',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: policy },
		options: [
			{ name: 'Get Many', value: 'getAll', action: 'Get many backup policies', description: 'Retrieve the backup policies of the project' },
			{
				name: 'Run Now',
				value: 'runNow',
				action: 'Run a backup policy now',
				description: 'Back up every disk of the policy now and output its new tasks (one item per disk), optionally once they have finished',
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: job },
		options: [{ name: 'Get', value: 'get', action: 'Get a backup job', description: 'Retrieve the status of a VBS job (GET /v1/{project_id}/jobs/{job_id})' }],
		default: 'get',
	},
	policyProperty(task, true, 'The backup policy, as listed under Volume Backup Service > Backup Policies'),
	policyProperty(runNow, true, 'The backup policy to run: every disk associated with it is backed up'),
	// VBS runs a policy once at a time (AutoBackup.0225), so Start Another is not offered
	ifAlreadyRunningProperty({ show: runNow }, false),
	{
		displayName: 'Task Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...task, operation: ['get'] } },
		placeholder: 'e.g. 0781095c-b8ab-4ce5-99f3-4c5f6ff75319',
		description: 'The job_id of the task, as "jobId" of a Get Many or Get Latest item',
	},
	{
		displayName: 'VBS Job ID',
		name: 'vbsJobId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: job },
		placeholder: 'e.g. 4010b39b5281d3590152874bfa3b1604',
		description: 'The VBS job ID: "vbs_job_id" in the details of a task (Simplify off), or the job_id a backup request returned',
	},
	...returnAllProperties({ show: { ...task, operation: ['getAll'] } }).map((p) =>
		p.name === 'limit' ? { ...p, typeOptions: { minValue: 1, maxValue: MAX_TASK_LIMIT }, description: `Max number of results to return (up to ${MAX_TASK_LIMIT}, in one request)` } : p,
	),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...task, operation: ['getAll'] } },
		options: [
			{ displayName: 'Job ID', name: 'jobId', type: 'string', default: '', description: 'Only the task with this job_id' },
			{
				displayName: 'Marker',
				name: 'marker',
				type: 'string',
				default: '',
				description: 'Start after the task with this job_id (keyset paging, as the API takes it)',
			},
			{ displayName: 'Offset', name: 'offset', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Skip this many tasks first' },
			{
				displayName: 'Sort Direction',
				name: 'sortDir',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
			},
			{
				displayName: 'Sort Key',
				name: 'sortKey',
				type: 'options',
				default: 'created_at',
				options: [{ name: 'Created At', value: 'created_at' }],
				description: 'The API sorts by creation time only',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'EXECUTE_FAIL',
				options: TASK_STATUSES.map((value) => ({ name: STATUS_NAMES[value], value })),
				description: 'Only tasks in this status',
			},
		],
	},
	...waitProperties({ show: { resource: ['backupPolicyTask', 'backupJob'], operation: ['get', 'getLatest'] } }),
	...waitProperties({ show: runNow }),
	simplifyProperty({ show: { resource: ['backupPolicyTask', 'backupJob', 'diskBackup'] } }),
	simplifyProperty({ show: runNow }),
	optionsProperty,
];
