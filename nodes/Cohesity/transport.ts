import type { IDataObject } from 'n8n-workflow';

import type { Page } from '../shared/paging';
import { ApiClient, type ClientOptions, type RequestContext, type VendorApi } from '../shared/request';
import { expectRecord, optionalList } from '../shared/shape';
import { cohesityBaseUrlProblem, cohesityBodyError, cohesityErrorMessage } from './errors';

const PRODUCT = 'Cohesity';

export const cohesityApi: VendorApi = {
	credentialType: 'cohesityApi',
	productName: PRODUCT,
	secretFields: ['apiKey', 'password', 'accessToken'],
	errorMessage: cohesityErrorMessage,
	bodyError: cohesityBodyError,
	// An API key never expires; only a signed-in token is renewed.
	sessionField: (credentials) => (credentials.authMethod === 'password' ? 'accessToken' : undefined),
	baseUrlProblem: cohesityBaseUrlProblem,
};

const GROUPS_PATH = '/v2/data-protect/protection-groups';
const RUNS_PATH = `${GROUPS_PATH}/{groupId}/runs`;
const RUN_PATH = `${RUNS_PATH}/{runId}`;
const RECOVERIES_PATH = '/v2/data-protect/recoveries';
const RECOVERY_PATH = `${RECOVERIES_PATH}/{id}`;

/** Runs and groups per page when paging with `paginationCookie`. */
export const PAGE_SIZE = 100;

/** Cohesity reads list parameters as comma-separated values. */
export function csv(values: unknown): string | undefined {
	const list = (Array.isArray(values) ? values : typeof values === 'string' ? values.split(',') : [])
		.map((v) => String(v).trim())
		.filter((v) => v !== '');
	return list.length > 0 ? list.join(',') : undefined;
}

/** Drops unset query parameters so the cluster applies its own defaults. */
function query(qs: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(qs).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

function cookieOf(page: IDataObject): string | undefined {
	return typeof page.paginationCookie === 'string' && page.paginationCookie !== '' ? page.paginationCookie : undefined;
}

/** The protection-group calls of the cluster v2 API (the same paths on Helios). */
export class CohesityProtectionApi {
	constructor(
		private readonly client: ApiClient,
		/** The credential holds a token (or the API-key marker) from an earlier execution: no sign-in is due first. */
		readonly signedIn = false,
	) {}

	static async connect(ctx: RequestContext, options: ClientOptions = {}): Promise<CohesityProtectionApi> {
		const credentials = await ctx.getCredentials(cohesityApi.credentialType);
		const signedIn = typeof credentials.accessToken === 'string' && credentials.accessToken !== '';
		return new CohesityProtectionApi(ApiClient.fromCredentials(ctx, cohesityApi, credentials, options), signedIn);
	}

	/** One page of `ProtectionGroupRuns`: the raw body, so the normalizer sees every field. */
	async runsPage(groupId: string, qs: IDataObject, itemIndex?: number): Promise<{ body: unknown; cookie: string | undefined }> {
		const body = await this.client.request({ path: RUNS_PATH, pathParams: { groupId }, qs: query(qs), itemIndex });
		return { body, cookie: cookieOf(expectRecord(body, PRODUCT, 'a list of protection group runs')) };
	}

	/**
	 * `POST …/protection-groups/{id}/runs` (Run Now): the answer names the group only, never the run, so
	 * the caller finds the new run in the group's runs. Sent once: the request client never repeats a POST.
	 */
	async runNow(groupId: string, body: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ method: 'POST', path: RUNS_PATH, pathParams: { groupId }, body, itemIndex });
	}

	/** `POST …/protection-groups/{id}/runs/actions` with `{action: "Cancel", cancelParams: [{runId}]}`. Sent once. */
	async cancelRun(groupId: string, runId: string, itemIndex?: number): Promise<unknown> {
		return await this.client.request({
			method: 'POST',
			path: `${RUNS_PATH}/actions`,
			pathParams: { groupId },
			body: { action: 'Cancel', cancelParams: [{ runId }] },
			itemIndex,
		});
	}

	/** One run, not wrapped in a list; with `objects`, each protected object and its snapshot id (what a recovery needs). */
	async run(groupId: string, runId: string, itemIndex?: number, objects = false): Promise<unknown> {
		return await this.client.request({
			path: RUN_PATH,
			pathParams: { groupId, runId },
			qs: { includeObjectDetails: objects },
			itemIndex,
		});
	}

	/** `POST /v2/data-protect/recoveries` (201, the new Recovery with its id). Sent once: the request client never repeats a POST. */
	async createRecovery(body: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ method: 'POST', path: RECOVERIES_PATH, body, itemIndex });
	}

	/** One recovery by its id (`clusterId:incarnationId:taskId`). */
	async recovery(id: string, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: RECOVERY_PATH, pathParams: { id }, itemIndex });
	}

	/** `GET /v2/data-protect/recoveries`: one answer, no paging; narrowed by `ids`, a start-time window, status, environment and action. */
	async recoveries(qs: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: RECOVERIES_PATH, qs: query(qs), itemIndex });
	}

	/** `POST …/recoveries/{id}/cancel` (204). Sent once. */
	async cancelRecovery(id: string, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ method: 'POST', path: `${RECOVERY_PATH}/cancel`, pathParams: { id }, itemIndex });
	}

	/**
	 * One page of the protection groups that are not deleted, without their source lists (large on
	 * big clusters and not needed here); `activeOnly` leaves out the copies on replication targets,
	 * `ids` asks for those groups only (Get Latest of many groups in one call).
	 */
	async groupsPage(
		cookie: string | undefined,
		options: { activeOnly?: boolean; lastRun?: boolean; ids?: string[] } = {},
		itemIndex?: number,
	): Promise<Page<unknown>> {
		const qs: IDataObject = {
			ids: csv(options.ids),
			isDeleted: false,
			isActive: options.activeOnly === true ? true : undefined,
			includeLastRunInfo: options.lastRun === true ? true : undefined,
			pruneSourceIds: true,
			pruneExcludedSourceIds: true,
			maxResultCount: PAGE_SIZE,
			paginationCookie: cookie,
		};
		const body = expectRecord(
			await this.client.request({ path: GROUPS_PATH, qs: query(qs), itemIndex }),
			PRODUCT,
			'a list of protection groups',
		);
		return { items: optionalList(body, 'protectionGroups', ['paginationCookie'], PRODUCT, 'a list of protection groups'), next: cookieOf(body) };
	}
}
