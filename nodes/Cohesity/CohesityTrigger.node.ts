import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollJobs } from '../shared/trigger';
import { getProtectionGroups } from './loadOptions';
import { triggerDescription } from './triggerDescription';
import { protectionRunSource } from './triggerSource';

export class CohesityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cohesity Trigger',
		name: 'cohesityTrigger',
		icon: { light: 'file:../../icons/cohesity.svg', dark: 'file:../../icons/cohesity.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + [].concat($parameter["events"]).join(", ") }}',
		description: 'Starts the workflow when a protection group run or a recovery of a Cohesity cluster or of Helios fails, succeeds or starts',
		defaults: { name: 'Cohesity Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cohesityApi', required: true }],
		properties: triggerDescription,
	};

	methods = { loadOptions: { getProtectionGroups } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs(this, async () => await protectionRunSource(this));
	}
}
