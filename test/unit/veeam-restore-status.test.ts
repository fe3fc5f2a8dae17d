/**
 * Veeam Enterprise Manager restore sessions and restore points, pure code: the status mapping of a
 * restore session (every documented State and Result, GET /restoreSessions/{ID}), its item in XML and
 * JSON (jobType restore), the Task's link to the session it started, and the RestoreSpec body.
 */
import { parseBody } from '../../nodes/shared/body';
import { restoreSessionOf, restoreSpecBody, vmNameOf } from '../../nodes/VeeamEnterpriseManager/restores';
import { fromVmRestorePoint } from '../../nodes/VeeamEnterpriseManager/restorePoints';
import { fromSession, RESTORE_SESSION, restoreSessionState, sessionEntity } from '../../nodes/VeeamEnterpriseManager/status';
import { taskOf } from '../../nodes/VeeamEnterpriseManager/tasks';

const xml = (text: string) => parseBody(text, 'application/xml').value;

describe('Veeam restore session mapping (State Starting, Working, Stopping, Stopped; Result Success, Warning, Failed)', () => {
	it.each([
		['Starting', 'None', 'running'],
		['Working', 'None', 'running'],
		['Stopping', 'None', 'running'],
		['Starting', '', 'running'],
		['Working', 'Success', 'running'],
		['Working', 'Failed', 'running'],
		['Stopped', 'Success', 'succeeded'],
		['Stopped', 'Warning', 'warning'],
		['Stopped', 'Failed', 'failed'],
		['Stopped', 'None', 'unknown'],
		['Stopped', '', 'unknown'],
		['stopped', 'failed', 'failed'],
		// undocumented for restore sessions: never finished, never a throw
		['Pausing', 'None', 'unknown'],
		['Completed', 'Success', 'unknown'],
		['', '', 'unknown'],
		[undefined, undefined, 'unknown'],
		[42, null, 'unknown'],
	])('%s/%s → %s', (state, result, expected) => {
		expect(restoreSessionState(state, result)).toBe(expected);
	});
});

const SESSION_XML = `<?xml version="1.0" encoding="utf-8"?>
<RestoreSession xmlns="http://www.veeam.com/ent/v1.0" Type="RestoreSession" Href="https://localhost:9398/api/restoreSessions/676dc837-f441-4ac1-8470-15be06b4cffc?format=Entity" Name="FLR_[srv04]@2025-10-19 05:59:18" UID="urn:veeam:RestoreSession:676dc837-f441-4ac1-8470-15be06b4cffc" VmDisplayName="srv04">
  <Links><Link Rel="Related" Type="VmRestorePointReference" Href="https://localhost:9398/api/vmRestorePoints/fb87163e-687d-4006-96c9-0451b5423b85" Name="srv04@2025-10-19 05:25:15" /></Links>
  <JobType>FileLevelRestore</JobType>
  <CreationTimeUTC>2025-10-19T05:59:18Z</CreationTimeUTC>
  <EndTimeUTC>2025-10-19T06:28:24Z</EndTimeUTC>
  <State>Stopped</State>
  <Result>Success</Result>
  <Progress>0</Progress>
</RestoreSession>`;

describe('a restore session as the job-status item', () => {
	it('XML and v13 JSON give the same item: jobType restore, both State and Result in vendorState', () => {
		const fromXml = fromSession(RESTORE_SESSION, sessionEntity(RESTORE_SESSION, xml(SESSION_XML)), true);
		const json = {
			uid: 'urn:veeam:RestoreSession:676dc837-f441-4ac1-8470-15be06b4cffc', name: 'FLR_[srv04]@2025-10-19 05:59:18', jobType: 'FileLevelRestore',
			creationTimeUTC: '2025-10-19T05:59:18Z', endTimeUTC: '2025-10-19T06:28:24Z', state: 'Stopped', result: 'Success', progress: 0,
		};
		const fromJson = fromSession(RESTORE_SESSION, sessionEntity(RESTORE_SESSION, json), true);
		expect(fromXml).toEqual(fromJson);
		expect(fromXml).toMatchObject({
			vendor: 'veeam', jobType: 'restore', jobId: '676dc837-f441-4ac1-8470-15be06b4cffc', jobName: 'FLR_[srv04]@2025-10-19 05:59:18',
			state: 'succeeded', isFinished: true, isSuccess: true, vendorState: 'Stopped/Success', startedAt: '2025-10-19T05:59:18.000Z', durationSeconds: 1746,
		});
	});

	it('a running entire VM restore is restore, unfinished', () => {
		const running = fromSession(RESTORE_SESSION, { UID: 'urn:veeam:RestoreSession:ed8e95ca-6ec5-4a2d-978b-e1108c4130b6', JobType: 'RestoreVm', State: 'Working', Result: 'None', Progress: 40 }, true);
		expect(running).toMatchObject({ jobType: 'restore', state: 'running', isFinished: false, isSuccess: null, vendorState: 'Working/None', progressPercent: 40 });
	});
});

