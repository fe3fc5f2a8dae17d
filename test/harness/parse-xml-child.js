// @ts-check
'use strict';
/**
 * Child of xmlBundle.js: `node --expose-gc parse-xml-child.js <bundle>` reads an XML document on stdin,
 * parses it with the bundle's parseXml and prints one JSON line: the value or the error, the parse time,
 * the heap growth during the parse and the process's peak resident memory.
 */
const fs = require('node:fs');

const { parseXml } = require(process.argv[2] ?? '');
const xml = fs.readFileSync(0, 'utf8');
const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
/** @type {{ value?: unknown, error?: string }} */
let result;
try {
	result = { value: parseXml(xml) };
} catch (error) {
	result = { error: error instanceof Error ? error.message : String(error) };
}
const parseMs = performance.now() - started;
const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ...result, parseMs, heapGrowthMb, maxRssMb })}\n`);
