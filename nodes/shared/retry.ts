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
	/** A description the error brought along (a sign-in failure explains itself). */
	description?: string;
	/** The vendor said "slow down" in its own words (VendorApi.throttled): retried like a 429. */
	throttled?: boolean;
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
	/** n8n's NodeApiError keeps the original messages here (both lines); 1.x drops `cause`. */
	messages?: unknown;
	description?: unknown;
	code?: unknown;
	name?: unknown;
	cause?: unknown;
	/** NodeApiError: the HTTP status, or, for a failure without an answer, the error code (ECONNRESET). */
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

/** What the transport said, innermost first: axios's own words ("socket hang up") beat n8n's paraphrase. */
function originalTexts(links: ErrorLike[]): string[] {
	const texts: string[] = [];
	for (const link of [...links].reverse()) {
		if (Array.isArray(link.messages)) texts.push(...link.messages.filter((m): m is string => typeof m === 'string'));
		if (typeof link.message === 'string') texts.push(link.message);
	}
	return texts.filter((text) => text !== '');
}

const TEXT_KINDS: Array<[RegExp, FailureKind]> = [
	[/timeout of \d+ ?ms exceeded|\bETIMEDOUT\b/i, 'timeout'],
	[/socket hang up|stream has been aborted|\bECONNRESET\b|\bEPIPE\b/i, 'reset'],
	[/\bECONNREFUSED\b|\bENOTFOUND\b|\bEHOSTUNREACH\b|\bEAI_AGAIN\b/, 'refused'],
	[/certificate|self[- ]signed/i, 'certificate'],
];

/**
 * What went wrong with one request that threw (a status answer never throws: the client asks for
 * every answer, see ApiClient). Read from what both n8n lines actually give: on 2.x a NodeApiError
 * whose `cause` is axios's error; on 1.x the same NodeApiError without `cause`, its `httpCode` holding
 * the error code (or the status of an answer cut off half way) and `messages` axios's own words.
 */
export function describeFailure(error: unknown): Failure {
	const links = chain(error);
	const texts = originalTexts(links);
	const message = texts[0] ?? String(error);
	const code =
		links.map((l) => l.code).find((c): c is string => typeof c === 'string') ??
		links.map((l) => l.httpCode).find((c): c is string => typeof c === 'string' && /^[A-Z][A-Z_]+$/.test(c));
	const status =
		links.map((l) => l.response?.status).find((s): s is number => typeof s === 'number') ??
		links.map((l) => l.httpCode).filter((c): c is string => typeof c === 'string' && /^\d{3}$/.test(c)).map(Number)[0];
	if (links.some((l) => l.name === 'AbortError' || l.name === 'CanceledError') || code === 'ERR_CANCELED' || code === 'ABORT_ERR') {
		return { kind: 'cancelled', code, message };
	}
	// A status of 2xx on a thrown error is an answer that began and broke off: the connection dropped.
	if (status !== undefined && status >= 200 && status < 300) return { kind: 'reset', status, code, message };
	if (status !== undefined) {
		const response = links.map((l) => l.response).find((r) => typeof r?.status === 'number');
		const headers = response?.headers ?? {};
		const data = response?.data ?? links.find((l) => l.context?.data !== undefined)?.context?.data;
		return {
			kind: 'status',
			status,
			retryAfter: typeof headers['retry-after'] === 'string' ? headers['retry-after'] : undefined,
			contentType: typeof headers['content-type'] === 'string' ? headers['content-type'] : data === undefined ? undefined : 'application/json',
			bodyText: typeof data === 'string' ? data : data === undefined ? undefined : JSON.stringify(data),
			code,
			message,
		};
	}
	// axios reports a timeout as ECONNABORTED ("timeout of 1000ms exceeded").
	const byCode = code === undefined ? undefined : CODE_KINDS[code];
	const byText = TEXT_KINDS.find(([pattern]) => texts.some((text) => pattern.test(text)))?.[1];
	const description = links.map((l) => l.description).find((d): d is string => typeof d === 'string' && d !== '');
	return { kind: byCode ?? byText ?? 'other', code, message, description };
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
		(failure.kind === 'status' && (RETRY_STATUSES.has(failure.status ?? 0) || failure.throttled === true)) || failure.kind === 'reset';
	if (!retryable) return undefined;
	// 429 and 503 may say when to come back; asking sooner would only be refused again.
	const asked = parseRetryAfter(failure.retryAfter, now);
	if (asked !== undefined) return asked <= policy.maxDelayMs ? asked : undefined;
	return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}
