import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { ApiClient, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type ClientOptions, type RequestContext, type VendorApi } from '../shared/request';
import { secretValues } from '../shared/redact';
import { isPasswordMode, PROJECT_ID_PLACEHOLDER, vbsEndpoint } from './endpoints';
import { huaweiErrorMessage, isThrottled, type AuthMethod } from './errors';

export const SECRET_FIELDS = ['secretAccessKey', 'securityToken', 'password', 'sessionToken'] as const;

export const huaweiCloudApi: VendorApi = {
	credentialType: 'huaweiCloudApi',
	productName: 'Huawei Cloud',
	secretFields: SECRET_FIELDS,
	errorMessage: huaweiErrorMessage,
	bodyError: huaweiErrorMessage,
	throttled: isThrottled,
	// An IAM token expires (24 h, or earlier when the password changes): a 401 empties it and n8n signs
	// in again. AK/SK signs each request and has nothing to renew.
	sessionField: (credentials) => (isPasswordMode(credentials) ? 'sessionToken' : undefined),
};

/** The vendor with error advice for the credential's authentication method (keys or IAM user). */
function forMethod(method: AuthMethod): VendorApi {
	const errorMessage = (body: unknown) => huaweiErrorMessage(body, method);
	return { ...huaweiCloudApi, errorMessage, bodyError: errorMessage };
}

/**
 * A request client for one Huawei Cloud service of the credential (VBS or CBR): the same signing or
 * IAM token, secrets and error advice, only the endpoint differs. `signedIn`: the credential already
 * holds a token (or the AK/SK marker), so the first request need not go alone.
 */
export async function huaweiClient(
	ctx: RequestContext,
	endpointOf: (credentials: ICredentialDataDecryptedObject) => string,
	options: ClientOptions = {},
): Promise<{ client: ApiClient; signedIn: boolean }> {
	const credentials = await ctx.getCredentials(huaweiCloudApi.credentialType);
	const client = new ApiClient(
		ctx,
		forMethod(isPasswordMode(credentials) ? 'password' : 'accessKey'),
		{
			baseUrl: endpointOf(credentials),
			ignoreSslIssues: credentials.ignoreSslIssues === true,
			timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			secrets: secretValues(credentials, huaweiCloudApi.secretFields),
			retry: options.retry ?? DEFAULT_RETRY,
		},
		credentials,
	);
	const signedIn = typeof credentials.sessionToken === 'string' && credentials.sessionToken !== '';
	return { client, signedIn };
}

/** The project id is filled in by the credential (typed, or resolved through IAM and remembered). */
export const PROJECT = { project_id: PROJECT_ID_PLACEHOLDER };

/** Drops unset query parameters so the API applies its own defaults. */
export function query(qs: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(qs).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** The most tasks one `backuptasks` call returns. The VBS docs give no maximum; 1000 is Huawei's usual one. */
export const MAX_TASK_LIMIT = 1000;

/** Tasks per page when the node reads many. */
export const TASK_PAGE_SIZE = 100;

export interface TaskQuery {
	status?: string;
	job_id?: string;
	sort_key?: string;
	sort_dir?: 'asc' | 'desc';
	limit?: number;
	offset?: number;
	marker?: string;
}

export class HuaweiVbsApi {
	constructor(
		private readonly client: ApiClient,
		readonly signedIn: boolean,
	) {}

	static async connect(ctx: RequestContext, options: ClientOptions = {}): Promise<HuaweiVbsApi> {
		const { client, signedIn } = await huaweiClient(ctx, vbsEndpoint, options);
		return new HuaweiVbsApi(client, signedIn);
	}

	/** `GET /v2/{project_id}/backuppolicy/{policy_id}/backuptasks`, the seed operation. */
	async tasks(policyId: string, qs: TaskQuery, itemIndex?: number): Promise<unknown> {
		return await this.client.request({
			path: '/v2/{project_id}/backuppolicy/{policyId}/backuptasks',
			pathParams: { ...PROJECT, policyId },
			qs: query(qs as IDataObject),
			itemIndex,
		});
	}

	/** `GET /v2/{project_id}/backuppolicy`: every policy of the project (not paged). */
	async policies(itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/v2/{project_id}/backuppolicy', pathParams: PROJECT, itemIndex });
	}

	/**
	 * `POST /v2/{project_id}/cloudbackups` `{backup: {volume_id, name, description?}}`: a backup of a disk
	 * now; the answer is the `job_id` of the VBS job that makes it. Sent once: never repeated.
	 */
	async createDiskBackup(backup: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ method: 'POST', path: '/v2/{project_id}/cloudbackups', pathParams: PROJECT, body: { backup }, itemIndex });
	}

	/**
	 * `POST /v2/{project_id}/backuppolicy/{policy_id}/action`: backs up every disk of the policy now.
	 * VBS answers 204 without a body (no task is named). Sent once: never repeated.
	 */
	async runPolicy(policyId: string, itemIndex?: number): Promise<void> {
		await this.client.request({ method: 'POST', path: '/v2/{project_id}/backuppolicy/{policyId}/action', pathParams: { ...PROJECT, policyId }, itemIndex });
	}

	/**
	 * `POST /v2/{project_id}/cloudbackups/{backup_id}/restore` `{restore: {volume_id}}`: restores the
	 * backup to the disk (replacing its data); the answer is the `job_id` of the VBS job. Sent once.
	 */
	async restoreDiskBackup(backupId: string, volumeId: string, itemIndex?: number): Promise<unknown> {
		return await this.client.request({
			method: 'POST',
			path: '/v2/{project_id}/cloudbackups/{backupId}/restore',
			pathParams: { ...PROJECT, backupId },
			body: { restore: { volume_id: volumeId } },
			itemIndex,
		});
	}

	/** `GET /v2/{project_id}/backups/detail`: the disk backups, filtered and paged (offset, limit). */
	async diskBackups(qs: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/v2/{project_id}/backups/detail', pathParams: PROJECT, qs: query(qs), itemIndex });
	}

	/** `GET /v1/{project_id}/jobs/{job_id}`: a VBS job, on the same host under v1. */
	async vbsJob(jobId: string, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/v1/{project_id}/jobs/{jobId}', pathParams: { ...PROJECT, jobId }, itemIndex });
	}
}
