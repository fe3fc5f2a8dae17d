// @ts-check
'use strict';
/**
 * Normalizing 10,000 Cohesity runs (JSON.parse + normalizeRuns) against JSON.parse of the same body
 * alone. Timed in plain Node on the compiled dist/ (what n8n runs): inside jest's module sandbox the
 * same code runs several times slower, which would measure jest rather than the normalizer.
 */
const path = require('node:path');
const { CohesitySimulator } = require('../simulators/cohesity');
const { GROUP, RUNS, group } = require('./cohesity-fixture');
const { alternate, fetchText } = require('./tools');

module.exports = {
	name: 'Cohesity normalization',
	async run() {
		const { normalizeRuns } = require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'Cohesity', 'status.js'));
		const sim = new CohesitySimulator({ groups: [group()], maxPageSize: RUNS });
		const baseUrl = await sim.start();
		let text;
		try {
			text = await fetchText(`${baseUrl}/v2/data-protect/protection-groups/${encodeURIComponent(GROUP)}/runs?maxResultCount=${RUNS}&includeObjectDetails=false`, { apiKey: sim.apiKey });
		} finally {
			await sim.stop();
		}
		const records = [];
		for (const scope of ['localBackup', 'allCopies']) {
			const [parseMs, bothMs] = await alternate(15, [
				() => JSON.parse(text),
				() => {
					const out = normalizeRuns(JSON.parse(text), { simplify: true, scope });
					if (out.length !== RUNS) throw new Error(`normalizeRuns returned ${out.length} items`);
				},
			]);
			records.push({
				name: `Cohesity: (JSON.parse + normalizeRuns) / JSON.parse, ${RUNS} runs, scope ${scope}`,
				value: bothMs / parseMs,
				unit: '×',
				target: { max: 1.5 },
				baseline: { label: 'JSON.parse', value: parseMs, unit: 'ms' },
				note: `parse ${parseMs.toFixed(1)} ms, parse + normalize ${bothMs.toFixed(1)} ms of ${(text.length / 1048576).toFixed(1)} MiB; median of 15, plain Node on dist/`,
			});
		}
		return records;
	},
};
