import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../shared/shape';

/**
 * Commvault answers the same call as JSON or as XML (by `Accept`), and old servers send JSON shaped
 * like their XML: the root element as the only key and attributes prefixed with `@`. These helpers
 * read all three alike, so the normalizers see one shape: no root wrapper, no `@`, and a list where
 * XML has a single child element.
 */

/** XML roots end in `Resp`, `Response` or `_GenericResp`; the documented JSON bodies have no such key. */
const ROOT = /^[A-Za-z]+_[A-Za-z]+(Resp|Response)$/;

function strip(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(strip);
	if (!isRecord(value)) return value;
	const out: IDataObject = {};
	for (const [key, inner] of Object.entries(value)) {
		if (key.startsWith('?')) continue; // the XML declaration
		out[key.startsWith('@') ? key.slice(1) : key] = strip(inner) as IDataObject;
	}
	return out;
}

/**
 * Whether `@`-prefixed attributes are there, looking at the first record on each level only: old
 * servers prefix every attribute, so the first job tells, and a large list is not walked twice.
 */
function prefixed(value: unknown, depth = 0): boolean {
	const first = Array.isArray(value) ? value[0] : value;
	if (!isRecord(first) || depth > 6) return false;
	for (const [key, inner] of Object.entries(first)) {
		if (key.startsWith('@')) return true;
		if (typeof inner === 'object' && inner !== null && prefixed(inner, depth + 1)) return true;
	}
	return false;
}

/** The body without its XML root (or the XML-shaped JSON's), `@` prefixes dropped. */
export function documentOf(body: unknown): unknown {
	if (!isRecord(body)) return body;
	const keys = Object.keys(body).filter((key) => !key.startsWith('?'));
	const doc = keys.length === 1 && ROOT.test(keys[0]) ? (body[keys[0]] === '' ? {} : body[keys[0]]) : body;
	return prefixed(doc) ? strip(doc) : doc;
}

/** The name of the XML root (or XML-shaped JSON root), if the body has one. */
export function rootName(body: unknown): string | undefined {
	if (!isRecord(body)) return undefined;
	const keys = Object.keys(body).filter((key) => !key.startsWith('?'));
	return keys.length === 1 && ROOT.test(keys[0]) ? keys[0] : undefined;
}
