// @ts-check
'use strict';
/**
 * What the floor benchmark (floor.external.js) measures for each vendor: its seed, the items of a Get
 * with distinct and with repeated ids and of a Get Many of 10,000 jobs, this package's node parameters,
 * the parameters the floor node reads per item (the same names and expressions: what any node doing this
 * job must evaluate), and the HTTP Request node a user would build for the same Get.
 */
const { GROUP, group, groups } = require('./cohesity-fixture');

const GETS = 500;
/** Repeated ids: 500 items that ask about 10 jobs, 50 items each. */
const REPEATED_DISTINCT = 10;
const MANY = 10000;
const CONCURRENCY = 5;

const pad = (/** @type {number} */ n, /** @type {number} */ width) => String(n).padStart(width, '0');
/** @param {Array<Record<string, string>>} distinct @returns {Array<Record<string, string>>} */
const repeated = (distinct) => Array.from({ length: GETS }, (_, k) => distinct[k % REPEATED_DISTINCT]);
const options = { concurrentRequests: CONCURRENCY };
const rl = (/** @type {string} */ value) => ({ __rl: true, mode: 'id', value });

/**
 * A read of one parameter: [name, fallback, getNodeParameter options].
 * @typedef {[string, unknown, object?]} Read
 * @typedef {object} Scenario
 * @property {'get' | 'getRepeated' | 'getMany'} key
 * @property {string} label
 * @property {object[]} items What the items of the measured nodes hold.
 * @property {object} parameters This package's node parameters.
 * @property {Read[]} reads What the floor reads per item.
 * @property {boolean | 'afterFirst'} sequential The requests depend on each other (pages): the floor sends
 *   them one after the other; 'afterFirst': only the first goes alone, the rest side by side, where the
 *   first answer says what they are (vCenter's job list before its details calls; an offset list's total
 *   before its other pages).
 * @property {'items' | 'records'} output One item per input item, or one per record of the answers.
 * @property {object} [http] The HTTP Request node's parameters, for the Gets.
 * @typedef {object} Vendor
 * @property {string} key The simulator's name (serve.js).
 * @property {string} label
 * @property {string} type This package's node type.
 * @property {string} floorType
 * @property {Record<string, { id: string, name: string }>} credentials
 * @property {Read[]} once What the node reads once, from the first item.
 * @property {object} seed POST /__sim/seed body.
 * @property {Scenario[]} scenarios
 */

/** The Get, Get with repeated ids and Get Many of a vendor. @returns {Scenario[]} */
function scenarios(/** @type {{ ids: Array<Record<string, string>>, get: object, getReads: Read[], many: object, manyReads: Read[], manySequential?: 'afterFirst', http: object }} */ v) {
	const distinct = v.ids.slice(0, GETS);
	return [
		{ key: 'get', label: `Get, ${GETS} distinct ids`, items: distinct, parameters: { ...v.get, options }, reads: v.getReads, sequential: false, output: 'items', http: v.http },
		{
			key: 'getRepeated',
			label: `Get, ${GETS} items over ${REPEATED_DISTINCT} ids`,
			items: repeated(distinct),
			parameters: { ...v.get, options },
			reads: v.getReads,
			sequential: false,
			output: 'items',
			http: v.http,
		},
		{ key: 'getMany', label: `Get Many, ${MANY} jobs`, items: [{}], parameters: { ...v.many, options }, reads: v.manyReads, sequential: v.manySequential ?? true, output: 'records' },
	];
}

/** The HTTP Request node as a user builds it: the credential, default options, an expression for the URL. */
const http = (/** @type {string} */ url, /** @type {string} */ credentialType) => ({
	method: 'GET',
	url,
	authentication: 'predefinedCredentialType',
	nodeCredentialType: credentialType,
	options: {},
});

