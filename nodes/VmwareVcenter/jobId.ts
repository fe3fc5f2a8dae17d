/**
 * Backup-job ids start with their creation time, `20240315-020002-…` for 2024-03-15 02:00:02 (the
 * appliance's clock, read as UTC), so text order is time order: the trigger narrows the id list to
 * its window with it, before asking for any details, and without parsing a date per id.
 */
const CREATED = /^\d{8}-\d{6}-/;

/** The creation-time part of an id (`20240315-020002`), or undefined for an id without one. */
export function createdPartOf(jobId: string): string | undefined {
	return CREATED.test(jobId) ? jobId.slice(0, 15) : undefined;
}

/** The creation-time part an id created at `ms` has. */
export function createdPartAt(ms: number): string {
	const t = new Date(ms).toISOString();
	return `${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}-${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}`;
}
