import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { parseBody } from '../../nodes/shared/body';
import { redactSecrets } from '../../nodes/shared/redact';
import { ApiClient, expandPath, isLostAnswer, joinUrl, type VendorApi } from '../../nodes/shared/request';
import { describeFailure, parseRetryAfter, retryDelayMs, type Failure } from '../../nodes/shared/retry';
import { sentence } from '../../nodes/shared/signIn';

describe('URLs', () => {
	it('joins base URL and path with one slash', () => {
		expect(joinUrl('https://vc.example/', '/api/session')).toBe('https://vc.example/api/session');
		expect(joinUrl(' https://vc.example// ', 'api/session')).toBe('https://vc.example/api/session');
	});
	it('URL-encodes every path parameter', () => {
		expect(expandPath('/groups/{id}/runs/{runId}', { id: '1:2:3', runId: 'a/b?c#d e' })).toBe('/groups/1%3A2%3A3/runs/a%2Fb%3Fc%23d%20e');
		expect(() => expandPath('/x/{missing}', {})).toThrow(/missing/);
	});
});

describe('retry decisions', () => {
	const policy = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };
	const status = (code: number, retryAfter?: string): Failure => ({ kind: 'status', status: code, retryAfter, message: '' });
	it.each([
		[429, 500],
		[502, 500],
		[503, 500],
		[504, 500],
	])('retries %i with backoff', (code, first) => {
		expect(retryDelayMs(status(code), 0, policy)).toBe(first);
		expect(retryDelayMs(status(code), 2, policy)).toBe(2000);
		expect(retryDelayMs(status(code), 3, policy)).toBeUndefined();
	});
	it.each([400, 401, 403, 404, 500])('does not retry %i', (code) => expect(retryDelayMs(status(code), 0, policy)).toBeUndefined());
	it('honours Retry-After in seconds and as a date, and gives up when it is too long', () => {
		expect(retryDelayMs(status(429, '3'), 0, policy)).toBe(3000);
		expect(retryDelayMs(status(429, 'Fri, 15 Mar 2024 02:00:10 GMT'), 0, policy, Date.parse('2024-03-15T02:00:00Z'))).toBe(10_000);
		expect(retryDelayMs(status(429, '600'), 0, policy)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
	it('retries a reset connection but not a timeout, refusal or certificate error', () => {
		expect(retryDelayMs({ kind: 'reset', message: '' }, 0, policy)).toBe(500);
		for (const kind of ['timeout', 'refused', 'certificate', 'cancelled', 'other'] as const) {
			expect(retryDelayMs({ kind, message: '' }, 0, policy)).toBeUndefined();
		}
	});
	it('reads the failure from the error chain n8n throws (NodeApiError → axios error)', () => {
		const axiosError = Object.assign(new Error('Request failed with status code 429'), {
			response: { status: 429, headers: { 'retry-after': '2', 'content-type': 'application/json' }, data: '{"message":"slow down"}' },
		});
		expect(describeFailure({ message: 'wrapped', cause: axiosError })).toMatchObject({ kind: 'status', status: 429, retryAfter: '2', bodyText: '{"message":"slow down"}' });
		expect(describeFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).kind).toBe('reset');
		expect(describeFailure(Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ECONNABORTED' })).kind).toBe('timeout');
		expect(describeFailure(Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).kind).toBe('certificate');
	});
});

describe('failures as n8n 1.x and 2.x throw them', () => {
	// Both lines wrap axios's error in a NodeApiError whose httpCode is the error code (or the status of
	// an answer that broke off) and whose `messages` keep axios's words; 2.x also keeps `cause`.
	const nodeApiError = (httpCode: string, message: string, original: string, cause?: object) => ({
		name: 'NodeApiError',
		message,
		messages: [original],
		httpCode,
		cause,
	});
	it.each([
		['a timeout', nodeApiError('ECONNABORTED', 'The connection was aborted, perhaps the server is offline', 'timeout of 1000ms exceeded'), 'timeout'],
		['a reset', nodeApiError('ECONNRESET', 'The connection to the server was closed unexpectedly', 'socket hang up'), 'reset'],
		['an answer cut off half way', nodeApiError('200', 'stream has been aborted', 'stream has been aborted'), 'reset'],
		['a refused connection', nodeApiError('ECONNREFUSED', 'The service refused the connection', 'connect ECONNREFUSED 127.0.0.1:1'), 'refused'],
	] as const)('reads %s from the 1.x shape (no cause)', (_what, error, kind) => {
		expect(describeFailure(error).kind).toBe(kind);
	});
	it('reads the same from the 2.x shape (with cause), and keeps axios\'s words as the message', () => {
		const cause = Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ECONNABORTED' });
		const failure = describeFailure(nodeApiError('ECONNABORTED', 'The connection was aborted', 'timeout of 1000ms exceeded', cause));
		expect(failure).toMatchObject({ kind: 'timeout', message: 'timeout of 1000ms exceeded' });
	});
	it('keeps the description a failed sign-in brings', () => {
		const failure = describeFailure({ name: 'NodeApiError', message: 'vCenter refused the sign-in (401).', description: 'Check the password.', httpCode: null });
		expect(failure).toMatchObject({ kind: 'other', description: 'Check the password.' });
	});
});

describe('sentences', () => {
	it('end in one full stop', () => {
		expect(sentence('Invalid username or password.')).toBe('Invalid username or password.');
		expect(sentence(' Token expired ')).toBe('Token expired.');
	});
});

describe('redaction', () => {
	it('removes known secrets and credential-shaped fragments', () => {
		const text = 'login as admin with S3cret! failed; Authorization: Basic YWRtaW46UzNjcmV0IQ== token=abc123 "password":"x"';
		const clean = redactSecrets(text, ['S3cret!', 'abc']);
		expect(clean).not.toContain('S3cret!');
		expect(clean).not.toContain('YWRtaW46UzNjcmV0IQ==');
		expect(clean).not.toContain('abc123');
		expect(clean).toContain('password":"[redacted]');
		expect(clean).toContain('Basic [redacted]');
	});
});

describe('bodies', () => {
	it('parses JSON and XML by content type, with XML entities left unexpanded', () => {
		expect(parseBody('{"a":1}', 'application/json; charset=utf-8')).toEqual({ kind: 'json', value: { a: 1 } });
		const xml = parseBody('<!DOCTYPE x [<!ENTITY e "boom">]><Job Id="7"><State>Done &e;</State></Job>', 'application/xml');
		expect(xml.kind).toBe('xml');
		expect(JSON.stringify(xml.value)).not.toContain('boom');
	});
	it('reports cut-off JSON instead of throwing', () => {
		expect(parseBody('{"a":[1,2', 'application/json')).toMatchObject({ kind: 'json', value: null, parseError: expect.any(String) });
	});
	it('recognises an HTML page even without a content type', () => {
		expect(parseBody('<!DOCTYPE html><html><body>Oops</body></html>', '').kind).toBe('html');
		expect(parseBody('', 'application/json')).toEqual({ kind: 'empty', value: null });
	});
});

describe('ApiClient', () => {
	const vendor: VendorApi = { credentialType: 'x', productName: 'Appliance', secretFields: ['password'], errorMessage: (b) => (b as { message?: string })?.message };
	const node = { name: 'N', type: 't', typeVersion: 1, parameters: {} } as unknown as INode;

	function client(answers: Array<() => unknown>) {
		const calls: Array<{ method?: string; url?: string }> = [];
		const ctx = {
			getNode: () => node,
			getExecutionCancelSignal: () => undefined,
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: { method?: string; url?: string }) => {
					calls.push(options);
					return answers[Math.min(calls.length - 1, answers.length - 1)]();
				},
			},
		} as unknown as IExecuteFunctions;
		const api = new ApiClient(ctx, vendor, { baseUrl: 'http://127.0.0.1:1', ignoreSslIssues: false, timeoutMs: 1000, secrets: ['Pa55word'], retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 10 } });
		return { api, calls };
	}
	const unavailable = () => {
		throw Object.assign(new Error('x'), { response: { status: 503, headers: {}, data: '{"message":"busy, Pa55word"}' } });
	};
	const ok = () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"state":"ok"}' });

	it('retries a GET and returns the parsed body', async () => {
		const { api, calls } = client([unavailable, ok]);
		await expect(api.request({ path: '/jobs/{id}', pathParams: { id: 'a b' } })).resolves.toEqual({ state: 'ok' });
		expect(calls).toHaveLength(2);
		expect(calls[0].url).toBe('http://127.0.0.1:1/jobs/a%20b');
	});

	it('never retries a POST, and redacts secrets from the vendor message', async () => {
		const { api, calls } = client([unavailable, ok]);
		await expect(api.request({ method: 'POST', path: '/jobs', body: { start: true } })).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Appliance answered 503: busy, [redacted]',
			httpCode: '503',
		});
		expect(calls).toHaveLength(1);
	});

	it('marks the errors of requests that were sent and got no answer (a write may have been carried out)', async () => {
		const thrown = (error: object) => () => {
			throw error;
		};
		const status = (code: number) => thrown(Object.assign(new Error('x'), { response: { status: code, headers: {}, data: '{}' } }));
		const cases: Array<[string, () => unknown, boolean]> = [
			['timeout', thrown(Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ECONNABORTED' })), true],
			['reset', thrown(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), true],
			['502', status(502), true],
			['504', status(504), true],
			['503', status(503), false],
			['400', status(400), false],
			['refused', thrown(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), false],
		];
		for (const [name, answer, lost] of cases) {
			const { api } = client([answer]);
			const error: unknown = await api.request({ method: 'POST', path: '/jobs' }).catch((e: unknown) => e);
			expect([name, isLostAnswer(error)]).toEqual([name, lost]);
		}
	});

	it('keeps the secrets a call sends out of its error: message, response and messages', async () => {
		const echo = () => {
			throw Object.assign(new Error('x'), { response: { status: 400, headers: {}, data: '{"message":"cannot log in with Loc-Pw-1"}' } });
		};
		const { api } = client([echo]);
		const error = (await api.request({ method: 'POST', path: '/jobs', secrets: ['Loc-Pw-1'] }).catch((e: unknown) => e)) as Error;
		expect(error.message).toBe('Appliance answered 400: cannot log in with [redacted]');
		expect(JSON.stringify(error)).not.toContain('Loc-Pw-1');
	});

	it('gives up after the configured retries', async () => {
		const { api, calls } = client([unavailable]);
		await expect(api.request({ path: '/jobs' })).rejects.toMatchObject({ httpCode: '503' });
		expect(calls).toHaveLength(3);
	});

	it('reports an error inside a 2xx body through the vendor hook', async () => {
		const withBodyError: VendorApi = { ...vendor, bodyError: (b) => (b as { errList?: string }).errList };
		const ctx = { getNode: () => node, helpers: { httpRequestWithAuthentication: async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"errList":"Invalid job"}' }) } } as unknown as IExecuteFunctions;
		const api = new ApiClient(ctx, withBodyError, { baseUrl: 'http://h', ignoreSslIssues: false, timeoutMs: 1000, secrets: [], retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
		await expect(api.request({ path: '/x' })).rejects.toMatchObject({ message: 'Appliance reported: Invalid job' });
	});
});

describe('n8n 1.x errors', () => {
	it('reads status and vendor body from a NodeApiError whose cause was dropped', () => {
		const wrapped = { message: 'The resource you are requesting could not be found', httpCode: '404', context: { data: { error_type: 'NOT_FOUND' } } };
		expect(describeFailure(wrapped)).toMatchObject({ kind: 'status', status: 404, bodyText: '{"error_type":"NOT_FOUND"}' });
	});
});
