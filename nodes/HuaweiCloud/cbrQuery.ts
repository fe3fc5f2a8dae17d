import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { formatIsoUtc } from '../shared/time';
import { limitOf, requireDateTime, requireId } from '../shared/validate';
import { CBR_MAX_LIMIT } from './cbrTransport';

/** CBR's ids are UUIDs; the shape refuses `../`, `?` and typos before any request. */
export const CBR_ID = { pattern: /^[A-Za-z0-9-]+$/, example: '4b5d8d3e-8c4f-4b1a-9d5e-2f6a7b8c9d0e' };

/** A time as the CBR filters take it: `%YYYY-%mm-%ddT%HH:%MM:%SSZ`, whole seconds in UTC. */
export function cbrTime(ms: number): string {
	return formatIsoUtc(Math.floor(ms / 1000) * 1000).replace(/\.\d{3}Z$/, 'Z');
}

/** The item's Limit (undefined with Return All), at most what one CBR request may ask for. */
export const cbrLimitOf = (ctx: IExecuteFunctions, i: number): number | undefined => limitOf(ctx, i, CBR_MAX_LIMIT);

/**
 * Reads a CBR Filters collection: `id` and `time` give the query value of one filter (an ID checked as
 * such, a date and time as CBR compares it), or undefined when the filter is left empty.
 */
export function cbrFilterReader(ctx: IExecuteFunctions, filters: IDataObject, i: number) {
	const given = (name: string) => filters[name] !== undefined && String(filters[name]).trim() !== '';
	return {
		id: (name: string, field: string) => (given(name) ? requireId(ctx, filters[name], field, i, CBR_ID) : undefined),
		time: (name: string, field: string) => (given(name) ? cbrTime(requireDateTime(ctx, filters[name], field, i, ctx.getTimezone())) : undefined),
	};
}
