import type { INodeProperties } from 'n8n-workflow';

/**
 * The Get Many filters of each session type, as one table: the field the user sees, the query field
 * it filters, and how. The node's properties and the filter it sends both come from here.
 */
export interface FilterField {
	displayName: string;
	/** The parameter's name inside the Filters collection. */
	name: string;
	/** The query API's field. */
	field: string;
	kind: 'text' | 'anyOf' | 'after' | 'before' | 'boolean';
	options?: ReadonlyArray<readonly [string, string]>;
	description: string;
}

const RESULTS = [['Failed', 'Failed'], ['Success', 'Success'], ['Warning', 'Warning']] as const;

export const CDP_TASK_SESSION_FILTERS: FilterField[] = [
	{ displayName: 'Backup Server Name', name: 'backupServerName', field: 'BackupServerName', kind: 'text', description: 'Only sessions of this backup server' },
	{ displayName: 'Backup Server UID', name: 'backupServerUid', field: 'BackupServerUid', kind: 'text', description: 'Only sessions of this backup server (urn:veeam:BackupServer:…)' },
	{ displayName: 'Created After', name: 'createdAfter', field: 'CreationTimeUTC', kind: 'after', description: 'Only sessions that started at or after this time' },
	{ displayName: 'Created Before', name: 'createdBefore', field: 'CreationTimeUTC', kind: 'before', description: 'Only sessions that started at or before this time' },
	{ displayName: 'Ended After', name: 'endedAfter', field: 'EndTimeUTC', kind: 'after', description: 'Only sessions that ended at or after this time' },
	{ displayName: 'Ended Before', name: 'endedBefore', field: 'EndTimeUTC', kind: 'before', description: 'Only sessions that ended at or before this time' },
	{ displayName: 'Name', name: 'name', field: 'Name', kind: 'text', description: 'The session name exactly, e.g. virt03-ubuntu01@2021-02-12 00:00:10' },
	{ displayName: 'Policy Session Name', name: 'policySessionName', field: 'PolicySessionName', kind: 'text', description: 'Only task sessions of this CDP policy session' },
	{ displayName: 'Policy Session UID', name: 'policySessionUid', field: 'PolicySessionUid', kind: 'text', description: 'Only task sessions of this CDP policy session (urn:veeam:CdpReplicaSession:…)' },
	{ displayName: 'Reason', name: 'reason', field: 'Reason', kind: 'text', description: 'The reason text exactly' },
	{
		displayName: 'State',
		name: 'state',
		field: 'State',
		kind: 'anyOf',
		options: [['Completed', 'Completed'], ['In Progress', 'InProgress'], ['Pending', 'Pending']],
		description: 'Only sessions in one of these states; none selected means every state',
	},
	{ displayName: 'VM Display Name', name: 'vmDisplayName', field: 'VmDisplayName', kind: 'text', description: 'Only task sessions of this VM' },
];

export const BACKUP_JOB_SESSION_FILTERS: FilterField[] = [
	{ displayName: 'Backup Server Name', name: 'backupServerName', field: 'BackupServerName', kind: 'text', description: 'Only sessions of this backup server' },
	{ displayName: 'Created After', name: 'createdAfter', field: 'CreationTime', kind: 'after', description: 'Only sessions that started at or after this time' },
	{ displayName: 'Created Before', name: 'createdBefore', field: 'CreationTime', kind: 'before', description: 'Only sessions that started at or before this time' },
	{ displayName: 'Ended After', name: 'endedAfter', field: 'EndTime', kind: 'after', description: 'Only sessions that ended at or after this time' },
	{ displayName: 'Ended Before', name: 'endedBefore', field: 'EndTime', kind: 'before', description: 'Only sessions that ended at or before this time' },
	{ displayName: 'Is Retry', name: 'isRetry', field: 'IsRetry', kind: 'boolean', description: 'Whether to list only retries (on) or only first runs (off)' },
	{ displayName: 'Job Name', name: 'jobName', field: 'JobName', kind: 'text', description: 'The job name exactly as in the console; any character is safe, it is quoted' },
	{
		displayName: 'Job Type',
		name: 'jobType',
		field: 'JobType',
		kind: 'anyOf',
		options: [
			['Agent Backup', 'AgentBackup'],
			['Agent Management', 'AgentManagement'],
			['Backup', 'Backup'],
			['Backup Copy', 'BackupCopy'],
			['Immediate Backup Copy', 'ImmediateBackupCopy'],
			['NAS Backup', 'NasBackup'],
		],
		description: 'Only sessions of jobs of these types; none selected means every type',
	},
	{ displayName: 'Result', name: 'result', field: 'Result', kind: 'anyOf', options: RESULTS, description: 'Only sessions with one of these results; none selected means every result' },
	{
		displayName: 'State',
		name: 'state',
		field: 'State',
		kind: 'anyOf',
		options: [['Pausing', 'Pausing'], ['Resuming', 'Resuming'], ['Starting', 'Starting'], ['Stopped', 'Stopped'], ['Stopping', 'Stopping'], ['Working', 'Working']],
		description: 'Only sessions in one of these states; none selected means every state',
	},
];

