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
	TEST_BASE_URL,
	TEST_SKIP_SSL,
	usernameProperty,
} from '../nodes/shared/credentialProperties';
import { cohesityErrorMessage } from '../nodes/Cohesity/errors';
import { joinUrl } from '../nodes/shared/request';
import { textOf } from '../nodes/shared/shape';
import { signInRequest, SignInError, type SignInVendor } from '../nodes/shared/signIn';
import { shareSignIn } from '../nodes/shared/signInShare';

/**
 * What the hidden token holds in API-key mode. n8n runs preAuthentication whenever the token is
 * empty; a marker keeps it from running (and from signing in) on every request.
 */
const API_KEY_MODE = 'api-key-mode';

const isPasswordMode = (credentials: ICredentialDataDecryptedObject) => credentials.authMethod === 'password';

const SIGN_IN_VENDOR: SignInVendor = {
	productName: 'Cohesity',
	errorMessage: cohesityErrorMessage,
	rejectedAdvice: 'Check the username, password and domain in the credential. With MFA or session management on, use an API key instead.',
};

/** Signs in with the user name and password: a 24-hour access token. */
async function openSession(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
	const response = await signInRequest(context, credentials, SIGN_IN_VENDOR, {
		method: 'POST',
		url: joinUrl(String(credentials.baseUrl), '/v2/access-tokens'),
		body: {
			username: textOf(credentials.username),
			password: String(credentials.password ?? ''),
			domain: textOf(credentials.domain) || 'LOCAL',
		},
	});
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as Record<string, unknown>;
	if (typeof body.accessToken === 'string' && body.accessToken !== '') return { accessToken: body.accessToken };
	throw new SignInError(
		'Cohesity answered the sign-in at /v2/access-tokens without a token',
		'Check the Base URL (the cluster or Helios address, without /v2). With session management on, use an API key.',
	);
}

export class CohesityApi implements ICredentialType {
	name = 'cohesityApi';

	displayName = 'Cohesity API';

	icon: Icon = { light: 'file:../icons/cohesity.svg', dark: 'file:../icons/cohesity.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-backup-jobs/n8n-nodes-backup-jobs#cohesity';

	properties: INodeProperties[] = [
		baseUrlProperty('e.g. https://cohesity.example.com or https://helios.cohesity.com', 'The address of the cluster (its VIP or FQDN) or of Helios, without /v2'),
		{
			displayName: 'Authentication',
			name: 'authMethod',
			type: 'options',
			default: 'apiKey',
			options: [
				{
					name: 'API Key',
					value: 'apiKey',
					description: 'Recommended, and the only method Helios offers for automation',
				},
				{
					name: 'Username and Password',
					value: 'password',
					description: 'Signs in with POST /v2/access-tokens and renews the 24-hour token when it expires',
				},
			],
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: { show: { authMethod: ['apiKey'] } },
			description: 'Created under Settings > Access Management > API Keys (cluster) or in Helios',
		},
		usernameProperty('e.g. admin', { show: { authMethod: ['password'] } }),
		passwordProperty({ show: { authMethod: ['password'] } }),
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: 'LOCAL',
			displayOptions: { show: { authMethod: ['password'] } },
			description: 'LOCAL for a Cohesity user, or the Active Directory domain of the user',
		},
		{
			displayName: 'Helios Access Cluster ID',
			name: 'accessClusterId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 4594155844987574',
			description: 'On Helios only: the ID of the cluster to query, sent as the accessClusterId header. Leave empty for a cluster.',
		},
		{
			displayName: 'Helios Region ID',
			name: 'regionId',
			type: 'string',
			default: '',
			placeholder: 'e.g. us-east-1',
			description: 'On Helios only, for Cohesity SaaS regions: sent as the regionId header',
		},
		ignoreSslIssuesProperty,
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * n8n calls this when the stored token is empty or a request answered 401 (Cohesity's "Token
	 * expired"), and stores the result, so executions share one 24-hour token. API keys need no
	 * sign-in: no request is made for them.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (!isPasswordMode(credentials)) return { accessToken: API_KEY_MODE };
		const account = [credentials.baseUrl, credentials.username, credentials.password, credentials.domain];
		return await shareSignIn(credentials, { account, sessionField: 'accessToken' }, async () => await openSession(this, credentials));
	}

	/** API key or Bearer token, plus the Helios routing headers when set. */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = { ...(requestOptions.headers as Record<string, string> | undefined) };
		if (isPasswordMode(credentials)) headers.Authorization = `Bearer ${String(credentials.accessToken ?? '')}`;
		else headers.apiKey = String(credentials.apiKey ?? '');
		const accessClusterId = textOf(credentials.accessClusterId);
		const regionId = textOf(credentials.regionId);
		if (accessClusterId !== '') headers.accessClusterId = accessClusterId;
		if (regionId !== '') headers.regionId = regionId;
		return { ...requestOptions, headers };
	}

	// Lists one protection group: proves the sign-in, the Helios cluster choice and the read right.
	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_URL,
			url: '/v2/data-protect/protection-groups',
			qs: { isDeleted: false, pruneSourceIds: true, maxResultCount: 1 },
			skipSslCertificateValidation: TEST_SKIP_SSL,
		},
	};
}
