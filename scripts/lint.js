#!/usr/bin/env node
// Runs n8n's community-node lint (`n8n-node lint`: strict-mode config check plus ESLint with n8n's
// rules) and fails on every finding, error or warning. There is no exception list and no inline
// eslint-disable comment (n8n's scanner ignores those).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');

const bin = path.join(root, 'node_modules', '.bin');
const strict = spawnSync(path.join(bin, 'n8n-node'), ['lint'], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
if (/Strict mode violation/.test(strict.stdout + strict.stderr)) {
	process.stdout.write(strict.stdout + strict.stderr);
	process.exit(1);
}

const eslint = spawnSync(path.join(bin, 'eslint'), ['.', '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
let results;
try {
	results = JSON.parse(eslint.stdout);
} catch {
	process.stdout.write(eslint.stdout + eslint.stderr);
	process.exit(1);
}

let errors = 0;
let warnings = 0;
for (const result of results) {
	const file = path.relative(root, result.filePath);
	for (const m of result.messages) {
		if (m.severity === 2) errors++;
		else warnings++;
		console.log(`${file}:${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.message} (${m.ruleId})`);
	}
}
console.log(`lint: ${errors} errors, ${warnings} warnings`);
process.exit(errors + warnings > 0 ? 1 : 0);
