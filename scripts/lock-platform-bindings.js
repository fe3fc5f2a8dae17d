#!/usr/bin/env node
// The registry this project is built against serves only the linux builds of unrs-resolver's
// platform bindings (a lint dependency), so `npm install` leaves the others out of package-lock.json
// and `npm ci` then rejects the lock as out of sync. This adds a lock entry for each missing binding,
// with the os/cpu/libc that make npm skip it on every other platform. Run after `npm install`.
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const parent = lock.packages['node_modules/unrs-resolver'];
const PLATFORM = /^@unrs\/resolver-binding-(android|darwin|freebsd|linux|openharmony|win32)-([a-z0-9]+?)(?:-(gnu|musl|gnueabihf|musleabihf|eabi|msvc))?$/;

let added = 0;
for (const [name, version] of Object.entries(parent?.optionalDependencies ?? {})) {
	const key = `node_modules/${name}`;
	const m = PLATFORM.exec(name);
	if (lock.packages[key] || !m) continue;
	const [, os, cpu, abi] = m;
	const entry = { version, cpu: [cpu === 'arm' ? 'arm' : cpu], dev: true, license: 'MIT', optional: true, os: [os] };
	if (abi && abi.startsWith('musl')) entry.libc = ['musl'];
	else if (abi && abi.startsWith('gnu')) entry.libc = ['glibc'];
	lock.packages[key] = entry;
	added++;
}
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock: added ${added} platform binding entr${added === 1 ? 'y' : 'ies'}`);
