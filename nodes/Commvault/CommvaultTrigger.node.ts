import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollJobs } from '../shared/trigger';
import { triggerProperties } from '../shared/triggerProperties';
import { clientIdProperty, jobTypeProperty } from './description';
import { commvaultJobSource } from './triggerSource';

export class CommvaultTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Commvault Trigger',
		name: 'commvaultTrigger',
		icon: { light: 'file:../../icons/commvault.svg', dark: 'file:../../icons/commvault.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + [].concat($parameter["events"]).join(", ") }}',
		description: 'Starts the workflow when a Commvault job fails, succeeds or finishes',
		defaults: { name: 'Commvault Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'commvaultApi', required: true }],
		// A job type, a client, or (both empty) every job; then what every trigger shows.
		properties: [jobTypeProperty, clientIdProperty, ...triggerProperties({ starts: false, warnings: true })],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs(this, async () => await commvaultJobSource(this));
	}
}
