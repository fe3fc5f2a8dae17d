/**
 * Veeam Enterprise Manager restores through n8n's execution code: Restore Point → Get Many (of a
 * backup job session, of a VM), Restore Point → Restore VM (refused before any request unless the user
 * agreed to replace the original VM; the Task followed to the restore session it names; that session's
 * item, jobType restore, waited for; refusals in Veeam's words; a lost answer looked for, never sent
 * again) and Restore Session → Get and Get Many.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VeeamEnterpriseManagerApi } from '../../credentials/VeeamEnterpriseManagerApi.credentials';
import { VeeamEnterpriseManager } from '../../nodes/VeeamEnterpriseManager/VeeamEnterpriseManager.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { VeeamSimulator } from '../simulators/veeam';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.veeamEnterpriseManager',
	node: new VeeamEnterpriseManager(),
	credentialType: new VeeamEnterpriseManagerApi(),
};
/** The seeded Fileserver Backup session (Stopped/Success) and its VM restore points. */
const SESSION = 'd46e39e0-1131-4585-91a7-e828ce7eafae';
const POINT_FS01 = 'b32c22c4-79af-4486-b2e2-1a3897db5c61';
const POINT_FS01_NEWEST = '5acac742-ee17-4080-8e89-a6ea67adfcf3';
const FAILED_SESSION = '21d5e924-0318-497f-8f13-1d94d3d86ddb';
const FAILED_RESTORE = 'ed8e95ca-6ec5-4a2d-978b-e1108c4130b6';

let sim: VeeamSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new VeeamSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const creds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, username: sim.username, password: sim.password, ...extra });
const requests = () => sim.requests as unknown as Array<{ method: string; path: string; query: string }>;
const posts = () => requests().filter((r) => r.method === 'POST' && r.path.startsWith('/api/vmRestorePoints/'));
const restore = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'restorePoint', operation: 'restoreVm', vmRestorePointId: POINT_FS01, replaceOriginalVm: true, ...extra });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };

describe('Veeam Restore Point → Get Many', () => {
	it.each([
		['JSON', {}],
		['XML', { options: { responseFormat: 'xml' } }],
	])('the VM restore points of a backup job session, newest first, each with the ID Restore VM takes (%s)', async (_format, format) => {
		const result = await runNode(subject, creds(), { resource: 'restorePoint', operation: 'getAll', backupSessionId: SESSION, returnAll: true, ...format });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.vmName, i.vmRestorePointId]).sort()).toEqual([
			['fileserver01', POINT_FS01],
			['fileserver02', 'c43d33d5-8ab0-4597-83f3-2b4908ec6d72'],
		]);
		expect(result.items[0]).toMatchObject({ vendor: 'veeam', pointType: 'Full', restorePointId: '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e', createdAt: expect.stringMatching(/Z$/) });
		expect(requests().some((r) => r.path === `/api/backupSessions/${SESSION}`)).toBe(true);
	});

	it('a VM\'s restore points across sessions, by its name, newest first; Limit', async () => {
		const all = await runNode(subject, creds(), { resource: 'restorePoint', operation: 'getAll', returnAll: true, filters: { vmDisplayName: 'fileserver01' } });
		expect(all.items.map((i) => i.vmRestorePointId)).toEqual([POINT_FS01_NEWEST, POINT_FS01]);
		const one = await runNode(subject, creds(), { resource: 'restorePoint', operation: 'getAll', limit: 1, filters: { vmDisplayName: 'fileserver01' } });
		expect(one.items.map((i) => i.vmRestorePointId)).toEqual([POINT_FS01_NEWEST]);
	});

	it('a failed session without a restore point is an error that says why, not an empty list', async () => {
		const result = await runNode(subject, creds(), { resource: 'restorePoint', operation: 'getAll', backupSessionId: FAILED_SESSION, returnAll: true });
		expect(result.error?.message).toMatch(/backup job session 21d5e924-.* \(Stopped\/Failed\) has no restore point/);
	});

	it('an ID of another kind is refused before any request', async () => {
		const result = await runNode(subject, creds(), { resource: 'restorePoint', operation: 'getAll', backupSessionId: 'urn:veeam:Job:4856ab37-2235-45e8-affe-d515878b01a9' });
		expect(result.error?.message).toMatch(/UID of a Job, not of a BackupJobSession/);
		expect(requests()).toEqual([]);
	});
});

