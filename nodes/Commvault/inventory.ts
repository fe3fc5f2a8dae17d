import { isRecord, listOf, textOf, UnexpectedAnswerError } from '../shared/shape';
import { documentOf } from './documents';

const PRODUCT = 'Commvault';

/** A client of `GET /Client` (`clientProperties[].client.clientEntity`). */
export interface Client {
	clientId: string;
	/** The display name where the CommServe has one (the Command Center shows it), else the client name. */
	name: string;
	clientName: string;
	hostName: string;
}

/** A subclient of `GET /Subclient?clientId=` (`subClientProperties[].subClientEntity`). */
export interface Subclient {
	subclientId: string;
	subclientName: string;
	appName: string;
	instanceName: string;
	backupsetName: string;
}

/**
 * The list field of an answer: a client without subclients may answer `{}`, but an answer that has
 * other fields and not this one is of another shape, never an empty list.
 */
function entries(body: unknown, field: string, expected: string): unknown[] {
	const doc = documentOf(body);
	if (!isRecord(doc)) throw new UnexpectedAnswerError(PRODUCT, expected, body);
	if (doc[field] === undefined && Object.keys(doc).length > 0) throw new UnexpectedAnswerError(PRODUCT, expected, body);
	return listOf(doc[field]).filter(isRecord);
}

export function clientsOf(body: unknown): Client[] {
	return entries(body, 'clientProperties', 'a list of clients').flatMap((properties) => {
		const client = isRecord(properties) && isRecord(properties.client) ? properties.client : {};
		const entity = isRecord(client.clientEntity) ? client.clientEntity : {};
		const clientId = textOf(entity.clientId);
		const clientName = textOf(entity.clientName);
		return clientId === '' ? [] : [{ clientId, clientName, name: textOf(entity.displayName) || clientName || clientId, hostName: textOf(entity.hostName) }];
	});
}

export function subclientsOf(body: unknown): Subclient[] {
	return entries(body, 'subClientProperties', 'a list of subclients').flatMap((properties) => {
		const entity = isRecord(properties) && isRecord(properties.subClientEntity) ? properties.subClientEntity : {};
		const subclientId = textOf(entity.subclientId);
		if (subclientId === '') return [];
		return [
			{
				subclientId,
				subclientName: textOf(entity.subclientName) || subclientId,
				appName: textOf(entity.appName),
				instanceName: textOf(entity.instanceName),
				backupsetName: textOf(entity.backupsetName),
			},
		];
	});
}

/**
 * Where the subclient sits under its client, as the CommCell Console's tree shows it: agent › instance ›
 * backup set › subclient. The instance is left out when it is the agent's only, default one (File
 * System's `DefaultInstanceName`): it would repeat on every line and tell nothing.
 */
export function subclientPath(subclient: Subclient): string {
	const instance = /^defaultinstancename$/i.test(subclient.instanceName) ? '' : subclient.instanceName;
	return [subclient.appName, instance, subclient.backupsetName, subclient.subclientName].filter((part) => part !== '').join(' › ');
}
