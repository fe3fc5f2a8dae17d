import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/**
 * What a node learns about an appliance after the sign-in (which API form or path it offers), kept
 * with the session in hidden credential fields so that the next execution does not probe again.
 *
 * n8n stores a credential's data only from what `preAuthentication` returns, and calls it only when
 * the hidden expirable session field is empty. So the request client hands the facts and the current
 * session over in this field (not a credential property: never shown, never stored), empties the
 * session field for one request, and the credential's `preAuthentication` answers with the same
 * session plus the facts: n8n stores them, with no sign-in and no extra request to the appliance.
 */
export const SESSION_FACTS_FIELD = 'sessionFactsHandOver';

export interface SessionFactsHandOver {
	/** The session the request carried before it was emptied; '' when there was none yet. */
	session: string;
	facts: Record<string, string>;
}

function handOverOf(credentials: ICredentialDataDecryptedObject): SessionFactsHandOver | undefined {
	const value = credentials[SESSION_FACTS_FIELD] as unknown as SessionFactsHandOver | undefined;
	return typeof value === 'object' && value !== null && typeof value.session === 'string' ? value : undefined;
}

/**
 * A credential's `preAuthentication` around its sign-in: with a hand-over and a session, that session
 * and the facts, without signing in; else the sign-in's result plus any facts handed over. The
 * hand-over itself is cleared, so n8n 1.x (which stores the whole data object) does not store it.
 */
export async function withSessionFacts(
	credentials: ICredentialDataDecryptedObject,
	sessionField: string,
	signIn: () => Promise<IDataObject>,
): Promise<IDataObject> {
	const handOver = handOverOf(credentials);
	if (handOver === undefined) return await signIn();
	const cleared = { [SESSION_FACTS_FIELD]: undefined };
	if (handOver.session !== '') return { [sessionField]: handOver.session, ...handOver.facts, ...cleared };
	return { ...(await signIn()), ...handOver.facts, ...cleared };
}
