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

import { ignoreSslIssuesProperty, passwordProperty, TEST_SKIP_SSL } from '../nodes/shared/credentialProperties';
import { iamEndpoint, isPasswordMode, projectIdOf, regionOf, withProjectId } from '../nodes/HuaweiCloud/endpoints';
import { huaweiErrorMessage } from '../nodes/HuaweiCloud/errors';
import { signRequest, type AccessKeys } from '../nodes/HuaweiCloud/signRequest';
import { joinUrl } from '../nodes/shared/request';
import { isRecord, textOf } from '../nodes/shared/shape';
import { signInRequest, SignInError, type SignInVendor } from '../nodes/shared/signIn';
import { shareSignIn } from '../nodes/shared/signInShare';

/**
 * What the hidden token holds with AK/SK, where every request is signed and there is no token. n8n
 * runs preAuthentication while it is empty; the marker makes the project lookup happen once.
 */
const AK_SK_MARKER = 'AK/SK signing, no token';

const aksk = { show: { authMethod: ['accessKey'] } };
const password = { show: { authMethod: ['password'] } };

const PASSWORD_VENDOR: SignInVendor = {
	productName: 'Huawei Cloud IAM',
	errorMessage: (body) => huaweiErrorMessage(body, 'password'),
	rejectedAdvice: 'Check the IAM user name, password and account name in the credential. A HUAWEI ID cannot sign in here: create an IAM user.',
};

const ACCESS_KEY_VENDOR: SignInVendor = {
	productName: 'Huawei Cloud IAM',
	errorMessage: huaweiErrorMessage,
	rejectedAdvice: 'Check the Access Key ID and Secret Access Key in the credential, or enter the Project ID so that no project lookup is needed.',
};

function accessKeys(credentials: ICredentialDataDecryptedObject, projectId: string): AccessKeys {
	const securityToken = textOf(credentials.securityToken);
	return {
		accessKey: textOf(credentials.accessKeyId),
		secretKey: String(credentials.secretAccessKey ?? ''),
		...(securityToken !== '' ? { securityToken } : {}),
		...(projectId !== '' ? { projectId } : {}),
	};
}

/** The region's project from `GET /v3/projects?name={region}` (what Huawei's SDKs do), signed with the keys. */
async function lookUpProject(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const region = regionOf(credentials);
	const signed = signRequest({ method: 'GET', url: joinUrl(iamEndpoint(credentials), '/v3/projects'), qs: { name: region } }, accessKeys(credentials, ''));
	const response = await signInRequest(helper, credentials, ACCESS_KEY_VENDOR, {
		method: 'GET',
		url: String(signed.url),
		headers: signed.headers as IDataObject,
	});
	const body = isRecord(response.body) ? response.body : {};
	const first = Array.isArray(body.projects) ? body.projects.find(isRecord) : undefined;
	const id = first ? textOf(first.id) : '';
	if (id !== '') return id;
	throw new SignInError(
		`Huawei Cloud IAM has no project named "${region}" for these keys`,
		'Check the Region in the credential (e.g. cn-north-4), or enter the Project ID from My Credentials > API Credentials in the console.',
	);
}

/** `POST /v3/auth/tokens` scoped to the project (by id when typed, else by the region's name). */
async function signIn(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
	const typed = textOf(credentials.projectId);
	const scope = typed !== '' ? { project: { id: typed } } : { project: { name: regionOf(credentials) } };
	const response = await signInRequest(helper, credentials, PASSWORD_VENDOR, {
		method: 'POST',
		url: `${joinUrl(iamEndpoint(credentials), '/v3/auth/tokens')}?nocatalog=true`,
		headers: { 'content-type': 'application/json;charset=utf8' },
		body: {
			auth: {
				identity: {
					methods: ['password'],
					password: {
						user: { name: textOf(credentials.username), password: String(credentials.password ?? ''), domain: { name: textOf(credentials.domainName) } },
					},
				},
				scope,
			},
		},
	});
	const header = response.headers['x-subject-token'];
	const token = typeof header === 'string' ? header.trim() : '';
	const body = isRecord(response.body) && isRecord(response.body.token) ? response.body.token : {};
	const project = isRecord(body.project) ? textOf(body.project.id) : '';
	if (token === '') {
		throw new SignInError(
			'Huawei Cloud IAM accepted the sign-in but sent no X-Subject-Token',
			'Check the IAM Endpoint in the credential: it must be the IAM service of the region (https://iam.{region}.myhuaweicloud.com).',
		);
	}
	return { sessionToken: token, resolvedProjectId: typed || project };
}

export class HuaweiCloudApi implements ICredentialType {
	name = 'huaweiCloudApi';

	displayName = 'Huawei Cloud API';

