import { NodeApiError, type ICredentialDataDecryptedObject, type IDataObject } from 'n8n-workflow';

import { ApiClient, type ApiCall, type ClientOptions, type RequestContext, type VendorApi } from '../shared/request';
import { expectArray, expectRecord } from '../shared/shape';
import { vcenterBaseUrlProblem, vcenterBodyError, vcenterErrorMessage } from './errors';

type ApiForm = 'api' | 'rest';

const PRODUCT = 'vCenter';

export const vcenterApi: VendorApi = {
	credentialType: 'vmwareVcenterApi',
	productName: PRODUCT,
	secretFields: ['password', 'sessionToken'],
	errorMessage: vcenterErrorMessage,
	bodyError: vcenterBodyError,
	sessionField: () => 'sessionToken',
	baseUrlProblem: vcenterBaseUrlProblem,
};

const JOB_PATH = '/appliance/recovery/backup/job';
/** The appliance's restore (reference: appliance.recovery.restore.job): one job, no id. */
const RESTORE_PATH = '/appliance/recovery/restore/job';

/** One call, before the form's prefix; `secrets` are values of the request to keep out of any error. */
type Send = Pick<ApiCall, 'method' | 'path' | 'pathParams' | 'qs' | 'body' | 'secrets'>;

/** Query parameters can be named differently in the two forms. */
type QueryFor = (form: ApiForm) => IDataObject;
const noFilter: QueryFor = () => ({});

