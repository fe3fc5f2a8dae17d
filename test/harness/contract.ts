/**
 * The job-status item of DESIGN.md, checked the same way for every vendor. The field list is written
 * out here rather than taken from nodes/shared, so a field dropped from the code fails the tests.
 */
import type { IDataObject } from 'n8n-workflow';

const FIELDS = ['vendor', 'jobId', 'jobName', 'state', 'isFinished', 'isSuccess', 'vendorState', 'progressPercent', 'startedAt', 'endedAt', 'durationSeconds', 'message', 'steps', 'jobType'];
const JOB_TYPES = ['backup', 'restore', 'other'];
/**
 * Fields a vendor's item carries beside the contract because its Get needs them and its record lacks
 * them: a Huawei VBS task does not name its policy (a VBS job item, which needs none, has no policyId).
 */
const VENDOR_FIELDS: Record<string, string[]> = { huaweiCloud: ['policyId'] };
const STATES = ['queued', 'running', 'succeeded', 'warning', 'failed', 'cancelled', 'unknown'];
const FINISHED: Record<string, boolean> = { succeeded: true, warning: true, failed: false, cancelled: false };
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isoOrNull = (value: unknown) => value === null || (typeof value === 'string' && ISO_UTC.test(value));
const stringOrNull = (value: unknown) => value === null || typeof value === 'string';

/**
 * Every contract field and nothing else but the vendor's own fields above (`details` only when Simplify is off, `timedOut` only after a
 * wait ran out), each of its type, and isFinished/isSuccess agreeing with state.
 */
export function expectJobStatus(item: IDataObject, options: { details?: boolean; timedOut?: boolean } = {}): void {
	const own = (VENDOR_FIELDS[String(item.vendor)] ?? []).filter((field) => field in item);
	const expected = [...FIELDS, ...own, ...(options.details ? ['details'] : []), ...(options.timedOut ? ['timedOut'] : [])];
	expect(Object.keys(item).sort()).toEqual(expected.sort());
	for (const field of own) expect(typeof item[field] === 'string' && item[field] !== '').toBe(true);
	expect(typeof item.vendor).toBe('string');
	expect(typeof item.jobId === 'string' && item.jobId !== '').toBe(true);
	expect(stringOrNull(item.jobName)).toBe(true);
	expect(STATES).toContain(item.state);
	const state = item.state as string;
	expect(item.isFinished).toBe(state in FINISHED);
	expect(item.isSuccess).toBe(state in FINISHED ? FINISHED[state] : null);
	expect(typeof item.vendorState).toBe('string');
	expect(item.progressPercent === null || (typeof item.progressPercent === 'number' && item.progressPercent >= 0 && item.progressPercent <= 100)).toBe(true);
	expect(isoOrNull(item.startedAt) && isoOrNull(item.endedAt)).toBe(true);
	expect(item.durationSeconds === null || (typeof item.durationSeconds === 'number' && item.durationSeconds >= 0)).toBe(true);
	expect(stringOrNull(item.message)).toBe(true);
	expect(Array.isArray(item.steps)).toBe(true);
	expect(JOB_TYPES).toContain(item.jobType);
	for (const step of item.steps as IDataObject[]) {
		expect(Object.keys(step).sort()).toEqual(['endedAt', 'message', 'name', 'startedAt', 'state', 'vendorState']);
		expect(STATES).toContain(step.state);
		expect(isoOrNull(step.startedAt) && isoOrNull(step.endedAt)).toBe(true);
	}
}
