import { isRecord, textOf } from '../shared/shape';

/**
 * The REST API's error body, `{errorCode, message, resourceId}`: Veeam's own text for the request
 * client's messages, undefined for any other body.
 */
export function vbrErrorMessage(body: unknown): string | undefined {
	if (!isRecord(body)) return undefined;
	const message = textOf(body.message) || textOf(body.error_description);
	if (message === '') return undefined;
	const code = textOf(body.errorCode) || textOf(body.error);
	return code !== '' && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * An error body inside a 2xx answer is an error, never data: the API answers its data as objects with
 * `data` or `id`, never with `errorCode`.
 */
export function vbrBodyError(body: unknown): string | undefined {
	if (!isRecord(body) || body.errorCode === undefined || body.data !== undefined || body.id !== undefined) return undefined;
	return vbrErrorMessage(body) ?? `error ${textOf(body.errorCode) || 'without a message'}`;
}

/** A 404 on every call from port 9398 means Enterprise Manager, another API with another node. */
export function vbrBaseUrlProblem(baseUrl: string): string | undefined {
	try {
		if (new URL(baseUrl.trim()).port === '9398') {
			return 'port 9398 is Veeam Backup Enterprise Manager (its own node); the Backup & Replication REST API listens on 9419, e.g. https://vbr.example.com:9419';
		}
	} catch {
		return undefined;
	}
	return undefined;
}
