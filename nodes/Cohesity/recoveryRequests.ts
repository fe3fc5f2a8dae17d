import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { requireId, requireInteger } from '../shared/validate';

/** A recovery's id: `clusterId:incarnationId:taskId` (the v2 API's pattern). */
export const RECOVERY_ID = { pattern: /^\d+:\d+:\d+$/, example: '4594155844987574:1679899218812:9001' };

/** Where recovered VMs go: where they were, or a vCenter's resource pool and datastores. */
export type VmTarget =
	| { type: 'original' }
	| { type: 'new'; vCenterId: number; resourcePoolId: number; datastoreIds: number[]; vmFolderId: number | undefined };

/** Where recovered files go: their own paths, another folder of the same server, or another server's folder. */
export type FileTarget = { type: 'original' } | { type: 'originalServer'; path: string } | { type: 'anotherServer'; targetId: number; path: string };

interface RecoveryBase {
	groupId: string;
	runId: string;
	/** The user's Recovery Name; the node names the recovery itself when empty. */
	name: string;
	continueOnError: boolean;
	simplify: boolean;
}

export interface RecoverVmsRequest extends RecoveryBase {
	kind: 'vms';
	/** The VMs of the run to recover, by name; empty for every VM the run backed up. */
	vmNames: string[];
	target: VmTarget;
	prefix: string;
	suffix: string;
	powerOn: boolean;
	processType: string;
	overwriteExistingVm: boolean;
	powerOffAndRenameExistingVm: boolean;
}

export interface RecoverFilesRequest extends RecoveryBase {
	kind: 'files';
	/** The VM or server of the run whose files are recovered: its name or object ID. */
	source: string;
	paths: string[];
	target: FileTarget;
	overwrite: boolean;
	preserveAttributes: boolean;
}

export type RecoverRequest = RecoverVmsRequest | RecoverFilesRequest;

export const RECOVERY_PROCESS_TYPES = ['InstantRecovery', 'CopyRecovery'];

type Refuse = (message: string, description: string) => NodeOperationError;

