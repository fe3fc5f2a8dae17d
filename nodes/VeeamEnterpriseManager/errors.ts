import type { IDataObject } from 'n8n-workflow';

import { isRecord, textOf } from '../shared/shape';
import { documentOf, field } from './documents';

/**
 * Enterprise Manager's error body, `<Error Message="…" StatusCode="404" Status="NotFound"/>` or its
 * JSON form `{Message, StatusCode, Status}` (reference §5), in any casing. Undefined for anything else.
 */
function errorRecord(body: unknown): IDataObject | undefined {
	const { root, doc } = documentOf(body);
	if (!isRecord(doc)) return undefined;
	if (root !== undefined) return root.toLowerCase() === 'error' ? doc : undefined;
	return field(doc, 'Message') !== undefined && field(doc, 'StatusCode') !== undefined ? doc : undefined;
}

/** Veeam's own text from an error answer of any status, for the request client's messages. */
export function veeamErrorMessage(body: unknown): string | undefined {
	const error = errorRecord(body);
	const message = error ? textOf(field(error, 'Message')) : '';
	return message === '' ? undefined : message;
}

/** An `<Error>` document inside a 2xx answer is an error, never data. */
export function veeamBodyError(body: unknown): string | undefined {
	const error = errorRecord(body);
	if (!error) return undefined;
	return textOf(field(error, 'Message')) || `error ${textOf(field(error, 'StatusCode')) || 'without a message'}`;
}

/** A 404 on every call from port 9419 means the Backup & Replication REST API, another API. */
export function veeamBaseUrlProblem(baseUrl: string): string | undefined {
	try {
		if (new URL(baseUrl.trim()).port === '9419') {
			return 'port 9419 is the Backup & Replication REST API; Enterprise Manager listens on 9398, e.g. https://em.example.com:9398';
		}
	} catch {
		return undefined;
	}
	return undefined;
}