describe('Veeam Restore Point → Restore VM', () => {
	it.each([
		['JSON', {}],
		['XML', { options: { responseFormat: 'xml' } }],
	])('one restore sent, its Task followed to the restore session, waited for: jobType restore (%s)', async (_format, format) => {
		const result = await runNode(subject, creds(), restore({ ...waiting, restoreOptions: { powerOnAfterRestore: true }, ...format }));
		expect(result.error).toBeUndefined();
		expect(sim.restores.requests).toEqual([
			{ vmRestorePointId: POINT_FS01, vm: 'fileserver01', spec: { PowerOnAfterRestore: true, QuickRollback: false }, success: true, sessionId: expect.any(String) },
		]);
		expect(posts()).toHaveLength(1);
		expect(posts()[0].query).toBe('action=restore');
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({
			vendor: 'veeam', jobType: 'restore', jobId: sim.restores.requests[0].sessionId, jobName: expect.stringMatching(/^fileserver01@/),
			state: 'succeeded', isSuccess: true, vendorState: 'Stopped/Success',
		});
		// named by the Task: no query for the new session was needed
		expect(requests().filter((r) => r.path === '/api/query' && r.query.includes('RestoreSession'))).toHaveLength(1);
	});

	it('without Wait for Completion: the restore session as it is when the Task finished', async () => {
		const result = await runNode(subject, creds(), restore());
		expect(result.items[0]).toMatchObject({ jobType: 'restore', state: 'running', isFinished: false, vendorState: 'Starting/None' });
	});

	it('Replace Original VM off: refused before any request, saying how to go on', async () => {
		const result = await runNode(subject, creds(), restore({ replaceOriginalVm: false }));
		expect(result.error?.message).toMatch(/would replace the original VM, and Replace Original VM is off; nothing was sent/);
		expect(result.error?.description).toMatch(/Keep Original VM/);
		expect(requests()).toEqual([]);
	});

	it('Keep Original VM restores without replacing: KeepOriginalVM sent, Replace Original VM not needed', async () => {
		const result = await runNode(subject, creds(), restore({ replaceOriginalVm: false, restoreOptions: { keepOriginalVm: true } }));
		expect(result.error).toBeUndefined();
		expect(sim.restores.requests[0].spec).toEqual({ PowerOnAfterRestore: false, QuickRollback: false, KeepOriginalVM: true });
	});

	it.each([
		['Keep Original VM with Quick Rollback', { restoreOptions: { keepOriginalVm: true, quickRollback: true } }, /Quick Rollback and Keep Original VM cannot both be on/],
		['an empty restore point ID', { vmRestorePointId: '  ' }, /Restore Point ID/],
		['a restore point ID of another kind', { vmRestorePointId: `urn:veeam:RestoreSession:${FAILED_RESTORE}` }, /UID of a RestoreSession, not of a VmRestorePoint/],
		['a restore point ID that is no GUID', { vmRestorePointId: 'fileserver01' }, /not in the expected format/],
	])('%s: refused before any request', async (_name, extra, message) => {
		const result = await runNode(subject, creds(), restore(extra));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(requests()).toEqual([]);
	});

	it('an unknown restore point: Veeam\'s 404 from its read, nothing sent', async () => {
		const result = await runNode(subject, creds(), restore({ vmRestorePointId: '00000000-0000-4000-8000-000000000000' }));
		expect(result.error?.message).toMatch(/404|not found/i);
		expect(posts()).toEqual([]);
	});

	it('a refusal is the failed Task, in Enterprise Manager\'s words', async () => {
		sim.restores.refusal = 'The restore scope of this account does not include the VM.';
		const result = await runNode(subject, creds(), restore());
		expect(result.error?.message).toMatch(/refused to restore the VM: The restore scope of this account does not include the VM\./);
		expect(posts()).toHaveLength(1);
	});

	it('a restore that fails half way: the failed restore session, for the ticket branch', async () => {
		sim.restores.steps = [{ state: 'Working', result: 'None', progress: 40 }, { state: 'Stopped', result: 'Failed', progress: 40 }];
		const result = await runNode(subject, creds(), restore(waiting));
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobType: 'restore', state: 'failed', isFinished: true, isSuccess: false, vendorState: 'Stopped/Failed' });
	});

	it('items restoring the same point the same way share one restore', async () => {
		const result = await runNode(subject, creds(), restore(), { items: [{}, {}] });
		expect(result.items).toHaveLength(2);
		expect(result.items[0].jobId).toBe(result.items[1].jobId);
		expect(sim.restores.requests).toHaveLength(1);
	});

	it('an answer lost after the restore started: the new restore session of the VM is found; nothing is sent twice', async () => {
		sim.fail({ fault: 'dropAfterActing', match: `/api/vmRestorePoints/${POINT_FS01}`, method: 'POST' });
		const result = await runNode(subject, creds(), restore(waiting));
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobId: sim.restores.requests[0].sessionId, jobType: 'restore', state: 'succeeded' });
	});

	it('an answer lost before the restore started: "may have started", where to check; nothing is sent twice', async () => {
		sim.fail({ fault: 'drop', match: `/api/vmRestorePoints/${POINT_FS01}`, method: 'POST' });
		const result = await runNode(subject, creds(), restore());
		expect(result.error?.message).toMatch(/answer to the start was lost .*may have started/);
		expect(result.error?.description).toMatch(/Nothing was sent again\. Check History → Restore in Enterprise Manager/);
		expect(posts()).toHaveLength(1);
		expect(sim.restores.requests).toEqual([]);
	});
});