function refuser(ctx: IExecuteFunctions, i: number): Refuse {
	return (message, description) => new NodeOperationError(ctx.getNode(), `${message} [item ${i}]`, { itemIndex: i, description });
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

/** A list typed one per line or comma-separated. */
function listOf(value: unknown, separator: RegExp): string[] {
	return text(value)
		.split(separator)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/**
 * A path Cohesity can recover to or from: absolute (`/var/log`, `C:\Users`, `/C/Users`), with no `..`
 * segment (it would climb out of the folder the user chose) and no control character.
 */
function checkPath(path: string, field: string, refuse: Refuse): string {
	const absolute = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
	if (!absolute) throw refuse(`The ${field} "${path}" is not an absolute path`, 'Enter full paths such as /home/app/data or C:\\Users\\app, one per line.');
	if (path.split(/[\\/]/).includes('..')) throw refuse(`The ${field} "${path}" contains ".."`, 'Enter the path without ".." segments, as Cohesity\'s file browser shows it.');
	if ([...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw refuse(`The ${field} contains a control character`, 'Remove line breaks or tabs from the path.');
	return path;
}

function idList(ctx: IExecuteFunctions, value: unknown, field: string, i: number): number[] {
	return listOf(value, /,/).map((part) => requireInteger(ctx, part, field, i, { min: 1 }));
}

/**
 * The run must belong to the group: a run id is `jobId:startTimeUsecs`, the job id being the last
 * part of the group's id, so a run of another group is refused before any request.
 */
export function requireRunOfGroup(ctx: IExecuteFunctions, groupId: string, runId: string, i: number): void {
	const groupJob = groupId.split(':').pop();
	const runJob = runId.split(':')[0];
	if (groupJob !== runJob) {
		throw refuser(ctx, i)(
			`The run ${runId} is not a run of the protection group ${groupId}`,
			'Map the Run ID ("jobId") of an item of this protection group, or choose the group the run belongs to.',
		);
	}
}

function vmTarget(ctx: IExecuteFunctions, i: number): VmTarget {
	if (ctx.getNodeParameter('vmRecoverTo', i, 'original') !== 'new') return { type: 'original' };
	const id = (name: string, field: string) => requireInteger(ctx, text(ctx.getNodeParameter(name, i, '')), field, i, { min: 1 });
	const datastoreIds = idList(ctx, ctx.getNodeParameter('datastoreIds', i, ''), 'Datastore IDs', i);
	if (datastoreIds.length === 0) throw refuser(ctx, i)('The Datastore IDs parameter is empty', 'Enter the ID of at least one datastore of the vCenter.');
	const folder = text(ctx.getNodeParameter('vmFolderId', i, ''));
	return {
		type: 'new',
		vCenterId: id('vCenterId', 'vCenter Source ID'),
		resourcePoolId: id('resourcePoolId', 'Resource Pool ID'),
		datastoreIds,
		vmFolderId: folder === '' ? undefined : requireInteger(ctx, folder, 'VM Folder ID', i, { min: 1 }),
	};
}

/**
 * Recover VMs, checked before any request. Recovering to the original location under the original
 * name puts the recovered VM where the running one is: the node refuses that unless a rename, or
 * explicitly Overwrite Existing VM or Power Off and Rename Existing VM, says what becomes of it.
 */
export function recoverVmsRequest(ctx: IExecuteFunctions, base: Omit<RecoveryBase, 'continueOnError'>, i: number): RecoverVmsRequest {
	const refuse = refuser(ctx, i);
	const target = vmTarget(ctx, i);
	const prefix = text(ctx.getNodeParameter('renamePrefix', i, ''));
	const suffix = text(ctx.getNodeParameter('renameSuffix', i, ''));
	const original = target.type === 'original';
	const overwriteExistingVm = original && ctx.getNodeParameter('overwriteExistingVm', i, false) === true;
	const powerOffAndRenameExistingVm = original && ctx.getNodeParameter('powerOffAndRenameExistingVm', i, false) === true;
	const renamed = prefix !== '' || suffix !== '';
	if (overwriteExistingVm && powerOffAndRenameExistingVm) {
		throw refuse('Overwrite Existing VM and Power Off and Rename Existing VM are both on', 'Choose one: replace the VM, or keep it powered off under a new name.');
	}
	if (renamed && (overwriteExistingVm || powerOffAndRenameExistingVm)) {
		throw refuse('A renamed VM does not replace the existing one', 'Clear the Rename Prefix and Suffix to replace the existing VM, or turn off Overwrite Existing VM and Power Off and Rename Existing VM.');
	}
	if (original && !renamed && !overwriteExistingVm && !powerOffAndRenameExistingVm) {
		throw refuse(
			'Recovering to the original location under the original name would replace the VM that is there; nothing was sent',
			'Set a Rename Prefix or Suffix to recover beside it, choose New Location, or turn on Overwrite Existing VM (or Power Off and Rename Existing VM) if replacing it is intended.',
		);
	}
	const processType = text(ctx.getNodeParameter('recoveryProcessType', i, 'InstantRecovery'));
	if (!RECOVERY_PROCESS_TYPES.includes(processType)) throw refuse(`The Recovery Type "${processType}" is not one Cohesity offers`, 'Choose Instant Recovery or Copy Recovery.');
	return {
		...base,
		kind: 'vms',
		vmNames: listOf(ctx.getNodeParameter('vmNames', i, ''), /[,\n]/),
		target,
		prefix,
		suffix,
		powerOn: ctx.getNodeParameter('powerOnVms', i, false) === true,
		continueOnError: ctx.getNodeParameter('continueOnError', i, false) === true,
		processType,
		overwriteExistingVm,
		powerOffAndRenameExistingVm,
	};
}

function fileTarget(ctx: IExecuteFunctions, i: number, refuse: Refuse): FileTarget {
	const choice = ctx.getNodeParameter('fileRecoverTo', i, 'originalServer');
	if (choice === 'original') return { type: 'original' };
	const path = checkPath(text(ctx.getNodeParameter('targetPath', i, '')), 'Target Folder', refuse);
	if (choice === 'originalServer') return { type: 'originalServer', path };
	return { type: 'anotherServer', targetId: requireInteger(ctx, text(ctx.getNodeParameter('targetObjectId', i, '')), 'Target Server ID', i, { min: 1 }), path };
}

/**
 * Recover Files and Folders, checked before any request. Cohesity overwrites existing files unless
 * told otherwise, so the files' own paths on their own server are refused while Overwrite Existing
 * Files is off: recovering beside them (another folder) is the safe default.
 */
export function recoverFilesRequest(ctx: IExecuteFunctions, base: Omit<RecoveryBase, 'continueOnError'>, i: number): RecoverFilesRequest {
	const refuse = refuser(ctx, i);
	const source = requireId(ctx, ctx.getNodeParameter('sourceObject', i, ''), 'Source Server or VM', i);
	const lines = listOf(ctx.getNodeParameter('paths', i, ''), /\n/);
	if (lines.length === 0) throw refuse('The Files and Folders parameter is empty', 'Enter the full path of each file or folder to recover, one per line.');
	const paths = lines.map((path) => checkPath(path, 'path', refuse));
	const target = fileTarget(ctx, i, refuse);
	const overwrite = ctx.getNodeParameter('overwriteExisting', i, false) === true;
	if (target.type === 'original' && !overwrite) {
		throw refuse(
			'Recovering files to their original paths replaces the files there, and Overwrite Existing Files is off; nothing was sent',
			'Recover to another folder (Recover To), or turn on Overwrite Existing Files if replacing them is intended.',
		);
	}
	return {
		...base,
		kind: 'files',
		source,
		paths,
		target,
		overwrite,
		preserveAttributes: ctx.getNodeParameter('preserveAttributes', i, true) !== false,
		continueOnError: ctx.getNodeParameter('continueOnError', i, false) === true,
	};
}
