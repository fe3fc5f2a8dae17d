import { SESSION_FACTS_FIELD, withSessionFacts } from '../../nodes/shared/sessionFacts';

describe('withSessionFacts: a credential stores what the node found, with the session', () => {
	const signIn = jest.fn(async () => ({ sessionToken: 'new-session' }));
	beforeEach(() => signIn.mockClear());

	it('without a hand-over: the sign-in, as it is', async () => {
		expect(await withSessionFacts({ sessionToken: '' }, 'sessionToken', signIn)).toEqual({ sessionToken: 'new-session' });
		expect(signIn).toHaveBeenCalledTimes(1);
	});

	it('with a hand-over and a session: that session and the facts, without signing in, the hand-over cleared', async () => {
		const credentials = { sessionToken: '', [SESSION_FACTS_FIELD]: { session: 'kept-session', facts: { sessionDrForm: 'legacy' } } };
		const output = await withSessionFacts(credentials, 'sessionToken', signIn);
		expect(output).toEqual({ sessionToken: 'kept-session', sessionDrForm: 'legacy', [SESSION_FACTS_FIELD]: undefined });
		expect(signIn).not.toHaveBeenCalled();
		// As n8n stores it: JSON drops the cleared hand-over.
		expect(JSON.parse(JSON.stringify({ ...credentials, ...output }))).toEqual({ sessionToken: 'kept-session', sessionDrForm: 'legacy' });
	});

	it('with a hand-over but no session yet: the sign-in plus the facts', async () => {
		const credentials = { sessionToken: '', [SESSION_FACTS_FIELD]: { session: '', facts: { sessionDrForm: 'current' } } };
		expect(await withSessionFacts(credentials, 'sessionToken', signIn)).toEqual({ sessionToken: 'new-session', sessionDrForm: 'current', [SESSION_FACTS_FIELD]: undefined });
		expect(signIn).toHaveBeenCalledTimes(1);
	});

	it('a malformed hand-over is ignored: the sign-in', async () => {
		expect(await withSessionFacts({ sessionToken: '', [SESSION_FACTS_FIELD]: 'x' }, 'sessionToken', signIn)).toEqual({ sessionToken: 'new-session' });
	});
});