/** `GET /query?type=RestoreSession` (reference: its optional parameters). */
export const RESTORE_SESSION_FILTERS: FilterField[] = [
	{ displayName: 'Backup Server Name', name: 'backupServerName', field: 'BackupServerName', kind: 'text', description: 'Only sessions of this backup server' },
	{ displayName: 'Created After', name: 'createdAfter', field: 'CreationTime', kind: 'after', description: 'Only restore sessions that started at or after this time' },
	{ displayName: 'Created Before', name: 'createdBefore', field: 'CreationTime', kind: 'before', description: 'Only restore sessions that started at or before this time' },
	{ displayName: 'Ended After', name: 'endedAfter', field: 'EndTime', kind: 'after', description: 'Only restore sessions that ended at or after this time' },
	{ displayName: 'Ended Before', name: 'endedBefore', field: 'EndTime', kind: 'before', description: 'Only restore sessions that ended at or before this time' },
	{
		displayName: 'Restore Type',
		name: 'restoreType',
		field: 'Type',
		kind: 'anyOf',
		options: [['Entire VM Restore', 'RestoreVm'], ['File-Level Restore', 'FileLevelRestore']],
		description: 'Only restore sessions of these types; none selected means every type',
	},
	{ displayName: 'Result', name: 'result', field: 'Result', kind: 'anyOf', options: RESULTS, description: 'Only restore sessions with one of these results; none selected means every result' },
	{
		displayName: 'State',
		name: 'state',
		field: 'State',
		kind: 'anyOf',
		options: [['Starting', 'Starting'], ['Stopped', 'Stopped'], ['Stopping', 'Stopping'], ['Working', 'Working']],
		description: 'Only restore sessions in one of these states; none selected means every state',
	},
	{ displayName: 'VM Name', name: 'vmDisplayName', field: 'VmDisplayName', kind: 'text', description: 'Only restore sessions of this VM, its name exactly as Enterprise Manager shows it' },
];

/** `GET /query?type=VmRestorePoint` (reference: its optional parameters). */
export const VM_RESTORE_POINT_FILTERS: FilterField[] = [
	{ displayName: 'Backup Server Name', name: 'backupServerName', field: 'BackupServerName', kind: 'text', description: 'Only restore points of this backup server' },
	{ displayName: 'Created After', name: 'createdAfter', field: 'CreationTime', kind: 'after', description: 'Only restore points created at or after this time' },
	{ displayName: 'Created Before', name: 'createdBefore', field: 'CreationTime', kind: 'before', description: 'Only restore points created at or before this time' },
	{
		displayName: 'Point Type',
		name: 'pointType',
		field: 'Type',
		kind: 'anyOf',
		options: [['Full', 'Full'], ['Increment', 'Increment'], ['Reverse Increment', 'ReverseIncrement']],
		description: 'Only restore points of these types; none selected means every type',
	},
	{ displayName: 'VM Name', name: 'vmDisplayName', field: 'VmDisplayName', kind: 'text', description: 'Only restore points of this VM, its name exactly as Enterprise Manager shows it' },
];

/** The table as the options of a Filters collection. */
export function filterProperties(fields: FilterField[]): INodeProperties[] {
	return fields.map((f): INodeProperties => {
		const base = { displayName: f.displayName, name: f.name, description: f.description };
		if (f.kind === 'anyOf') {
			return { ...base, type: 'multiOptions', default: [], options: (f.options ?? []).map(([name, value]) => ({ name, value })) };
		}
		if (f.kind === 'after' || f.kind === 'before') return { ...base, type: 'dateTime', default: '' };
		if (f.kind === 'boolean') return { ...base, type: 'boolean', default: false };
		return { ...base, type: 'string', default: '' };
	});
}
