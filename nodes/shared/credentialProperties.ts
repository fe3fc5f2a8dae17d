import type { INodeProperties } from 'n8n-workflow';

/** The credential fields and test-request settings every vendor's credential has. */

export function baseUrlProperty(placeholder: string, description: string): INodeProperties {
	return { displayName: 'Base URL', name: 'baseUrl', type: 'string', required: true, default: '', placeholder, description };
}

/** Off by default; appliances with self-signed certificates need it on (credential test, sign-in, every request). */
export const ignoreSslIssuesProperty: INodeProperties = {
	displayName: 'Ignore SSL Issues (Insecure)',
	name: 'ignoreSslIssues',
	type: 'boolean',
	default: false,
	description: 'Whether to connect even if SSL certificate validation is not possible',
};

/** For `test.request`: the base URL without trailing slashes, and the SSL toggle applied to the test too. */
export const TEST_BASE_URL = '={{$credentials.baseUrl.replace(/\\/+$/, "")}}';
export const TEST_SKIP_SSL = '={{$credentials.ignoreSslIssues}}';

/** Where a sign-in field shows: always, or for one authentication method. */
type Shown = INodeProperties['displayOptions'];

/** The account name of a username-and-password sign-in. */
export function usernameProperty(placeholder: string, displayOptions?: Shown): INodeProperties {
	return { displayName: 'Username', name: 'username', type: 'string', required: true, default: '', placeholder, ...(displayOptions && { displayOptions }) };
}

/** Its password, masked in the editor and never shown in an item or an error. */
export function passwordProperty(displayOptions?: Shown): INodeProperties {
	return {
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		...(displayOptions && { displayOptions }),
	};
}
