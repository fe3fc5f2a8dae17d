import type { IDataObject } from 'n8n-workflow';

/**
 * Thrown when an answer does not have the shape the vendor documents. The item runner turns it into
 * a NodeOperationError for the item, so a surprising answer never becomes a crash or an `undefined`.
 */
export class UnexpectedAnswerError extends Error {
	constructor(product: string, expected: string, received: unknown) {
		super(`${product} sent ${describe(received)} where ${expected} was expected`);
		this.name = 'UnexpectedAnswerError';
	}
}

function describe(value: unknown): string {
	if (value === null || value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object of another shape';
	return `a ${typeof value}`;
}

export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectRecord(value: unknown, product: string, expected: string): IDataObject {
	if (!isRecord(value)) throw new UnexpectedAnswerError(product, expected, value);
	return value;
}

export function expectArray(value: unknown, product: string, expected: string): unknown[] {
	if (!Array.isArray(value)) throw new UnexpectedAnswerError(product, expected, value);
	return value;
}

/** A field that must be a non-empty string (an id, a state). */
export function expectString(record: IDataObject, field: string, product: string, expected: string): string {
	const value = record[field];
	if (typeof value !== 'string' || value === '') throw new UnexpectedAnswerError(product, `${expected} with a "${field}"`, record);
	return value;
}

/**
 * A list field that an answer may leave out when the list is empty (`{}` or `{totalRuns: 0}`). Left
 * out of an answer that has other, unknown fields, it is not an empty list but an answer of another
 * shape, and an error: a failing appliance must never read as "no jobs".
 */
export function optionalList(
	record: IDataObject,
	field: string,
	knownFields: readonly string[],
	product: string,
	expected: string,
): unknown[] {
	const value = record[field];
	if (value !== undefined && value !== null) return expectArray(value, product, expected);
	if (Object.keys(record).every((key) => key === field || knownFields.includes(key))) return [];
	throw new UnexpectedAnswerError(product, expected, record);
}

/** A string (trimmed) or a number as text, else '': for ids and names that arrive either way (XML, forms). */
export function textOf(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** A repeated XML element: a list in JSON, a single object in XML when there is one child, nothing when empty. */
export function listOf(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? value : [value];
}

/** A number from JSON (a number) or XML (an attribute's text). */
export function numberOf(value: unknown): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
