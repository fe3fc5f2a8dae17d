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

/** What to check for the gateway and service codes that are about the credential or the rate. */
function adviceFor(code: string, message: string): string | undefined {
	if (/^APIG(W)?\.0301$/.test(code)) {
		if (/token/i.test(message)) return 'The IAM token was refused. Check the IAM user, password and account name in the credential.';
		if (/15 min|time|date/i.test(message)) return 'Check that the clock of the n8n host is right: signatures more than 15 minutes off are refused.';
		return 'Check the Access Key ID and Secret Access Key (and the Security Token of temporary keys) in the credential, and that the clock of the n8n host is right. Five refused signatures in a row lock the key for 5 minutes.';
	}
	if (/^APIG(W)?\.0308$/.test(code)) return 'Huawei Cloud is throttling the requests of this account. Raise the Poll Interval or lower Concurrent Requests.';
	if (/^AutoBackup\.(0003|0002)$/.test(code)) return 'The IAM token is missing or expired. Check the credential.';
	if (/^AutoBackup\.(0205|1100)$/.test(code)) return 'Check the Backup Policy: it does not exist in this project and region.';
	return undefined;
}

/** The vendor's text with its code, for the request client's messages: "The policy does not exist (AutoBackup.1100)". */
export function huaweiErrorMessage(body: unknown): string | undefined {
	const error = huaweiError(body);
	if (!error) return undefined;
	const text = error.message !== '' ? error.message.replace(/\.$/, '') : 'error';
	const said = error.code !== '' ? `${text} (${error.code})` : text;
	const advice = adviceFor(error.code, error.message);
	return advice ? `${said}. ${advice}` : said;
}

/** Throttling, whatever the HTTP status the gateway chose for it. */
export function isThrottled(body: unknown): boolean {
	return /^APIG(W)?\.0308$/.test(huaweiError(body)?.code ?? '');
}
