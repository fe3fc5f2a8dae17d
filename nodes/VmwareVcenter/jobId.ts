/**
 * Backup-job ids start with their creation time, `20240315-020002-…` for 2024-03-15 02:00:02 (the
 * appliance's clock, read as UTC): the trigger narrows the id list to its window with it, before
 * asking for any details.
 */
const CREATED = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-/;

/** Epoch milliseconds of the id's creation time, or undefined for an id without one. */
export function createdAtOf(jobId: string): number | undefined {
	const m = CREATED.exec(jobId);
	if (!m) return undefined;
	const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
	return Number.isFinite(ms) ? ms : undefined;
}
