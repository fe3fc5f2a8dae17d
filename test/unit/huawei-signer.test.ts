import { canonicalPath, canonicalQuery, rfc3986, sign, sdkDate } from '../../nodes/HuaweiCloud/signer';
import { signRequest } from '../../nodes/HuaweiCloud/signRequest';
import { verifySignature } from '../simulators/huaweiSignature';

// The test vector of reference §1.4.
const AK = 'HPUAEXAMPLEAK0000001';
const SK = 'exampleSecretKeyDoNotUse0000000000000000';
const PID = '0123456789abcdef0123456789abcdef';
const PATH = `/v2/${PID}/backuppolicy/af8a20b0-117d-4fc3-ae53-aa3968a4f870/backuptasks`;

/** What the simulator would receive for a signed request, verified with its own implementation. */
function verifyAsReceived(signed: { url?: string; method?: string; headers?: object; body?: unknown }, nowMs: number, secret = SK) {
	const url = new URL(String(signed.url));
	const raw = String(signed.url).slice(url.origin.length);
	const q = raw.indexOf('?');
	const headers: Record<string, string> = { host: url.host };
	for (const [k, v] of Object.entries(signed.headers ?? {})) headers[k.toLowerCase()] = String(v);
	return verifySignature(
		{ method: String(signed.method ?? 'GET'), path: q < 0 ? raw : raw.slice(0, q), rawQuery: q < 0 ? '' : raw.slice(q + 1), headers, body: typeof signed.body === 'string' ? signed.body : '' },
		{ secretOf: (ak: string) => (ak === AK ? secret : undefined), nowMs },
	);
}

