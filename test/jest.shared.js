// The jest settings every run shares: the tests of both n8n lines (jest.config.js) and the benchmarks
// (jest.bench.config.js).
module.exports = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
	setupFiles: ['<rootDir>/test/setup-env.js'],
	setupFilesAfterEnv: ['<rootDir>/test/teardown-n8n.js'],
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.build/'],
};
