import type { IDataObject } from 'n8n-workflow';

import { collectPages } from '../shared/paging';
import { jobListPage } from './status';
import { JOB_PAGE_SIZE, type CommvaultJobApi } from './transport';

/**
 * The job summaries of `GET /Job` over its pages. Offsets move by what each page held and the list
 * ends at `totalRecordsWithoutPaging` (or at a page that adds nothing, when a server leaves the
 * total out), never at a page shorter than asked: a server may answer fewer jobs than `limit`.
 */
export async function listJobSummaries(
	api: CommvaultJobApi,
	qs: IDataObject,
	options: { limit?: number; maxPages: number; enough?: (summaries: IDataObject[]) => boolean },
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages(async (cursor) => {
		const offset = cursor === undefined ? 0 : Number(cursor);
		const { summaries, total } = jobListPage(await api.jobsPage(qs, JOB_PAGE_SIZE, offset, itemIndex));
		const next = offset + summaries.length;
		const ended = summaries.length === 0 || (total !== undefined && next >= total);
		return { items: summaries, next: ended ? undefined : String(next) };
	}, options);
}
