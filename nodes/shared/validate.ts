import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { parseDateTimeIn } from './time';

/**
 * Where the node comes from, asked for only when an error is thrown: n8n copies the node on every
 * `getNode()`, which would cost more than the check itself on every valid item.
 */
export interface NodeSource {
	getNode(): INode;
}

/** Characters that would change the meaning of a URL path if a proxy or appliance decoded them. */
const UNSAFE_ID = /[/?#\\]|\.\./;

function hasControlCharacter(text: string): boolean {
	return [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

/**
 * A job, group or policy id as the user typed it: trimmed, non-empty, and safe to put in a URL
 * path. Checked before any request, so a typo never reaches the appliance.
 */
export function requireId(
	source: NodeSource,
	value: unknown,
	field: string,
	itemIndex: number,
	shape?: { pattern: RegExp; example: string },
): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(source.getNode(), `The ${field} parameter is empty [item ${itemIndex}]`, {
			itemIndex,
			description: `Enter the ${field}, pick one from the list, or map it from a previous node.`,
		});
	}
	if (UNSAFE_ID.test(text) || hasControlCharacter(text)) {
		throw new NodeOperationError(
			source.getNode(),
			`The ${field} parameter "${text}" contains characters an ID cannot have [item ${itemIndex}]`,
			{ itemIndex, description: `Remove any "/", "?", "#", "\\", ".." or control character from the ${field}.` },
		);
	}
	if (shape && !shape.pattern.test(text)) {
		throw new NodeOperationError(
			source.getNode(),
			`The ${field} parameter "${text}" is not in the expected format [item ${itemIndex}]`,
			{ itemIndex, description: `The ${field} looks like ${shape.example}.` },
		);
	}
	return text;
}

/** A whole number within bounds, for limits, counts and intervals that the API needs as numbers. */
export function requireInteger(
	source: NodeSource,
	value: unknown,
	field: string,
	itemIndex: number,
	bounds: { min: number; max?: number },
): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < bounds.min || n > max) {
		const range = bounds.max === undefined ? `at least ${bounds.min}` : `from ${bounds.min} to ${max}`;
		throw new NodeOperationError(
			source.getNode(),
			`The ${field} parameter must be a whole number ${range} [item ${itemIndex}]`,
			{ itemIndex, description: `"${String(value)}" is not a valid ${field}. Enter a whole number ${range}.` },
		);
	}
	return n;
}

/**
 * The item's Limit (returnAllProperties), or undefined with Return All. `max`: the most the vendor lets
 * one list ask for, where a Limit is sent as it is.
 */
export function limitOf(ctx: IExecuteFunctions, i: number, max?: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', i, false) === true) return undefined;
	return requireInteger(ctx, ctx.getNodeParameter('limit', i, 50), 'Limit', i, { min: 1, max });
}

/**
 * A date-time filter as epoch ms, checked before any request. A time typed without a zone is in
 * `timeZone` (the workflow's, else the instance's GENERIC_TIMEZONE), as in n8n's own nodes.
 */
export function requireDateTime(source: NodeSource, value: unknown, field: string, itemIndex: number, timeZone: string): number {
	const ms = parseDateTimeIn(String(value), timeZone);
	if (!Number.isFinite(ms)) {
		throw new NodeOperationError(source.getNode(), `The ${field} filter "${String(value)}" is not a date and time [item ${itemIndex}]`, {
			itemIndex,
			description: `Pick the ${field} in the date picker, or map an ISO 8601 value such as 2024-03-15T02:00:00Z.`,
		});
	}
	return ms;
}
