import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { describeFailure, retryDelayMs, type Failure, type RetryPolicy } from './retry';

/**
 * The credential field through which the node hands its Request Timeout to the sign-in: n8n calls a
 * credential's `preAuthentication` with the credential's data only, and without a timeout a sign-in
 * that hangs would hold the execution as long as the appliance keeps the connection open. Not a
 * credential property: n8n 2.x stores only the properties' values and the sign-in's result; 1.x stores
 * the whole object, so the value a node set last stays with the credential there, which is harmless
 * (every node sets its own, and it only bounds a sign-in).
 */
export const SIGN_IN_TIMEOUT_FIELD = 'signInTimeoutMs';

/** For a sign-in that n8n runs outside any node (the credential test, the HTTP Request node). */
const DEFAULT_SIGN_IN_TIMEOUT_MS = 60_000;

const SIGN_IN_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Thrown by a credential's sign-in. Its message and description are complete sentences for the user;
 * n8n wraps it in a NodeApiError that keeps both on either line, and the request client shows them as
 * they are.
 */
export class SignInError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'SignInError';
	}
}

export interface SignInRequest {
	method: IHttpRequestMethods;
	url: string;
	/** JSON, or a string sent as it is (a form body, with its content-type in `headers`). */
	body?: IDataObject | string;
	headers?: IDataObject;
	auth?: { username: string; password: string };
}

export interface SignInVendor {
	/** As in messages: "vCenter". */
	productName: string;
	/** The vendor's own text from an answer body, if any. */
	errorMessage(body: unknown): string | undefined;
	/** What to check when the appliance refuses the credentials (401/403). */
	rejectedAdvice: string;
	/** Statuses the credential reads itself (vCenter's 404 on `/api` before 7.0 U2) instead of failing. */
	passStatuses?: number[];
}

export interface SignInResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** A text as the end of a sentence: one full stop, never two. */
export function sentence(text: string): string {
	const trimmed = text.trim();
	return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function signInTimeoutMs(credentials: ICredentialDataDecryptedObject): number {
	const value = Number(credentials[SIGN_IN_TIMEOUT_FIELD]);
	return Number.isFinite(value) && value > 0 ? value : DEFAULT_SIGN_IN_TIMEOUT_MS;
}

function transportError(vendor: SignInVendor, failure: Failure, timeoutMs: number): SignInError {
	const product = vendor.productName;
	switch (failure.kind) {
		case 'timeout':
			return new SignInError(
				`${product} did not answer the sign-in within ${Math.round(timeoutMs / 1000)} s`,
				'The appliance may be busy or restarting. Raise Options > Request Timeout, or try again later.',
			);
		case 'reset':
			return new SignInError(
				`The connection to ${product} was closed during the sign-in`,
				'The appliance or a proxy between n8n and it dropped the connection, also when tried again. Try again later.',
			);
		case 'refused':
			return new SignInError(`Could not connect to ${product} to sign in`, 'Check the Base URL (host and port) in the credential and that the appliance is reachable from n8n.');
		case 'certificate':
			return new SignInError(`The TLS certificate of ${product} is not trusted`, 'If the appliance uses a self-signed certificate, turn on Ignore SSL Issues in the credential.');
		default:
			return new SignInError(`The sign-in to ${product} failed: ${failure.message}`, 'Check the Base URL and that the appliance is reachable from n8n.');
	}
}

function statusError(vendor: SignInVendor, response: SignInResponse, path: string): SignInError {
	const product = vendor.productName;
	const status = response.statusCode;
	const text = vendor.errorMessage(response.body);
	const said = text ? `: ${sentence(text)}` : '.';
	if (status === 401 || status === 403) return new SignInError(`${product} refused the sign-in (${status})${said}`, vendor.rejectedAdvice);
	if (status === 429 || status >= 500) {
		return new SignInError(
			`${product} could not sign in (${status})${said}`,
			'The appliance is busy or restarting, also when tried again. Try again later.',
		);
	}
	return new SignInError(`${product} answered the sign-in at ${path} with ${status}${said}`, 'Check the Base URL in the credential: it is the address of the appliance, without a path.');
}

/**
 * The sign-in request of a credential's `preAuthentication`, with the rules of every other call: the
 * node's Request Timeout, Ignore SSL Issues, and retries of dropped connections and overload answers
 * (429, 502–504, honouring Retry-After). A refused password is never repeated: it could lock the
 * account. Returns a 2xx answer (or one of `passStatuses`); anything else is a SignInError.
 */
export async function signInRequest(
	context: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	vendor: SignInVendor,
	request: SignInRequest,
): Promise<SignInResponse> {
	const timeoutMs = signInTimeoutMs(credentials);
	const options: IHttpRequestOptions = {
		...request,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
	};
	const path = new URL(request.url).pathname;
	for (let attempt = 0; ; attempt++) {
		let failure: Failure;
		let response: SignInResponse | undefined;
		try {
			response = (await context.helpers.httpRequest(options)) as SignInResponse;
			const status = response.statusCode;
			if ((status >= 200 && status < 300) || vendor.passStatuses?.includes(status)) return response;
			const retryAfter = response.headers['retry-after'];
			failure = { kind: 'status', status, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, message: `HTTP ${status}` };
		} catch (error) {
			failure = describeFailure(error);
		}
		const delay = retryDelayMs(failure, attempt, SIGN_IN_RETRY);
		if (delay === undefined) throw response ? statusError(vendor, response, path) : transportError(vendor, failure, timeoutMs);
		await sleep(delay);
	}
}
