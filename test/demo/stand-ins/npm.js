#!/usr/bin/env node
'use strict';
/**
 * Stand-in for `npm install` and `npm rebuild` in the host folders of test/e2e/install-n8n.sh, for
 * test/unit/demo-stop.test.ts (through test/harness/npmStart.js): nothing is downloaded. Every other npm command goes to the real npm
 * ($REAL_NPM). STAND_IN_NPM=hang: the install starts a child of its own (as npm starts node-gyp and
 * friends), leaves a half-written node_modules, records both pids in $STAND_IN_PIDS and never ends.
 * STAND_IN_NPM=ok: it writes the n8n stand-in (stand-ins/n8n.js) and a bcryptjs stand-in, and ends.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [cmd, ...rest] = process.argv.slice(2);
if (cmd !== 'install' && cmd !== 'rebuild') {
	const r = spawnSync(process.env.REAL_NPM, process.argv.slice(2), { stdio: 'inherit' });
	process.exit(r.status ?? 1);
}
if (cmd === 'rebuild') process.exit(0);

const modules = path.join(process.cwd(), 'node_modules');
if (!rest.some((a) => a.startsWith('n8n@'))) {
	process.stderr.write(`stand-in npm: only n8n installs are stood in for, not: ${rest.join(' ')}\n`);
	process.exit(1);
}
if (process.env.STAND_IN_NPM === 'hang') {
	fs.mkdirSync(path.join(modules, 'n8n'), { recursive: true });
	fs.writeFileSync(path.join(modules, 'n8n', 'package.json'), '{"name":"n8n"'); // cut off mid-write
	const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
	fs.writeFileSync(path.join(process.env.STAND_IN_PIDS, `npm-install-${process.pid}`), `${process.pid} ${helper.pid}\n`);
	setInterval(() => {}, 1000);
} else {
	fs.mkdirSync(path.join(modules, '.bin'), { recursive: true });
	fs.copyFileSync(path.join(__dirname, 'n8n.js'), path.join(modules, '.bin', 'n8n'));
	fs.chmodSync(path.join(modules, '.bin', 'n8n'), 0o755);
	fs.mkdirSync(path.join(modules, 'bcryptjs'), { recursive: true });
	fs.writeFileSync(path.join(modules, 'bcryptjs', 'index.js'), "exports.hashSync = () => '$2a$10$standin';\n");
}
