import { requireId, type NodeSource } from '../shared/validate';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A session or job ID as the REST API gives them: a GUID, checked before any request. Lower-case. */
export function requireGuid(source: NodeSource, value: unknown, field: string, itemIndex: number): string {
	return requireId(source, value, field, itemIndex, { pattern: GUID, example: '2ec4d35f-b5d8-4cb3-9d11-12e1d5792625' }).toLowerCase();
}
