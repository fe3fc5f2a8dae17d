import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { parseBody, type ParsedBody } from './body';
import { redactSecrets, secretValues } from './redact';
import { describeFailure, retryDelayMs, type Failure, type RetryPolicy } from './retry';
import { SESSION_FACTS_FIELD, type SessionFactsHandOver } from './sessionFacts';
import { SIGN_IN_TIMEOUT_FIELD } from './signIn';
import { REFUSED_SESSION_FIELD, sessionFingerprint } from './signInShare';
import { cancellableSleep } from './sleep';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What differs between vendors; everything else about a request is the same for all of them. */
export interface VendorApi {
	credentialType: string;
	/** The product as users name it, for messages: "vCenter answered 404: …". */
	productName: string;
	/** Credential fields whose values must never appear in an error or an item. */
	secretFields: readonly string[];
	/** The vendor's own text from an error body, or undefined when the body has none. */
	errorMessage(body: unknown): string | undefined;
	/** An error the vendor reports inside a 2xx answer (vCenter's error shapes, Commvault's errList), if any. */
	bodyError?(body: unknown): string | undefined;
	/**
	 * The hidden expirable field that holds the session or token, for credentials that sign in. A 401
	 * empties it once and sends the request again, so n8n signs in anew and stores the new session.
	 */
	sessionField?(credentials: ICredentialDataDecryptedObject): string | undefined;
	/**
	 * An error answer that means "slow down" whatever its status (a gateway's throttling code): it is
	 * retried with backoff like a 429.
	 */
	throttled?(body: unknown): boolean;
	/** What is wrong with a Base URL that answers 404 (a path the user added, such as `/v2`), if anything. */
	baseUrlProblem?(baseUrl: string): string | undefined;
}

export interface ApiCall {
	method?: IHttpRequestMethods;
	/** A path with `{name}` placeholders, each filled from `pathParams`, URL-encoded. */
	path: string;
	pathParams?: Record<string, string | number>;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	/** For the error's `[item N]` and continue-on-fail routing. */
	itemIndex?: number;
	/** Values this call sends that are secret (a backup location's password): never in its error. */
	secrets?: string[];
}

/** What n8n's request helper returns with `returnFullResponse`. */
interface RawResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

export interface ApiResponse {
	status: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export interface ClientSettings {
	baseUrl: string;
	ignoreSslIssues: boolean;
	timeoutMs: number;
	secrets: string[];
	retry: RetryPolicy;
}

/** What a request sends and what the retry loop needs to know about it. */
interface Prepared {
	options: IHttpRequestOptions;
	method: IHttpRequestMethods;
	itemIndex?: number;
}

export interface ClientOptions {
	timeoutMs?: number;
	retry?: RetryPolicy;
}

/**
 * Errors of requests that were sent and got no answer: a timeout, a connection closed before or
 * during the answer, a gateway that gave up waiting (502, 504), a failure of no known kind. The
 * appliance may have acted on such a request, so a write that meets one is never sent again (see
 * jobActions.ts). A refused connection or a TLS failure never reached it, and a status answer is one.
 */
const lostAnswers = new WeakSet<object>();

/** Whether a request failed in a way that leaves open whether the appliance acted on it. */
export function isLostAnswer(error: unknown): boolean {
	return typeof error === 'object' && error !== null && lostAnswers.has(error);
}

function answerLost(failure: Failure): boolean {
	if (failure.kind === 'status') return failure.status === 502 || failure.status === 504;
	return failure.kind === 'timeout' || failure.kind === 'reset' || failure.kind === 'other';
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Base URL plus path, with exactly one slash between them and the base's trailing slashes dropped. */
export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Fills `{name}` placeholders; each value is URL-encoded, so an id can never change the path. */
export function expandPath(path: string, params: Record<string, string | number> = {}): string {
	return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`Path parameter "${name}" of ${path} has no value`);
		return encodeURIComponent(String(value));
	});
}

function header(headers: Record<string, unknown>, name: string): string {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return typeof value === 'string' ? value : '';
}

/**
 * The one way this package talks to an appliance: n8n's authenticated request helper (so proxies,
 * TLS settings and credential renewal on 401 work as in every n8n node), plus a per-request
 * timeout, retries with backoff for idempotent GETs, bodies parsed by content type, and errors
 * that carry the vendor's own message and never a secret.
 */
export class ApiClient {
	/**
	 * The credential as read once for this execution, handed to n8n with every request. n8n signs in
	 * through it (and stores the session in it), and its sign-in timeout field carries the node's Request
	 * Timeout to the credential's sign-in, which n8n would otherwise call without one.
	 */
	private readonly credential: ICredentialsDecrypted | undefined;