/** Backup-job ids start with their creation time (`20240315-020002-…`), so text order is time order. */
function newestFirst(ids: string[]): string[] {
	return [...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

function formOf(credentials: ICredentialDataDecryptedObject): ApiForm | undefined {
	for (const field of ['apiForm', 'sessionApiForm']) {
		if (credentials[field] === 'api' || credentials[field] === 'rest') return credentials[field] as ApiForm;
	}
	return undefined;
}

/**
 * The appliance-backup calls in either API form. In Automatic mode the form is the one the session
 * was opened with; before the first sign-in it is not known yet, and a 404 from `/api` is tried once
 * more under `/rest` (a vCenter older than 7.0 U2 has no `/api`).
 */
export class VcenterBackupApi {
	private form: ApiForm | undefined;

	constructor(
		private readonly ctx: RequestContext,
		private readonly client: ApiClient,
		form: ApiForm | undefined,
		/** The credential holds a session from an earlier execution: no sign-in is due first. */
		readonly signedIn = false,
	) {
		this.form = form;
	}

	static async connect(ctx: RequestContext, options: ClientOptions = {}): Promise<VcenterBackupApi> {
		const credentials = await ctx.getCredentials(vcenterApi.credentialType);
		const signedIn = typeof credentials.sessionToken === 'string' && credentials.sessionToken !== '';
		return new VcenterBackupApi(ctx, ApiClient.fromCredentials(ctx, vcenterApi, credentials, options), formOf(credentials), signedIn);
	}

	/** Every backup job id, newest first (the API gives them in no order). */
	async listJobIds(itemIndex?: number): Promise<string[]> {
		const ids = expectArray(await this.get(JOB_PATH, {}, noFilter, itemIndex), PRODUCT, 'a list of backup job IDs');
		return newestFirst(ids.filter((id): id is string => typeof id === 'string'));
	}

	/** `BackupJobStatus` of one job. */
	async job(id: string, itemIndex?: number): Promise<unknown> {
		return await this.get(`${JOB_PATH}/{id}`, { id }, noFilter, itemIndex);
	}

	/** `DetailsInfo` by job id; a job the appliance no longer knows is absent from the map. */
	async details(ids: string[], itemIndex?: number): Promise<Map<string, unknown>> {
		// The same filter is `jobs` in `/api` and `filter.jobs` in `/rest`.
		const filter = (form: ApiForm) => (form === 'api' ? { jobs: ids } : { 'filter.jobs': ids });
		const body = await this.get(`${JOB_PATH}/details`, {}, filter, itemIndex);
		// `/api` answers a map keyed by id; `/rest` a list of {key, value}.
		const entries: Array<[string, unknown]> = Array.isArray(body)
			? body.map((e) => expectRecord(e, PRODUCT, 'a {key, value} entry of backup job details')).map((e) => [String(e.key), e.value])
			: Object.entries(expectRecord(body, PRODUCT, 'backup job details'));
		// Each value is a job's DetailsInfo: anything else is not a details answer at all.
		for (const [id, info] of entries) expectRecord(info, PRODUCT, `details of backup job ${id}`);
		return new Map(entries);
	}

	/**
	 * `POST …/backup/job`: starts a backup with a `BackupRequest` (`/rest` wraps it in `piece`); the
	 * answer is the new job's `BackupJobStatus`. Sent once: the request client never repeats a POST.
	 */
	async startBackup(request: IDataObject, secrets: string[], itemIndex?: number): Promise<unknown> {
		const call = (form: ApiForm): Send => ({ method: 'POST', path: JOB_PATH, body: form === 'api' ? request : { piece: request }, secrets });
		return await this.send(call, itemIndex);
	}

	/** Cancels a job: `/api` `POST …/job/{id}?action=cancel`, `/rest` `POST …/job/{id}/cancel`; answers a `ReturnResult`. */
	async cancel(id: string, itemIndex?: number): Promise<unknown> {
		const call = (form: ApiForm): Send =>
			form === 'api' ? { method: 'POST', path: `${JOB_PATH}/{id}`, pathParams: { id }, qs: { action: 'cancel' } } : { method: 'POST', path: `${JOB_PATH}/{id}/cancel`, pathParams: { id } };
		return await this.send(call, itemIndex);
	}

	/** `RestoreJobStatus` of the appliance's one restore job (an appliance deployed in restore mode). */
	async restoreJob(itemIndex?: number): Promise<unknown> {
		return await this.get(RESTORE_PATH, {}, noFilter, itemIndex);
	}

	/** `POST …/restore/job` with a `RestoreRequest` (`/rest` wraps it in `piece`). Sent once. */
	async startRestore(request: IDataObject, secrets: string[], itemIndex?: number): Promise<unknown> {
		return await this.send((form) => ({ method: 'POST', path: RESTORE_PATH, body: form === 'api' ? request : { piece: request }, secrets }), itemIndex);
	}

	/** Cancels the restore: `/api` `POST …/restore/job?action=cancel`, `/rest` `POST …/restore/job/cancel`; a `ReturnResult`. */
	async cancelRestore(itemIndex?: number): Promise<unknown> {
		const call = (form: ApiForm): Send => (form === 'api' ? { method: 'POST', path: RESTORE_PATH, qs: { action: 'cancel' } } : { method: 'POST', path: `${RESTORE_PATH}/cancel` });
		return await this.send(call, itemIndex);
	}

	private async get(path: string, pathParams: Record<string, string>, qs: QueryFor, itemIndex?: number): Promise<unknown> {
		return await this.send((form) => ({ method: 'GET', path, pathParams, qs: qs(form) }), itemIndex);
	}

	/**
	 * One call in the appliance's form. A 404 from `/api` before the form is known is tried once under
	 * `/rest`: nothing was done by a path that does not exist, so even a write may be sent there.
	 */
	private async send(callIn: (form: ApiForm) => Send, itemIndex?: number): Promise<unknown> {
		if (this.form) return await this.call(this.form, callIn(this.form), itemIndex);
		let apiFailure: unknown;
		try {
			const body = await this.call('api', callIn('api'), itemIndex);
			this.form = 'api';
			return body;
		} catch (error) {
			apiFailure = error;
		}
		if (!(apiFailure instanceof NodeApiError) || apiFailure.httpCode !== '404') throw apiFailure;
		// The sign-in that preceded this call stored the form the appliance offers: a 404 under a
		// vCenter that has /api is the real answer (such as "job not found").
		const opened = formOf(await this.ctx.getCredentials(vcenterApi.credentialType));
		if (opened === 'api') {
			this.form = 'api';
			throw apiFailure;
		}
		try {
			const body = await this.call('rest', callIn('rest'), itemIndex);
			this.form = 'rest';
			return body;
		} catch {
			// Not an older vCenter after all: the 404 of /api is the answer.
		}
		throw apiFailure;
	}

	private async call(form: ApiForm, send: Send, itemIndex?: number): Promise<unknown> {
		const body = await this.client.request({ ...send, path: `/${form}${send.path}`, itemIndex });
		if (form === 'api') return body;
		return expectRecord(body, PRODUCT, 'an answer wrapped in "value"').value;
	}
}
