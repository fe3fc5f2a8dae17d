// @ts-check
'use strict';
/**
 * Run by scan.js in a child process, inside a scratch folder that holds only the installed package and
 * n8n-workflow in its node_modules: what n8n has after a community install of this package.
 *
 *   node load-installed.js <installed package folder>
 *
 * Prints one JSON line: whether fast-xml-parser resolves from the installed body parser, what that
 * parser makes of an XML answer, and which of the package's node and credential files load.
 */
const fs = require('node:fs');
const path = require('node:path');

const pkgDir = path.resolve(process.argv[2] ?? '.');
const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const bodyFile = path.join(pkgDir, 'dist', 'nodes', 'shared', 'body.js');

/** @type {string | null} */
let resolvesTo = null;
try {
	resolvesTo = require.resolve('fast-xml-parser', { paths: [path.dirname(bodyFile)] });
} catch (error) {
	if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'MODULE_NOT_FOUND') throw error;
}

const { parseBody } = require(bodyFile);
const xml = parseBody(
	'<?xml version="1.0" encoding="UTF-8"?><JobStats jobId="4711"><status>Completed</status><percentComplete>100</percentComplete></JobStats>',
	'application/xml; charset=utf-8',
);

/** @type {Record<string, string>} */
const loaded = {};
for (const file of [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])]) {
	try {
		const exported = require(path.join(pkgDir, file));
		loaded[file] = Object.keys(exported).join(',') || 'no export';
	} catch (error) {
		loaded[file] = `error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
	}
}

process.stdout.write(`${JSON.stringify({ resolvesTo, xml, loaded, node: process.version })}\n`);
