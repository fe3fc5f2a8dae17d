import { NodeOperationError } from 'n8n-workflow';

import { requireId, type NodeSource } from '../shared/validate';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UID = /^urn:veeam:([A-Za-z]+):(.*)$/i;

/**
 * An ID as the user gives it: the bare GUID or the UID Enterprise Manager shows
 * (`urn:veeam:<type>:<guid>`, as in `UID` and the links of an entity). A UID of another type (a job's
 * UID where a session's is asked for) is refused before any request, saying what it is. Returns the
 * GUID, lower-case.
 */
export function requireGuid(source: NodeSource, value: unknown, field: string, uidType: string, itemIndex: number): string {
	const text = requireId(source, value, field, itemIndex);
	let guid = text;
	const uid = UID.exec(text);
	if (uid) {
		if (uid[1].toLowerCase() !== uidType.toLowerCase()) {
			throw new NodeOperationError(source.getNode(), `The ${field} "${text}" is the UID of a ${uid[1]}, not of a ${uidType} [item ${itemIndex}]`, {
				itemIndex,
				description: `Enter the ID of a ${uidType}: its GUID, or its UID urn:veeam:${uidType}:<GUID>.`,
			});
		}
		guid = uid[2];
	}
	if (!GUID.test(guid)) {
		throw new NodeOperationError(source.getNode(), `The ${field} "${text}" is not in the expected format [item ${itemIndex}]`, {
			itemIndex,
			description: `The ${field} is a GUID such as 2ec4d35f-b5d8-4cb3-9d11-12e1d5792625, or the UID urn:veeam:${uidType}:<GUID>.`,
		});
	}
	return guid.toLowerCase();
}
