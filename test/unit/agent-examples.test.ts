/**
 * The two AI-agent examples, checked against the nodes themselves: they are imported and run in a real
 * n8n by the e2e (test/e2e/mcp.sh calls the MCP server's tools), but a model cannot be called there, so
 * the agent example's wiring is proven here, and so is everything an edit to a node could break in
 * either: an operation or parameter that no longer exists, a tool that could change a backup, a
 * `$fromAI` key an agent cannot fill.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import mcpServer from '../../examples/backup-status-mcp-server.json';
import askAgent from '../../examples/ask-about-backups-ai-agent.json';
import { Cohesity } from '../../nodes/Cohesity/Cohesity.node';
import { Commvault } from '../../nodes/Commvault/Commvault.node';
import { HuaweiCloudBackup } from '../../nodes/HuaweiCloud/HuaweiCloudBackup.node';
import { VeeamBackupReplication } from '../../nodes/VeeamBackupReplication/VeeamBackupReplication.node';
import { VeeamEnterpriseManager } from '../../nodes/VeeamEnterpriseManager/VeeamEnterpriseManager.node';
import { VmwareVcenter } from '../../nodes/VmwareVcenter/VmwareVcenter.node';

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Example {
	nodes: ExampleNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string }>>>>;
}

const descriptions = new Map<string, INodeTypeDescription>(
	[new Cohesity(), new Commvault(), new HuaweiCloudBackup(), new VeeamBackupReplication(), new VeeamEnterpriseManager(), new VmwareVcenter()].map(
		(node) => [`n8n-nodes-backup-jobs.${node.description.name}Tool`, node.description],
	),
);
/** The parameters n8n adds to every tool node (convertNodeToAiTool). */
const TOOL_PARAMETERS = new Set(['descriptionType', 'toolDescription']);
/** What a tool may do on its own in these examples: read. */
const READ_OPERATION = /^get/;
/** The job-status fields a status tool's description must name, so an agent knows what it gets back. */
const ITEM_FIELDS = ['jobName', 'jobId', 'state', 'isSuccess', 'failed', 'message', 'startedAt'];

function toolsOf(example: Example): ExampleNode[] {
	return example.nodes.filter((n) => n.type.startsWith('n8n-nodes-backup-jobs.'));
}

function shownFor(property: INodeProperties, parameters: Record<string, unknown>): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, values]) => name.startsWith('@') || (values ?? []).includes(parameters[name] as never));
}

/** Every `$fromAI(key, description, type, …)` in a parameter value. */
function fromAiCalls(value: unknown): Array<{ key: string; description: string; type: string }> {
	const text = JSON.stringify(value);
	return [...text.matchAll(/\$fromAI\('([^']*)', '((?:[^'\\]|\\.)*)', '([^']*)'/g)].map((m) => ({ key: m[1], description: m[2], type: m[3] }));
}

describe.each([
	['backup-status-mcp-server.json', mcpServer as Example, '@n8n/n8n-nodes-langchain.mcpTrigger'],
	['ask-about-backups-ai-agent.json', askAgent as Example, '@n8n/n8n-nodes-langchain.agent'],
])('examples/%s', (_file, example, rootType) => {
	const tools = toolsOf(example);
	const root = example.nodes.find((n) => n.type === rootType);

	it('attaches a read tool of each of the six vendors to its root node', () => {
		expect(root).toBeDefined();
		expect(new Set(tools.map((t) => t.type))).toEqual(new Set(descriptions.keys()));
		for (const tool of tools) {
			expect(example.connections[tool.name]).toEqual({ ai_tool: [[{ node: root?.name, type: 'ai_tool', index: 0 }]] });
		}
	});

	it.each(tools.map((t) => [t.name, t]))('%s: a tool of a node usable as one, on a read operation that exists', (_name, tool) => {
		const description = descriptions.get(tool.type);
		expect(description?.usableAsTool).toBe(true);
		const { resource, operation } = tool.parameters;
		const operations = description?.properties.find((p) => p.name === 'operation' && shownFor(p, tool.parameters));
		expect(operations?.options?.map((o) => ('value' in o ? o.value : undefined))).toContain(operation);
		expect(String(operation)).toMatch(READ_OPERATION);
		expect(typeof resource).toBe('string');
	});

	it.each(tools.map((t) => [t.name, t]))('%s: every parameter is one the node shows for that operation', (_name, tool) => {
		const description = descriptions.get(tool.type) as INodeTypeDescription;
		for (const [name, value] of Object.entries(tool.parameters)) {
			if (TOOL_PARAMETERS.has(name)) continue;
			const property = description.properties.find((p) => p.name === name && shownFor(p, tool.parameters));
			expect({ name, shown: property !== undefined }).toEqual({ name, shown: true });
			if (property?.type === 'collection' && value && typeof value === 'object') {
				const options = (property.options ?? []).map((o) => ('name' in o ? o.name : undefined));
				for (const key of Object.keys(value)) expect(options).toContain(key);
			}
		}
	});

	it.each(tools.map((t) => [t.name, t]))('%s: the agent fills only plain, described values, and the credential is the simulator one', (_name, tool) => {
		for (const call of fromAiCalls(tool.parameters)) {
			expect(call.key).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
			expect(call.description.length).toBeGreaterThan(15);
			expect(['string', 'number']).toContain(call.type);
		}
		const [[type, credential]] = Object.entries(tool.credentials ?? {});
		expect(descriptions.get(tool.type)?.credentials?.map((c) => c.name)).toContain(type);
		expect(credential.id).toMatch(/Sim01$/);
	});

	it.each(tools.filter((t) => t.parameters.resource !== 'backupPolicy' && t.parameters.resource !== 'protectionGroup').map((t) => [t.name, t]))(
		'%s: its description says what it returns',
		(_name, tool) => {
			expect(tool.parameters.descriptionType).toBe('manual');
			for (const field of ITEM_FIELDS) expect(String(tool.parameters.toolDescription)).toContain(field);
		},
	);
});

describe('the AI Agent example', () => {
	const example = askAgent as Example;
	const agent = example.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.agent') as ExampleNode;

	it('starts from a chat message and has a chat model and a memory attached', () => {
		const typeOf = (name: string) => example.nodes.find((n) => n.name === name)?.type;
		const into = (kind: string) =>
			Object.entries(example.connections)
				.filter(([, c]) => c[kind]?.[0]?.some((to) => to.node === agent.name))
				.map(([from]) => typeOf(from));
		expect(into('main')).toEqual(['@n8n/n8n-nodes-langchain.chatTrigger']);
		expect(into('ai_languageModel')).toEqual(['@n8n/n8n-nodes-langchain.lmChatOpenAi']);
		expect(into('ai_memory')).toEqual(['@n8n/n8n-nodes-langchain.memoryBufferWindow']);
	});

	it('leaves the model credential to the user, and tells the agent it can only read', () => {
		const model = example.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi');
		expect(model?.credentials).toBeUndefined();
		const systemMessage = String((agent.parameters.options as Record<string, unknown>).systemMessage);
		expect(systemMessage).toMatch(/cannot start, stop, retry or restore/);
	});
});

describe('the MCP server example', () => {
	it('uses the trigger version with Streamable HTTP on both n8n lines, under a fixed path', () => {
		const trigger = (mcpServer as Example).nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
		expect(trigger?.typeVersion).toBe(2);
		expect(trigger?.parameters.path).toBe('backup-status');
	});
});
