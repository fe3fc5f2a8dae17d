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
import { joinUrl } from '../nodes/shared/request';
import { signInRequest, SignInError, type SignInVendor } from '../nodes/shared/signIn';
import { shareSignIn } from '../nodes/shared/signInShare';
import { vcenterErrorMessage } from '../nodes/VmwareVcenter/errors';

type ApiForm = 'api' | 'rest';

/** The two sign-in calls: `/api` (vSphere 7.0 U2 and later) answers a bare string, `/rest` wraps it in `value`. */
const SIGN_IN: Record<ApiForm, { path: string; token: (body: unknown) => unknown }> = {
	api: { path: '/api/session', token: (body) => body },
	rest: { path: '/rest/com/vmware/cis/session', token: (body) => (body as { value?: unknown } | null)?.value },
};

const SIGN_IN_VENDOR: SignInVendor = {
	productName: 'vCenter',
	errorMessage: vcenterErrorMessage,
	rejectedAdvice: 'Check the username and password in the credential; the account is an SSO user such as administrator@vsphere.local.',
};

/**
 * The forms to try, in order. Automatic tries /api first, unless an earlier sign-in found that this
 * vCenter offers only /rest: then a renewal goes straight to /rest instead of probing /api again.
 */
function formsToTry(credentials: ICredentialDataDecryptedObject): ApiForm[] {
	const chosen = credentials.apiForm;
	if (chosen === 'api' || chosen === 'rest') return [chosen];
	return credentials.sessionApiForm === 'rest' ? ['rest'] : ['api', 'rest'];
}

/** Signs in with the first API form that the vCenter offers (Automatic: /api, then /rest). */
async function openSession(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
	const forms = formsToTry(credentials);
	for (const form of forms) {
		const probing = form === 'api' && forms.length > 1;
		const response = await signInRequest(context, credentials, { ...SIGN_IN_VENDOR, passStatuses: probing ? [404] : [] }, {
			method: 'POST',
			url: joinUrl(String(credentials.baseUrl), SIGN_IN[form].path),
			auth: { username: String(credentials.username), password: String(credentials.password) },
		});
		// A vCenter before 7.0 U2 has no /api: try the next form.
		if (response.statusCode === 404) continue;
		const sessionToken = SIGN_IN[form].token(response.body);
		if (typeof sessionToken === 'string' && sessionToken !== '') return { sessionToken, sessionApiForm: form };
		throw new SignInError(
			`vCenter answered the sign-in at ${SIGN_IN[form].path} without a session ID`,
			'Check the Base URL (the address of the vCenter Server Appliance, without a path) and the API Form.',
		);
	}
	throw new SignInError('vCenter offers neither the /api nor the /rest sign-in', 'Check the Base URL: it is the address of the vCenter Server Appliance, without a path.');
}

export class VmwareVcenterApi implements ICredentialType {
	name = 'vmwareVcenterApi';

	displayName = 'VMware vCenter API';

	icon: Icon = { light: 'file:../icons/vcenter.svg', dark: 'file:../icons/vcenter.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-backup-jobs/n8n-nodes-backup-jobs#vmware-vcenter';

	properties: INodeProperties[] = [
		baseUrlProperty('e.g. https://vcenter.example.com', 'The address of the vCenter Server Appliance, without a path'),
		usernameProperty('e.g. administrator@vsphere.local'),
		passwordProperty(),
		{
			displayName: 'API Form',
			name: 'apiForm',
			type: 'options',
			default: 'auto',
			options: [
				{
					name: 'Automatic',
					value: 'auto',
					description: 'Use /api, and fall back to /rest on a vCenter older than 7.0 U2',
				},
				{ name: '/api (vSphere 7.0 U2 and Later)', value: 'api' },
				{ name: '/rest (vSphere 6.5 and Later)', value: 'rest' },
			],
			description: 'Which form of the vSphere Automation API to call',
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
			// The form the session was opened with, so Automatic probes an older vCenter only once.
			displayName: 'Session API Form',
			name: 'sessionApiForm',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * n8n calls this when the stored session is empty or a request answered 401, and stores the
	 * result, so executions share one vCenter session instead of piling up new ones; executions that
	 * need one at the same time share one sign-in (vCenter caps concurrent sessions).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const account = [credentials.baseUrl, credentials.username, credentials.password, credentials.apiForm];
		return await shareSignIn(credentials, { account, sessionField: 'sessionToken' }, async () => await openSession(this, credentials));
	}

	/**
	 * A function rather than a generic `={{$credentials…}}` block: n8n evaluates such an expression on
	 * every request, which costs more than the request itself on a fast appliance.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'vmware-api-session-id': String(credentials.sessionToken ?? '') },
		};
	}

	/**
	 * Lists backup jobs: proves the sign-in and that the account may read appliance backups. n8n
	 * resolves this URL before the sign-in, so it follows API Form (or a form already stored):
	 * Automatic tests `/api`, and a vCenter older than 7.0 U2 needs API Form `/rest` for the test.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_URL,
			url: '={{$credentials.apiForm === "rest" || $credentials.sessionApiForm === "rest" ? "/rest" : "/api"}}/appliance/recovery/backup/job',
			skipSslCertificateValidation: TEST_SKIP_SSL,
		},
	};
}
