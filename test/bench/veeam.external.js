// @ts-check
'use strict';
/**
 * Parsing and normalizing a 10 MB XML query result (`GET /api/query?type=BackupJobSession&format=Entities`,
 * the server's default XML) the way the node does (the bundled XML parser with validation, then the
 * job-status items) against fast-xml-parser parsing the same text alone. Plain Node on the compiled dist/,
 * as n8n runs it.
 */
const path = require('node:path');
const { XMLParser } = require('fast-xml-parser');
const { JOBS, VeeamSimulator } = require('../simulators/veeam');
const { interleave, spreadNote } = require('./tools');

/** About 1.1 kB of XML per session: 9,200 sessions make some 10 MB. */
const SESSIONS = 9_200;

async function xmlQueryResult() {
	const start = Date.now() - 30 * 86_400_000;
	const backupSessions = Array.from({ length: SESSIONS }, (_, i) => ({
		jobId: [JOBS.fileserver, JOBS.sql, JOBS.exchange][i % 3],
		createdAt: start + i * 60_000,
		steps: [i % 7 === 0 ? { state: 'Stopped', result: 'Failed' } : { state: 'Stopped', result: 'Success' }],
		failureMessage: 'Access denied to the repository.',
	}));
	const sim = new VeeamSimulator({ backupSessions, cdpSessions: [] });
	const base = await sim.start();
	try {
		const auth = `Basic ${Buffer.from(`${sim.username}:${sim.password}`).toString('base64')}`;
		const signIn = await fetch(`${base}/api/sessionMngr/?v=latest`, { method: 'POST', headers: { authorization: auth } });
		const token = String(signIn.headers.get('x-restsvcsessionid'));
		const res = await fetch(`${base}/api/query?type=BackupJobSession&format=Entities&sortDesc=CreationTime&pageSize=${SESSIONS + 10}`, { headers: { 'X-RestSvcSessionId': token } });
		return await res.text();
	} finally {
		await sim.stop();
	}
}

module.exports = {
	name: 'Veeam XML normalization',
	async run() {
		const dist = path.join(__dirname, '..', '..', 'dist', 'nodes');
		const { parseBody } = require(path.join(dist, 'shared', 'body.js'));
		const { normalizeQuery, BACKUP_JOB_SESSION } = require(path.join(dist, 'VeeamEnterpriseManager', 'status.js'));
		const text = await xmlQueryResult();
		const expected = SESSIONS + 4; // the simulator's default backup sessions come along
		const plain = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: false, parseTagValue: true, trimValues: true });
		const r = await interleave({
			a: () => {
				const out = normalizeQuery(BACKUP_JOB_SESSION, parseBody(text, 'application/xml').value, true);
				if (out.length < SESSIONS) throw new Error(`normalizeQuery returned ${out.length} items, expected ${expected}`);
			},
			b: () => plain.parse(text),
			rounds: 9,
			warmups: 2,
		});
		return [
			{
				name: `Veeam: (parse + normalize) / fast-xml-parser alone, ${SESSIONS} backup job sessions as XML`,
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
