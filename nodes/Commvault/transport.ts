import { NodeApiError, type ICredentialDataDecryptedObject, type IDataObject } from 'n8n-workflow';

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

/** The DR paths an earlier execution found on this server, stored with the session. */
export const DR_FORM_FIELD = 'sessionDrForm';

function storedDrForm(credentials: ICredentialDataDecryptedObject): DrForm | undefined {
	const stored = credentials[DR_FORM_FIELD];
	return stored === 'current' || stored === 'legacy' ? stored : undefined;
}

const otherForm = (form: DrForm): DrForm => (form === 'current' ? 'legacy' : 'current');

export class CommvaultJobApi {
	/** The DR form this execution uses; in Automatic, unknown until a DR call answered. */
	private drForm: DrForm | undefined;

	/** Automatic's first DR call while it runs: concurrent items wait for it instead of probing too. */
	private detecting: Promise<unknown> | undefined;

	constructor(
		private readonly client: ApiClient,
		private readonly format: ResponseFormat,
		drVersion: DrApiVersion,
		readonly signedIn = false,
		/** Automatic: the form stored with the session, tried first (else the current one). */
		private readonly remembered: DrForm | undefined = undefined,
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
		return new CommvaultJobApi(client, settings.format ?? 'json', settings.drVersion ?? 'auto', signedIn, storedDrForm(credentials));
	}

	private get headers(): IDataObject {
		return { accept: this.format === 'xml' ? 'application/xml' : 'application/json' };
	}

	/**
	 * `POST Subclient/{id}/action/backup?backupLevel=…`: a backup of the subclient now; the answer lists
	 * the new job ids (`{taskId, jobIds}`). Sent once: the request client never repeats a POST.
	 */
	async backUpSubclient(subclientId: string, backupLevel: string, itemIndex?: number): Promise<unknown> {
		return await this.client.request({
			method: 'POST',
			path: '/Subclient/{subclientId}/action/backup',
			pathParams: { subclientId },
			qs: { backupLevel },
			headers: this.headers,
			itemIndex,
		});
	}

	/** `GET Subclient/{id}`: the subclient's properties (`subClientProperties[].subClientEntity`). */
	async subclient(subclientId: string, itemIndex?: number): Promise<unknown> {
		return await this.get('/Subclient/{subclientId}', {}, itemIndex, { subclientId });
	}

	/** `POST retrieveToClient`: a restore of files from a backup; the answer lists the job id (`jobIds`). Sent once. */
	async retrieveToClient(body: IDataObject, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ method: 'POST', path: '/retrieveToClient', body, headers: this.headers, itemIndex });
	}

	/** `POST Job/{id}/action/{action}` (kill, suspend, resume, Resubmit). Sent once. */
	async jobAction(jobId: string, action: string, itemIndex?: number): Promise<unknown> {
		return await this.client.request({ method: 'POST', path: '/Job/{jobId}/action/{action}', pathParams: { jobId, action }, headers: this.headers, itemIndex });
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

	/** `GET /Client`: every client of the CommServe, in one answer (the API does not page it). */
	async clients(): Promise<unknown> {
		return await this.get('/Client', {});
	}

	/** `GET /Subclient?clientId=`: the subclients of one client, of every agent and backup set, in one answer. */
	async subclients(clientId: string): Promise<unknown> {
		return await this.get('/Subclient', { clientId });
	}

	/**
	 * Chosen form: that one. Automatic: the form stored with the session (else the current one), and on
	 * 404 the other one once; the form that answered after a fallback is stored with the session by the
	 * fallback request itself, so the next execution goes straight to it.
	 */
	private async dr(calls: Record<DrForm, () => Promise<unknown>>): Promise<unknown> {
		if (this.detecting) await this.detecting.catch(() => undefined);
		if (this.drForm) return await calls[this.drForm]();
		const detection = this.detect(calls);
		this.detecting = detection;
		try {
			return await detection;
		} finally {
			this.detecting = undefined;
		}
	}

	private async detect(calls: Record<DrForm, () => Promise<unknown>>): Promise<unknown> {
		const first = this.remembered ?? 'current';
		const answer = await calls[first]().then(
			(body) => ({ body, error: undefined }),
			(error: unknown) => ({ body: undefined, error }),
		);
		if (answer.error === undefined) {
			this.drForm = first;
			return answer.body;
		}
		if (!isNotFound(answer.error)) throw answer.error;
		const second = otherForm(first);
		this.client.rememberWithSession({ [DR_FORM_FIELD]: second });
		const body = await calls[second]();
		this.drForm = second;
		return body;
	}

	/** DR job statistics: `DR/JobStats?failoverGroupId` or the seed's `DRGroups/JobStats?drGroupId`. */
	async drJobStats(params: { jobId?: string; drGroupId?: string; replicationId?: string; clientId?: string }, itemIndex?: number) {
		const common = { jobId: params.jobId, replicationId: params.replicationId, clientId: params.clientId };
		return await this.dr({
			current: async () => await this.get('/DR/JobStats', { ...common, failoverGroupId: params.drGroupId }, itemIndex),
			legacy: async () => await this.get('/DRGroups/JobStats', { ...common, drGroupId: params.drGroupId }, itemIndex),
		});
	}

	/** The DR (failover) groups: `FailoverGroups`, or `DRGroups` on older servers. Not paged. */
	async drGroups(itemIndex?: number): Promise<unknown> {
		return await this.dr({
			current: async () => await this.get('/FailoverGroups', {}, itemIndex),
			legacy: async () => await this.get('/DRGroups', {}, itemIndex),
		});
	}
}
