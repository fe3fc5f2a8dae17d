/**
 * Cohesity figures: normalizing a large runs answer against JSON.parse of the same body, and node
 * overhead per Get of a run against raw axios to the same endpoint with the same apiKey header.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CohesityApi } from '../../credentials/CohesityApi.credentials';
import { Cohesity } from '../../nodes/Cohesity/Cohesity.node';
import { normalizeRuns, type StatusScope } from '../../nodes/Cohesity/status';
import { credentialsFor, runNode, type NodeUnderTest } from '../harness/runNode';
import { CohesitySimulator } from '../simulators/cohesity';
import { compareWithRaw } from './compare';
import { record } from './recorder';
import { alternate, fetchText } from './tools';

const subject: NodeUnderTest = {
	type: 'n8n-nodes-backup-jobs.cohesity',
	node: new Cohesity(),
	credentialType: new CohesityApi(),
};

const GROUP = '4594155844987574:1679899218812:777';
const RUNS = 10000;
const CHECKS = 1000;
const DR = { name: 'dr-cluster-01', id: 5012345678901234 };
const S3 = { name: 'aws_s3_standard_target', id: 1276424 };
const START = 1600000000000000;

let sim: CohesitySimulator;
let baseUrl: string;

/** Daily runs, every one with a replication and an archival target, some with warnings or failures. */
function group() {
	const runs = Array.from({ length: RUNS }, (_, k) => ({
		startTimeUsecs: START + k * 3600000000,
		local: [k % 50 === 7 ? 'Failed' : k % 10 === 9 ? 'SucceededWithWarning' : 'Succeeded'],
		...(k % 10 === 9 && { messages: ['Number of files skipped due to errors 2, please see task logs for more details'] }),
		replication: [{ ...DR, states: [k % 25 === 3 ? 'Running' : 'Succeeded'] }],
		archival: [{ ...S3, states: [k % 40 === 5 ? 'Failed' : 'Succeeded'], ...(k % 40 === 5 && { message: 'Archival target unreachable.' }) }],
	}));
	return { id: GROUP, name: 'bench_group', environment: 'kVMware', runs };
}

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
	it(`normalizing ${RUNS.toLocaleString('en')} runs against JSON.parse alone`, async () => {
		const text = await fetchText(`${runsUrl()}?maxResultCount=${RUNS}&includeObjectDetails=false`, headers());
		const runCount = (JSON.parse(text) as { runs: unknown[] }).runs.length;
		if (runCount !== RUNS) throw new Error(`the simulator returned ${runCount} runs`);
		for (const scope of ['localBackup', 'allCopies'] as StatusScope[]) {
			const options = { simplify: true, scope };
			const [parseMs, bothMs] = await alternate(15, [
				() => JSON.parse(text) as unknown,
				() => {
					const out = normalizeRuns(JSON.parse(text), options);
					if (out.length !== RUNS) throw new Error(`normalizeRuns returned ${out.length} items`);
				},
			]);
			record(`Cohesity: (JSON.parse + normalizeRuns) / JSON.parse, ${RUNS} runs, scope ${scope}`, {
				value: bothMs / parseMs,
				unit: '×',
				target: { max: 1.5 },
				baseline: { label: 'JSON.parse', value: parseMs, unit: 'ms' },
				note: `parse ${parseMs.toFixed(1)} ms, parse + normalize ${bothMs.toFixed(1)} ms of ${(text.length / 1048576).toFixed(1)} MiB; median of 15`,
			});
		}
	});

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
			label: 'Cohesity Get run',
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