describe('Veeam Restore Session → Get and Get Many', () => {
	it('Get with Wait for Completion follows a restore session until it has stopped', async () => {
		const id = sim.restores.addSession({ vm: 'web01', steps: [{ state: 'Starting', result: 'None' }, { state: 'Working', result: 'None', progress: 60 }, { state: 'Stopped', result: 'Warning' }] });
		const result = await runNode(subject, creds(), { resource: 'restoreSession', operation: 'get', sessionId: `urn:veeam:RestoreSession:${id}`, ...waiting });
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ jobId: id, jobType: 'restore', state: 'warning', isSuccess: true, vendorState: 'Stopped/Warning' });
		expect(sim.restores.sessionPolls(id)).toBe(3);
	});

	it('Get of an unknown restore session: Veeam\'s 404', async () => {
		const result = await runNode(subject, creds(), { resource: 'restoreSession', operation: 'get', sessionId: '00000000-0000-4000-8000-000000000000' });
		expect(result.error?.httpCode).toBe('404');
	});

	it('Get Many with filters: result, VM, restore type, time window; Simplify off gives the record', async () => {
		const failed = await runNode(subject, creds(), { resource: 'restoreSession', operation: 'getAll', returnAll: true, filters: { result: ['Failed'] } });
		expect(failed.items.map((i) => [i.jobId, i.state, i.jobType])).toEqual([[FAILED_RESTORE, 'failed', 'restore']]);
		const flr = await runNode(subject, creds(), {
			resource: 'restoreSession', operation: 'getAll', returnAll: true, simplify: false,
			filters: { restoreType: ['FileLevelRestore'], vmDisplayName: 'fileserver02', createdBefore: new Date().toISOString() },
		});
		expect(flr.items).toHaveLength(1);
		expect(flr.items[0]).toMatchObject({ jobName: expect.stringMatching(/^FLR_\[fileserver02\]@/), details: { JobType: 'FileLevelRestore', VmDisplayName: 'fileserver02' } });
		const none = await runNode(subject, creds(), { resource: 'restoreSession', operation: 'getAll', returnAll: true, filters: { createdAfter: new Date(Date.now() + 3_600_000).toISOString() } });
		expect(none.items).toEqual([]);
	});

	it('Return All reads every page when the server pages by 1; Limit stops early; newest first', async () => {
		sim.maxPageSize = 1;
		const all = await runNode(subject, creds(), { resource: 'restoreSession', operation: 'getAll', returnAll: true });
		expect(all.items.map((i) => i.jobId)).toEqual([FAILED_RESTORE, '676dc837-f441-4ac1-8470-15be06b4cffc']);
		const before = requests().length;
		const one = await runNode(subject, creds(), { resource: 'restoreSession', operation: 'getAll', limit: 1 });
		expect(one.items.map((i) => i.jobId)).toEqual([FAILED_RESTORE]);
		expect(requests().slice(before).filter((r) => r.path === '/api/query')).toHaveLength(1);
	});
});
