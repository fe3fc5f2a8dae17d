#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The examples in examples/ as users import them call placeholder hosts (vcenter.example.com, tickets.example.com, …)
 * in their HTTP Request nodes. The end-to-end tests and the `npm start` demo run them against the simulators:
 * this points those URLs at the simulators, and for `n8n execute` (which needs a Manual Trigger) can turn a
 * Schedule Trigger into one and shorten Wait for Completion's poll interval.
 *
 *   node test/e2e/localize-examples.js --urls '{"vcenter":"http://…","cohesity":"http://…","helpdesk":"http://…"}' \
 *     [--manual-start] [--poll-interval SECONDS] OUT_DIR FILE.json…
 */
const fs = require('node:fs');
const path = require('node:path');

/** Placeholder host → which simulator answers for it. */
const PLACEHOLDERS = {
	'https://vcenter.example.com': 'vcenter',
	'https://cohesity.example.com': 'cohesity',
	'https://tickets.example.com': 'helpdesk',
	'https://chat.example.com': 'helpdesk',
};

/**
 * @param {any} workflow an examples/*.json workflow (not changed; a copy is returned)
 * @param {{ urls: Record<string, string>, manualStart?: boolean, pollIntervalSeconds?: number }} options
 */
function localizeExample(workflow, options) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes ?? []) {
		if (node.type === 'n8n-nodes-base.httpRequest' && typeof node.parameters?.url === 'string') {
			for (const [placeholder, vendor] of Object.entries(PLACEHOLDERS)) {
				const url = options.urls[vendor];
				if (url && node.parameters.url.startsWith(placeholder)) node.parameters.url = url + node.parameters.url.slice(placeholder.length);
			}
		}
		if (options.manualStart && node.type === 'n8n-nodes-base.scheduleTrigger') {
			Object.assign(node, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
		}
		if (options.pollIntervalSeconds !== undefined && node.parameters?.pollInterval !== undefined) {
			node.parameters.pollInterval = options.pollIntervalSeconds;
		}
	}
	return copy;
}

function main() {
	const args = process.argv.slice(2);
	/** @type {{ urls: Record<string, string>, manualStart?: boolean, pollIntervalSeconds?: number }} */
	const options = { urls: {} };
	const rest = [];
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--urls') options.urls = JSON.parse(args[++i]);
		else if (args[i] === '--manual-start') options.manualStart = true;
		else if (args[i] === '--poll-interval') options.pollIntervalSeconds = Number(args[++i]);
		else rest.push(args[i]);
	}
	const [outDir, ...files] = rest;
	if (!outDir || files.length === 0) throw new Error('usage: localize-examples.js [options] OUT_DIR FILE.json…');
	fs.mkdirSync(outDir, { recursive: true });
	for (const file of files) {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		fs.writeFileSync(path.join(outDir, path.basename(file)), `${JSON.stringify(localizeExample(workflow, options), null, 2)}\n`);
	}
}

if (require.main === module) main();

module.exports = { localizeExample, PLACEHOLDERS };
