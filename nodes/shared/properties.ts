import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireInteger } from './validate';
import type { WaitSettings } from './waitForJobs';

/** The options every vendor's job operations show the same way, so users learn them once. */

export type TimeoutBehaviour = 'error' | 'returnLastStatus';

export function waitProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	const whenWaiting: IDisplayOptions = {
		show: { ...displayOptions.show, waitForCompletion: [true] },
	};
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			displayOptions,
			description:
				'Whether to keep checking until the job has finished. For jobs that run for hours, use a Wait node and an IF node on "isFinished" instead, so no execution stays busy.',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			displayOptions: whenWaiting,
			description: 'How long to wait between two checks. Shorter intervals put more load on the appliance.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 3600,
			displayOptions: whenWaiting,
			description: 'How long to wait for the job to finish, counted from the first check',
		},
		{
			displayName: 'On Timeout',
			name: 'onTimeout',
			type: 'options',
			default: 'error',
			displayOptions: whenWaiting,
			options: [
				{
					name: 'Stop With an Error',
					value: 'error',
					description: 'Fail the item, so the workflow stops or its error output takes over',
				},
				{
					name: 'Return the Last Status',
					value: 'returnLastStatus',
					description: 'Output the last status with "timedOut" set to true, to branch on it',
				},
			],
		},
	];
}

export function simplifyProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	};
}

export function returnAllProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			displayOptions,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

/** Settings that shape how the node talks to the appliance rather than what it asks. */
export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Concurrent Requests',
			name: 'concurrentRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 5,
			description: 'How many items are checked at the same time. Lower it for a busy appliance.',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'requestTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description: 'How long to wait for the appliance to answer one request',
		},
	],
};

/**
 * If Already Running, for starts. "Start Another" is offered only where the vendor can run the same job
 * twice at once; elsewhere the vendor would refuse it anyway.
 */
export function ifAlreadyRunningProperty(displayOptions: IDisplayOptions, allowsAnother: boolean): INodeProperties {
	return {
		displayName: 'If Already Running',
		name: 'ifAlreadyRunning',
		type: 'options',
		default: 'returnRunning',
		displayOptions,
		options: [
			{ name: 'Return the Running Job', value: 'returnRunning', description: 'Start nothing; output the job that runs (and wait for it, with Wait for Completion)' },
			...(allowsAnother ? [{ name: 'Start Another', value: 'startAnother', description: 'Start a new run beside the one that runs' }] : []),
			{ name: 'Stop With an Error', value: 'error', description: 'Start nothing; fail the item' },
		],
		description: 'What to do when the job is running already. Checked before anything is started.',
	};
}

export type IfAlreadyRunningChoice = 'returnRunning' | 'startAnother' | 'error';

export function readIfAlreadyRunning(ctx: IExecuteFunctions, itemIndex: number): IfAlreadyRunningChoice {
	const value = ctx.getNodeParameter('ifAlreadyRunning', itemIndex, 'returnRunning');
	return value === 'startAnother' || value === 'error' ? value : 'returnRunning';
}

export interface RunOptions {
	concurrency: number;
	requestTimeoutMs: number;
}

/** Node-wide settings, read from the first item: they describe the connection, not one job. */
export function readRunOptions(ctx: IExecuteFunctions): RunOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as { concurrentRequests?: unknown; requestTimeout?: unknown };
	return {
		concurrency: requireInteger(ctx, options.concurrentRequests ?? 5, 'Concurrent Requests', 0, { min: 1, max: 20 }),
		requestTimeoutMs: 1000 * requireInteger(ctx, options.requestTimeout ?? 60, 'Request Timeout', 0, { min: 1 }),
	};
}

export interface ItemWait extends WaitSettings {
	onTimeout: TimeoutBehaviour;
}

/** The wait settings of one item, or undefined when it does not wait. */
export function readWait(ctx: IExecuteFunctions, itemIndex: number): ItemWait | undefined {
	if (ctx.getNodeParameter('waitForCompletion', itemIndex, false) !== true) return undefined;
	const seconds = (name: string, field: string, fallback: number) =>
		requireInteger(ctx, ctx.getNodeParameter(name, itemIndex, fallback), field, itemIndex, { min: 1 });
	return {
		pollIntervalMs: 1000 * seconds('pollInterval', 'Poll Interval', 30),
		timeoutMs: 1000 * seconds('waitTimeout', 'Timeout', 3600),
		onTimeout: ctx.getNodeParameter('onTimeout', itemIndex, 'error') as TimeoutBehaviour,
	};
}
