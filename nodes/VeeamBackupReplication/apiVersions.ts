import type { INodePropertyOptions } from 'n8n-workflow';

import { isRecord, textOf } from '../shared/shape';

/**
 * The `x-api-version` revisions, newest first, with the Backup & Replication release that brought each
 * (Versioning in Veeam's REST API reference). Every request names one; a server answers 400 to a
 * revision newer than it knows.
 */
export const API_REVISIONS = [
	{ revision: '1.3-rev0', release: '13' },
	{ revision: '1.2-rev1', release: '12.3.1' },
	{ revision: '1.2-rev0', release: '12.3' },
	{ revision: '1.1-rev2', release: '12.2' },
	{ revision: '1.1-rev1', release: '12.1' },
	{ revision: '1.1-rev0', release: '12.0' },
] as const;

export const AUTOMATIC = 'auto';

export const apiVersionOptions: INodePropertyOptions[] = [
	{ name: 'Automatic', value: AUTOMATIC, description: 'The newest revision the server accepts, found at the first sign-in and kept with the token' },
	...API_REVISIONS.map(({ revision, release }) => ({ name: `${revision} (Backup & Replication ${release})`, value: revision })),
];

/** What to try at sign-in: the chosen revision, the one found before, or every revision newest first. */
export function revisionsToTry(chosen: unknown, found: unknown): string[] {
	if (typeof chosen === 'string' && chosen !== '' && chosen !== AUTOMATIC) return [chosen];
	const known = API_REVISIONS.map((r) => r.revision as string);
	if (typeof found === 'string' && known.includes(found)) return known.slice(known.indexOf(found));
	return known;
}

/** The revision a request carries: the one the sign-in settled on, else the chosen one, else the newest. */
export function revisionInUse(chosen: unknown, found: unknown): string {
	if (typeof found === 'string' && found !== '') return found;
	if (typeof chosen === 'string' && chosen !== '' && chosen !== AUTOMATIC) return chosen;
	return API_REVISIONS[0].revision;
}

/** A 400 that refuses the `x-api-version` (an older server), not the credentials or the request. */
export function refusesRevision(status: number, body: unknown): boolean {
	if (status !== 400 || !isRecord(body)) return false;
	const text = `${textOf(body.errorCode)} ${textOf(body.message)} ${textOf(body.error_description)}`;
	return /api[\s_-]*version|x-api-version|revision/i.test(text);
}
