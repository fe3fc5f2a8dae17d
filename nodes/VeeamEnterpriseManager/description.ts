import type { INodeProperties } from 'n8n-workflow';

import { ifAlreadyRunningProperty, optionsProperty, simplifyProperty, waitProperties } from '../shared/properties';
import { BACKUP_JOB_SESSION_FILTERS, CDP_TASK_SESSION_FILTERS, filterProperties } from './queryFilters';
import { restoreOperations, restoreProperties } from './restoreDescription';
import { getManyProperties, sessionIdField } from './sessionDescription';

const cdp = { resource: ['cdpReplicaTaskSession'] };
const backup = { resource: ['backupJobSession'] };
const backupJob = { resource: ['backupJob'] };

/** The job of Get Latest and of the trigger: From List (the query API's jobs) or By ID. */
export function jobLocator(description: string, show?: Record<string, string[]>, required = true): INodeProperties {
	return {
		displayName: 'Job',
		name: 'job',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		...(show ? { displayOptions: { show } } : {}),
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchJobs', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 4856ab37-2235-45e8-affe-d515878b01a9 or urn:veeam:Job:…' },
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
			{ name: 'Backup Job Session', value: 'backupJobSession' },
			{ name: 'CDP Replica Task Session', value: 'cdpReplicaTaskSession' },
			{ name: 'Restore Point', value: 'restorePoint' },
			{ name: 'Restore Session', value: 'restoreSession' },
		],
		default: 'cdpReplicaTaskSession',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: cdp },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a CDP replica task session',
				description: 'Retrieve one CDP replication task session (GET /cdpReplicaTaskSessions/{ID})',
			},
			{ name: 'Get Many', value: 'getAll', action: 'Get many CDP replica task sessions', description: 'Retrieve CDP replication task sessions through the query API' },
		],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: backup },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a backup job session', description: 'Retrieve one backup job session (GET /backupSessions/{ID})' },
			{ name: 'Get Latest', value: 'getLatest', action: 'Get the latest session of a job', description: 'Retrieve the newest session of a backup job' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many backup job sessions', description: 'Retrieve backup job sessions through the query API' },
		],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: backupJob },
		options: [
			{ name: 'Retry', value: 'retry', action: 'Retry a backup job', description: 'Run the failed VMs of the job\'s last session again, and output the new session' },
			{ name: 'Start', value: 'start', action: 'Start a backup job', description: 'Run the job now and output its new session, optionally once it has finished' },
			{ name: 'Stop', value: 'stop', action: 'Stop a backup job', description: 'Stop the job\'s running session and output it, optionally once it has stopped' },
		],
		default: 'start',
	},
	...restoreOperations,
	jobLocator('The backup job, as listed under Jobs in Enterprise Manager', backupJob),
	// Enterprise Manager refuses to start a job that runs, so "Start Another" is not offered
	ifAlreadyRunningProperty({ show: { ...backupJob, operation: ['start', 'retry'] } }, false),
	sessionIdField(cdp, 'CdpReplicaTaskSession', '2ec4d35f-b5d8-4cb3-9d11-12e1d5792625'),
	sessionIdField(backup, 'BackupJobSession', 'd46e39e0-1131-4585-91a7-e828ce7eafae'),
	jobLocator('The backup job whose newest session to read', { ...backup, operation: ['getLatest'] }),
	...getManyProperties(cdp, filterProperties(CDP_TASK_SESSION_FILTERS)),
	...getManyProperties(backup, filterProperties(BACKUP_JOB_SESSION_FILTERS)),
	...restoreProperties,
	...waitProperties({ show: { operation: ['get', 'getLatest', 'start', 'stop', 'retry', 'restoreVm'] } }),
	simplifyProperty({}),
	{
		...optionsProperty,
		options: ([
			...((optionsProperty.options ?? []) as INodeProperties[]),
			{
				displayName: 'Response Format',
				name: 'responseFormat',
				type: 'options',
				default: 'json',
				options: [
					{ name: 'JSON', value: 'json' },
					{ name: 'XML', value: 'xml' },
				],
				description: 'What the node asks Enterprise Manager to answer with (Accept; XML is the server default); the items are the same',
			},
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];
