import { isRecord, textOf } from '../shared/shape';

/**
 * Huawei Cloud's two error shapes (reference §4): the service's `{"error": {"code", "message"}}` and
 * the API gateway's `{"error_code", "error_msg", "request_id"}`, which answers before VBS does.
 */

export interface HuaweiError {
	code: string;
	message: string;
}

export function huaweiError(body: unknown): HuaweiError | undefined {
	if (!isRecord(body)) return undefined;
	if (isRecord(body.error)) {
		const code = textOf(body.error.code);
		const message = textOf(body.error.message);
		if (code !== '' || message !== '') return { code, message };
	}
	// A failed VBS job also has `error_code` (with `fail_reason`): only `error_msg` marks an error answer.
	const message = textOf(body.error_msg);
	if (message !== '') return { code: textOf(body.error_code), message };
	return undefined;
}

/** How the credential authenticates: AK/SK signs each request, an IAM user signs in for a token. */
export type AuthMethod = 'accessKey' | 'password';

const IAM_ADVICE = 'The IAM token was refused. Check the IAM user, password and account name in the credential.';

/**
 * What to check for the gateway and service codes that are about the credential or the rate. The
 * gateway says "signature" or "token" loosely, so the advice follows the credential's method: an
 * IAM user has no keys and no signatures to check.
 */
function adviceFor(code: string, message: string, method: AuthMethod): string | undefined {
	if (/^APIG(W)?\.0301$/.test(code)) {
		if (method === 'password' || /token/i.test(message)) return IAM_ADVICE;
		if (/15 min|time|date/i.test(message)) return 'Check that the clock of the n8n host is right: signatures more than 15 minutes off are refused.';
		return 'Check the Access Key ID and Secret Access Key (and the Security Token of temporary keys) in the credential, and that the clock of the n8n host is right. Five refused signatures in a row lock the key for 5 minutes.';
	}
	if (/^APIG(W)?\.0308$/.test(code)) return 'Huawei Cloud is throttling the requests of this account. Raise the Poll Interval or lower Concurrent Requests.';
	if (/^AutoBackup\.(0003|0002)$/.test(code)) return method === 'password' ? 'The IAM token is missing or expired. Check the credential.' : 'The request was not authenticated. Check the Access Key ID and Secret Access Key in the credential, and the Security Token of temporary keys, which expire.';
	if (/^AutoBackup\.(0205|1100)$/.test(code)) return 'Check the Backup Policy: it does not exist in this project and region.';
	return undefined;
}

/**
 * The vendor's text with its code, for the request client's messages: "The policy does not exist
 * (AutoBackup.1100)", with advice that fits the credential's authentication method.
 */
export function huaweiErrorMessage(body: unknown, method: AuthMethod = 'accessKey'): string | undefined {
	const error = huaweiError(body);
	if (!error) return undefined;
	const text = error.message !== '' ? error.message.replace(/\.$/, '') : 'error';
	const said = error.code !== '' ? `${text} (${error.code})` : text;
	const advice = adviceFor(error.code, error.message, method);
	return advice ? `${said}. ${advice}` : said;
}

/** Throttling, whatever the HTTP status the gateway chose for it. */
export function isThrottled(body: unknown): boolean {
	return /^APIG(W)?\.0308$/.test(huaweiError(body)?.code ?? '');
}
