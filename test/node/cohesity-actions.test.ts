/**
 * Cohesity Protection Group → Run Now and Protection Group Run → Cancel through n8n's execution code:
 * the run found among the group's new runs (never one that was there, nor another client's of the same
 * type), If Already Running, a lost answer found or reported, refusals in Cohesity's words.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { Cohesity } from '../../nodes/Cohesity/Cohesity.node';
import { expectJobStatus } from '../harness/contract';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator } from '../simulators/cohesity';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.cohesity', node: new Cohesity(), credentialType: new CohesityApi() };
const GROUP = '4594155844987574:1679899218812:700';
const DAY_AGO = (Date.now() - 86_400_000) * 1000;

let sim: CohesitySimulator;
let baseUrl: string;

async function restart(runs: Array<{ startTimeUsecs: number; local: string[]; runType?: string }> = [{ startTimeUsecs: DAY_AGO, local: ['Succeeded'] }]) {
	await sim?.stop();
	sim = new CohesitySimulator({ groups: [{ id: GROUP, name: 'vm-tier-1', runs }] });
	baseUrl = await sim.start();
}

beforeEach(async () => {
	await restart();
});

afterEach(async () => {
	await sim.stop();
});

const creds = (extra: IDataObject = {}) => credentialsFor(subject, { baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey, ...extra });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const runNow = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'protectionGroup', operation: 'runNow', protectionGroupId: byId(GROUP), runType: 'kFull', ...extra });
const waiting = { waitForCompletion: true, pollInterval: 1, waitTimeout: 30 };
const posts = () => sim.requests.filter((r: { method: string }) => r.method === 'POST');

describe('Cohesity Protection Group → Run Now', () => {
	it('starts one run of the type asked, finds it among the group\'s new runs, waits for it', async () => {
		const result = await runNode(subject, creds(), runNow(waiting));
		expect(result.error).toBeUndefined();
		expect(sim.runNows).toHaveLength(1);
		expect(sim.runNows[0]).toMatchObject({ groupId: GROUP, body: { runType: 'kFull' } });
		expectJobStatus(result.items[0]);
		expect(result.items[0]).toMatchObject({ vendor: 'cohesity', jobId: sim.runNows[0].runId, jobName: 'vm-tier-1', state: 'succeeded' });
	});

	it('some objects only: their ids in "objects"', async () => {
		await runNode(subject, creds(), runNow({ objectIds: '1234, 1235' }));
		expect(sim.runNows[0].body).toEqual({ runType: 'kFull', objects: [{ id: 1234 }, { id: 1235 }] });
	});

	it('bad input is refused before any request', async () => {
		const result = await runNode(subject, creds(), runNow({ objectIds: '12a' }));
		expect(result.error?.message).toMatch(/Object IDs "12a" are not comma-separated whole numbers/);
		expect(sim.requests).toHaveLength(0);
	});

	it('If Already Running: the running run is returned, or an error; nothing is started', async () => {
		await restart([{ startTimeUsecs: DAY_AGO, local: [...Array(8).fill('Running'), 'Succeeded'] }]);
		const returned = await runNode(subject, creds(), runNow());
		expect(returned.items[0]).toMatchObject({ jobId: `700:${DAY_AGO}`, state: 'running' });
		const refused = await runNode(subject, creds(), runNow({ ifAlreadyRunning: 'error' }));
		expect(refused.error?.message).toMatch(/already running .*nothing was started/);
		expect(sim.runNows).toHaveLength(0);
	});

	it('another client\'s run of the same type starting together: never taken for its own, the node says so', async () => {
		sim.raceNextRunNow = true;
		const result = await runNode(subject, creds(), runNow());
		expect(result.error?.message).toMatch(/The start was accepted, but the job it started was not found, or could not be told apart/);
		expect(sim.runNows).toHaveLength(1);
	}, 20_000);

	it('items asking for the same run start one', async () => {
		const result = await runNode(subject, creds(), runNow(), { items: [{}, {}, {}] });
		expect(sim.runNows).toHaveLength(1);
		expect(new Set(result.items.map((i) => i.jobId))).toEqual(new Set([sim.runNows[0].runId]));
	});

	it('an answer lost after the run started: found among the new runs; nothing is sent twice', async () => {
		sim.fail({ fault: 'dropAfterActing', match: /\/runs$/, method: 'POST' });
		const result = await runNode(subject, creds(), runNow(waiting));
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ jobId: sim.runNows[0].runId, state: 'succeeded' });
	});

	it('an answer lost and no new run: "may have started", nothing is sent twice', async () => {
		sim.fail({ fault: 'drop', match: /\/runs$/, method: 'POST' });
		const result = await runNode(subject, creds(), runNow());
		expect(result.error?.message).toMatch(/the job may have started/);
		expect(result.error?.description).toMatch(/Check the protection group's runs in the Cohesity UI/);
		expect(posts()).toHaveLength(1);
	}, 20_000);

	it('a refusal in Cohesity\'s words, not retried', async () => {
		const result = await runNode(subject, creds(), runNow({ ifAlreadyRunning: 'startAnother' }));
		expect(result.error).toBeUndefined();
		await restart([{ startTimeUsecs: DAY_AGO, local: [...Array(8).fill('Running'), 'Succeeded'] }]);
		const refused = await runNode(subject, creds(), runNow({ ifAlreadyRunning: 'startAnother' }));
		expect(refused.error?.message).toMatch(/Cohesity answered 400: Protection group vm-tier-1 already has a run in progress/);
		expect(posts()).toHaveLength(1);
	});
});

describe('Cohesity Protection Group Run → Cancel', () => {
	it('cancels a run in progress; with Wait for Completion, outputs it once Canceled', async () => {
		await restart([{ startTimeUsecs: DAY_AGO, local: [...Array(6).fill('Running'), 'Succeeded'] }]);
		const runId = `700:${DAY_AGO}`;
		const result = await runNode(subject, creds(), { resource: 'protectionGroupRun', operation: 'cancel', protectionGroupId: byId(GROUP), runId, ...waiting });
		expect(result.error).toBeUndefined();
		expect(sim.cancels).toEqual([runId]);
		expect(result.items[0]).toMatchObject({ jobId: runId, state: 'cancelled', vendorState: 'Canceled' });
	});

	it('a finished run: Cohesity\'s words', async () => {
		const result = await runNode(subject, creds(), { resource: 'protectionGroupRun', operation: 'cancel', protectionGroupId: byId(GROUP), runId: `700:${DAY_AGO}` });
		expect(result.error?.message).toMatch(/has already finished/);
	});
});
