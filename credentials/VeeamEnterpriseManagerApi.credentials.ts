import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	baseUrlProperty,
	ignoreSslIssuesProperty,
	passwordProperty,
	TEST_SKIP_SSL,
	usernameProperty,
} from '../nodes/shared/credentialProperties';
import { parseBody } from '../nodes/shared/body';
import { joinUrl } from '../nodes/shared/request';
import { sentence, signInRequest, SignInError, type SignInVendor } from '../nodes/shared/signIn';
import { shareSignIn } from '../nodes/shared/signInShare';
import { apiRoot } from '../nodes/VeeamEnterpriseManager/apiRoot';
import { veeamBodyError, veeamErrorMessage } from '../nodes/VeeamEnterpriseManager/errors';

/** The header Enterprise Manager hands the session token out in, and takes it back in. */
export const SESSION_HEADER = 'X-RestSvcSessionId';

const ROLE_ADVICE =
	'Check the username (DOMAIN\\user) and password. The account also needs an Enterprise Manager role (Portal Administrator, Portal User or Restore Operator, under Configuration > Roles in Enterprise Manager).';

const SIGN_IN_VENDOR: SignInVendor = {
	productName: 'Veeam Enterprise Manager',
	errorMessage: veeamErrorMessage,
	rejectedAdvice: ROLE_ADVICE,
	// A 401 is read here: Enterprise Manager refuses a wrong password and an account without a role alike.
	passStatuses: [401],
};

/** The sign-in answer's body: n8n hands XML over as text, which is parsed here like every other answer. */
function readBody(response: { body: unknown; headers: Record<string, unknown> }): unknown {
	if (typeof response.body !== 'string') return response.body;
	return parseBody(response.body, String(response.headers['content-type'] ?? '')).value;
}

/** Signs in with Basic auth; the session is the `X-RestSvcSessionId` response header. */
async function openSession(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
	const response = await signInRequest(context, credentials, SIGN_IN_VENDOR, {
		method: 'POST',
		url: joinUrl(apiRoot(String(credentials.baseUrl ?? '')), '/sessionMngr/?v=latest'),
		headers: { accept: 'application/json' },
		auth: { username: String(credentials.username ?? ''), password: String(credentials.password ?? '') },
	});
	const body = readBody(response);
	if (response.statusCode === 401) {
		const said = veeamErrorMessage(body);
		throw new SignInError(
			`Veeam Enterprise Manager refused the sign-in (401)${said ? `: ${sentence(said)}` : '.'} Either the username or password is wrong, or the account has no Enterprise Manager role`,
			ROLE_ADVICE,
		);
	}
	// An `<Error>` document is a refusal whatever the status and headers: its message is the cause.
	const refusal = veeamBodyError(body);
	if (refusal !== undefined) {
		throw new SignInError(`Veeam Enterprise Manager refused the sign-in: ${sentence(refusal)}`, ROLE_ADVICE);
	}
	const token = response.headers[SESSION_HEADER.toLowerCase()] ?? response.headers[SESSION_HEADER];
	if (typeof token === 'string' && token !== '') return { sessionToken: token };
	throw new SignInError(
		'Veeam Enterprise Manager answered the sign-in without an X-RestSvcSessionId header',
		'Check the Base URL: it is the Enterprise Manager server on port 9398 (for example https://em.example.com:9398), not the Backup & Replication REST API on 9419.',
	);
}

export class VeeamEnterpriseManagerApi implements ICredentialType {
	name = 'veeamEnterpriseManagerApi';

	displayName = 'Veeam Enterprise Manager API';

	icon: Icon = { light: 'file:../icons/veeam.svg', dark: 'file:../icons/veeam.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-backup-jobs/n8n-nodes-backup-jobs#veeam-enterprise-manager';

	properties: INodeProperties[] = [
		baseUrlProperty(
			'e.g. https://em.example.com:9398',
			'The Enterprise Manager server and its REST port (9398); /api is added if left out. Not the Backup & Replication REST API on port 9419.',
		),
		usernameProperty('e.g. TECH\\svc-n8n'),
		passwordProperty(),
		ignoreSslIssuesProperty,
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * n8n calls this when the stored session is empty or a request answered 401 (sessions idle out after
	 * 15 minutes), and stores the result, so executions share one logon session. Sign-in is
	 * `POST /api/sessionMngr/?v=latest` with Basic auth; the token comes in the `X-RestSvcSessionId`
	 * response header (the body's SessionId is another value, for logoff only).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const account = [apiRoot(String(credentials.baseUrl ?? '')), credentials.username, credentials.password];
		return await shareSignIn(credentials, { account, sessionField: 'sessionToken' }, async () => await openSession(this, credentials));
	}

	/** A function, not a generic expression block: n8n would evaluate that on every request. */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...requestOptions.headers, [SESSION_HEADER]: String(credentials.sessionToken ?? '') } };
	}

	// One backup job session at most: proves the sign-in and the right to read sessions.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/api$/i, "")}}/api',
			url: '/query',
			headers: { Accept: 'application/json' },
			qs: { type: 'BackupJobSession', format: 'Entities', pageSize: 1 },
			skipSslCertificateValidation: TEST_SKIP_SSL,
		},
	};
}
