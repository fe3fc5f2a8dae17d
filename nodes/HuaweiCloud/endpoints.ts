import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { textOf } from '../shared/shape';

/**
 * Where the credential's requests go. Huawei Cloud's public endpoints follow the region; Open Telekom
 * Cloud, HCSO and other partner clouds run the same API under their own domains (the overrides).
 */

/** Stands for the project id in a path: the credential puts the known or resolved id there. */
export const PROJECT_ID_PLACEHOLDER = '{project_id}';

const trimmed = (value: unknown) => textOf(value).replace(/\/+$/, '');

export function regionOf(credentials: ICredentialDataDecryptedObject): string {
	return textOf(credentials.region);
}

export function vbsEndpoint(credentials: ICredentialDataDecryptedObject): string {
	return trimmed(credentials.vbsEndpoint) || `https://vbs.${regionOf(credentials)}.myhuaweicloud.com`;
}

/** CBR (Cloud Backup and Recovery, VBS's successor) answers on its own host of the region. */
export function cbrEndpoint(credentials: ICredentialDataDecryptedObject): string {
	return trimmed(credentials.cbrEndpoint) || `https://cbr.${regionOf(credentials)}.myhuaweicloud.com`;
}

export function iamEndpoint(credentials: ICredentialDataDecryptedObject): string {
	return trimmed(credentials.iamEndpoint) || `https://iam.${regionOf(credentials)}.myhuaweicloud.com`;
}

/** The project id typed in the credential, else the one resolved through IAM at the first sign-in. */
export function projectIdOf(credentials: ICredentialDataDecryptedObject): string {
	return textOf(credentials.projectId) || textOf(credentials.resolvedProjectId);
}

export const isPasswordMode = (credentials: ICredentialDataDecryptedObject) => credentials.authMethod === 'password';

/** `{project_id}` in a URL, as typed or as `encodeURIComponent` left it, replaced by the project id. */
export function withProjectId(url: string, projectId: string): string {
	if (projectId === '') return url;
	const id = encodeURIComponent(projectId);
	return url.split(PROJECT_ID_PLACEHOLDER).join(id).split(encodeURIComponent(PROJECT_ID_PLACEHOLDER)).join(id);
}
