import { type IDataObject, type IDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { formatIsoUtc } from '../shared/time';
import { requireDateTime } from '../shared/validate';
import { requireGuid } from './ids';

/** Session types of `typeFilter` (ESessionType), the ones of jobs and restores users look for. */
const SESSION_TYPES = ['BackupJob', 'ReplicaJob', 'ConfigurationBackup', 'RestoreVm', 'InstantRecovery', 'FileLevelRestore', 'QuickMigration', 'RepositoryMaintenance', 'Infrastructure', 'Automation'];
const STATES = ['Idle', 'Pausing', 'Postprocessing', 'Resuming', 'Starting', 'Stopped', 'Stopping', 'WaitingRepository', 'WaitingSlot', 'WaitingTape', 'Working'];
const RESULTS = ['Failed', 'None', 'Success', 'Warning'];

const optionsOf = (values: string[]) => values.map((value) => ({ name: value.replace(/([a-z])([A-Z])/g, '$1 $2'), value }));

const dateFilter = (displayName: string, name: string, description: string): INodeProperties => ({ displayName, name, type: 'dateTime', default: '', description });

/** Get Many's Filters and Sort, as `GET /api/v1/sessions` takes them. */
export function sessionFilterProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions,
			options: [
				dateFilter('Created After', 'createdAfter', 'Sessions created after this time (createdAfterFilter)'),
				dateFilter('Created Before', 'createdBefore', 'Sessions created before this time (createdBeforeFilter)'),
				dateFilter('Ended After', 'endedAfter', 'Sessions that ended after this time (endedAfterFilter)'),
				dateFilter('Ended Before', 'endedBefore', 'Sessions that ended before this time (endedBeforeFilter)'),
				{ displayName: 'Job ID', name: 'jobId', type: 'string', default: '', placeholder: 'e.g. 4856ab37-2235-45e8-affe-d515878b01a9', description: 'Sessions of this job only (jobIdFilter)' },
				{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. SQL*', description: 'Sessions whose name matches; * stands for any characters at the start or the end (nameFilter)' },
				{ displayName: 'Result', name: 'result', type: 'options', default: 'Failed', options: optionsOf(RESULTS), description: 'Sessions with this result (resultFilter)' },
				{ displayName: 'Session Type', name: 'type', type: 'multiOptions', default: [], options: optionsOf(SESSION_TYPES), description: 'Sessions of these types (typeFilter)' },
				{ displayName: 'State', name: 'state', type: 'options', default: 'Working', options: optionsOf(STATES), description: 'Sessions in this state (stateFilter)' },
			],
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'options',
			default: 'newestFirst',
			displayOptions,
			options: [
				{ name: 'Newest First', value: 'newestFirst', description: 'By creation time, the latest session first' },
				{ name: 'Oldest First', value: 'oldestFirst', description: 'By creation time, the earliest session first' },
			],
		},
	];
}

/** A date-time filter as the API compares it: ISO 8601 UTC. Zone-less values are in the workflow's zone. */
function isoOf(ctx: IExecuteFunctions, value: unknown, field: string, i: number): string {
	return formatIsoUtc(requireDateTime(ctx, value, field, i, ctx.getTimezone()));
}

const given = (value: unknown) => value !== undefined && value !== null && String(value).trim() !== '';

/** The item's Filters and Sort as query parameters, checked before any request. */
export function sessionQuery(ctx: IExecuteFunctions, i: number): IDataObject {
	const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = { orderColumn: 'CreationTime', orderAsc: ctx.getNodeParameter('sort', i, 'newestFirst') === 'oldestFirst' };
	const dates: Array<[string, string, string]> = [
		['createdAfter', 'createdAfterFilter', 'Created After'],
		['createdBefore', 'createdBeforeFilter', 'Created Before'],
		['endedAfter', 'endedAfterFilter', 'Ended After'],
		['endedBefore', 'endedBeforeFilter', 'Ended Before'],
	];
	for (const [name, param, label] of dates) if (given(filters[name])) qs[param] = isoOf(ctx, filters[name], label, i);
	if (given(filters.jobId)) qs.jobIdFilter = requireGuid(ctx, filters.jobId, 'Job ID filter', i);
	if (given(filters.name)) qs.nameFilter = String(filters.name).trim();
	if (given(filters.state)) qs.stateFilter = String(filters.state);
	if (given(filters.result)) qs.resultFilter = String(filters.result);
	const types = Array.isArray(filters.type) ? filters.type.map(String).filter((t) => t !== '') : given(filters.type) ? String(filters.type).split(',').map((t) => t.trim()) : [];
	if (types.length > 0) qs.typeFilter = types;
	return qs;
}
