import { createHash, createHmac } from 'node:crypto';

/**
 * Huawei Cloud's `SDK-HMAC-SHA256` request signature (reference §1.4), written from the algorithm:
 * the API gateway recomputes it from what it receives, so every part signed here is exactly what is
 * sent: the path and query as encoded here, the listed headers, and the body's bytes.
 */

export const ALGORITHM = 'SDK-HMAC-SHA256';

/** The gateway refuses a signature whose X-Sdk-Date is further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** RFC 3986: only `A-Z a-z 0-9 - _ . ~` stay as they are; `encodeURIComponent` leaves `!'()*` too. */
export function rfc3986(text: string): string {
	return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A path segment's text: a malformed escape is taken literally rather than failing the request. */
function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Every segment encoded once, whatever it arrived as: the path as it is sent. */
export function encodedPath(path: string): string {
	return path
		.split('/')
		.map((segment) => rfc3986(decodeSegment(segment)))
		.join('/');
}

/** The signed form always ends with a slash (the gateway adds one before it compares). */
export function canonicalPath(path: string): string {
	const encoded = encodedPath(path);
	return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Query pairs in any order; a key may repeat. */
export type QueryPairs = Array<[string, string]>;

/**
 * Keys sorted as given (before encoding, as the gateway sorts them), each key's values sorted too,
 * then each part RFC 3986-encoded. Also the query string that is sent.
 */
export function canonicalQuery(pairs: QueryPairs): string {
	const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	return [...pairs]
		.sort((a, b) => byCodePoint(a[0], b[0]) || byCodePoint(a[1], b[1]))
		.map(([key, value]) => `${rfc3986(key)}=${rfc3986(value)}`)
		.join('&');
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(now: Date): string {
	return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

export interface SignInput {
	method: string;
	/** The path as it will be sent or as given; each segment is encoded once for the signature. */
	path: string;
	query: QueryPairs;
	/** The headers to sign, `host` and `X-Sdk-Date` included; names in any case. */
	headers: Record<string, string>;
	/** The exact body bytes; empty or undefined for none. */
	body?: string | Uint8Array;
	accessKey: string;
	secretKey: string;
}

export interface Signature {
	signedHeaders: string;
	canonicalRequest: string;
	stringToSign: string;
	signature: string;
	authorization: string;
}

/** The canonical request, the string to sign, the signature and the `Authorization` header. */
export function sign(input: SignInput): Signature {
	const lowered = new Map<string, string>();
	for (const [name, value] of Object.entries(input.headers)) lowered.set(name.toLowerCase(), String(value).trim());
	const names = [...lowered.keys()].sort();
	const signedHeaders = names.join(';');
	const canonicalHeaders = names.map((name) => `${name}:${lowered.get(name)}\n`).join('');
	const body = input.body ?? '';
	const payloadHash = body.length === 0 ? EMPTY_BODY_SHA256 : sha256Hex(body);
	const canonicalRequest = [
		input.method.toUpperCase(),
		canonicalPath(input.path),
		canonicalQuery(input.query),
		canonicalHeaders,
		signedHeaders,
		payloadHash,
	].join('\n');
	const date = lowered.get('x-sdk-date') ?? '';
	const stringToSign = `${ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;
	const signature = createHmac('sha256', input.secretKey).update(stringToSign).digest('hex');
	return {
		signedHeaders,
		canonicalRequest,
		stringToSign,
		signature,
		authorization: `${ALGORITHM} Access=${input.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
	};
}
