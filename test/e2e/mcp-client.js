#!/usr/bin/env node
'use strict';
/**
 * An MCP client for the e2e (test/e2e/mcp.sh), on the official TypeScript SDK over Streamable HTTP, as an
 * MCP client application would connect to n8n's MCP Server Trigger:
 *
 *   node mcp-client.js URL CALLS_JSON
 *
 * CALLS_JSON is a file with [{name, arguments}, …]. One session: initialize, tools/list, then each call
 * in order. Prints one JSON line: {tools: [{name, description, inputSchema}], results: [{name, isError,
 * text, items}]}, where `text` is the tool's text content and `items` that text parsed as JSON, if it is.
 * A call the server answers with a JSON-RPC error (not a tool error) gives {name, rpcError}. Exits 1 only
 * when it cannot connect or list.
 */
const fs = require('node:fs');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

/** The per-call bound: a tool here reads a simulator once or twice. */
const CALL_TIMEOUT_MS = 60_000;

function parsed(text) {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

async function main() {
	const [url, callsFile] = process.argv.slice(2);
	if (!url || !callsFile) throw new Error('usage: mcp-client.js URL CALLS_JSON');
	const calls = JSON.parse(fs.readFileSync(callsFile, 'utf8'));
	const client = new Client({ name: 'n8n-nodes-backup-jobs-e2e', version: '1.0.0' });
	const transport = new StreamableHTTPClientTransport(new URL(url));
	await client.connect(transport);
	const listed = await client.listTools();
	const tools = listed.tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema }));
	const results = [];
	for (const call of calls) {
		try {
			const answer = await client.callTool({ name: call.name, arguments: call.arguments ?? {} }, undefined, { timeout: CALL_TIMEOUT_MS });
			const text = (answer.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
			results.push({ name: call.name, isError: answer.isError === true, text, items: parsed(text) });
		} catch (error) {
			results.push({ name: call.name, rpcError: error instanceof Error ? error.message : String(error) });
		}
	}
	await transport.terminateSession().catch(() => undefined);
	await client.close();
	process.stdout.write(`${JSON.stringify({ tools, results })}\n`);
}

main().catch((error) => {
	process.stderr.write(`mcp-client: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