const vcenterIds = Array.from({ length: MANY }, (_, k) => ({ id: `20240601-${pad(k, 6)}-1` }));
const cohesityGet = groups(5, GETS / 5);
// The simulator lists jobs by id, highest first: the Gets' ids (the first 500) are the newest.
const commvaultIds = Array.from({ length: MANY }, (_, k) => ({ id: String(700000 - k) }));
const veeamIds = Array.from({ length: MANY }, (_, k) => ({ id: `00000000-0000-4000-8000-${pad(k, 12)}` }));
const HUAWEI_POLICY = 'b0b0b0b0-0000-4000-8000-00000000be1c';
const huaweiIds = Array.from({ length: MANY }, (_, k) => ({ policy: HUAWEI_POLICY, id: `0b0b0b0b-0000-4000-8000-${pad(k, 12)}` }));

/** @returns {Vendor[]} */
function vendors(nowMs = Date.now()) {
	const nowSeconds = Math.floor(nowMs / 1000);
	return [
		{
			key: 'vcenter',
			label: 'vCenter',
			type: 'n8n-nodes-backup-jobs.vmwareVcenter',
			floorType: 'n8n-nodes-bench-floor.floorVmwareVcenter',
			credentials: { vmwareVcenterApi: { id: 'vcenterSim01', name: 'VMware vCenter simulator' } },
			once: [['options', {}], ['operation', 'get']],
			seed: { jobs: vcenterIds.map(({ id }) => ({ id, states: ['SUCCEEDED'] })) },
			scenarios: scenarios({
				ids: vcenterIds,
				get: { resource: 'backupJob', operation: 'get', jobId: rl('={{ $json.id }}') },
				getReads: [['jobId', '', { extractValue: true }], ['simplify', true], ['waitForCompletion', false]],
				many: { resource: 'backupJob', operation: 'getAll', returnAll: true },
				manyReads: [['returnAll', false], ['simplify', true]],
				// The job list, then its details calls, which need only the list.
				manySequential: 'afterFirst',
				http: http('={{ "__VCENTER_BASE__/api/appliance/recovery/backup/job/" + $json.id }}', 'vmwareVcenterApi'),
			}),
		},
		{
			key: 'cohesity',
			label: 'Cohesity',
			type: 'n8n-nodes-backup-jobs.cohesity',
			floorType: 'n8n-nodes-bench-floor.floorCohesity',
			credentials: { cohesityApi: { id: 'cohesitySim01', name: 'Cohesity simulator' } },
			once: [['options', {}], ['resource', ''], ['operation', '']],
			seed: { groups: [...cohesityGet.groups, group()] },
			scenarios: scenarios({
				ids: cohesityGet.runs,
				get: { resource: 'protectionGroupRun', operation: 'get', protectionGroupId: rl('={{ $json.group }}'), runId: '={{ $json.run }}' },
				getReads: [['protectionGroupId', '', { extractValue: true }], ['runId', ''], ['simplify', true], ['statusScope', 'localBackup'], ['waitForCompletion', false]],
				many: { resource: 'protectionGroupRun', operation: 'getAll', protectionGroupId: rl(GROUP), returnAll: true },
				manyReads: [['protectionGroupId', '', { extractValue: true }], ['returnAll', false], ['filters', {}], ['simplify', true], ['statusScope', 'localBackup']],
				http: http(
					'={{ "__COHESITY_BASE__/v2/data-protect/protection-groups/" + $json.group + "/runs/" + $json.run }}',
					'cohesityApi',
				),
			}),
		},
		{
			key: 'commvault',
			label: 'Commvault',
			type: 'n8n-nodes-backup-jobs.commvault',
			floorType: 'n8n-nodes-bench-floor.floorCommvault',
			credentials: { commvaultApi: { id: 'commvaultSim01', name: 'Commvault simulator' } },
			once: [['options', {}], ['resource', ''], ['operation', '']],
			// Started within the last hours, the Gets' ids the newest: what a check after a backup asks about.
			seed: { jobs: commvaultIds.map(({ id }, k) => ({ jobId: Number(id), states: ['Completed'], startTime: nowSeconds - 60 - Math.floor(k / 2) })) },
			scenarios: scenarios({
				ids: commvaultIds,
				get: { resource: 'job', operation: 'get', jobId: '={{ $json.id }}' },
				getReads: [['jobId', ''], ['simplify', true], ['waitForCompletion', false]],
				many: { resource: 'job', operation: 'getAll', returnAll: true },
				// Offset pages: the first answer's total gives the others, read side by side.
				manySequential: 'afterFirst',
				manyReads: [['returnAll', false], ['lookupHours', 24], ['filters', {}], ['jobCategory', 'All'], ['simplify', true]],
				http: http('={{ "__COMMVAULT_BASE__/Job/" + $json.id }}', 'commvaultApi'),
			}),
		},
		{
			key: 'veeam',
			label: 'Veeam EM',
			type: 'n8n-nodes-backup-jobs.veeamEnterpriseManager',
			floorType: 'n8n-nodes-bench-floor.floorVeeamEnterpriseManager',
			credentials: { veeamEnterpriseManagerApi: { id: 'veeamSim01', name: 'Veeam Enterprise Manager simulator' } },
			once: [['options', {}], ['resource', ''], ['operation', '']],
			seed: {
				backupSessions: veeamIds.map(({ id }, k) => ({ id, jobId: '4856ab37-2235-45e8-affe-d515878b01a9', createdAt: nowMs - 60_000 - k * 500, steps: [{ state: 'Stopped', result: 'Success' }] })),
			},
			scenarios: scenarios({
				ids: veeamIds,
				get: { resource: 'backupJobSession', operation: 'get', sessionId: '={{ $json.id }}' },
				getReads: [['sessionId', ''], ['simplify', true], ['waitForCompletion', false]],
				many: { resource: 'backupJobSession', operation: 'getAll', returnAll: true },
				// The first answer's PagesCount gives the others, read side by side.
				manySequential: 'afterFirst',
				manyReads: [['returnAll', false], ['filters', {}], ['sort', 'newestFirst'], ['simplify', true]],
				http: http('={{ "__VEEAM_BASE__/api/backupSessions/" + $json.id }}', 'veeamEnterpriseManagerApi'),
			}),
		},
		{
			key: 'huawei',
			label: 'Huawei VBS',
			type: 'n8n-nodes-backup-jobs.huaweiCloudBackup',
			floorType: 'n8n-nodes-bench-floor.floorHuaweiCloudBackup',
			credentials: { huaweiCloudApi: { id: 'huaweiSim01', name: 'Huawei simulator' } },
			once: [['options', {}], ['resource', ''], ['operation', '']],
			seed: {
				policies: [
					{
						backup_policy_id: HUAWEI_POLICY,
						backup_policy_name: 'bench_policy',
						// The Gets' ids the newest, as for Commvault.
						tasks: huaweiIds.map(({ id }, k) => ({ job_id: id, states: ['EXECUTE_SUCCESS'], ageSeconds: 60 + k })),
					},
				],
			},
			scenarios: scenarios({
				ids: huaweiIds,
				get: { resource: 'backupPolicyTask', operation: 'get', policyId: rl('={{ $json.policy }}'), jobId: '={{ $json.id }}' },
				getReads: [['policyId', '', { extractValue: true }], ['jobId', ''], ['simplify', true], ['waitForCompletion', false]],
				many: { resource: 'backupPolicyTask', operation: 'getAll', policyId: rl(HUAWEI_POLICY), returnAll: true },
				// Offset pages: the first answer's total gives the others, read side by side.
				manySequential: 'afterFirst',
				manyReads: [['policyId', '', { extractValue: true }], ['returnAll', false], ['filters', {}], ['simplify', true]],
				http: http('={{ "__HUAWEI_BASE__/v2/__HUAWEI_PROJECT__/backuppolicy/" + $json.policy + "/backuptasks?job_id=" + $json.id }}', 'huaweiCloudApi'),
			}),
		},
	];
}

module.exports = { vendors, GETS, MANY, CONCURRENCY, REPEATED_DISTINCT };
