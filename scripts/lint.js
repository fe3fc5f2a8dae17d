#!/usr/bin/env node
// Runs n8n's community-node lint (`n8n-node lint`: strict-mode config check plus ESLint with n8n's
// rules) and fails on every finding except the one rule this package breaks on purpose: its single
// runtime dependency, fast-xml-parser (see README, "Compatibility"). Inline eslint-disable comments
// would be ignored by n8n's scanner, so the exception lives here, named and narrow.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const KNOWN = [
	{ file: 'package.json', rule: '@n8n/community-nodes/no-runtime-dependencies' },
	{ file: 'nodes/shared/body.ts', rule: '@n8n/community-nodes/no-restricted-imports', text: "'fast-xml-parser'" },
];

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
let accepted = 0;
for (const result of results) {
	const file = path.relative(root, result.filePath);
	for (const m of result.messages) {
		const known = KNOWN.find((k) => k.file === file && k.rule === m.ruleId && (!k.text || m.message.includes(k.text)));
		if (known) {
			accepted++;
			continue;
		}
		if (m.severity === 2) errors++;
		else warnings++;
		console.log(`${file}:${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.message} (${m.ruleId})`);
	}
}
console.log(`lint: ${errors} errors, ${warnings} warnings; ${accepted} accepted finding(s) of the runtime dependency fast-xml-parser`);
process.exit(errors > 0 || accepted !== KNOWN.length ? 1 : 0);
