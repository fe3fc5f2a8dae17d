import type { IDataObject } from 'n8n-workflow';

import type { ApiClient, ClientOptions, RequestContext } from '../shared/request';
import { cbrEndpoint } from './endpoints';
import { huaweiClient, PROJECT, query } from './transport';

/**
 * Huawei Cloud CBR (Cloud Backup and Recovery, API v3) on `cbr.{region}.myhuaweicloud.com`: the same
 * credential, AK/SK signature or IAM token and project as VBS; only the host and the paths differ.
 */

/** The most records one CBR list call returns (`limit` 1 to 1000 in the API reference). */
export const CBR_MAX_LIMIT = 1000;

/** Records per page when the node reads many. */
export const CBR_PAGE_SIZE = 100;

export class HuaweiCbrApi {
	constructor(
		private readonly client: ApiClient,
		readonly signedIn: boolean,
	) {}

	static async connect(ctx: RequestContext, options: ClientOptions = {}): Promise<HuaweiCbrApi> {
		const { client, signedIn } = await huaweiClient(ctx, cbrEndpoint, options);
		return new HuaweiCbrApi(client, signedIn);
	}

	/** `GET /v3/{project_id}/operation-logs`: the tasks, filtered, paged by offset and limit, with a `count`. */
	async operationLogs(qs: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/v3/{project_id}/operation-logs', pathParams: PROJECT, qs: query(qs), itemIndex });
	}

	/** `GET /v3/{project_id}/operation-logs/{operation_log_id}`: one task. */
	async operationLog(taskId: string, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/v3/{project_id}/operation-logs/{taskId}', pathParams: { ...PROJECT, taskId }, itemIndex });
	}

	/** `GET /v3/{project_id}/vaults`: the vaults, paged by offset and limit, with a `count`. */
	async vaults(qs: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/v3/{project_id}/vaults', pathParams: PROJECT, qs: query(qs), itemIndex });
	}

	/** `GET /v3/{project_id}/backups`: the backups (restore points of one resource each), filtered and paged. */
	async backups(qs: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ path: '/v3/{project_id}/backups', pathParams: PROJECT, qs: query(qs), itemIndex });
	}

	/**
	 * `POST /v3/{project_id}/checkpoints` `{checkpoint: {vault_id, parameters}}`: backs up the vault's
	 * resources now; the answer is the new checkpoint (restore point). Sent once: never repeated.
	 */
	async createCheckpoint(checkpoint: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ method: 'POST', path: '/v3/{project_id}/checkpoints', pathParams: PROJECT, body: { checkpoint }, itemIndex });
	}

	/**
	 * `POST /v3/{project_id}/backups/{backup_id}/restore` `{restore: {…}}`: CBR answers 202 without a
	 * body (no task is named). Sent once: never repeated.
	 */
	async restoreBackup(backupId: string, restore: IDataObject, itemIndex?: number): Promise<void> {
		await this.client.request({ method: 'POST', path: '/v3/{project_id}/backups/{backupId}/restore', pathParams: { ...PROJECT, backupId }, body: { restore }, itemIndex });
	}
}
