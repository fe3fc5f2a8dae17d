import type { IDataObject } from 'n8n-workflow';

import { ApiClient, type ClientOptions, type RequestContext, type VendorApi } from '../shared/request';
import { vbrBaseUrlProblem, vbrBodyError, vbrErrorMessage } from './errors';
import { serverRoot } from './serverUrl';
import { PRODUCT } from './status';

export const CREDENTIAL_TYPE = 'veeamBackupReplicationApi';

export const vbrApi: VendorApi = {
	credentialType: CREDENTIAL_TYPE,
	productName: PRODUCT,
	secretFields: ['password', 'accessToken', 'refreshToken'],
	errorMessage: vbrErrorMessage,
	bodyError: vbrBodyError,
	// Access tokens last 15 minutes: a 401 empties the token once, so n8n renews it (refresh token first).
	sessionField: () => 'accessToken',
	baseUrlProblem: vbrBaseUrlProblem,
};

/** Job actions of `POST /api/v1/jobs/{id}/<action>`, as the console's Job menu names them. */
export type JobActionName = 'start' | 'stop' | 'retry';

/**
 * The calls the node makes, each under `/api/v1`. `x-api-version` and the Bearer token are added by
 * the credential, so the HTTP Request node sends them the same way.
 */
export class VbrApi {
	constructor(
		private readonly client: ApiClient,
		/** The credential holds a token from an earlier execution: no sign-in is due first. */
		readonly signedIn = false,
	) {}

	static async connect(ctx: RequestContext, options: ClientOptions = {}): Promise<VbrApi> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		const signedIn = typeof credentials.accessToken === 'string' && credentials.accessToken !== '';
		const client = ApiClient.fromCredentials(ctx, vbrApi, { ...credentials, baseUrl: serverRoot(String(credentials.baseUrl ?? '')) }, options);
		return new VbrApi(client, signedIn);
	}

	/** `GET /api/v1/sessions`: one page, `{data, pagination}`; unset parameters are left out. */
	async sessions(qs: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/api/v1/sessions', qs, itemIndex });
	}

	/** `GET /api/v1/sessions/{id}`: one session model. */
	async session(id: string, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/api/v1/sessions/{id}', pathParams: { id }, itemIndex });
	}

	/** `GET /api/v1/jobs`: one page of jobs. */
	async jobs(qs: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/api/v1/jobs', qs, itemIndex });
	}

	/** `GET /api/v1/jobs/states`: one page of job states (status, last result, next run). */
	async jobStates(qs: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/api/v1/jobs/states', qs, itemIndex });
	}

	/**
	 * `POST /api/v1/jobs/{id}/start|stop|retry`: answers the session it started or acts on. Sent once:
	 * the request client never repeats a POST.
	 */
	async jobAction(jobId: string, action: JobActionName, itemIndex?: number): Promise<unknown> {
		const body: IDataObject = action === 'start' ? { performActiveFull: false } : action === 'stop' ? { gracefullyStop: false } : {};
		return await this.client.request({ method: 'POST', path: `/api/v1/jobs/{id}/${action}`, pathParams: { id: jobId }, body, itemIndex });
	}
}
