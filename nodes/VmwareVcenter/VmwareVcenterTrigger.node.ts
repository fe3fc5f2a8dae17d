import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollJobs } from '../shared/trigger';
import { triggerProperties } from '../shared/triggerProperties';
import { backupJobSource } from './triggerSource';

export class VmwareVcenterTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VMware vCenter Trigger',
		name: 'vmwareVcenterTrigger',
		icon: { light: 'file:../../icons/vcenter.svg', dark: 'file:../../icons/vcenter.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + [].concat($parameter["events"]).join(", ") }}',
		description: 'Starts the workflow when a file-based backup job of a vCenter Server Appliance fails, succeeds or starts',
		defaults: { name: 'VMware vCenter Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vmwareVcenterApi', required: true }],
		// vCenter reports no "finished with warnings" result.
		properties: triggerProperties({ starts: true, warnings: false }),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs(this, async () => await backupJobSource(this));
	}
}
