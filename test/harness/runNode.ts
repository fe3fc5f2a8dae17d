import type { ICredentialType, IDataObject, INodeParameters, INodeType, IRun } from 'n8n-workflow';

import { startWorkflow, TestCredentials, TestStart, type RunHandle } from './n8n';

export interface NodeUnderTest {
	/** e.g. `n8n-nodes-backup-jobs.vmwareVcenter` */
	type: string;
	node: INodeType;
	credentialType: ICredentialType;
}

export interface NodeRun {
	run: IRun;
	/** The node's output items (json only); empty when the node failed. */
	items: IDataObject[];
	/** `pairedItem.item` of each output item. */
	pairedItems: number[];
	/** The node's own execution time as n8n records it (ms). */
	executionMs: number;
	/** The workflow error when the node failed (NodeApiError / NodeOperationError), else undefined. */
	error?: { name: string; message: string; description?: string | null; httpCode?: string | null; [key: string]: unknown };
	/** Everything the run produced, as text: for "no secret appears anywhere" checks. */
	text: string;
}

export const NODE_NAME = 'Backup Node';

/** Credentials for one node under test, with n8n's preAuthentication behaviour. */
export function credentialsFor(subject: NodeUnderTest, data: IDataObject): TestCredentials {
	const type = subject.credentialType;
	return new TestCredentials({ [type.name]: type }, { [type.name]: data as never });
}

/** Runs Start → the node once, through n8n's real execution engine. */
export function startNode(
	subject: NodeUnderTest,
	credentials: TestCredentials,
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean; typeVersion?: number; timezone?: string } = {},
): RunHandle {
	const credentialName = subject.credentialType.name;
	return startWorkflow(
		[
			{ id: '1', name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(options.items ?? [{}]) } },
			{
				id: '2',
				name: NODE_NAME,
				type: subject.type,
				typeVersion: options.typeVersion ?? 1,
				position: [200, 0],
				parameters,
				credentials: { [credentialName]: { id: 'c1', name: 'test' } },
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		{ Start: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		{ 'test.start': new TestStart(), [subject.type]: subject.node },
		credentials,
		'Start',
		options.timezone,
	);
}

export function outcome(run: IRun): NodeRun {
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	const data = task?.data?.main[0] ?? [];
	const error = run.data.resultData.error as NodeRun['error'] | undefined;
	return {
		run,
		items: data.map((item) => item.json),
		pairedItems: data.map((item) => (item.pairedItem as { item: number }).item),
		executionMs: task?.executionTime ?? Number.NaN,
		error: error ? { ...error, name: error.name, message: error.message, description: error.description } : undefined,
		text: JSON.stringify(run.data.resultData) + (error ? `${error.message} ${String(error.description ?? '')}` : ''),
	};
}

export async function runNode(...args: Parameters<typeof startNode>): Promise<NodeRun> {
	return outcome(await startNode(...args).result);
}
