// @ts-check
'use strict';
/**
 * The simulator's own check of an `SDK-HMAC-SHA256` signature (reference §1.4), written apart from
 * the node's signer (nodes/HuaweiCloud/signer.ts) so that a mistake in one is not hidden by the same
 * mistake in the other. It works on the raw request as it arrived: path and query still encoded.
 */
const { createHash, createHmac, timingSafeEqual } = require('node:crypto');

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Percent-encodes the UTF-8 bytes of a text, leaving only RFC 3986's unreserved characters. @param {string} text */
function encode(text) {
	let out = '';
	for (const byte of Buffer.from(text, 'utf8')) {
		const c = String.fromCharCode(byte);
		out += byte < 0x80 && UNRESERVED.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

/** Decodes `%XX` escapes (and nothing else: `+` stays a plus in a path). @param {string} text */
function unescape(text) {
	const bytes = [];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
			bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(text[i], 'utf8'));
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

/** @param {string} rawPath */
function canonicalUri(rawPath) {
	const uri = rawPath.split('/').map((s) => encode(unescape(s))).join('/');
	return uri.endsWith('/') ? uri : `${uri}/`;
}

/** Keys and values sorted by their decoded UTF-8 bytes, as the gateway does, then encoded. @param {string} rawQuery */
function canonicalQueryString(rawQuery) {
	if (rawQuery === '') return '';
	/** @type {Map<string, string[]>} */
	const byKey = new Map();
	for (const part of rawQuery.split('&')) {
		if (part === '') continue;
		const eq = part.indexOf('=');
		const key = unescape(eq < 0 ? part : part.slice(0, eq));
		const value = unescape(eq < 0 ? '' : part.slice(eq + 1));
		byKey.set(key, [...(byKey.get(key) ?? []), value]);
	}
	/** @param {string} a @param {string} b */
	const bytes = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
	return [...byKey.keys()]
		.sort(bytes)
		.flatMap((key) => (byKey.get(key) ?? []).sort(bytes).map((v) => `${encode(key)}=${encode(v)}`))
		.join('&');
}

/** `20240315T020500Z` → epoch ms, or NaN. @param {string} value */
function parseSdkDate(value) {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : Number.NaN;
}

/**
 * @typedef {{ ok: true, accessKey: string, signedHeaders: string[] } | { ok: false, reason: string, accessKey?: string }} Verdict
 *
 * @param {{ method: string, path: string, rawQuery: string, headers: import('node:http').IncomingHttpHeaders, body: string }} req
 * @param {{ secretOf: (ak: string) => string | undefined, nowMs: number, maxSkewMs?: number }} keys
 * @returns {Verdict}
 */
function verifySignature(req, keys) {
	const auth = String(req.headers.authorization ?? '');
	const m = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/.exec(auth);
	if (!m) return { ok: false, reason: 'the Authorization header is not SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…' };
	const [, accessKey, signedList, given] = m;
	const secret = keys.secretOf(accessKey);
	if (secret === undefined) return { ok: false, accessKey, reason: 'Get secretKey failed, ak not exist' };
	const names = signedList.split(';');
	if (!names.includes('x-sdk-date') || !names.includes('host')) return { ok: false, accessKey, reason: 'host and x-sdk-date must be signed' };
	const date = String(req.headers['x-sdk-date'] ?? '');
	const at = parseSdkDate(date);
	if (!Number.isFinite(at) || Math.abs(keys.nowMs - at) > (keys.maxSkewMs ?? 15 * 60_000)) {
		return { ok: false, accessKey, reason: 'the request time (X-Sdk-Date) is more than 15 minutes away from the server time' };
	}
	const headerLines = names.map((name) => `${name}:${String(req.headers[name] ?? '').trim()}\n`).join('');
	const payload = createHash('sha256').update(Buffer.from(req.body, 'utf8')).digest('hex');
	const canonical = `${req.method}\n${canonicalUri(req.path)}\n${canonicalQueryString(req.rawQuery)}\n${headerLines}\n${signedList}\n${payload}`;
	const toSign = `SDK-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`;
	const expected = createHmac('sha256', secret).update(toSign).digest();
	if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, accessKey, reason: 'verify aksk signature fail' };
	return { ok: true, accessKey, signedHeaders: names };
}

module.exports = { verifySignature, canonicalUri, canonicalQueryString };