describe('SDK-HMAC-SHA256 signer', () => {
	it('reproduces the reference test vector', () => {
		const result = sign({
			method: 'GET',
			path: PATH,
			query: [
				['limit', '10'],
				['sort_dir', 'desc'],
				['sort_key', 'created_at'],
			],
			headers: { 'Content-Type': 'application/json', host: 'vbs.cn-north-4.myhuaweicloud.com', 'X-Project-Id': PID, 'X-Sdk-Date': '20240315T020500Z' },
			accessKey: AK,
			secretKey: SK,
		});
		expect(result.signedHeaders).toBe('content-type;host;x-project-id;x-sdk-date');
		expect(result.stringToSign.split('\n')[2]).toBe('b97e8030133404e51da70cfc15e852e07dea102abb00311c4311814ca19bcd1f');
		expect(result.signature).toBe('570ebcc88551a717d322c72a8d97997742a38aad1ee42bc602095effe7490750');
		expect(result.authorization).toBe(
			'SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=570ebcc88551a717d322c72a8d97997742a38aad1ee42bc602095effe7490750',
		);
	});

	it('canonical request: blank line before SignedHeaders, empty-body hash last', () => {
		const { canonicalRequest } = sign({ method: 'get', path: '/a', query: [], headers: { Host: 'h', 'X-Sdk-Date': '20240315T020500Z' }, accessKey: AK, secretKey: SK });
		expect(canonicalRequest).toBe('GET\n/a/\n\nhost:h\nx-sdk-date:20240315T020500Z\n\nhost;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	});

	it('encodes path segments once, whether given raw or encoded, and always ends the signed path with a slash', () => {
		expect(canonicalPath('/v2/p/backuppolicy/a b')).toBe('/v2/p/backuppolicy/a%20b/');
		expect(canonicalPath('/v2/p/backuppolicy/a%20b')).toBe('/v2/p/backuppolicy/a%20b/');
		expect(canonicalPath('/v2/x%2Fy/')).toBe('/v2/x%2Fy/');
		expect(canonicalPath('/v2/ünï')).toBe('/v2/%C3%BCn%C3%AF/');
		expect(rfc3986("a!'()*~._-")).toBe('a%21%27%28%29%2A~._-');
	});

	it('sorts keys and repeated values by code point, RFC 3986-encoded', () => {
		expect(
			canonicalQuery([
				['status', 'RUNNING'],
				['b', '2'],
				['a', 'z'],
				['a', 'b c'],
				['B', '1'],
				['naïve', 'é'],
			]),
		).toBe('B=1&a=b%20c&a=z&b=2&na%C3%AFve=%C3%A9&status=RUNNING');
	});

	it('signs the body bytes: an empty and a non-empty body give different signatures', () => {
		const base = { method: 'POST', path: '/v2/p/backuppolicy/x/action', query: [], headers: { host: 'h', 'X-Sdk-Date': '20240315T020500Z' }, accessKey: AK, secretKey: SK };
		const empty = sign(base);
		const body = sign({ ...base, body: '{"action":"run"}' });
		expect(empty.canonicalRequest.endsWith('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe(true);
		expect(body.signature).not.toBe(empty.signature);
		expect(sign({ ...base, body: '{"name":"日本"}' }).signature).not.toBe(body.signature);
	});

	it('X-Sdk-Date is UTC YYYYMMDDTHHMMSSZ', () => {
		expect(sdkDate(new Date(Date.UTC(2024, 2, 15, 2, 5, 0, 123)))).toBe('20240315T020500Z');
	});
});

describe('signRequest: what n8n sends is what was signed (checked by the simulator\'s own verifier)', () => {
	const now = new Date(Date.UTC(2024, 2, 15, 2, 5, 0));
	const keys = { accessKey: AK, secretKey: SK, projectId: PID };

	it('moves qs into the URL in canonical order and signs it; the verifier agrees', () => {
		const signed = signRequest({ method: 'GET', url: `https://vbs.cn-north-4.myhuaweicloud.com${PATH}`, qs: { sort_key: 'created_at', limit: 10, sort_dir: 'desc' }, headers: { accept: 'application/json' } }, keys, now);
		expect(signed.url).toBe(`https://vbs.cn-north-4.myhuaweicloud.com${PATH}?limit=10&sort_dir=desc&sort_key=created_at`);
		expect(signed.qs).toBeUndefined();
		expect((signed.headers as Record<string, string>)['X-Project-Id']).toBe(PID);
		expect(verifyAsReceived(signed, now.getTime())).toMatchObject({ ok: true, signedHeaders: ['host', 'x-project-id', 'x-sdk-date'] });
	});

	it('baseURL + url, repeated and unsorted keys, encoded and non-ASCII values, a JSON body', () => {
		const signed = signRequest(
			{ method: 'POST', baseURL: 'http://127.0.0.1:8080/', url: '/v2/p/x y/ü', qs: { z: ['2', '1'], a: "it's (ok)*", ö: 'ß' }, body: { name: 'täst', n: 1 } },
			keys,
			now,
		);
		expect(signed.url).toBe('http://127.0.0.1:8080/v2/p/x%20y/%C3%BC?a=it%27s%20%28ok%29%2A&z=1&z=2&%C3%B6=%C3%9F');
		expect(signed.body).toBe('{"name":"täst","n":1}');
		expect((signed.headers as Record<string, string>)['Content-Type']).toBe('application/json');
		expect(verifyAsReceived(signed, now.getTime())).toMatchObject({ ok: true, signedHeaders: ['content-type', 'host', 'x-project-id', 'x-sdk-date'] });
	});

	it('signing again (n8n re-authenticates after a 401) gives the same URL and a valid signature', () => {
		const once = signRequest({ method: 'GET', url: 'http://127.0.0.1:1/v2/p/backuppolicy', qs: { limit: 5 } }, keys, now);
		const twice = signRequest(once, keys, now);
		expect(twice.url).toBe(once.url);
		expect(verifyAsReceived(twice, now.getTime()).ok).toBe(true);
	});

	it('a security token is sent and signed; an empty object body is no body', () => {
		const signed = signRequest({ method: 'GET', url: 'http://127.0.0.1:1/v3/projects', qs: { name: 'cn-north-4' }, body: {} }, { ...keys, securityToken: 'tmp-token' }, now);
		expect(signed.body).toBeUndefined();
		expect((signed.headers as Record<string, string>)['X-Security-Token']).toBe('tmp-token');
		expect(verifyAsReceived(signed, now.getTime())).toMatchObject({ ok: true, signedHeaders: ['host', 'x-project-id', 'x-sdk-date', 'x-security-token'] });
	});

	it('the verifier refuses a wrong secret, a changed query, and a clock 16 minutes off', () => {
		const signed = signRequest({ method: 'GET', url: 'http://127.0.0.1:1/v2/p/backuppolicy', qs: { limit: 5 } }, keys, now);
		expect(verifyAsReceived(signed, now.getTime(), 'another-secret')).toMatchObject({ ok: false, reason: 'verify aksk signature fail' });
		expect(verifyAsReceived({ ...signed, url: `${String(signed.url)}0` }, now.getTime())).toMatchObject({ ok: false, reason: 'verify aksk signature fail' });
		expect(verifyAsReceived(signed, now.getTime() + 16 * 60_000)).toMatchObject({ ok: false, reason: expect.stringMatching(/15 minutes/) });
		expect(verifyAsReceived(signed, now.getTime() + 14 * 60_000).ok).toBe(true);
	});
});
