import type { IDataObject } from 'n8n-workflow';

import { ApiClient, type ClientOptions, type RequestContext, type VendorApi } from '../shared/request';
import { apiPrefix } from './apiRoot';
import { veeamBaseUrlProblem, veeamBodyError, veeamErrorMessage } from './errors';
import { PRODUCT, type SessionKind } from './status';

export const veeamApi: VendorApi = {
	credentialType: 'veeamEnterpriseManagerApi',
	productName: PRODUCT,
	secretFields: ['password', 'sessionToken'],
	errorMessage: veeamErrorMessage,
	bodyError: veeamBodyError,
	// Sessions idle out after 15 minutes: a 401 empties the token once, so n8n signs in again.
	sessionField: () => 'sessionToken',
	baseUrlProblem: veeamBaseUrlProblem,
};

/** JSON (asked for with Accept) or XML (the server's default); both give the same items. */
export type ResponseFormat = 'json' | 'xml';

/** The query API's page size when the server is left to choose (real servers: 100). */
export const QUERY_PAGE_SIZE = 100;

export interface QueryParams {
	filter?: string;
	sortDesc?: string;
	sortAsc?: string;
	pageSize: number;
	page: number;
}

export class VeeamApi {
	constructor(
		private readonly client: ApiClient,
		private readonly format: ResponseFormat,
		private readonly prefix: string,
		readonly signedIn = false,
	) {}

	static async connect(ctx: RequestContext, format: ResponseFormat = 'json', options: ClientOptions = {}): Promise<VeeamApi> {
		const credentials = await ctx.getCredentials(veeamApi.credentialType);
		const signedIn = typeof credentials.sessionToken === 'string' && credentials.sessionToken !== '';
		const client = ApiClient.fromCredentials(ctx, veeamApi, credentials, options);
		return new VeeamApi(client, format, apiPrefix(String(credentials.baseUrl ?? '')), signedIn);
	}

	private async get(path: string, qs: IDataObject, itemIndex?: number, pathParams?: Record<string, string>): Promise<unknown> {
		const accept = this.format === 'xml' ? 'application/xml' : 'application/json';
		return await this.client.request({ path: `${this.prefix}${path}`, pathParams, qs, headers: { accept }, itemIndex });
	}

	/**
	 * `POST /jobs/{ID}?action=start|stop|retry`: answers a Task (202) to follow with `task`. Sent once:
	 * the request client never repeats a POST.
	 */
	async jobAction(jobGuid: string, action: string, itemIndex?: number): Promise<unknown> {
		const accept = this.format === 'xml' ? 'application/xml' : 'application/json';
		return await this.client.request({ method: 'POST', path: `${this.prefix}/jobs/{id}`, pathParams: { id: jobGuid }, qs: { action }, headers: { accept }, itemIndex });
	}

	/**
	 * `POST /vmRestorePoints/{ID}?action=restore` with a RestoreSpec as JSON (n8n sets its Content-Type; the elements in the order
	 * the XML schema wants, should a server read it as XML): answers a Task (202). Sent once.
	 */
	async restoreVm(pointGuid: string, spec: IDataObject, itemIndex?: number): Promise<unknown> {
		const accept = this.format === 'xml' ? 'application/xml' : 'application/json';
		return await this.client.request({
			method: 'POST',
			path: `${this.prefix}/vmRestorePoints/{id}`,
			pathParams: { id: pointGuid },
			qs: { action: 'restore' },
			body: { VmRestoreSpec: spec },
			headers: { accept },
			itemIndex,
		});
	}

	/** `GET /vmRestorePoints/{ID}?format=Entity`, `/backupSessions/{ID}?format=Entity`: one entity by its path. */
	async entity(path: string, guid: string, itemIndex?: number): Promise<unknown> {
		return await this.get(path, { format: 'Entity' }, itemIndex, { id: guid });
	}

	/** `GET /tasks/{ID}`: the state and result of a job action. */
	async task(taskId: string, itemIndex?: number): Promise<unknown> {
		return await this.get('/tasks/{id}', {}, itemIndex, { id: taskId });
	}

	/** `GET /cdpReplicaTaskSessions/{ID}?format=Entity` or `/backupSessions/{ID}?format=Entity`: the whole entity. */
	async session(kind: SessionKind, guid: string, itemIndex?: number): Promise<unknown> {
		return await this.get(kind.path, { format: 'Entity' }, itemIndex, { id: guid });
	}

	/** One page of `GET /query?type=…&format=Entities`; unset parameters are left out. */
	async query(type: string, params: QueryParams, itemIndex?: number): Promise<unknown> {
		const qs: IDataObject = { type, format: 'Entities', pageSize: params.pageSize, page: params.page };
		if (params.filter) qs.filter = params.filter;
		if (params.sortDesc) qs.sortDesc = params.sortDesc;
		if (params.sortAsc) qs.sortAsc = params.sortAsc;
		return await this.get('/query', qs, itemIndex);
	}
}