	/** The sign-in a 401 started, while it runs; see `renewAndRepeat`. */
	private renewal: Promise<void> | undefined;

	/** Facts to store with the session, carried by the next request; see `rememberWithSession`. */
	private pendingFacts: Record<string, string> | undefined;

	constructor(
		private readonly ctx: RequestContext,
		private readonly vendor: VendorApi,
		readonly settings: ClientSettings,
		credentials?: ICredentialDataDecryptedObject,
	) {
		if (credentials) {
			const details = ctx.getNode().credentials?.[vendor.credentialType];
			this.credential = {
				id: details?.id ?? '',
				name: details?.name ?? '',
				type: vendor.credentialType,
				data: { ...credentials, [SIGN_IN_TIMEOUT_FIELD]: settings.timeoutMs },
			};
		}
	}

	/** Reads the credential once per execution; every request of the run reuses what it read. */
	static async connect(ctx: RequestContext, vendor: VendorApi, options: ClientOptions = {}): Promise<ApiClient> {
		return ApiClient.fromCredentials(ctx, vendor, await ctx.getCredentials(vendor.credentialType), options);
	}

	/** For vendors whose transport needs more of the credential than the base URL. */
	static fromCredentials(
		ctx: RequestContext,
		vendor: VendorApi,
		credentials: ICredentialDataDecryptedObject,
		options: ClientOptions = {},
	): ApiClient {
		return new ApiClient(
			ctx,
			vendor,
			{
				baseUrl: String(credentials.baseUrl ?? ''),
				ignoreSslIssues: credentials.ignoreSslIssues === true,
				timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
				secrets: secretValues(credentials, vendor.secretFields),
				retry: options.retry ?? DEFAULT_RETRY,
			},
			credentials,
		);
	}

	/** The parsed body of a successful answer. */
	async request(call: ApiCall): Promise<unknown> {
		return (await this.requestFull(call)).body;
	}

	async requestFull(call: ApiCall): Promise<ApiResponse> {
		return this.accept(await this.send(call), call.itemIndex, call.secrets);
	}

	/**
	 * One call with its retries; reading the body is left to `accept`, outside any retry. Every answer
	 * comes back as a response (`ignoreHttpStatusErrors`), whatever its status: n8n 1.x turns an error
	 * status into an error without its headers, so a Retry-After would be lost there.
	 */
	private async send(call: ApiCall): Promise<RawResponse> {
		const method = call.method ?? 'GET';
		const prepared: Prepared = {
			method,
			itemIndex: call.itemIndex,
			options: {
				method,
				url: joinUrl(this.settings.baseUrl, expandPath(call.path, call.pathParams)),
				qs: call.qs,
				arrayFormat: 'repeat',
				body: call.body,
				json: call.body !== undefined,
				headers: { accept: 'application/json', ...call.headers },
				// No `encoding`: axios parses JSON and hands back the raw text of anything it cannot
				// (cut-off JSON, XML, HTML), which `accept` reads by content type.
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: this.settings.timeoutMs,
				skipSslCertificateValidation: this.settings.ignoreSslIssues,
			},
		};
		let renewed = false;
		for (let attempt = 1; ; attempt++) {
			let failure: Failure;
			try {
				const sessionSent = this.sessionValue();
				let response = await this.transmit(prepared.options);
				if (response.statusCode === 401 && !renewed && sessionSent !== undefined) {
					// The stored session expired: once per call, sign in anew (or wait for the sign-in
					// another request started) and repeat. With no session before the call, it carried the
					// one its own sign-in just stored (a given token that had already expired, say).
					renewed = true;
					response = await this.renewAndRepeat(sessionSent === '' ? (this.sessionValue() ?? '') : sessionSent, prepared.options);
				}
				if (response.statusCode >= 200 && response.statusCode < 300) return response;
				failure = statusFailure(response);
				if (this.vendor.throttled?.(bodyValue(response))) failure.throttled = true;
			} catch (error) {
				failure = this.cancelSignal()?.aborted ? { kind: 'cancelled', message: 'cancelled' } : describeFailure(error);
			}
			// A retried POST could start a second backup; only reads are repeated.
			const delay = method === 'GET' ? retryDelayMs(failure, attempt - 1, this.settings.retry) : undefined;
			if (delay === undefined) {
				const error = this.failureError(failure, prepared.itemIndex, attempt, call.secrets);
				if (answerLost(failure)) lostAnswers.add(error);
				throw error;
			}
			await cancellableSleep(delay, this.cancelSignal());
		}
	}

