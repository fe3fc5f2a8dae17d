// @ts-check
'use strict';
/**
 * The Cohesity benchmark's protection group: daily runs, every one with a replication and an archival
 * target, some with warnings or failures. Shared by the node benchmark (jest) and the normalization
 * benchmark (plain Node, against the compiled dist/).
 */
const GROUP = '4594155844987574:1679899218812:777';
const RUNS = 10000;
const START = 1600000000000000;
const DR = { name: 'dr-cluster-01', id: 5012345678901234 };
const S3 = { name: 'aws_s3_standard_target', id: 1276424 };

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

/**
 * `count` protection groups of `runsPer` hourly runs each (local backup and replication succeeded),
 * with the run ids a Get asks for: jobs 1000, 1001, … so every group has its own.
 * @param {number} count @param {number} runsPer @param {(string[])[]} [states] local states per run (default Succeeded)
 */
function groups(count, runsPer, states) {
	const list = Array.from({ length: count }, (_, g) => ({
		id: `4594155844987574:1679899218812:${1000 + g}`,
		name: `bench_group_${g}`,
		environment: 'kVMware',
		runs: Array.from({ length: runsPer }, (_, k) => ({
			startTimeUsecs: START + k * 3600000000,
			local: states?.[k] ?? ['Succeeded'],
			replication: [{ ...DR, states: ['Succeeded'] }],
		})),
	}));
	const runs = list.flatMap((group, g) => group.runs.map((run) => ({ group: group.id, run: `${1000 + g}:${run.startTimeUsecs}` })));
	return { groups: list, runs };
}

module.exports = { GROUP, RUNS, START, group, groups };
