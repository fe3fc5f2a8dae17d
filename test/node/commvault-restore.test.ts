/**
 * Commvault Restore → Restore Files through n8n's execution code: the subclient's properties become the
 * documented retrieveToClient body, sent once; its restore job followed (jobType restore); bad paths and
 * a missing destination refused before any request; overwrite only when chosen; a lost answer found as
 * the one new restore job to that client, or "may have started".
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CommvaultApi } from '../../credentials/CommvaultApi.credentials';
import { Commvault } from '../../nodes/Commvault/Commvault.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CommvaultSimulator } from '../simulators/commvault';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.commvault', node: new Commvault(), credentialType: new CommvaultApi() };

let sim: CommvaultSimulator;
let baseUrl: string;

beforeEach(async () => {
	sim = new CommvaultSimulator();
	baseUrl = await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const creds = () => credentialsFor(subject, { baseUrl, authMethod: 'password', username: 'admin', password: sim.password });
const restore = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'restore',
	operation: 'restoreFiles',
	subclientId: '2',
	paths: ['/data/reports', '/data/ledger.db'],
	restoreDestination: 'outOfPlace',
	destinationClient: 'restore-test01',
	destinationPath: '/restore/reports',
	...extra,
});
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const restorePosts = () => sim.requests.filter((r: { method: string; path: string }) => r.method === 'POST' && r.path.endsWith('/retrieveToClient'));

describe('Commvault Restore → Restore Files', () => {
	it('out of place: the documented body with the subclient\'s source, once; its restore job waited for', async () => {
		const result = await runNode(subject, creds(), restore(waiting));
		expect(result.error).toBeUndefined();
		expect(sim.restores).toHaveLength(1);
		expect(sim.restores[0].body).toEqual({
			mode: 2,
			serviceType: 1,
			advanced: { restoreDataAndACL: true, restoreDeletedFiles: true, unconditionalOverwrite: false },
			header: {
				destination: { clientName: 'restore-test01', inPlace: false, destPath: ['/restore/reports'] },
				filePaths: ['/data/reports', '/data/ledger.db'],
				srcContent: { subclientId: 2, clientId: 2, instanceId: 1, backupSetId: 3, appTypeId: 33, fromTime: 0, toTime: 0 },
			},
		});
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ vendor: 'commvault', jobId: String(sim.restores[0].jobId), jobType: 'restore', state: 'succeeded' });
	});

	it('in place, overwriting only when chosen, from the backup at a time', async () => {
		await runNode(subject, creds(), restore({ restoreDestination: 'inPlace', overwriteFiles: true, restoreFrom: 'backupTime', backupTime: '2024-03-15T02:00:29Z' }));
		const body = sim.restores[0].body as { advanced: IDataObject; header: { destination: IDataObject; srcContent: IDataObject } };
		expect(body.header.destination).toEqual({ clientId: 2, clientName: 'WINTER', inPlace: true });
		expect(body.advanced.unconditionalOverwrite).toBe(true);
		expect(body.header.srcContent.toTime).toBe(Date.parse('2024-03-15T02:00:29Z') / 1000);
	});

	it('a restore that fails: failed, as a restore', async () => {
		sim.restoreStates = ['Running', 'Failed'];
		const result = await runNode(subject, creds(), restore(waiting));
		expect(result.items[0]).toMatchObject({ state: 'failed', jobType: 'restore' });
	});

	it.each([
		['a path with ".."', { paths: ['/data/../etc/shadow'] }, /goes up a folder/],
		['a relative path', { paths: ['data/reports'] }, /is not absolute/],
		['no path', { paths: [] }, /No path to restore/],
		['no destination client', { destinationClient: '  ' }, /No Destination Client/],
		['a relative destination path', { destinationPath: 'restore' }, /The Destination Path: "restore" is not absolute/],
		['a subclient ID that is not a number', { subclientId: '2/../7' }, /Subclient/],
	])('%s is refused before any request', async (_name, extra, message) => {
		const result = await runNode(subject, creds(), restore(extra as INodeParameters));
		expect(result.error?.message).toMatch(message);
		expect(sim.requests.filter((r: { path: string }) => !r.path.endsWith('/Login'))).toHaveLength(0);
	});

	it('a refusal in Commvault\'s words, not retried', async () => {
		const result = await runNode(subject, creds(), restore({ destinationClient: 'offline-client' }));
		expect(result.error?.message).toMatch(/The destination client \[offline-client\] is not reachable/);
		expect(restorePosts()).toHaveLength(1);
	});

	it('items with the same restore send it once', async () => {
		const result = await runNode(subject, creds(), restore(), { items: [{}, {}] });
		expect(restorePosts()).toHaveLength(1);
		expect(result.items[1].jobId).toBe(result.items[0].jobId);
	});

	it.each([
		['dropAfterActing', undefined],
		['drop', /the job may have started/],
	] as const)('a lost answer (%s): the new restore job to that client, or "may have started"; never sent twice', async (fault, error) => {
		sim.fail({ fault, match: '/retrieveToClient', method: 'POST' });
		const result = await runNode(subject, creds(), restore());
		expect(restorePosts()).toHaveLength(1);
		if (error) expect(result.error?.message).toMatch(error);
		else expect(result.items[0]).toMatchObject({ jobId: String(sim.restores[0].jobId), jobType: 'restore' });
	}, 20_000);
});
