import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { ApiClient, type ClientOptions, type RequestContext, type VendorApi } from '../shared/request';
import { commvaultBaseUrlProblem, commvaultBodyError, commvaultErrorMessage } from './errors';

export const commvaultApi: VendorApi = {
	credentialType: 'commvaultApi',
	productName: 'Commvault',
	secretFields: ['password', 'accessToken', 'refreshToken', 'sessionToken'],
	errorMessage: commvaultErrorMessage,
	bodyError: commvaultBodyError,
	// Both methods keep what they send in the hidden token; a 401 empties it, so n8n signs in or renews.
	sessionField: () => 'sessionToken',
	baseUrlProblem: commvaultBaseUrlProblem,
};

/** JSON or XML, the seed's `Accept` choice; both give the same items. */
export type ResponseFormat = 'json' | 'xml';

/**
 * The DR paths: `DRGroups/…` up to CommServ version 30, `DR/JobStats` and `FailoverGroups` from 31
 * ("DR groups" became "failover groups"). Automatic tries the newer form and falls back once on 404.
 */
export type DrApiVersion = 'auto' | 'current' | 'legacy';
type DrForm = 'current' | 'legacy';

/** Jobs per page of `GET /Job`; the documented default `limit`. */
export const JOB_PAGE_SIZE = 100;

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** Drops unset query parameters so the server applies its own defaults. */
function query(qs: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(qs).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

export class CommvaultJobApi {
	/** The DR form this execution found, so a fallback is paid once, not once per item. */
	private drForm: DrForm | undefined;

	constructor(
		private readonly client: ApiClient,
		private readonly format: ResponseFormat,
		drVersion: DrApiVersion,
		readonly signedIn = false,
	) {
		this.drForm = drVersion === 'auto' ? undefined : drVersion;
	}

	static async connect(
		ctx: RequestContext,
		settings: { format?: ResponseFormat; drVersion?: DrApiVersion } = {},
		options: ClientOptions = {},
	): Promise<CommvaultJobApi> {
		const credentials = await ctx.getCredentials(commvaultApi.credentialType);
		const signedIn = typeof credentials.sessionToken === 'string' && credentials.sessionToken !== '';
		const client = ApiClient.fromCredentials(ctx, commvaultApi, credentials, options);
		return new CommvaultJobApi(client, settings.format ?? 'json', settings.drVersion ?? 'auto', signedIn);
	}

	private get headers(): IDataObject {
		return { accept: this.format === 'xml' ? 'application/xml' : 'application/json' };
	}

	private async get(path: string, qs: IDataObject, itemIndex?: number, pathParams?: Record<string, string>, headers: IDataObject = {}) {
		return await this.client.request({ path, pathParams, qs: query(qs), headers: { ...this.headers, ...headers }, itemIndex });
	}

	/** `GET /Job/{jobId}`: the job summary, `{totalRecordsWithoutPaging: 0}` when not (yet) visible. */
	async job(jobId: string, itemIndex?: number): Promise<unknown> {
		return await this.get('/Job/{jobId}', {}, itemIndex, { jobId });
	}

	/**
	 * One page of `GET /Job`. `limit` and `offset` are documented as headers and sent by Commvault's
	 * own tools as query parameters too; both are sent.
	 */
	async jobsPage(qs: IDataObject, limit: number, offset: number, itemIndex?: number): Promise<unknown> {
		const paging = { limit: String(limit), offset: String(offset) };
		// An empty jobFilter asks for every job type; left out, the server lists backups only.
		const { jobFilter, ...rest } = qs;
		return await this.client.request({
			path: '/Job',
			qs: { ...query(rest), jobFilter: typeof jobFilter === 'string' ? jobFilter : '', ...paging },
			headers: { ...this.headers, ...paging },
			itemIndex,
		});
	}

	/** Tries the current DR form, else (Automatic, on 404) the legacy one, and remembers which answered. */
	private async dr(current: () => Promise<unknown>, legacy: () => Promise<unknown>): Promise<unknown> {
		if (this.drForm === 'legacy') return await legacy();
		if (this.drForm === 'current') return await current();
		const answer = await current().then(
			(body) => ({ body, error: undefined }),
			(error: unknown) => ({ body: undefined, error }),
		);
		if (answer.error === undefined) {
			this.drForm = 'current';
			return answer.body;
		}
		if (!isNotFound(answer.error)) throw answer.error;
		const body = await legacy();
		this.drForm = 'legacy';
		return body;
	}

	/** DR job statistics: `DR/JobStats?failoverGroupId` or the seed's `DRGroups/JobStats?drGroupId`. */
	async drJobStats(params: { jobId?: string; drGroupId?: string; replicationId?: string; clientId?: string }, itemIndex?: number) {
		const common = { jobId: params.jobId, replicationId: params.replicationId, clientId: params.clientId };
		return await this.dr(
			async () => await this.get('/DR/JobStats', { ...common, failoverGroupId: params.drGroupId }, itemIndex),
			async () => await this.get('/DRGroups/JobStats', { ...common, drGroupId: params.drGroupId }, itemIndex),
		);
	}

	/** The DR (failover) groups: `FailoverGroups`, or `DRGroups` on older servers. Not paged. */
	async drGroups(itemIndex?: number): Promise<unknown> {
		return await this.dr(
			async () => await this.get('/FailoverGroups', {}, itemIndex),
			async () => await this.get('/DRGroups', {}, itemIndex),
		);
	}
}