describe('the Task of a restore', () => {
	const finished = `<Task xmlns="http://www.veeam.com/ent/v1.0" Type="Task" Href="https://localhost:9398/api/tasks/task-1">
  <Links><Link Rel="Delete" Type="Task" Href="https://localhost:9398/api/tasks/task-1" />
    <Link Rel="Related" Type="RestoreSession" Href="https://localhost:9398/api/restoreSessions/d67d532a-9ce2-43b8-88c6-90354f2f8727?format=Entity" /></Links>
  <TaskId>task-1</TaskId><State>Finished</State><Operation>StartVMRestore</Operation><Result Success="true"><Message>Ok</Message></Result></Task>`;

	it('names the restore session it started, in XML and JSON', () => {
		const task = taskOf(xml(finished));
		expect(task).toMatchObject({ id: 'task-1', finished: true, success: true, message: 'Ok' });
		expect(restoreSessionOf(task.related)).toBe('d67d532a-9ce2-43b8-88c6-90354f2f8727');
		const json = { TaskId: 'task-1', State: 'Finished', Links: [{ Rel: 'Related', Href: 'https://em/api/restoreSessions/D67D532A-9CE2-43B8-88C6-90354F2F8727?format=Entity' }], Result: { Success: 'true' } };
		expect(restoreSessionOf(taskOf(json).related)).toBe('d67d532a-9ce2-43b8-88c6-90354f2f8727');
	});

	it('a Running Task names none yet', () => {
		expect(restoreSessionOf(taskOf({ TaskId: 'task-1', State: 'Running', Links: [{ Rel: 'Delete', Href: 'https://em/api/tasks/task-1' }] }).related)).toBeUndefined();
	});
});

describe('the RestoreSpec and restore points', () => {
	it('PowerOnAfterRestore and QuickRollback always, KeepOriginalVM only when on, in the schema order', () => {
		expect(Object.entries(restoreSpecBody({ powerOnAfterRestore: true, quickRollback: false, keepOriginalVm: false }))).toEqual([['PowerOnAfterRestore', true], ['QuickRollback', false]]);
		expect(restoreSpecBody({ powerOnAfterRestore: false, quickRollback: false, keepOriginalVm: true })).toEqual({ PowerOnAfterRestore: false, QuickRollback: false, KeepOriginalVM: true });
	});

	it('the VM of a restore point: VmName, else VmDisplayName, else its name before the last @', () => {
		expect(vmNameOf({ VmName: 'dbserver01', Name: 'x@1' })).toBe('dbserver01');
		expect(vmNameOf({ VmDisplayName: 'web01' })).toBe('web01');
		expect(vmNameOf({ Name: 'oracle@03@2025-10-06 13:59:50' })).toBe('oracle@03');
	});

	it('a VM restore point as an item', () => {
		const point = fromVmRestorePoint(
			{
				UID: 'urn:veeam:VmRestorePoint:5ACAC742-EE17-4080-8E89-A6EA67ADFCF3', Name: 'oracle03@2025-10-06 13:59:50', CreationTimeUTC: '2025-10-06T13:59:50.783Z',
				Algorithm: 'Incremental', PointType: 'Increment',
				Links: { Link: [{ Rel: 'Restore', Href: 'https://em/api/vmRestorePoints/5acac742-ee17-4080-8e89-a6ea67adfcf3?action=restore' }, { Rel: 'Up', Href: 'https://em/api/restorePoints/dc216c04-2e34-478e-8b9b-49a3397ef6f8' }] },
			},
			true,
		);
		expect(point).toEqual({
			vendor: 'veeam', vmRestorePointId: '5acac742-ee17-4080-8e89-a6ea67adfcf3', name: 'oracle03@2025-10-06 13:59:50', vmName: 'oracle03',
			createdAt: '2025-10-06T13:59:50.783Z', pointType: 'Increment', algorithm: 'Incremental', restorePointId: 'dc216c04-2e34-478e-8b9b-49a3397ef6f8',
		});
	});
});
