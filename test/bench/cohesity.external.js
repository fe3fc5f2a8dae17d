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
const { fetchText, interleave, spreadNote } = require('./tools');

module.exports = {
	name: 'Cohesity normalization',
	async run() {
		const { normalizeRuns } = require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'Cohesity', 'status.js'));
		const sim = new CohesitySimulator({ groups: [group()], maxPageSize: RUNS });
		const baseUrl = await sim.start();
		let text;
		try {
			text = await fetchText(`${baseUrl}/v2/data-protect/protection-groups/${encodeURIComponent(GROUP)}/runs?numRuns=${RUNS}&maxResultCount=${RUNS}&includeObjectDetails=false`, { apiKey: sim.apiKey });
		} finally {
			await sim.stop();
		}
		const records = [];
		for (const scope of ['localBackup', 'allCopies']) {
			const r = await interleave({
				a: () => {
					const out = normalizeRuns(JSON.parse(text), { simplify: true, scope });
					if (out.length !== RUNS) throw new Error(`normalizeRuns returned ${out.length} items`);
				},
				b: () => JSON.parse(text),
				rounds: 15,
				warmups: 4,
			});
			records.push({
				name: `Cohesity: (JSON.parse + normalizeRuns) / JSON.parse, ${RUNS} runs, scope ${scope}`,
				value: r.ratio,
				spread: [r.low, r.high],
				unit: '×',
				target: { max: 1.5 },
				baseline: { label: 'JSON.parse', value: r.bMs, unit: 'ms' },
				note: `parse ${r.bMs.toFixed(1)} ms, parse + normalize ${r.aMs.toFixed(1)} ms of ${(text.length / 1048576).toFixed(1)} MiB; ${spreadNote(r)}, plain Node on dist/`,
			});
		}
		return records;
	},
};
