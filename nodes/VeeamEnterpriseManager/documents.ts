import type { IDataObject } from 'n8n-workflow';

import { isRecord, listOf, numberOf } from '../shared/shape';

/**
 * Enterprise Manager answers the same resource as XML (its default) or JSON (on `Accept`), and v13
 * JSON spells its keys in camelCase where v12 used PascalCase (reference §0.2). These helpers read all
 * three alike, so the normalizers see one shape: a field by its name in any casing, the XML root
 * element unwrapped, and a list where XML has a single child element.
 */

/** A field by its documented (PascalCase) name, in whatever casing the server used. */
export function field(record: IDataObject, name: string): unknown {
	const direct = record[name];
	if (direct !== undefined) return direct;
	// v13's camelCase first: one more lookup, not a walk over every key, on large lists.
	const camel = record[name[0].toLowerCase() + name.slice(1)];
	if (camel !== undefined) return camel;
	const lower = name.toLowerCase();
	for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
	return undefined;
}

/** The XML declaration and namespace are parser artefacts, not data. */
const isMarkup = (key: string) => key.startsWith('?') || key === 'xmlns' || key.startsWith('xmlns:');

/**
 * An XML document as the parser gives it is `{RootElement: {…}}` (after the declaration); a JSON
 * answer is the root's content itself. Returns the root's name (XML) and content.
 */
export function documentOf(body: unknown): { root: string | undefined; doc: unknown } {
	if (!isRecord(body)) return { root: undefined, doc: body };
	const keys = Object.keys(body).filter((key) => !isMarkup(key));
	if (keys.length === 1) {
		// A parsed XML document: its declaration, or the namespace every Enterprise Manager root carries.
		const inner = body[keys[0]];
		const declared = Object.keys(body).some((key) => key.startsWith('?'));
		if (inner === '' && declared) return { root: keys[0], doc: {} };
		if (isRecord(inner) && (declared || typeof inner.xmlns === 'string')) return { root: keys[0], doc: inner };
	}
	return { root: undefined, doc: body };
}

/** The documented spellings, so a v13 camelCase key (or `uid`) reads back as v12 names it. */
const CANONICAL = [
	'UID', 'Name', 'Type', 'Href', 'Links', 'Link', 'Rel', 'VmDisplayName', 'PolicySessionUid', 'CreationTimeUTC',
	'EndTimeUTC', 'State', 'Result', 'Reason', 'TotalSize', 'JobUid', 'JobName', 'JobType', 'Progress', 'IsRetry',
	'FailureMessage', 'Message', 'StatusCode', 'Status', 'PageNum', 'PageSize', 'PagesCount',
];
const CANONICAL_BY_LOWER = new Map(CANONICAL.map((name) => [name.toLowerCase(), name]));

/** Fields that are numbers and booleans in JSON; XML gives them as text (or as numbers, for tags). */
const NUMBERS = new Set(['TotalSize', 'Progress', 'StatusCode', 'PageNum', 'PageSize', 'PagesCount']);
const BOOLEANS = new Set(['IsRetry']);

function canonicalKey(key: string): string {
	return CANONICAL_BY_LOWER.get(key.toLowerCase()) ?? key[0].toUpperCase() + key.slice(1);
}

function canonicalScalar(key: string, value: unknown): unknown {
	if (NUMBERS.has(key)) return numberOf(value) ?? String(value);
	if (BOOLEANS.has(key)) return value === true || value === 'true';
	// The XML parser reads a tag of digits as a number; JSON has the text.
	return typeof value === 'string' ? value : String(value);
}

/**
 * The vendor's record as one shape whatever the format and version: documented key spellings, `Links`
 * a list of links (XML nests them as `<Links><Link/>…`), numbers and booleans typed, absent and null
 * fields left out. Only for Simplify off: a large list is not copied for nothing.
 */
export function canonicalRecord(value: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [rawKey, inner] of Object.entries(value)) {
		if (isMarkup(rawKey) || inner === null || inner === undefined) continue;
		const key = canonicalKey(rawKey);
		if (key === 'Links') {
			const links = isRecord(inner) ? listOf(field(inner, 'Link')) : listOf(inner);
			out.Links = links.filter(isRecord).map(canonicalRecord);
		} else if (Array.isArray(inner)) {
			out[key] = inner.map((entry) => (isRecord(entry) ? canonicalRecord(entry) : canonicalScalar(key, entry))) as IDataObject[];
		} else if (isRecord(inner)) {
			out[key] = canonicalRecord(inner);
		} else if (inner !== '') {
			out[key] = canonicalScalar(key, inner) as string;
		}
	}
	return out;
}
