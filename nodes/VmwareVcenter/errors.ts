import { isRecord } from '../shared/shape';

/** The texts of a vAPI `messages` list. */
function messageTexts(messages: unknown): string[] {
	if (!Array.isArray(messages)) return [];
	return messages
		.filter(isRecord)
		.map((m) => m.default_message)
		.filter((t): t is string => typeof t === 'string' && t !== '');
}

/** `/api` errors are `{error_type, messages}`; `/rest` errors are `{type, value: {messages}}`. */
export function vcenterErrorMessage(body: unknown): string | undefined {
	if (!isRecord(body)) return undefined;
	const inner = isRecord(body.value) ? body.value : body;
	const texts = messageTexts(inner.messages);
	if (texts.length > 0) return texts.join('; ');
	return typeof body.error_type === 'string' ? body.error_type : typeof body.type === 'string' ? body.type : undefined;
}

/**
 * An error shape inside a 2xx answer. No successful vCenter answer has `error_type` (`/api`), and in
 * `/rest` a success is `{value}` alone, while an error names its `type` (`com.vmware.vapi.std.errors.…`).
 */
export function vcenterBodyError(body: unknown): string | undefined {
	if (!isRecord(body)) return undefined;
	const isError =
		typeof body.error_type === 'string' || (typeof body.type === 'string' && body.type.startsWith('com.vmware.vapi.std.errors.'));
	if (!isError) return undefined;
	const text = vcenterErrorMessage(body);
	const kind = typeof body.error_type === 'string' ? body.error_type : String(body.type).split('.').pop();
	return text && text !== kind ? `${text} (${kind})` : (text ?? String(kind));
}

/** A Base URL with a path in it (`…/api`, `…/rest`, `…/ui`) makes every call a 404. */
export function vcenterBaseUrlProblem(baseUrl: string): string | undefined {
	let path: string;
	try {
		path = new URL(baseUrl.trim()).pathname.replace(/\/+$/, '');
	} catch {
		return undefined;
	}
	return path === '' ? undefined : `it ends in "${path}"; use the address of the vCenter Server Appliance alone, e.g. https://vcenter.example.com`;
}
