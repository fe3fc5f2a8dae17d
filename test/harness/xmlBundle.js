// @ts-check
'use strict';
/**
 * The XML parser exactly as dist/ ships it, for tests: builds the bundle with the build's own function
 * (scripts/bundle-xml-parser.js) into a scratch folder, and parses documents with it in a child Node
 * process whose old-space heap is capped and whose run is killed after a timeout, so a document that
 * expanded would end that process, not the test runner. (Timers, `process` and node: imports are kept
 * out of .ts files by n8n's lint rules, hence plain JS.)
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { bundleXmlParser } = require('../../scripts/bundle-xml-parser');

/** @returns {Promise<{ file: string, dispose: () => void }>} */
async function buildXmlBundle() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bj-xml-bundle-'));
	const { outfile } = await bundleXmlParser(path.join(dir, 'xmlParser.js'));
	return { file: outfile, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * @typedef {{ exitCode: number | null, signal: string | null, value?: unknown, error?: string,
 *   parseMs?: number, heapGrowthMb?: number, maxRssMb?: number, stderr: string }} ChildParse
 */

/**
 * Parses `xml` with the bundle's parseXml in a fresh `node --max-old-space-size=<heapMb>`.
 * @param {string} bundleFile
 * @param {string} xml
 * @param {{ heapMb?: number, timeoutMs?: number }} [limits]
 * @returns {ChildParse}
 */
function parseInChild(bundleFile, xml, { heapMb = 64, timeoutMs = 10_000 } = {}) {
	const child = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--expose-gc', path.join(__dirname, 'parse-xml-child.js'), path.resolve(bundleFile)], {
		input: xml,
		encoding: 'utf8',
		timeout: timeoutMs,
		maxBuffer: 16 << 20,
	});
	/** @type {ChildParse} */
	const out = { exitCode: child.status, signal: child.signal, stderr: (child.stderr ?? '').slice(-2000) };
	const last = (child.stdout ?? '').trim().split('\n').pop();
	if (child.status === 0 && last) Object.assign(out, JSON.parse(last));
	return out;
}

module.exports = { buildXmlBundle, parseInChild };
