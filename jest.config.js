// Unit tests (pure code) and node tests (nodes run through n8n-core's WorkflowExecute against the
// simulators on 127.0.0.1). The real-n8n end-to-end tests are shell scripts in test/e2e.
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	setupFiles: ['<rootDir>/test/setup-env.js'],
	setupFilesAfterEnv: ['<rootDir>/test/teardown-n8n.js'],
	testTimeout: 30000,
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.build/'],
};
