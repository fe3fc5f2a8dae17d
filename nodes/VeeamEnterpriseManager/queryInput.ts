import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { formatIsoUtc, parseDateTimeIn } from '../shared/time';
import { allOf, anyOf, compare } from './filters';
import type { FilterField } from './queryFilters';

/** The Get Many parameters every query-API list shares: its Filters and Return All / Limit. */

/** A date-time filter as Veeam compares it: ISO 8601 UTC. Zone-less values are in the workflow's zone. */
function isoOf(ctx: IExecuteFunctions, value: unknown, field: string, i: number): string {
	const ms = parseDateTimeIn(String(value), ctx.getTimezone());
	if (!Number.isFinite(ms)) {
		throw new NodeOperationError(ctx.getNode(), `The ${field} filter "${String(value)}" is not a date and time [item ${i}]`, {
			itemIndex: i,
			description: `Pick the ${field} in the date picker, or map an ISO 8601 value such as 2024-03-15T02:00:00Z.`,
		});
	}
	return formatIsoUtc(ms);
}

/** The item's Filters as one query filter; every value quoted (filters.ts). */
export function buildFilter(ctx: IExecuteFunctions, fields: FilterField[], given: IDataObject, i: number): string {
	const conditions = fields.map((f) => {
		const value = given[f.name];
		if (value === undefined || value === null || value === '') return undefined;
		switch (f.kind) {
			case 'anyOf': {
				const values = (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter((v) => v !== '');
				return values.length > 0 ? anyOf(f.field, values) : undefined;
			}
			case 'after':
				return compare(f.field, '>=', isoOf(ctx, value, f.displayName, i));
			case 'before':
				return compare(f.field, '<=', isoOf(ctx, value, f.displayName, i));
			case 'boolean':
				return compare(f.field, '==', value === true || value === 'true' ? 'true' : 'false');
			default:
				return String(value).trim() === '' ? undefined : compare(f.field, '==', String(value).trim());
		}
	});
	return allOf(conditions);
}

/** Sort: Newest First (default) or Oldest First, by the query's creation-time field. */
export function sortOf(ctx: IExecuteFunctions, i: number, createdField: string): { sortAsc: string } | { sortDesc: string } {
	return ctx.getNodeParameter('sort', i, 'newestFirst') === 'oldestFirst' ? { sortAsc: createdField } : { sortDesc: createdField };
}
