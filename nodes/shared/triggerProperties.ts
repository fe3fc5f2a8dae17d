import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { simplifyProperty } from './properties';

/** The parameters every vendor's job trigger shows the same way. */

export interface TriggerCapabilities {
	/** The vendor shows jobs while they run, so "Job Started" can fire. */
	starts: boolean;
	/** The vendor has a "finished with warnings" result. */
	warnings: boolean;
}

export const DEFAULT_LOOK_BACK_HOURS = 24;

export function triggerProperties(can: TriggerCapabilities): INodeProperties[] {
	const events: INodePropertyOptions[] = [
		{ name: 'Job Failed', value: 'failed', description: 'A job ended as failed or cancelled' },
		{ name: 'Job Finished', value: 'finished', description: 'A job ended, whatever its result' },
		...(can.warnings
			? [{ name: 'Job Finished With Warning', value: 'warning', description: 'A job ended successfully but with warnings' }]
			: []),
		...(can.starts ? [{ name: 'Job Started', value: 'started', description: 'A job began to run' }] : []),
		{ name: 'Job Succeeded', value: 'succeeded', description: 'A job ended successfully without warnings' },
	];
	return [
		{
			displayName: 'Trigger On',
			name: 'events',
			type: 'multiOptions',
			required: true,
			default: ['failed'],
			options: events,
			description: 'Which job events start the workflow; each job is reported once per event',
		},
		{
			displayName: 'Look Back (Hours)',
			name: 'lookBackHours',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: DEFAULT_LOOK_BACK_HOURS,
			description:
				'Only jobs that started this long before a check are reported. It must exceed your longest backup, and bounds what is caught up after n8n was down.',
		},
		simplifyProperty({}),
	];
}
