// @ts-check
'use strict';
// setupFilesAfterEnv of jest.bench.config.js: after each `<vendor>.bench.ts` file, writes what it
// recorded to $BENCH_RECORDS_DIR/<file>.json for run.js to merge. It shares the test file's module
// registry, so it sees the same recorder instance.
const fs = require('node:fs');
const path = require('node:path');

afterAll(() => {
	const { drain } = require('./recorder');
	const testPath = expect.getState().testPath ?? 'unknown.bench.ts';
	const dir = process.env.BENCH_RECORDS_DIR ?? path.join(__dirname, '..', '..', '.bench', 'records');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${path.basename(testPath).replace(/\.bench\.ts$/, '')}.json`);
	fs.writeFileSync(file, JSON.stringify({ file: path.relative(path.join(__dirname, '..', '..'), testPath), records: drain() }, null, 2));
});
