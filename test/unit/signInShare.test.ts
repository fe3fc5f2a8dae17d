import { sleep } from 'n8n-workflow';

import { REFUSED_SESSION_FIELD, sessionFingerprint, shareSignIn } from '../../nodes/shared/signInShare';

/** A sign-in that takes `ms` and hands out session-1, session-2, … */
function counter(ms = 20) {
	const calls = { n: 0 };
	const signIn = async () => {
		calls.n++;
		const n = calls.n;
		await sleep(ms);
		return { token: `session-${n}` };
	};
	return { calls, signIn };
}

let account = 0;
/** A fresh account per test: the module's state outlives each test. */
const nextAccount = () => [`https://appliance-${++account}.example`, 'admin', 'secret'];

describe('shareSignIn', () => {
	it('ten calls at once for one account make one sign-in and all get its session', async () => {
		const { calls, signIn } = counter();
		const options = { account: nextAccount(), sessionField: 'token' };
		const results = await Promise.all(Array.from({ length: 10 }, () => shareSignIn({ token: '' }, options, signIn)));
		expect(calls.n).toBe(1);
		expect(results.map((r) => r.token)).toEqual(Array(10).fill('session-1'));
		// each caller gets its own object: n8n merges it into that execution's credential
		expect(new Set(results).size).toBe(10);
	});

	it('a session issued a moment ago is reused by a later call, unless it is the one just refused', async () => {
		const { calls, signIn } = counter();
		const options = { account: nextAccount(), sessionField: 'token' };
		expect((await shareSignIn({ token: '' }, options, signIn)).token).toBe('session-1');
		// another execution whose stored session had expired too, coming just after
		expect((await shareSignIn({ token: '', [REFUSED_SESSION_FIELD]: sessionFingerprint('session-0') }, options, signIn)).token).toBe('session-1');
		expect(calls.n).toBe(1);
		// session-1 itself refused: named by the request client's fingerprint …
		expect((await shareSignIn({ token: '', [REFUSED_SESSION_FIELD]: sessionFingerprint('session-1') }, options, signIn)).token).toBe('session-2');
		// … or still in the credential, as n8n's own 401 renewal passes it
		expect((await shareSignIn({ token: 'session-2' }, options, signIn)).token).toBe('session-3');
		expect(calls.n).toBe(3);
	});

	it('never shares across accounts: another user, secret or base URL signs in on its own', async () => {
		const { calls, signIn } = counter();
		const [url, user, secret] = nextAccount();
		await Promise.all([
			shareSignIn({}, { account: [url, user, secret], sessionField: 'token' }, signIn),
			shareSignIn({}, { account: [url, 'other', secret], sessionField: 'token' }, signIn),
			shareSignIn({}, { account: [url, user, 'wrong'], sessionField: 'token' }, signIn),
			shareSignIn({}, { account: [`${url}:8443`, user, secret], sessionField: 'token' }, signIn),
		]);
		expect(calls.n).toBe(4);
	});

	it('a failed sign-in reaches every waiting call once, and is not remembered', async () => {
		const options = { account: nextAccount(), sessionField: 'token' };
		let n = 0;
		const refused = async () => {
			n++;
			await sleep(20);
			throw new Error('refused');
		};
		const results = await Promise.allSettled(Array.from({ length: 5 }, () => shareSignIn({}, options, refused)));
		expect(results.every((r) => r.status === 'rejected' && (r.reason as Error).message === 'refused')).toBe(true);
		// one attempt for the five: a wrong password is not tried five times (account lockout)
		expect(n).toBe(1);
		const { calls, signIn } = counter();
		expect((await shareSignIn({}, options, signIn)).token).toBe('session-1');
		expect(calls.n).toBe(1);
	});

	it('a remembered session is not reused after 30 s', async () => {
		const options = { account: nextAccount(), sessionField: 'token' };
		const { calls, signIn } = counter(0);
		const now = jest.spyOn(Date, 'now');
		try {
			now.mockReturnValue(1_000_000);
			await shareSignIn({}, options, signIn);
			now.mockReturnValue(1_000_000 + 29_000);
			await shareSignIn({}, options, signIn);
			expect(calls.n).toBe(1);
			now.mockReturnValue(1_000_000 + 31_000);
			await shareSignIn({}, options, signIn);
			expect(calls.n).toBe(2);
		} finally {
			now.mockRestore();
		}
	});

	it('remembers at most 64 accounts: the oldest is signed in again', async () => {
		const { calls, signIn } = counter(0);
		const first = { account: nextAccount(), sessionField: 'token' };
		await shareSignIn({}, first, signIn);
		for (let i = 0; i < 64; i++) await shareSignIn({}, { account: nextAccount(), sessionField: 'token' }, signIn);
		expect(calls.n).toBe(65);
		await shareSignIn({}, first, signIn);
		expect(calls.n).toBe(66);
	});

	it('the fingerprint tells sessions apart without containing them', () => {
		const session = 'b00d2bb5a3c1c4d6d0d1f0e1e2e3e4e5';
		expect(sessionFingerprint(session)).not.toContain(session.slice(0, 6));
		expect(sessionFingerprint(session)).toBe(sessionFingerprint(session));
		expect(sessionFingerprint(session)).not.toBe(sessionFingerprint(`${session}x`));
	});
});
