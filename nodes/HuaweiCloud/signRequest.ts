import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { canonicalQuery, encodedPath, sdkDate, sign, type QueryPairs } from './signer';

/**
 * Turns the request n8n is about to send (a node's, the credential test's, the HTTP Request node's)
 * into a signed one whose URL, headers and body are final: the query string and the body are
 * serialized here, so axios sends the bytes that were signed instead of encoding them its own way.
 */

export interface AccessKeys {
	accessKey: string;
	secretKey: string;
	/** Temporary keys come with one; it is sent and signed as X-Security-Token. */
	securityToken?: string;
	projectId?: string;
}

/** What `authenticate` may receive: `url` (httpRequest) or `uri` (the older request helper). */
type OutgoingRequest = IHttpRequestOptions & { uri?: string };

const REPLACED_HEADERS = new Set(['authorization', 'x-sdk-date', 'host', 'x-security-token']);

function appendQs(pairs: QueryPairs, key: string, value: unknown): void {
	if (value === undefined || value === null) return;
	if (Array.isArray(value)) {
		for (const entry of value) appendQs(pairs, key, entry);
		return;
	}
	pairs.push([key, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
}

/** The body's exact text, or '' when n8n would send none (it drops an empty object). */
function bodyText(body: unknown): { text: string; isJson: boolean } {
	if (body === undefined || body === null) return { text: '', isJson: false };
	if (typeof body === 'string') return { text: body, isJson: false };
	if (body instanceof Uint8Array) return { text: new TextDecoder().decode(body), isJson: false };
	if (typeof body === 'object' && Object.keys(body as IDataObject).length === 0) return { text: '', isJson: false };
	return { text: JSON.stringify(body), isJson: true };
}

/** The absolute URL the request goes to, from `baseURL` and `url` (or `uri`). */
export function targetUrl(request: OutgoingRequest): URL {
	const url = String(request.url ?? request.uri ?? '');
	if (/^https?:\/\//i.test(url)) return new URL(url);
	const base = String(request.baseURL ?? '').replace(/\/+$/, '');
	return new URL(`${base}/${url.replace(/^\/+/, '')}`);
}

/** Signs `request` with the keys; the result has no `qs` or `baseURL` left, only a final URL. */
export function signRequest(request: OutgoingRequest, keys: AccessKeys, now = new Date()): OutgoingRequest {
	const url = targetUrl(request);
	const pairs: QueryPairs = [...url.searchParams.entries()];
	for (const [key, value] of Object.entries((request.qs ?? {}) as IDataObject)) appendQs(pairs, key, value);
	const path = encodedPath(url.pathname);
	const query = canonicalQuery(pairs);

	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries((request.headers ?? {}) as IDataObject)) {
		if (!REPLACED_HEADERS.has(name.toLowerCase()) && value !== undefined && value !== null) headers[name] = String(value);
	}
	const body = bodyText(request.body);
	const contentTypeName = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
	if (body.text !== '' && contentTypeName === undefined) headers['Content-Type'] = body.isJson ? 'application/json' : 'text/plain';
	const projectHeader = Object.keys(headers).find((name) => name.toLowerCase() === 'x-project-id');
	if (keys.projectId && projectHeader === undefined) headers['X-Project-Id'] = keys.projectId;

	// Signed: what identifies the request (host, date, project, token) and, with a body, its type.
	// Other headers (Accept, User-Agent) are left out: axios may add or change them.
	const signed: Record<string, string> = { 'X-Sdk-Date': sdkDate(now) };
	const projectName = Object.keys(headers).find((name) => name.toLowerCase() === 'x-project-id');
	if (projectName) signed[projectName] = headers[projectName];
	if (keys.securityToken) signed['X-Security-Token'] = keys.securityToken;
	const typeName = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
	if (body.text !== '' && typeName) signed[typeName] = headers[typeName];

	const signature = sign({
		method: String(request.method ?? 'GET'),
		path,
		query: pairs,
		headers: { host: url.host, ...signed },
		body: body.text,
		accessKey: keys.accessKey,
		secretKey: keys.secretKey,
	});
	const finalUrl = `${url.origin}${path}${query === '' ? '' : `?${query}`}`;
	const out: OutgoingRequest = {
		...request,
		url: finalUrl,
		qs: undefined,
		baseURL: undefined,
		headers: { ...headers, ...signed, Authorization: signature.authorization },
		body: body.text === '' ? undefined : body.text,
	};
	if (request.uri !== undefined) out.uri = finalUrl;
	return out;
}
