// @ts-check
'use strict';
/**
 * Parsing and normalizing a 10 MB XML job list (`GET /Job`, `Accept: application/xml`) the way the node
 * does (the bundled XML parser with validation, then the job-status items) against fast-xml-parser
 * parsing the same text alone. Plain Node on the compiled dist/, as n8n runs it.
 */
const path = require('node:path');
const { XMLParser } = require('fast-xml-parser');
const { CommvaultSimulator } = require('../simulators/commvault');
const { interleave, spreadNote } = require('./tools');

/** About 580 bytes of XML per job: 18,000 jobs make some 10 MB. */
const JOBS = 18_000;

async function xmlJobList() {
	const start = Math.floor(Date.now() / 1000) - 3600;
	const jobs = Array.from({ length: JOBS }, (_, i) => ({ jobId: 100000 + i, states: [i % 7 === 0 ? 'Failed' : 'Completed'], startTime: start + i }));
	const sim = new CommvaultSimulator({ jobs });
	const root = await sim.start();
	try {
		const login = await fetch(`${root}/Login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: sim.username, password: Buffer.from(sim.password).toString('base64') }),
		});
		const { token } = /** @type {{ token: string }} */ (await login.json());
		const res = await fetch(`${root}/Job?jobCategory=All&completedJobLookupTime=86400&jobFilter=&limit=${JOBS}`, { headers: { authtoken: token, accept: 'application/xml' } });
		return await res.text();
	} finally {
		await sim.stop();
	}
}

module.exports = {
	name: 'Commvault XML normalization',
	async run() {
		const dist = path.join(__dirname, '..', '..', 'dist', 'nodes');
		const { parseBody } = require(path.join(dist, 'shared', 'body.js'));
		const { normalizeJobList } = require(path.join(dist, 'Commvault', 'status.js'));
		const text = await xmlJobList();
		const plain = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: false, parseTagValue: true, trimValues: true });
		const r = await interleave({
			a: () => {
				const out = normalizeJobList(parseBody(text, 'application/xml').value, true);
				if (out.length !== JOBS) throw new Error(`normalizeJobList returned ${out.length} items`);
			},
			b: () => plain.parse(text),
			rounds: 9,
			warmups: 2,
		});
		return [
			{
				name: `Commvault: (parse + normalize) / fast-xml-parser alone, ${JOBS} jobs as XML`,
				value: r.ratio,
				spread: [r.low, r.high],
				unit: '×',
				target: { max: 1.3 },
				baseline: { label: 'fast-xml-parser', value: r.bMs, unit: 'ms' },
				note: `parse ${r.bMs.toFixed(1)} ms, parse + normalize ${r.aMs.toFixed(1)} ms of ${(text.length / 1048576).toFixed(1)} MiB; ${spreadNote(r)}, plain Node on dist/`,
			},
		];
	},
};