	/**
	 * Stores hidden credential fields with the session (see sessionFacts.ts), carried by the next
	 * request: no request of its own. For credentials whose `preAuthentication` uses `withSessionFacts`.
	 */
	rememberWithSession(facts: Record<string, string>): void {
		const data = this.credential?.data;
		if (!data || !this.vendor.sessionField?.(data)) return;
		this.pendingFacts = { ...this.pendingFacts, ...facts };
	}

	private async transmit(options: IHttpRequestOptions): Promise<RawResponse> {
		const facts = this.pendingFacts;
		const data = this.credential?.data;
		const field = data ? this.vendor.sessionField?.(data) : undefined;
		if (!facts || !data || !field) return await this.authenticatedRequest(options);
		this.pendingFacts = undefined;
		const session = String(data[field] ?? '');
		data[SESSION_FACTS_FIELD] = { session, facts } satisfies SessionFactsHandOver as unknown as IDataObject;
		// An empty session makes n8n call the credential's preAuthentication, which hands it back with the facts.
		data[field] = '';
		try {
			return await this.authenticatedRequest(options);
		} finally {
			delete data[SESSION_FACTS_FIELD];
			Object.assign(data, facts);
			if (data[field] === '') data[field] = session;
		}
	}

	private async authenticatedRequest(options: IHttpRequestOptions): Promise<RawResponse> {
		const additional = this.credential ? { credentialsDecrypted: this.credential } : undefined;
		return (await this.ctx.helpers.httpRequestWithAuthentication.call(
			this.ctx,
			this.vendor.credentialType,
			options,
			additional,
		)) as RawResponse;
	}

	/** The session the next request carries, or undefined when the credential has none to renew. */
	private sessionValue(): string | undefined {
		const data = this.credential?.data;
		const field = data ? this.vendor.sessionField?.(data) : undefined;
		return data && field ? String(data[field] ?? '') : undefined;
	}

	/**
	 * After a 401: empties the stored session so that n8n signs in again and stores the new one, then
	 * repeats the request. Requests in flight that meet the same expiry wait for that one sign-in, and a
	 * request refused with a session already replaced just repeats: a batch of items signs in once, not
	 * once per item (appliances cap their concurrent sessions).
	 */
	private async renewAndRepeat(sessionSent: string, options: IHttpRequestOptions): Promise<RawResponse> {
		const data = this.credential?.data;
		const field = data ? this.vendor.sessionField?.(data) : undefined;
		if (this.renewal) await this.renewal;
		else if (data && field && String(data[field] ?? '') === sessionSent) {
			data[field] = '';
			// so that a sign-in shared with other executions does not hand this very session back
			data[REFUSED_SESSION_FIELD] = sessionFingerprint(sessionSent);
			const repeated = this.transmit(options);
			this.renewal = repeated.then(
				() => undefined,
				() => undefined,
			);
			try {
				return await repeated;
			} finally {
				this.renewal = undefined;
			}
		}
		return await this.transmit(options);
	}

	private cancelSignal(): AbortSignal | undefined {
		return 'getExecutionCancelSignal' in this.ctx ? this.ctx.getExecutionCancelSignal() : undefined;
	}

	private accept(response: RawResponse, itemIndex?: number, secrets?: readonly string[]): ApiResponse {
		const parsed: ParsedBody =
			typeof response.body === 'string'
				? parseBody(response.body, header(response.headers, 'content-type'))
				: { kind: response.body === undefined || response.body === null ? 'empty' : 'json', value: response.body ?? null };
		const problem = this.bodyProblem(parsed);
		if (problem) throw this.error(problem.message, problem.description, response.statusCode, itemIndex, secrets);
		return { status: response.statusCode, headers: response.headers, body: parsed.value };
	}

	/** A 2xx answer that is not usable data: cut-off JSON, an HTML page, or a vendor error inside it. */
	private bodyProblem(parsed: ParsedBody): { message: string; description: string } | undefined {
		const product = this.vendor.productName;
		if (parsed.parseError) {
			return {
				message: `${product} sent a ${parsed.kind.toUpperCase()} answer that cannot be read (it may have been cut off)`,
				description: `The answer ended early or is malformed (${parsed.parseError}). Try again; if it persists, check the appliance and any proxy between n8n and it.`,
			};
		}
		if (parsed.kind === 'html') {
			return {
				message: `${product} answered with a web page instead of API data`,
				description: 'Check that the Base URL in the credential points at the API of the appliance, not at a login page or a proxy.',
			};
		}
		const vendorError = this.vendor.bodyError?.(parsed.value);
		if (vendorError) return { message: `${product} reported: ${vendorError}`, description: 'The request was accepted but the appliance reported an error in its answer.' };
		return undefined;
	}

