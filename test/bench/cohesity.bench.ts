/**
 * Cohesity figures: node overhead per Get of a run against raw axios to the same endpoint with the
 * same apiKey header. Normalizing a large runs answer is timed in cohesity.external.js.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { Cohesity } from '../../nodes/Cohesity/Cohesity.node';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator } from '../simulators/cohesity';
import { compareWithRaw } from './compare';
import { record } from './recorder';
import { GROUP, RUNS, START, group } from './cohesity-fixture';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.cohesity',
	node: new Cohesity(),
	credentialType: new CohesityApi(),
};

const CHECKS = 1000;

let sim: CohesitySimulator;
let baseUrl: string;

beforeAll(async () => {
	sim = new CohesitySimulator({ groups: [group()], maxPageSize: RUNS });
	baseUrl = await sim.start();
});

afterAll(async () => {
	await sim.stop();
});

const headers = () => ({ apiKey: sim.apiKey, accept: 'application/json' });
const runsUrl = () => `${baseUrl}/v2/data-protect/protection-groups/${encodeURIComponent(GROUP)}/runs`;

describe('Cohesity', () => {
	it('Get of a run: overhead against raw axios', async () => {
		const credentials = credentialsFor(subject, { baseUrl, authMethod: 'apiKey', apiKey: sim.apiKey });
		const runIds = Array.from({ length: 20 }, (_, k) => `777:${START + k * 3600000000}`);
		const items: IDataObject[] = Array.from({ length: CHECKS }, (_, i) => ({ runId: runIds[i % runIds.length] }));
		const parameters: INodeParameters = {
			resource: 'protectionGroupRun',
			operation: 'get',
			protectionGroupId: { __rl: true, mode: 'id', value: GROUP },
			runId: '={{ $json.runId }}',
			options: { concurrentRequests: 5 },
		};
		await compareWithRaw({
			label: 'Cohesity Get run, id mapped by {{ $json.runId }}',
			checks: CHECKS,
			concurrency: 5,
			reps: 5,
			target: 1.15,
			viaNode: async () => await runNode(subject, credentials, parameters, { items }),
			url: (i) => `${runsUrl()}/${encodeURIComponent(runIds[i % runIds.length])}?includeObjectDetails=false`,
			headers,
		});
		sim.resetStats();
		await runNode(subject, credentials, parameters, { items });
		record('Cohesity: HTTP requests per check (1,000 items, API key)', { value: sim.stats.requests / CHECKS, unit: 'requests', target: { max: 1 } });
	});
});
