// @ts-check
'use strict';
/**
 * The sessions or tokens a vendor simulator hands out at sign-in. Each serves `maxRequests`
 * authenticated requests and then expires, so a test can force the "expired → sign in again" path
 * at an exact request; `clear()` expires them all (the framework's `/__sim/expire-sessions`).
 */
const { randomBytes } = require('node:crypto');

/** @typedef {{ created: Date, lastAccessed: Date, used: number }} Session */

class SessionStore {
	/** @type {Map<string, Session>} */
	#sessions = new Map();

	/** @param {{ maxRequests?: number }} [options] */
	constructor(options = {}) {
		/** Requests one session serves; tests may change it on the fly. */
		this.maxRequests = options.maxRequests ?? Infinity;
	}

	/** A new session; its id is random hex unless the vendor formats its own. @param {string} [id] */
	open(id = randomBytes(16).toString('hex')) {
		const now = new Date();
		this.#sessions.set(id, { created: now, lastAccessed: now, used: 0 });
		return id;
	}

	/**
	 * Spends one request of the session's budget; undefined when the session is unknown or used up
	 * (then it is gone: the client must sign in again). @param {string | undefined} id
	 */
	use(id) {
		const session = id === undefined ? undefined : this.#sessions.get(id);
		if (!session || id === undefined) return undefined;
		if (session.used >= this.maxRequests) {
			this.#sessions.delete(id);
			return undefined;
		}
		session.used++;
		session.lastAccessed = new Date();
		return session;
	}

	/** @param {string | undefined} id */
	get(id) {
		return id === undefined ? undefined : this.#sessions.get(id);
	}

	/** Signs one session out. @param {string | undefined} id */
	close(id) {
		if (id !== undefined) this.#sessions.delete(id);
	}

	clear() {
		this.#sessions.clear();
	}

	get size() {
		return this.#sessions.size;
	}
}

module.exports = { SessionStore };
