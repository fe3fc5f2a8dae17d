// @ts-check
'use strict';
/**
 * n8n's own HTTP Request node, the baseline the issue compares against ("one request per item, no
 * batching"), taken from the real n8n 2.41.1 that the end-to-end tests install into the cache
 * (test/e2e/install-n8n.sh). The project does not depend on n8n-nodes-base; without that install
 * the comparison is skipped rather than measured against a stand-in.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function cacheDir() {
	return process.env.CACHE ?? process.env.BACKUP_JOBS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'n8n-nodes-backup-jobs');
}

const HTTP_REQUEST = ['n8n-2.41.1', 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js'];

/** The versioned HTTP Request node type, or undefined when n8n is not installed in the cache. */
function httpRequestNode() {
	const file = path.join(cacheDir(), ...HTTP_REQUEST);
	if (!fs.existsSync(path.join(cacheDir(), 'n8n-2.41.1', '.installed')) || !fs.existsSync(file)) return undefined;
	const { HttpRequest } = require(file);
	return new HttpRequest();
}

/** An HTTP Request node version both n8n lines (1.123 and 2.41) have; the real-n8n leg uses the same. */
const HTTP_REQUEST_VERSION = 4.2;

module.exports = { httpRequestNode, HTTP_REQUEST_VERSION, cacheDir };
