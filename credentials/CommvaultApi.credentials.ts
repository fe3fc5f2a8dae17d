import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	baseUrlProperty,
	ignoreSslIssuesProperty,
	passwordProperty,
	TEST_BASE_URL,
	TEST_SKIP_SSL,
	usernameProperty,
} from '../nodes/shared/credentialProperties';
import { commvaultErrorMessage } from '../nodes/Commvault/errors';
import { joinUrl } from '../nodes/shared/request';
import { withSessionFacts } from '../nodes/shared/sessionFacts';
import { sentence, signInRequest, SignInError, type SignInVendor } from '../nodes/shared/signIn';
import { isRecord, textOf } from '../nodes/shared/shape';
import { shareSignIn } from '../nodes/shared/signInShare';

/**
 * Access-token mode: the token as given is used first; once it was, an emptied session (a 401) means
 * "renew the pair". A marker, not the token: it holds no secret.
 */
const RENEWABLE = 'renewable';

const isPasswordMode = (credentials: ICredentialDataDecryptedObject) => credentials.authMethod === 'password';

const SIGN_IN_VENDOR: SignInVendor = {
	productName: 'Commvault',
	errorMessage: commvaultErrorMessage,
	rejectedAdvice: 'Check the credential. With SSO or MFA on the account, use an access token instead of the password.',
};

/** `/Login` takes the password as base64 of its UTF-8 bytes. */
export function base64Utf8(value: string): string {
	let binary = '';
	for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
	return btoa(binary);
}

/** The first `errLogMessage` of a refused sign-in, and the lock state Commvault reports with it. */
function refusal(body: Record<string, unknown>): SignInError {
	const said = commvaultErrorMessage(body);
	const lockSeconds = Number(body.remainingLockTime);
	if (body.isAccountLocked === true || body.isAccountLocked === 'true') {
		const wait = Number.isFinite(lockSeconds) && lockSeconds > 0 ? ` for another ${Math.ceil(lockSeconds / 60)} min` : '';
		return new SignInError(
			`The sign-in to Commvault failed: the account is locked${wait}${said ? `. Commvault said: ${sentence(said)}` : '.'}`,
			'Wait for the lock to end, or ask a Commvault administrator to unlock the account, then check the password in the credential. n8n does not try again by itself.',
		);
	}
	return new SignInError(
		`The sign-in to Commvault failed${said ? `: ${sentence(said)}` : ': Commvault sent no token.'}`,
		'Check the username, password and domain in the credential. Repeated failures lock the account. With SSO or MFA, use an access token.',
	);
}

/** Renews the access token with the refresh token; Commvault answers a new pair. */
async function renewAccessToken(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
	const accessToken = textOf(credentials.accessToken);
	const response = await signInRequest(context, credentials, SIGN_IN_VENDOR, {
		method: 'POST',
		url: joinUrl(String(credentials.baseUrl), '/V4/AccessToken/Renew'),
		headers: { accept: 'application/json' },
		body: { accessToken, refreshToken: textOf(credentials.refreshToken) },
	});
	const body = isRecord(response.body) ? response.body : {};
	const fresh = textOf(body.accessToken);
	const refresh = textOf(body.refreshToken);
	if (fresh !== '' && refresh !== '') return { sessionToken: fresh, sessionState: RENEWABLE, accessToken: fresh, refreshToken: refresh };
	const said = commvaultErrorMessage(body);
	throw new SignInError(
		`Commvault did not renew the access token${said ? `; it said: ${sentence(said)}` : '.'}`,
		'The refresh token may have expired or been used already. Create a new access token in the Command Center and enter both tokens in the credential.',
	);
}

/** Signs in with the user name and the base64-encoded password. */
async function logIn(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
	const domain = textOf(credentials.domain);
	const response = await signInRequest(context, credentials, SIGN_IN_VENDOR, {
		method: 'POST',
		url: joinUrl(String(credentials.baseUrl), '/Login'),
		headers: { accept: 'application/json' },
		body: {
			username: textOf(credentials.username),
			password: base64Utf8(String(credentials.password ?? '')),
			...(domain !== '' ? { domain } : {}),
		},
	});
	const body = isRecord(response.body) ? response.body : {};
	const token = textOf(body.token);
	if (token !== '' && commvaultErrorMessage(body) === undefined) return { sessionToken: token };
	throw refusal(body);
}

