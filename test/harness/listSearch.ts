/**
 * Runs a From List picker's search the way the editor's "load options" request does: n8n-core's real
 * LoadOptionsContext over the node with the parameters the editor holds (`currentNodeParameters`), the
 * method looked up in the node's `methods.listSearch` (so an unregistered method fails here), and n8n's
 * request and credentials code (authenticate and preAuthentication through TestCredentials).
 */
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import { Workflow, type INode, type INodeListSearchResult, type INodeParameters } from 'n8n-workflow';

import { makeAdditionalData, TestNodeTypes, type TestCredentials } from './n8n';
import type { NodeUnderTest } from './runNode';

export interface ListSearch {
	/** The locator parameter whose list is opened, e.g. `subclientId`. */
	parameter: string;
	/** Its `searchListMethod`. */
	method: string;
	/** What the editor holds for the node: the other parameters the list depends on. */
	parameters: INodeParameters;
	filter?: string;
	paginationToken?: string;
}

export async function searchList(subject: NodeUnderTest, credentials: TestCredentials, search: ListSearch): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'ls1',
		name: 'Backup Node',
		type: subject.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: search.parameters,
		credentials: { [subject.credentialType.name]: { id: 'c1', name: 'test' } },
	};
	const workflow = new Workflow({
		id: 'wf-list',
		name: 'list',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [subject.type]: subject.node }),
		settings: { executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks('internal', 'list-search', {} as never);
	const additionalData = Object.assign(makeAdditionalData(credentials, hooks), { currentNodeParameters: search.parameters });
	const context = new LoadOptionsContext(workflow, node, additionalData, `parameters.${search.parameter}`);
	const method = subject.node.methods?.listSearch?.[search.method];
	if (!method) throw new Error(`${subject.type} has no listSearch method ${search.method}`);
	return await method.call(context, search.filter, search.paginationToken);
}
