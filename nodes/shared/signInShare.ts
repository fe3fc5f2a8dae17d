import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/**
 * One sign-in per n8n process for one account, however many executions need one at once.
 *
 * n8n runs a credential's `preAuthentication` for every execution whose stored session is empty or was
 * refused, with no lock: after an expiry, ten parallel executions would open ten sessions, nine of them
 * never used nor closed, and appliances cap their concurrent sessions (vCenter, Commvault), so a busy
 * n8n could lock itself out. Here concurrent calls for the same account share one sign-in, and a session
 * issued a moment ago is handed to the calls that come just after it, unless it is the very session that
 * was just refused.
 *
 * State is per process (queue-mode workers each sign in at most once per expiry), in memory only,
 * bounded, and keyed by everything that identifies the account, secrets included, so two credentials
 * share a session only when they would sign in as the same account on the same appliance.
 */

/** The credential field through which the request client names the session a 401 refused: a fingerprint, never the session. */
export const REFUSED_SESSION_FIELD = 'refusedSessionFingerprint';

/** How long a fresh session is handed to later sign-ins of the same account. */
const REUSE_MS = 30_000;

/** At most this many accounts are remembered; the oldest is forgotten first. */
const MAX_ACCOUNTS = 64;

interface Shared {
	/** The sign-in while it runs. */
	pending?: Promise<IDataObject>;
	/** Its result and when it came, for REUSE_MS. */
	result?: IDataObject;
	at: number;
}

const accounts = new Map<string, Shared>();

/**
 * A short fingerprint (FNV-1a, 32 bits) that tells whether a session is the one just refused without
 * keeping the session itself: n8n 1.x stores the whole credential object, transient fields included. A
 * collision only costs one extra sign-in.
 */
export function sessionFingerprint(session: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < session.length; i++) {
		hash ^= session.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return `${session.length}:${hash.toString(16)}`;
}

export interface ShareOptions {
	/** What identifies the account: base URL, authentication method, user name, secrets. */
	account: unknown[];
	/** The field of the sign-in's result that holds the session, as stored in the credential. */
	sessionField: string;
}

function refused(credentials: ICredentialDataDecryptedObject, field: string, session: unknown): boolean {
	if (typeof session !== 'string' || session === '') return true;
	const fingerprint = sessionFingerprint(session);
	// the request client names the refused session; n8n's own 401 renewal (the HTTP Request node)
	// passes the credential with the refused session still in it
	return credentials[REFUSED_SESSION_FIELD] === fingerprint || credentials[field] === session;
}

function forgetOld(now: number): void {
	for (const [key, shared] of accounts) {
		if (!shared.pending && now - shared.at > REUSE_MS) accounts.delete(key);
	}
	while (accounts.size > MAX_ACCOUNTS) accounts.delete(accounts.keys().next().value as string);
}

/**
 * Runs `signIn` for this account unless a sign-in for it is running (its result is shared) or one
 * finished less than REUSE_MS ago with a session other than the refused one (its result is reused). A
 * failed sign-in is shared with the calls waiting for it, never remembered: the next call tries again.
 */
export async function shareSignIn<T extends IDataObject>(
	credentials: ICredentialDataDecryptedObject,
	options: ShareOptions,
	signIn: () => Promise<T>,
): Promise<T> {
	const now = Date.now();
	forgetOld(now);
	const key = JSON.stringify(options.account);
	const shared = accounts.get(key);
	if (shared?.pending) return { ...(await shared.pending) } as T;
	if (shared?.result && now - shared.at <= REUSE_MS && !refused(credentials, options.sessionField, shared.result[options.sessionField])) {
		return { ...shared.result } as T;
	}
	const entry: Shared = { at: now };
	entry.pending = signIn().then(
		(result) => {
			entry.result = result;
			entry.at = Date.now();
			entry.pending = undefined;
			return result;
		},
		(error: unknown) => {
			if (accounts.get(key) === entry) accounts.delete(key);
			throw error;
		},
	);
	accounts.delete(key); // re-inserted last: the Map's order is the order of use
	accounts.set(key, entry);
	return (await entry.pending) as T;
}
