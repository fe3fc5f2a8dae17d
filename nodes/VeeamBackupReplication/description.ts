import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { ifAlreadyRunningProperty, optionsProperty, returnAllProperties, simplifyProperty, waitProperties } from '../shared/properties';
import { sessionFilterProperties } from './sessionFilters';

const session = { resource: ['session'] };
const job = { resource: ['job'] };

/** The job of Get Latest, the actions and the trigger: From List (the server's jobs) or By ID. */
export function jobLocator(description: string, displayOptions?: IDisplayOptions, required = true): INodeProperties {
	return {
		displayName: 'Job',
		name: 'job',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		...(displayOptions ? { displayOptions } : {}),
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchJobs', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 4856ab37-2235-45e8-affe-d515878b01a9' },
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
			{ name: 'Job', value: 'job' },
			{ name: 'Session', value: 'session' },
		],
		default: 'session',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: session },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a session', description: 'Retrieve one session by its ID' },
			{ name: 'Get Latest', value: 'getLatest', action: 'Get the latest session of a job', description: 'Retrieve the newest session of a job' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many sessions', description: 'Retrieve sessions, newest first, with filters' },
		],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: job },
		options: [
			{ name: 'Get Many', value: 'getAll', action: 'Get many jobs', description: 'Retrieve the jobs of the backup server' },
			{ name: 'Get State', value: 'getState', action: 'Get the state of a job', description: 'Retrieve a job\'s status, last result, last and next run' },
			{ name: 'Retry', value: 'retry', action: 'Retry a job', description: 'Run the failed objects of the job\'s last session again, and output the new session' },
			{ name: 'Start', value: 'start', action: 'Start a job', description: 'Run the job now and output its new session, optionally once it has finished' },
			{ name: 'Stop', value: 'stop', action: 'Stop a job', description: 'Stop the job\'s running session and output it, optionally once it has stopped' },
		],
		default: 'getAll',
	},
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...session, operation: ['get'] } },
		placeholder: 'e.g. 2ec4d35f-b5d8-4cb3-9d11-12e1d5792625',
		description: 'The session ID: the jobId of an earlier item of this node, or the ID the API gives',
	},
	jobLocator('The job whose newest session to read', { show: { ...session, operation: ['getLatest'] } }),
	jobLocator('The job, as listed under Home > Jobs in the console', { show: { ...job, operation: ['getState', 'start', 'stop', 'retry'] } }),
	// Backup & Replication refuses to start a job that runs, so "Start Another" is not offered
	ifAlreadyRunningProperty({ show: { ...job, operation: ['start', 'retry'] } }, false),
	...returnAllProperties({ show: { ...session, operation: ['getAll'] } }),
	...sessionFilterProperties({ show: { ...session, operation: ['getAll'] } }),
	...returnAllProperties({ show: { ...job, operation: ['getAll'] } }),
	{
		displayName: 'Filters',
		name: 'jobFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...job, operation: ['getAll'] } },
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. SQL*',
				description: 'Jobs whose name matches; * stands for any characters at the start or the end',
			},
		],
	},
	...waitProperties({ show: { operation: ['get', 'getLatest', 'start', 'stop', 'retry'] } }),
	// Job → Get Many and Get State output the API's records as they are: no Simplify there
	simplifyProperty({ show: session }),
	simplifyProperty({ show: { ...job, operation: ['start', 'stop', 'retry'] } }),
	optionsProperty,
];
