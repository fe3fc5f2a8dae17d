import type { IDataObject } from 'n8n-workflow';

import { isRecord, textOf } from '../shared/shape';
import type { RecoverFilesRequest, RecoverRequest, RecoverVmsRequest } from './recoveryRequests';

/** A protected object of a run with the snapshot this run took of it. */
export interface RunSnapshot {
	objectId: number | undefined;
	name: string;
	environment: string;
	snapshotId: string;
}

/** What a recovery is built from: its name and the run's snapshots, read once before the write. */
export interface RecoverySource {
	name: string;
	/** The run's environment: `kVMware`, `kPhysical`, … */
	environment: string;
	snapshots: RunSnapshot[];
}

/**
 * The objects of a run (`includeObjectDetails=true`) that have a snapshot: `objects[].object` and
 * `objects[].localSnapshotInfo.snapshotInfo.snapshotId` (set only for a successful snapshot).
 */
export function snapshotsOf(run: IDataObject): RunSnapshot[] {
	const objects = Array.isArray(run.objects) ? run.objects : [];
	const snapshots: RunSnapshot[] = [];
	for (const entry of objects) {
		if (!isRecord(entry) || !isRecord(entry.object)) continue;
		const local = isRecord(entry.localSnapshotInfo) && isRecord(entry.localSnapshotInfo.snapshotInfo) ? entry.localSnapshotInfo.snapshotInfo : {};
		const snapshotId = textOf(local.snapshotId);
		if (snapshotId === '') continue;
		const id = entry.object.id;
		snapshots.push({
			objectId: typeof id === 'number' ? id : undefined,
			name: textOf(entry.object.name),
			environment: textOf(entry.object.environment) || textOf(run.environment),
			snapshotId,
		});
	}
	return snapshots;
}

/** The recovery's action and environment, as the list filters and the body name them. */
export function actionOf(request: RecoverRequest, environment: string): { recoveryAction: string; snapshotEnvironment: string } {
	return { recoveryAction: request.kind === 'vms' ? 'RecoverVMs' : 'RecoverFiles', snapshotEnvironment: environment };
}

function vmTargetConfig(request: RecoverVmsRequest): IDataObject {
	const target = request.target;
	if (target.type === 'original') return { recoverToNewSource: false, originalSourceConfig: {} };
	const id = (value: number) => ({ id: value });
	return {
		recoverToNewSource: true,
		newSourceConfig: {
			sourceType: 'kVCenter',
			vCenterParams: {
				source: id(target.vCenterId),
				resourcePool: id(target.resourcePoolId),
				datastores: target.datastoreIds.map(id),
				...(target.vmFolderId !== undefined && { vmFolder: id(target.vmFolderId) }),
				// A copy elsewhere comes up without network, so it never answers on the original's addresses.
				networkConfig: { detachNetwork: true },
			},
		},
	};
}

/** `vmwareParams` of Recover VMs: the snapshots of the run's VMs, recovered as the request says. */
function recoverVmsBody(request: RecoverVmsRequest, source: RecoverySource): IDataObject {
	const renamed = request.prefix !== '' || request.suffix !== '';
	return {
		name: source.name,
		snapshotEnvironment: 'kVMware',
		vmwareParams: {
			objects: source.snapshots.map((s) => ({ snapshotId: s.snapshotId })),
			recoveryAction: 'RecoverVMs',
			recoverVmParams: {
				targetEnvironment: 'kVMware',
				vmwareTargetParams: {
					recoveryTargetConfig: vmTargetConfig(request),
					...(renamed && { renameRecoveredVmsParams: { prefix: request.prefix, suffix: request.suffix } }),
					powerOnVms: request.powerOn,
					continueOnError: request.continueOnError,
					recoveryProcessType: request.processType,
					// Sent even when off: the choice is the user's, never the cluster's default.
					overwriteExistingVm: request.overwriteExistingVm,
					powerOffAndRenameExistingVm: request.powerOffAndRenameExistingVm,
				},
			},
		},
	};
}

function vmwareFileTarget(request: RecoverFilesRequest): IDataObject {
	const target = request.target;
	// The agent on the VM does the copy: no VM credentials travel in the request.
	const recoverMethod = 'UseExistingAgent';
	if (target.type === 'anotherServer') return { recoverToOriginalTarget: false, newTargetConfig: { targetVm: { id: target.targetId }, absolutePath: target.path, recoverMethod } };
	return {
		recoverToOriginalTarget: true,
		originalTargetConfig: target.type === 'original' ? { recoverToOriginalPath: true, recoverMethod } : { recoverToOriginalPath: false, alternatePath: target.path, recoverMethod },
	};
}

function physicalFileTarget(request: RecoverFilesRequest, snapshot: RunSnapshot): IDataObject {
	const target = request.target;
	return {
		recoverTarget: { id: target.type === 'anotherServer' ? target.targetId : snapshot.objectId },
		restoreToOriginalPaths: target.type === 'original',
		...(target.type !== 'original' && { alternateRestoreDirectory: target.path }),
	};
}

/** Recover Files and Folders from one VM's or server's snapshot (`vmwareParams` or `physicalParams`). */
function recoverFilesBody(request: RecoverFilesRequest, source: RecoverySource): IDataObject {
	const snapshot = source.snapshots[0];
	const vmware = source.environment === 'kVMware';
	const targetParams = {
		...(vmware ? vmwareFileTarget(request) : physicalFileTarget(request, snapshot)),
		// Sent even when off: Cohesity's own default is to overwrite.
		overwriteExisting: request.overwrite,
		preserveAttributes: request.preserveAttributes,
		continueOnError: request.continueOnError,
	};
	return {
		name: source.name,
		snapshotEnvironment: source.environment,
		[vmware ? 'vmwareParams' : 'physicalParams']: {
			objects: [{ snapshotId: snapshot.snapshotId }],
			recoveryAction: 'RecoverFiles',
			recoverFileAndFolderParams: {
				filesAndFolders: request.paths.map((absolutePath) => ({ absolutePath })),
				targetEnvironment: source.environment,
				[vmware ? 'vmwareTargetParams' : 'physicalTargetParams']: targetParams,
			},
		},
	};
}

/** The `POST /v2/data-protect/recoveries` body of a request, from the snapshots read before. */
export function recoveryBody(request: RecoverRequest, source: RecoverySource): IDataObject {
	return request.kind === 'vms' ? recoverVmsBody(request, source) : recoverFilesBody(request, source);
}
