import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperty, ignoreSslIssuesProperty, passwordProperty, TEST_SKIP_SSL, usernameProperty } from '../nodes/shared/credentialProperties';
import { isRecord, textOf } from '../nodes/shared/shape';
import { sentence, signInRequest, SignInError, type SignInResponse, type SignInVendor } from '../nodes/shared/signIn';
import { shareSignIn } from '../nodes/shared/signInShare';
import { apiVersionOptions, AUTOMATIC, refusesRevision, revisionInUse, revisionsToTry } from '../nodes/VeeamBackupReplication/apiVersions';
import { vbrErrorMessage } from '../nodes/VeeamBackupReplication/errors';
import { serverRoot } from '../nodes/VeeamBackupReplication/serverUrl';

const PRODUCT = 'Veeam Backup & Replication';

const SIGN_IN_VENDOR: SignInVendor = {
	productName: PRODUCT,
	errorMessage: vbrErrorMessage,
	rejectedAdvice:
		'Check the username (DOMAIN\\user or a local account of the backup server) and password. The account needs a Veeam Backup & Replication role (Veeam Backup Administrator, Operator or Viewer under Users and Roles).',
};

/** What the sign-in stores in the credential: the token pair and the revision the server accepted. */
interface Tokens {
	accessToken: string;
	refreshToken: string;
	apiVersionInUse: string;
	[key: string]: string;
}

/** `POST /api/oauth2/token` with a form body; `passStatuses` are read here instead of failing. */
async function tokenRequest(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, revision: string, form: Record<string, string>, passStatuses: number[]): Promise<SignInResponse> {
	return await signInRequest(context, credentials, { ...SIGN_IN_VENDOR, passStatuses }, {
		method: 'POST',
		url: `${serverRoot(String(credentials.baseUrl ?? ''))}/api/oauth2/token`,
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-version': revision, accept: 'application/json' },
		body: new URLSearchParams(form).toString(),
	});
}

/** The token pair of a 200 answer (`access_token`, `refresh_token`, `expires_in`). */
function tokensOf(response: SignInResponse, revision: string): Tokens {
	const body = isRecord(response.body) ? response.body : {};
	const accessToken = textOf(body.access_token);
	if (accessToken === '') {
		throw new SignInError(
			`${PRODUCT} answered the sign-in at /api/oauth2/token without an access token`,
			'Check the Base URL: it is the backup server and its REST API port 9419 (for example https://vbr.example.com:9419), not Enterprise Manager on 9398.',
		);
	}
	return { accessToken, refreshToken: textOf(body.refresh_token), apiVersionInUse: revision };
}

/**
 * The refresh-token grant, with the revision found before. Undefined when the server refuses the
 * refresh token (expired after 14 days, revoked, or the server restarted): then a password sign-in
 * follows. A server that does not answer is an error, as a password sign-in would meet the same.
 */
async function refresh(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<Tokens | undefined> {
	const refreshToken = textOf(credentials.refreshToken);
	const revision = textOf(credentials.apiVersionInUse);
	if (refreshToken === '' || revision === '') return undefined;
	const response = await tokenRequest(context, credentials, revision, { grant_type: 'refresh_token', refresh_token: refreshToken }, [400, 401, 403]);
	return response.statusCode >= 200 && response.statusCode < 300 ? tokensOf(response, revision) : undefined;
}

/**
 * The password grant. Automatic tries the revisions newest first, starting at one found before, and
 * steps down on the 400 of a server that does not know a revision; the one accepted is kept with the
 * token, so the next sign-in does not probe again.
 */
async function signIn(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<Tokens> {
	const revisions = revisionsToTry(credentials.apiVersion, credentials.apiVersionInUse);
	const form = { grant_type: 'password', username: String(credentials.username ?? ''), password: String(credentials.password ?? '') };
	for (const [n, revision] of revisions.entries()) {
		const last = n === revisions.length - 1;
		const response = await tokenRequest(context, credentials, revision, form, [400]);
		if (response.statusCode !== 400) return tokensOf(response, revision);
		if (!last && refusesRevision(response.statusCode, response.body)) continue;
		const said = vbrErrorMessage(response.body);
		throw new SignInError(
			`${PRODUCT} refused the sign-in (400) with x-api-version ${revision}${said ? `: ${sentence(said)}` : '.'}`,
			refusesRevision(response.statusCode, response.body)
				? 'The server accepts none of the revisions tried. Choose the API Version of your Backup & Replication release in the credential.'
				: SIGN_IN_VENDOR.rejectedAdvice,
		);
	}
	throw new SignInError(`${PRODUCT} has no API revision to sign in with`, 'Choose an API Version in the credential.');
}

export class VeeamBackupReplicationApi implements ICredentialType {
	name = 'veeamBackupReplicationApi';

	displayName = 'Veeam Backup & Replication API';

	icon: Icon = { light: 'file:../icons/veeam.svg', dark: 'file:../icons/veeam.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-backup-jobs/n8n-nodes-backup-jobs#veeam-backup--replication';

	properties: INodeProperties[] = [
		baseUrlProperty('e.g. https://vbr.example.com:9419', 'The backup server and its REST API port (9419), without a path. Not Enterprise Manager on port 9398.'),
		usernameProperty('e.g. TECH\\svc-n8n'),
		passwordProperty(),
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			default: AUTOMATIC,
			options: apiVersionOptions,
			description: 'The x-api-version every request sends. Automatic finds the newest one the server accepts.',
		},
		ignoreSslIssuesProperty,
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// Renews the access token (15 minutes) without the password, for 14 days.
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			// The revision the sign-in settled on, so Automatic probes the server once.
			displayName: 'API Version In Use',
			name: 'apiVersionInUse',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * n8n calls this when the stored access token is empty or a request answered 401 (tokens last 15
	 * minutes), and stores the result. The refresh token comes first; a password sign-in when it is
	 * refused. Executions that need a token at the same time share one grant.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const account = [serverRoot(String(credentials.baseUrl ?? '')), credentials.username, credentials.password, credentials.apiVersion];
		return await shareSignIn(credentials, { account, sessionField: 'accessToken' }, async () => (await refresh(this, credentials)) ?? (await signIn(this, credentials)));
	}

	/** Bearer token and the revision; a function, so n8n evaluates no expression on every request. */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.accessToken ?? '')}`,
				'x-api-version': revisionInUse(credentials.apiVersion, credentials.apiVersionInUse),
			},
		};
	}

	// One job at most: proves the sign-in and the right to read jobs.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/api(\\/v1)?$/i, "")}}',
			url: '/api/v1/jobs',
			qs: { limit: 1 },
			skipSslCertificateValidation: TEST_SKIP_SSL,
		},
	};
}