/**
 * The password sign-in, or the access token as given and its renewal on a 401; executions that need one
 * at the same moment share it (both Commvault tokens rotate: renewals racing with one refresh token would
 * all but one fail).
 */
async function openSession(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
	const root = credentials.baseUrl;
	if (isPasswordMode(credentials)) {
		const account = [root, 'password', credentials.username, credentials.password, credentials.domain];
		return await shareSignIn(credentials, { account, sessionField: 'sessionToken' }, async () => await logIn(context, credentials));
	}
	if (credentials.sessionState !== RENEWABLE) return { sessionToken: textOf(credentials.accessToken), sessionState: RENEWABLE };
	const account = [root, 'accessToken', credentials.refreshToken];
	return await shareSignIn(credentials, { account, sessionField: 'sessionToken' }, async () => await renewAccessToken(context, credentials));
}

export class CommvaultApi implements ICredentialType {
	name = 'commvaultApi';

	displayName = 'Commvault API';

	icon: Icon = { light: 'file:../icons/commvault.svg', dark: 'file:../icons/commvault.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-backup-jobs/n8n-nodes-backup-jobs#commvault';

	properties: INodeProperties[] = [
		baseUrlProperty(
			'e.g. https://commserve.example.com/commandcenter/api',
			'The web service root: …/commandcenter/api (2024E and later), …/webconsole/api (older), or http://webserver:81/SearchSvc/CVWebService.svc',
		),
		{
			displayName: 'Authentication',
			name: 'authMethod',
			type: 'options',
			default: 'password',
			options: [
				{ name: 'Username and Password', value: 'password', description: 'Signs in with POST /Login and signs in again when the token expires' },
				{ name: 'Access Token', value: 'accessToken', description: 'For SSO or MFA accounts and Commvault Cloud; renewed with the refresh token' },
			],
		},
		usernameProperty('e.g. admin', { show: { authMethod: ['password'] } }),
		passwordProperty({ show: { authMethod: ['password'] } }),
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			displayOptions: { show: { authMethod: ['password'] } },
			description: 'The Active Directory or LDAP domain of the user; empty for a Commvault user',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: { show: { authMethod: ['accessToken'] } },
			description: 'Created under Manage > Security > Users > your user > Access tokens. Replaced by n8n at every renewal.',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: { show: { authMethod: ['accessToken'] } },
			description: 'Created with the access token; both change at every renewal and n8n stores the new pair',
		},
		{
			displayName: 'Token Header',
			name: 'headerStyle',
			type: 'options',
			default: 'authtoken',
			displayOptions: { show: { authMethod: ['accessToken'] } },
			options: [
				{ name: 'Authtoken', value: 'authtoken', description: 'As Commvault\'s own tools send it; works on every web server' },
				{ name: 'Authorization: Bearer', value: 'bearer', description: 'As the access token documentation and Commvault Cloud show it' },
			],
		},
		ignoreSslIssuesProperty,
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// "renewable" once the given access token was used: a 401 that empties the session then renews the pair.
			displayName: 'Session State',
			name: 'sessionState',
			type: 'hidden',
			default: '',
		},
		{
			// The DR paths this server answered on (API Version Automatic), so an older server is probed once.
			displayName: 'Session DR Paths',
			name: 'sessionDrForm',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * n8n calls this when the session token is empty, first and after a 401 (the request client
	 * empties it once). With a password it signs in; a refused sign-in is HTTP 200 with `errList`
	 * and becomes an error, never an empty token, and is not repeated (it could lock the account).
	 * With an access token the pasted token is used first; a 401 on it renews the pair.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// The node may hand over what it found (the DR paths) to store with the session as it is.
		return await withSessionFacts(credentials, 'sessionToken', async () => await openSession(this, credentials));
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = { ...(requestOptions.headers as Record<string, string> | undefined) };
		const token = String(credentials.sessionToken ?? '');
		if (!isPasswordMode(credentials) && credentials.headerStyle === 'bearer') headers.Authorization = `Bearer ${token}`;
		else headers.Authtoken = token;
		return { ...requestOptions, headers };
	}

	// The active jobs of the last hour, one at most: proves the sign-in and the right to read jobs.
	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_URL,
			url: '/Job',
			headers: { Accept: 'application/json', limit: '1' },
			qs: { jobCategory: 'Active', completedJobLookupTime: 3600, limit: 1 },
			skipSslCertificateValidation: TEST_SKIP_SSL,
		},
	};
}