	icon: Icon = { light: 'file:../icons/huaweiCloud.svg', dark: 'file:../icons/huaweiCloud.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-backup-jobs/n8n-nodes-backup-jobs#huawei-cloud';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authMethod',
			type: 'options',
			default: 'accessKey',
			options: [
				{ name: 'Access Key (AK/SK)', value: 'accessKey', description: 'Signs every request with SDK-HMAC-SHA256, as Huawei recommends' },
				{ name: 'IAM Password', value: 'password', description: 'Gets an IAM token (valid 24 h) and gets a new one when it expires' },
			],
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			required: true,
			default: '',
			displayOptions: aksk,
			description: 'The AK, from My Credentials > Access Keys in the console',
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: aksk,
			description: 'The SK that belongs to the access key; it signs requests and is never sent',
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: aksk,
			description: 'Only for temporary access keys (STS), which come with one; empty for permanent keys',
		},
		{
			displayName: 'IAM User Name',
			name: 'username',
			type: 'string',
			required: true,
			default: '',
			displayOptions: password,
			placeholder: 'e.g. backup-monitor',
		},
		passwordProperty(password),
		{
			displayName: 'Account Name',
			name: 'domainName',
			type: 'string',
			required: true,
			default: '',
			displayOptions: password,
			description: 'The account (domain) the IAM user belongs to, as shown on My Credentials',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. cn-north-4',
			description: 'The region of the backup policies and vaults, as in the endpoint names (vbs.{region}.myhuaweicloud.com, cbr.{region}.myhuaweicloud.com)',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description: 'The project of the region, from My Credentials > API Credentials. Empty: looked up through IAM once and remembered.',
		},
		{
			displayName: 'VBS Endpoint',
			name: 'vbsEndpoint',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://vbs.eu-de.otc.t-systems.com',
			description: 'Empty for Huawei Cloud (https://vbs.{region}.myhuaweicloud.com); set it for Open Telekom Cloud and other partner clouds',
		},
		{
			displayName: 'CBR Endpoint',
			name: 'cbrEndpoint',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://cbr.eu-de.otc.t-systems.com',
			description: 'Empty for Huawei Cloud (https://cbr.{region}.myhuaweicloud.com), for Cloud Backup and Recovery; set it for partner clouds',
		},
		{
			displayName: 'IAM Endpoint',
			name: 'iamEndpoint',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://iam.eu-de.otc.t-systems.com',
			description: 'Empty for Huawei Cloud (https://iam.{region}.myhuaweicloud.com); used for IAM tokens and the project lookup',
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
			// The project id resolved through IAM when none is typed; kept with the credential.
			displayName: 'Resolved Project ID',
			name: 'resolvedProjectId',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * n8n calls this while the session token is empty: first, and after a 401 on an IAM token. With a
	 * password it gets a token; with AK/SK it only looks the project up when none is typed.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const typed = textOf(credentials.projectId);
		if (isPasswordMode(credentials)) {
			const account = [iamEndpoint(credentials), regionOf(credentials), typed, credentials.domainName, credentials.username, credentials.password];
			return await shareSignIn(credentials, { account, sessionField: 'sessionToken' }, async () => await signIn(this, credentials));
		}
		if (typed !== '') return { sessionToken: AK_SK_MARKER, resolvedProjectId: typed };
		// the project lookup is a request too: executions starting at once make it once
		const account = [iamEndpoint(credentials), regionOf(credentials), credentials.accessKeyId, credentials.secretAccessKey, credentials.securityToken];
		return await shareSignIn(credentials, { account, sessionField: 'resolvedProjectId' }, async () => ({
			sessionToken: AK_SK_MARKER,
			resolvedProjectId: await lookUpProject(this, credentials),
		}));
	}

	/**
	 * Fills `{project_id}` in the URL, then adds the IAM token or signs the request as it will be sent
	 * (query and body serialized here), so it works for this package's nodes, the credential test and
	 * n8n's HTTP Request node alike.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const projectId = projectIdOf(credentials);
		const options = requestOptions as IHttpRequestOptions & { uri?: string };
		const request = {
			...options,
			...(options.url !== undefined ? { url: withProjectId(String(options.url), projectId) } : {}),
			...(options.uri !== undefined ? { uri: withProjectId(String(options.uri), projectId) } : {}),
		};
		if (!isPasswordMode(credentials)) return signRequest(request, accessKeys(credentials, projectId));
		const headers = { ...(request.headers as IDataObject | undefined), 'X-Auth-Token': String(credentials.sessionToken ?? '') };
		return { ...request, headers };
	}

	// The backup policies of the project: proves the sign-in (token or signature) and the right to read VBS.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.vbsEndpoint || ("https://vbs." + $credentials.region + ".myhuaweicloud.com")).replace(/\\/+$/, "") }}',
			url: '/v2/{project_id}/backuppolicy',
			headers: { Accept: 'application/json' },
			skipSslCertificateValidation: TEST_SKIP_SSL,
		},
	};
}
