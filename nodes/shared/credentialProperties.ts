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
