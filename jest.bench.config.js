// `npm run bench` only (test/bench/run.js): the benchmark scenarios, one `<vendor>.bench.ts` per vendor.
// Kept apart from jest.config.js so `npm test` never runs them.
const base = require('./test/jest.shared');

module.exports = {
	...base,
	testMatch: ['<rootDir>/test/bench/**/*.bench.ts'],
	setupFilesAfterEnv: [...base.setupFilesAfterEnv, '<rootDir>/test/bench/setup.js'],
	testTimeout: 600000,
};
