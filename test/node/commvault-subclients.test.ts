/**
 * Commvault Subclient → Back Up with the subclient chosen From List (client → backup set → subclient)
 * or By ID: the Client and Subclient pickers run through n8n's LoadOptionsContext (as the editor asks
 * for them), and the backup of a subclient picked from the list through n8n's execution code.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CommvaultApi } from '../../credentials/CommvaultApi.credentials';
import { Commvault } from '../../nodes/Commvault/Commvault.node';
import { LIST_PAGE_SIZE } from '../../nodes/shared/listResults';
import { searchList } from '../harness/listSearch';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CommvaultSimulator } from '../simulators/commvault';

const subject: NodeUnderTest = { type: 'n8n-nodes-backup-jobs.commvault', node: new Commvault(), credentialType: new CommvaultApi() };

let sim: CommvaultSimulator;
let baseUrl: string;

async function restart(options: ConstructorParameters<typeof CommvaultSimulator>[0] = {}) {
	await sim?.stop();
	sim = new CommvaultSimulator(options);
	baseUrl = await sim.start();
}

beforeEach(async () => {
	await restart();
});

afterEach(async () => {
	await sim.stop();
});

const creds = () => credentialsFor(subject, { baseUrl, authMethod: 'password', username: 'admin', password: sim.password });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const backUp = (extra: INodeParameters): INodeParameters => ({ resource: 'subclient', operation: 'backup', backupLevel: 'Incremental', ...extra });
const calls = () => (sim.requests as unknown as Array<{ method: string; path: string; query: string; headers: IDataObject }>).filter((r) => !r.path.endsWith('/Login'));

const clients = (filter?: string, paginationToken?: string) =>
	searchList(subject, creds(), { parameter: 'client', method: 'searchClients', parameters: backUp({}), filter, paginationToken });
const subclients = (client: unknown, filter?: string) =>
	searchList(subject, creds(), { parameter: 'subclientId', method: 'searchSubclients', parameters: backUp({ client } as INodeParameters), filter });

describe('Commvault: the Client picker', () => {
	it('lists the clients by display name (and client name where it differs) from one GET /Client, signed in', async () => {
		const { results, paginationToken } = await clients();
		expect(results).toEqual([
			{ name: 'johndoeVm9', value: '385' },
			{ name: 'SUMMER (finance) (summer)', value: '3' },
			{ name: 'WINTER', value: '2' },
		]);
		expect(paginationToken).toBeUndefined();
		expect(calls().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /commandcenter/api/Client']);
		expect(calls()[0].headers.authtoken).toMatch(/^QSDK /);
		expect(sim.stats.signIns).toBe(1);
	});

	it('filters by the search text in any letter case', async () => {
		expect((await clients('wIN')).results).toEqual([{ name: 'WINTER', value: '2' }]);
		expect((await clients('finance')).results).toEqual([{ name: 'SUMMER (finance) (summer)', value: '3' }]);
	});

	it('pages a large CommCell in pages of 100, one request a page', async () => {
		const many = Array.from({ length: 250 }, (_, k) => ({ clientId: 1000 + k, clientName: `srv-${String(k).padStart(3, '0')}`, subclients: [] }));
		await restart({ clients: many });
		const first = await clients();
		const second = await clients(undefined, first.paginationToken);
		const third = await clients(undefined, second.paginationToken);
		expect([first, second, third].map((page) => page.results.length)).toEqual([LIST_PAGE_SIZE, LIST_PAGE_SIZE, 50]);
		expect([first.paginationToken, second.paginationToken, third.paginationToken]).toEqual(['100', '200', undefined]);
		expect(third.results.at(-1)).toEqual({ name: 'srv-249', value: '1249' });
		expect(calls()).toHaveLength(3);
	});

	it('an answer of another shape is an error, never an empty list', async () => {
		sim.fail({ fault: 'wrongShape', match: '/Client' });
		await expect(clients()).rejects.toThrow(/Commvault sent an object of another shape where a list of clients was expected/);
	});
});

describe('Commvault: the Subclient picker (client → backup set → subclient)', () => {
	it('lists the chosen client\'s subclients by agent › backup set › subclient, from one GET /Subclient?clientId=', async () => {
		const { results } = await subclients(fromList('2'));
		expect(results).toEqual([
			{ name: 'File System › archive › old-projects', value: '8' },
			{ name: 'File System › defaultBackupSet › default', value: '2' },
			{ name: 'File System › defaultBackupSet › sql-logs', value: '7' },
		]);
		expect(calls().map((r) => `${r.path}?${r.query}`)).toEqual(['/commandcenter/api/Subclient?clientId=2']);
	});

	it('the search text narrows by backup set or subclient; an instance other than the default one is named', async () => {
		expect((await subclients(fromList('2'), 'ARCHIVE')).results).toEqual([{ name: 'File System › archive › old-projects', value: '8' }]);
		expect((await subclients(byId(' 3 '), 'sql')).results).toEqual([{ name: 'SQL Server › SUMMER\\PROD › defaultBackupSet › default', value: '12' }]);
	});

	it('a client without subclients gives an empty list; an unknown client, Commvault\'s words', async () => {
		expect((await subclients(byId('385'))).results).toEqual([]);
		await expect(subclients(byId('99'))).rejects.toThrow(/Client \[99\] was not found/);
	});

	it('no client chosen: says to choose one, and asks Commvault nothing', async () => {
		await expect(subclients(fromList(''))).rejects.toThrow(/Choose a Client first/);
		await expect(subclients(byId('2/../1'))).rejects.toThrow(/characters an ID cannot have/);
		expect(calls()).toHaveLength(0);
	});
});

describe('Commvault Subclient → Back Up with a picked subclient', () => {
	it('backs up the subclient picked from the list; the job is its client\'s', async () => {
		const result = await runNode(subject, creds(), backUp({ client: fromList('3'), subclientId: { ...fromList('11'), cachedResultName: 'File System › defaultBackupSet › default' } }));
		expect(result.error).toBeUndefined();
		expect(sim.backups).toEqual([{ subclientId: 11, backupLevel: 'Incremental', jobId: expect.any(Number) }]);
		expect(result.items[0]).toMatchObject({ jobId: String(sim.backups[0].jobId), jobName: 'summer / default' });
	});

	it('By ID needs no client; a plain ID saved before the picker existed still works', async () => {
		await runNode(subject, creds(), backUp({ subclientId: byId(' 8 ') }));
		await runNode(subject, creds(), backUp({ subclientId: '7' }));
		expect(sim.backups.map((b: { subclientId: number }) => b.subclientId)).toEqual([8, 7]);
	});

	it('an empty Subclient is refused before any request: by n8n when left empty, by the node when mapped empty', async () => {
		await expect(runNode(subject, creds(), backUp({ client: fromList('2'), subclientId: fromList('') }))).rejects.toThrow(/issues/);
		const mapped = await runNode(subject, creds(), backUp({ subclientId: byId('={{ $json.subclient }}') }), { items: [{ subclient: '' }] });
		expect(mapped.error?.message).toMatch(/The Subclient ID parameter is empty/);
		expect(sim.requests).toHaveLength(0);
	});
});
