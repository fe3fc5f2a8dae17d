// Unit tests (pure code) and node tests (nodes run through n8n-core's WorkflowExecute against the
// simulators on 127.0.0.1). The node tests run twice: once on the 2.x line (n8n-core 2.41.1 /
// n8n-workflow 2.41.0) and once on the 1.x line (n8n-core 1.122.48 / n8n-workflow 1.120.31, installed
// as the aliases n8n-core-v1 and n8n-workflow-v1), so a difference between the lines fails in seconds
// instead of in the real-n8n end-to-end runs. Pure code does not depend on the line and runs once.
// The real-n8n end-to-end tests are shell scripts in test/e2e.
const shared = require('./test/jest.shared');

/** Every import of n8n's engine packages, ours and n8n-core's own, resolves to the 1.x line. */
const line1 = {
	'^n8n-workflow$': '<rootDir>/node_modules/n8n-workflow-v1',
	'^n8n-workflow/(.*)$': '<rootDir>/node_modules/n8n-workflow-v1/$1',
	'^n8n-core$': '<rootDir>/node_modules/n8n-core-v1',
	'^n8n-core/(.*)$': '<rootDir>/node_modules/n8n-core-v1/$1',
	'^@n8n/di$': '<rootDir>/node_modules/n8n-core-v1/node_modules/@n8n/di',
};

module.exports = {
	testTimeout: 30000,
	projects: [
		{ ...shared, displayName: 'n8n 2.x', testMatch: ['<rootDir>/test/**/*.test.ts'] },
		{ ...shared, displayName: 'n8n 1.x', testMatch: ['<rootDir>/test/node/**/*.test.ts'], moduleNameMapper: line1 },
	],
};
