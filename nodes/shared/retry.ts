/** When to repeat a failed GET, and how long to wait first. Pure, so it is tested without a network. */

export interface RetryPolicy {
	/** Repeats after the first attempt. */
	retries: number;
	baseDelayMs: number;
	/** No wait is longer; a Retry-After beyond it means "give up now" rather than hold the workflow. */
	maxDelayMs: number;
}

export type FailureKind =
	| 'status'
	| 'timeout'
	| 'reset'
	| 'refused'
	| 'certificate'
	| 'cancelled'
	| 'other';

/** What went wrong with one request, read from whatever n8n and axios threw. */
export interface Failure {
	kind: FailureKind;
	status?: number;
	retryAfter?: string;
	bodyText?: string;
	contentType?: string;
	code?: string;
	message: string;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

const CODE_KINDS: Record<string, FailureKind> = {
	ECONNABORTED: 'timeout',
	ETIMEDOUT: 'timeout',
	ECONNRESET: 'reset',
	EPIPE: 'reset',
	ECONNREFUSED: 'refused',
	ENOTFOUND: 'refused',
	EHOSTUNREACH: 'refused',
	ERR_CANCELED: 'cancelled',
	ABORT_ERR: 'cancelled',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate',
	SELF_SIGNED_CERT_IN_CHAIN: 'certificate',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate',
	CERT_HAS_EXPIRED: 'certificate',
	ERR_TLS_CERT_ALTNAME_INVALID: 'certificate',
};

interface ErrorLike {
	message?: unknown;
	code?: unknown;
	name?: unknown;
	cause?: unknown;
	httpCode?: unknown;
	context?: { data?: unknown };
	response?: { status?: unknown; headers?: Record<string, unknown>; data?: unknown };
}

/** n8n wraps axios's error in a NodeApiError (`cause`); the response and code sit somewhere in the chain. */
function chain(error: unknown): ErrorLike[] {
	const links: ErrorLike[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && links.length < 5) {
		links.push(current as ErrorLike);
		current = (current as ErrorLike).cause;
	}
	return links;
}

export function describeFailure(error: unknown): Failure {
	const links = chain(error);
	const innermost = links[links.length - 1];
	const message = typeof innermost?.message === 'string' ? innermost.message : String(error);
	const code = links.map((l) => l.code).find((c): c is string => typeof c === 'string');
	const response = links.map((l) => l.response).find((r) => typeof r?.status === 'number');
	if (response) {
		const headers = response.headers ?? {};
		const data = response.data;
		return {
			kind: 'status',
			status: response.status as number,
			retryAfter: typeof headers['retry-after'] === 'string' ? headers['retry-after'] : undefined,
			contentType: typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined,
			bodyText: typeof data === 'string' ? data : data === undefined ? undefined : JSON.stringify(data),
			code,
			message,
		};
	}
	// n8n 1.x's NodeApiError loses `cause` but keeps the status and a parsed (object) body.
	const wrapped = links.find((l) => typeof l.httpCode === 'string' && /^\d{3}$/.test(l.httpCode));
	if (wrapped) {
		const data = wrapped.context?.data;
		return {
			kind: 'status',
			status: Number(wrapped.httpCode),
			contentType: data === undefined ? undefined : 'application/json',
			bodyText: data === undefined ? undefined : JSON.stringify(data),
			code,
			message,
		};
	}
	const aborted = links.some((l) => l.name === 'AbortError' || l.name === 'CanceledError');
	const byCode = code === undefined ? undefined : CODE_KINDS[code];
	const kind = aborted ? 'cancelled' : (byCode ?? (/socket hang up/i.test(message) ? 'reset' : 'other'));
	return { kind, code, message };
}

/** Seconds, or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const at = Date.parse(text);
	return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/**
 * The wait before repeating a request, or undefined to give up. Only overload answers (429, 502,
 * 503, 504) and dropped connections are repeated; a 4xx or a timeout would fail the same way again,
 * and repeating a slow call only loads the appliance more.
 */
export function retryDelayMs(failure: Failure, attempt: number, policy: RetryPolicy, now = Date.now()): number | undefined {
	if (attempt >= policy.retries) return undefined;
	const retryable =
		(failure.kind === 'status' && RETRY_STATUSES.has(failure.status ?? 0)) || failure.kind === 'reset';
	if (!retryable) return undefined;
	// 429 and 503 may say when to come back; asking sooner would only be refused again.
	const asked = parseRetryAfter(failure.retryAfter, now);
	if (asked !== undefined) return asked <= policy.maxDelayMs ? asked : undefined;
	return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}
