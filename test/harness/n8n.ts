/**
 * Runs nodes through n8n-core's real WorkflowExecute, request code and a credentials layer that
 * applies `authenticate` and `preAuthentication` the way n8n's CredentialsHelper does (harness.md §9).
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

/** A start node that emits the items it is given, so tests need neither n8n-nodes-base nor a trigger. */
export class TestStart implements INodeType {
	description = {
		displayName: 'Test Start',
		name: 'testStart',
		group: ['input'],
		version: 1,
		description: '',
		defaults: { name: 'Start' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0, '[{}]') as string | IDataObject[];
		const items = typeof raw === 'string' ? (JSON.parse(raw) as IDataObject[]) : raw;
		return [items.map((json, item) => ({ json, pairedItem: { item } }))];
	}
}

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(name: string) {
		return this.types[name];
	}

	getByNameAndVersion(name: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.types[name], version);
	}

	getKnownTypes() {
		return {};
	}
}

export class TestCredentials extends ICredentialsHelper {
	preAuthCalls = 0;

	constructor(
		private readonly types: Record<string, ICredentialType>,
		readonly store: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used in node tests');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	async runPreAuthentication() {
		return undefined;
	}

	/** Stored data over the properties' defaults, as n8n returns it (an absent hidden token reads as ''). */
	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const defaults = Object.fromEntries(this.getCredentialsProperties(type).map((p) => [p.name, p.default]));
		return { ...defaults, ...this.store[type] } as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		type: string,
		request: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	) {
		const auth = this.types[type]?.authenticate;
		if (typeof auth === 'function') return await auth(credentials, request);
		if (auth?.type !== 'generic') return request;
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? String(
						workflow.expression.getSimpleParameterValue(
							node,
							value,
							'internal',
							{ $credentials: credentials } as IDataObject,
							undefined,
							'',
						) || '',
					)
				: value;
		for (const [part, values] of Object.entries(auth.properties)) {
			const target = ((request as unknown as IDataObject)[part] ??= {}) as IDataObject;
			for (const [key, value] of Object.entries(values as IDataObject)) target[resolve(key) as string] = resolve(value) as string;
		}
		return request;
	}

	/**
	 * As n8n: run the type's preAuthentication when its hidden expirable property is empty or the
	 * request answered 401 (`expired`), store the output, and hand it back to be merged.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		type: string,
		_node: INode,
		expired: boolean,
	) {
		const credentialType = this.types[type];
		const prop = credentialType?.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!prop || typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[prop.name] !== '' && !expired) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output?.[prop.name] === undefined) return undefined;
		this.preAuthCalls++;
		this.store[type] = { ...this.store[type], ...output } as ICredentialDataDecryptedObject;
		return Object.assign(credentials, output);
	}
}

export function makeAdditionalData(credentialsHelper: ICredentialsHelper, hooks: ExecutionLifecycleHooks) {
	const u = 'http://127.0.0.1:5678';
	const unavailable = (what: string) => () => {
		throw new Error(`${what} is not available in node tests`);
	};
	return {
		credentialsHelper,
		hooks,
		currentNodeExecutionIndex: 0,
		variables: {},
		userId: 'test-user',
		executeWorkflow: unavailable('executeWorkflow'),
		getRunExecutionData: unavailable('getRunExecutionData'),
		startRunnerTask: unavailable('startRunnerTask'),
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		restApiUrl: `${u}/rest`,
		instanceBaseUrl: u,
		webhookBaseUrl: `${u}/webhook`,
		webhookWaitingBaseUrl: `${u}/webhook-waiting`,
		webhookTestBaseUrl: `${u}/webhook-test`,
		formBaseUrl: `${u}/form`,
		formWaitingBaseUrl: `${u}/form-waiting`,
		formTestBaseUrl: `${u}/form-test`,
		mcpBaseUrl: `${u}/mcp`,
		mcpTestBaseUrl: `${u}/mcp-test`,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunHandle {
	/** Resolves when the workflow ends. */
	result: Promise<IRun>;
	/** Cancels the execution as n8n's Stop button does. */
	cancel(): void;
}

/** Starts a workflow through the real engine. */
export function startWorkflow(
	nodes: INode[],
	connections: IConnections,
	types: Record<string, INodeType | IVersionedNodeType>,
	credentials: TestCredentials,
	start = 'Start',
	timezone?: string,
): RunHandle {
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'test',
		nodes,
		connections,
		active: false,
		nodeTypes: new TestNodeTypes(types),
		settings: { executionOrder: 'v1', ...(timezone ? { timezone } : {}) },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', { id: 'wf-test', nodes, connections } as unknown as IWorkflowBase);
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const engine = new WorkflowExecute(makeAdditionalData(credentials, hooks), 'manual');
	const startNode = workflow.getNode(start)!;
	const run = engine.run as unknown as (...args: unknown[]) => { cancel?: () => void } & Promise<IRun>;
	const pending = run.length <= 1 ? run.call(engine, { workflow, startNode }) : run.call(engine, workflow, startNode);
	return {
		result: (async () => {
			await pending;
			return await finished;
		})(),
		cancel: () => pending.cancel?.(),
	};
}

export async function runWorkflow(...args: Parameters<typeof startWorkflow>): Promise<IRun> {
	return await startWorkflow(...args).result;
}
