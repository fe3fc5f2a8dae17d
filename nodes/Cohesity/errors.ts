import { isRecord } from '../shared/shape';

/** Errors are `{errorCode: "K…", message}`; the message is what an operator recognizes. */
export function cohesityErrorMessage(body: unknown): string | undefined {
	if (!isRecord(body)) return undefined;
	if (typeof body.message === 'string' && body.message.trim() !== '') return body.message.trim();
	return typeof body.errorCode === 'string' && body.errorCode !== '' ? body.errorCode : undefined;
}

/** No successful answer of the v2 API has an `errorCode`; an error body always does. */
export function cohesityBodyError(body: unknown): string | undefined {
	if (!isRecord(body) || typeof body.errorCode !== 'string' || body.errorCode === '') return undefined;
	const text = cohesityErrorMessage(body);
	return text === body.errorCode ? text : `${text} (${body.errorCode})`;
}

/** The API paths start with `/v2`, `/irisservices` or `/v1`: a Base URL that already ends in one answers 404. */
export function cohesityBaseUrlProblem(baseUrl: string): string | undefined {
	let path: string;
	try {
		path = new URL(baseUrl.trim()).pathname.replace(/\/+$/, '');
	} catch {
		return undefined;
	}
	return path === '' ? undefined : `it ends in "${path}"; use the cluster's or Helios's address alone, e.g. https://cohesity.example.com`;
}
