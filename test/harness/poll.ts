/**
 * Runs a polling trigger through n8n-core's real PollContext (harness.md §9.5): n8n's parameter
 * resolution, credentials (authenticate and preAuthentication through TestCredentials) and request
 * code, with the node's static data kept on a Workflow as n8n keeps it.
 */
import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeParameters,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { makeAdditionalData, TestCredentials, TestNodeTypes } from './n8n';
import type { NodeUnderTest } from './runNode';

export const TRIGGER_NAME = 'Job Trigger';

export class TriggerRun {
	private workflow: Workflow;

	private readonly node: INode;

	constructor(
		private readonly subject: NodeUnderTest,
		private readonly credentials: TestCredentials,
		parameters: INodeParameters,
		/** What n8n saved for the workflow, e.g. `saved()` of another run. */
		staticData: IDataObject = {},
	) {
		this.node = {
			id: 't1',
			name: TRIGGER_NAME,
			type: subject.type,
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
			credentials: { [subject.credentialType.name]: { id: 'c1', name: 'test' } },
		};
		this.workflow = this.build(staticData);
	}

	private build(staticData: IDataObject): Workflow {
		return new Workflow({
			id: 'wf-poll',
			name: 'poll',
			nodes: [this.node],
			connections: {},
			active: true,
			staticData,
			nodeTypes: new TestNodeTypes({ [this.subject.type]: this.subject.node }),
			settings: { executionOrder: 'v1' },
		});
	}

	/** A poll context as n8n creates one per activation ('activate': the user; 'init': n8n's start). */
	context(activation: WorkflowActivateMode = 'activate', mode: WorkflowExecuteMode = 'trigger'): PollContext {
		const hooks = new ExecutionLifecycleHooks('trigger', 'exec-poll', {} as never);
		return new PollContext(this.workflow, this.node, makeAdditionalData(this.credentials, hooks), mode, activation);
	}

	/** One poll: the emitted items' json, or null when the trigger emitted nothing. */
	async poll(context: PollContext): Promise<IDataObject[] | null> {
		const poll = this.subject.node.poll;
		if (!poll) throw new Error(`${this.subject.type} has no poll()`);
		const result = await poll.call(context);
		return result === null ? null : result[0].map((item) => item.json);
	}

	/** The state as n8n would persist it with the workflow. */
	get staticData(): IDataObject {
		return this.workflow.staticData[`node:${TRIGGER_NAME}`] as IDataObject;
	}

	set parameters(parameters: INodeParameters) {
		Object.assign(this.node.parameters, parameters);
	}

	/** The workflow's static data as n8n saves it (JSON). */
	saved(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	/** n8n stops and starts again: the workflow is rebuilt from its saved static data, polled in 'init'. */
	restart(): PollContext {
		this.workflow = this.build(this.saved());
		return this.context('init');
	}
}