	private failureError(failure: Failure, itemIndex: number | undefined, attempts: number, secrets?: readonly string[]): NodeApiError {
		const product = this.vendor.productName;
		const seconds = Math.round(this.settings.timeoutMs / 1000);
		const tried = attempts > 1 ? ` (${attempts} attempts)` : '';
		if (failure.kind === 'status' && failure.status !== undefined) {
			const parsed = parseBody(failure.bodyText ?? '', failure.contentType ?? '');
			const vendorText = parsed.kind === 'html' ? undefined : this.vendor.errorMessage(parsed.value);
			const what = vendorText ?? (parsed.kind === 'html' ? 'an error page instead of API data' : failure.message);
			const advice = failure.status === 404 ? this.notFoundAdvice() : statusAdvice(failure.throttled ? 429 : failure.status);
			return this.error(`${product} answered ${failure.status}${tried}: ${what}`, advice, failure.status, itemIndex, secrets);
		}
		switch (failure.kind) {
			case 'timeout':
				return this.error(`${product} did not answer within ${seconds} s`, 'The appliance may be busy. Raise Options > Request Timeout, or try again later.', undefined, itemIndex, secrets);
			case 'reset':
				return this.error(
					failure.status === undefined
						? `The connection to ${product} was closed before it answered${tried}`
						: `The connection to ${product} was closed in the middle of its answer${tried}`,
					'The appliance or a proxy between n8n and it dropped the connection. Try again later.',
					undefined,
					itemIndex,
					secrets,
				);
			case 'refused':
				return this.error(`Could not connect to ${product}`, 'Check the Base URL (host and port) in the credential and that the appliance is reachable from n8n.', undefined, itemIndex, secrets);
			case 'certificate':
				return this.error(`The TLS certificate of ${product} is not trusted`, 'If the appliance uses a self-signed certificate, turn on Ignore SSL Issues in the credential.', undefined, itemIndex, secrets);
			case 'cancelled':
				return this.error('The execution was cancelled', 'The request was stopped because the workflow execution was cancelled.', undefined, itemIndex, secrets);
			default:
				// A failed sign-in explains itself (message and description from the credential).
				if (failure.description) return this.error(failure.message, failure.description, undefined, itemIndex, secrets);
				return this.error(`The request to ${product} failed: ${failure.message}`, 'Check the credential and that the appliance is reachable from n8n.', undefined, itemIndex, secrets);
		}
	}

	private notFoundAdvice(): string {
		const problem = this.vendor.baseUrlProblem?.(this.settings.baseUrl);
		if (problem) return `Check the Base URL in the credential: ${problem}`;
		return 'Check the ID: the job may have been deleted, or belongs to another appliance.';
	}

	/**
	 * Every error leaves through here, so every message and description is redacted: the credential's
	 * secrets, and those the call sent (ApiCall.secrets).
	 */
	private error(message: string, description: string, status: number | undefined, itemIndex?: number, sent: readonly string[] = []): NodeApiError {
		const secrets = [...this.settings.secrets, ...sent.filter((secret) => secret !== '')];
		const clean = redactSecrets(message, secrets);
		const httpCode = status === undefined ? undefined : String(status);
		return new NodeApiError(this.ctx.getNode(), { message: clean, httpCode: httpCode ?? null } as JsonObject, {
			message: clean,
			description: redactSecrets(description, secrets),
			httpCode,
			itemIndex,
		});
	}
}

/** An answer's body as data: axios leaves the text of what it could not parse. */
function bodyValue(response: RawResponse): unknown {
	const body = response.body;
	return typeof body === 'string' ? parseBody(body, header(response.headers, 'content-type')).value : body;
}

/** A status answer as a failure, with what the retry decision and the error message need. */
function statusFailure(response: RawResponse): Failure {
	const body = response.body;
	return {
		kind: 'status',
		status: response.statusCode,
		retryAfter: header(response.headers, 'retry-after') || undefined,
		contentType: header(response.headers, 'content-type') || undefined,
		bodyText: typeof body === 'string' ? body : body === undefined || body === null ? undefined : JSON.stringify(body),
		message: `HTTP ${response.statusCode}`,
	};
}

function statusAdvice(status: number): string {
	if (status === 401) return 'The appliance rejected the sign-in. Check the username and password (or key) in the credential.';
	if (status === 403) return 'The account in the credential lacks the privilege for this call. Use an account with backup administration rights.';
	if (status === 429) return 'The appliance is rate-limiting requests, even after waiting as it asked. Raise the Poll Interval or lower Concurrent Requests.';
	if (status >= 500) return 'The appliance could not process the request. Try again later; if it persists, check the appliance.';
	return 'The appliance refused the request. Check the parameters.';
}
