import { isRecord, listOf, numberOf, textOf } from '../shared/shape';
import { documentOf, rootName } from './documents';

/** The first message of an `errList` (`errLogMessage`, sometimes `errorMessage`). */
function fromErrList(value: unknown): string | undefined {
	for (const entry of listOf(value)) {
		if (!isRecord(entry)) continue;
		const text = textOf(entry.errLogMessage) || textOf(entry.errorMessage);
		const code = numberOf(entry.errorCode);
		if (text !== '') return code !== undefined && code !== 0 ? `${text} (error ${code})` : text;
		if (code !== undefined && code !== 0) return `error ${code}`;
	}
	return undefined;
}

/** `{errorCode, errorMessage}` with a code other than 0 (0 means OK in Commvault's answers). */
function fromCode(record: Record<string, unknown>): string | undefined {
	const code = numberOf(record.errorCode);
	if (code === undefined || code === 0) return undefined;
	const text = textOf(record.errorMessage) || textOf(record.errLogMessage);
	return text !== '' ? `${text} (error ${code})` : `error ${code}`;
}

/**
 * An error Commvault reports inside an HTTP 200 answer, in any of its shapes: `errList` (sign-in),
 * `{errorCode, errorMessage}`, `error: {errorCode, errorMessage | errList}`, `errors: [{errList}]`
 * (DR job statistics), and the XML `*_GenericResp` roots. Undefined for a usable answer.
 */
export function commvaultBodyError(body: unknown): string | undefined {
	const root = rootName(body);
	const doc = documentOf(body);
	if (!isRecord(doc)) return undefined;
	const direct = fromErrList(doc.errList) ?? fromCode(doc);
	if (direct) return direct;
	if (isRecord(doc.error)) {
		const nested = fromErrList(doc.error.errList) ?? fromCode(doc.error);
		if (nested) return nested;
	}
	for (const entry of listOf(doc.errors)) {
		const found = isRecord(entry) ? (fromErrList(entry.errList) ?? fromCode(entry)) : undefined;
		if (found) return found;
	}
	// `<App_GenericResponse><response errorCode="2" errorMessage="…"/>`
	if (root !== undefined && /Generic/.test(root)) {
		for (const entry of listOf(doc.response)) {
			const found = isRecord(entry) ? fromCode(entry) : undefined;
			if (found) return found;
		}
	}
	return undefined;
}

/** The vendor's text from an error answer of any status, for the request client's messages. */
export function commvaultErrorMessage(body: unknown): string | undefined {
	const inBody = commvaultBodyError(body);
	if (inBody) return inBody;
	const doc = documentOf(body);
	return isRecord(doc) ? textOf(doc.errorMessage) || undefined : undefined;
}

/**
 * The web service root ends in `/api` (Command Center, Web Console) or `/CVWebService.svc` (the Web
 * Server on port 81); a bare host answers 404 to every call.
 */
export function commvaultBaseUrlProblem(baseUrl: string): string | undefined {
	let path: string;
	try {
		path = new URL(baseUrl.trim()).pathname.replace(/\/+$/, '');
	} catch {
		return undefined;
	}
	if (/\/api$/i.test(path) || /CVWebService\.svc$/i.test(path) || /WebServerCore$/i.test(path)) return undefined;
	return `it ends in "${path || '/'}"; use the web service root, e.g. https://commserve.example.com/commandcenter/api or http://webserver:81/SearchSvc/CVWebService.svc`;
}
