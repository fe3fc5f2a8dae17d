import type { IDataObject } from 'n8n-workflow';

import type { Spread } from '../shared/concurrency';
import { readOffsetPages } from '../shared/offsetPages';
import { jobListPage } from './status';
import { JOB_PAGE_SIZE, type CommvaultJobApi } from './transport';

/**
 * The job summaries of `GET /Job` over its pages (readOffsetPages): the total is the answer's
 * `totalRecordsWithoutPaging`, and offsets follow what the pages held, never the size asked for, since
 * a server may answer fewer jobs than `limit`. Without a total the pages go on until one is empty.
 */
export async function listJobSummaries(
	api: CommvaultJobApi,
	qs: IDataObject,
	options: { limit?: number; maxPages: number; seek?: { ids: ReadonlySet<string>; idOf(summary: IDataObject): string }; spread?: Spread },
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await readOffsetPages({
		...options,
		pageSize: JOB_PAGE_SIZE,
		readAt: async (offset, size) => {
			const { summaries, total } = jobListPage(await api.jobsPage(qs, size, offset, itemIndex));
			return { records: summaries, total };
		},
	});
}
