import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { parseDateTimeIn } from '../shared/time';
import { requireId } from '../shared/validate';

/** The parameters the Cohesity node reads the same way for runs and recoveries. */

export const GROUP_ID = { pattern: /^\d+:\d+:\d+$/, example: '4594155844987574:1679899218812:880 (cluster ID, incarnation ID, job ID)' };
const RUN_ID = { pattern: /^\d+:\d+$/, example: '880:1680005024062490 (job ID, run start time in microseconds)' };

export function groupIdOf(ctx: IExecuteFunctions, i: number): string {
	const value = ctx.getNodeParameter('protectionGroupId', i, '', { extractValue: true });
	return requireId(ctx, value, 'Protection Group', i, GROUP_ID);
}

export function runIdOf(ctx: IExecuteFunctions, i: number): string {
	return requireId(ctx, ctx.getNodeParameter('runId', i, ''), 'Run ID', i, RUN_ID);
}

/**
 * A date-time parameter as the microseconds Cohesity expects. A time typed without a zone is in the
 * workflow's time zone (else the instance's GENERIC_TIMEZONE), as in n8n's own nodes.
 */
export function usecsOf(ctx: IExecuteFunctions, value: unknown, field: string, i: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = parseDateTimeIn(String(value), ctx.getTimezone());
	if (!Number.isFinite(ms)) {
		throw new NodeOperationError(ctx.getNode(), `The ${field} filter "${String(value)}" is not a date and time [item ${i}]`, {
			itemIndex: i,
			description: `Pick the ${field} in the date picker, or map an ISO 8601 value such as 2024-03-15T02:00:00Z.`,
		});
	}
	return ms * 1000;
}
