import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { VcenterBackupApi } from './transport';

/** `20240315-020002-…` reads as 2024-03-15 02:00:02: show the time next to the id. */
function label(id: string): string {
	const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-/.exec(id);
	return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]} (${id})` : id;
}

export async function searchBackupJobs(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await VcenterBackupApi.connect(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const ids = (await api.listJobIds()).filter((id) => label(id).toLowerCase().includes(needle));
	return { results: ids.map((id) => ({ name: label(id), value: id })) };
}
