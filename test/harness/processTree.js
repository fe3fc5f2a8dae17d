// @ts-check
'use strict';
/**
 * Process-level helpers for the tests of `npm start`'s stopping (test/unit/demo-signals.test.ts): a
 * sandbox with a stand-in `npm` on PATH that plays the n8n install (nothing is downloaded), the demo and
 * the install script started as a user would, and the process tree they leave. JavaScript, like the
 * simulators, because n8n's lint rules forbid processes and timers in `.ts` files.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const START = path.join(REPO, 'test', 'demo', 'start.js');
const INSTALL = path.join(REPO, 'test', 'e2e', 'install-n8n.sh');

/** A stand-in npm: records its pid, sleeps as long as FAKE_NPM_SLEEP says, then leaves an n8n that answers --version. */
const FAKE_NPM = `#!/bin/sh
echo $$ >> "$FAKE_DIR/npm.pids"
case "$*" in
*"install n8n@"*)
	[ -e node_modules/leftover ] && echo "leftover seen" >> "$FAKE_DIR/npm.log"
	sleep "\${FAKE_NPM_SLEEP:-0}"
	mkdir -p node_modules/.bin
	printf '#!/bin/sh\\necho 1.123.81\\n' > node_modules/.bin/n8n
	chmod +x node_modules/.bin/n8n
	;;
esac
exit 0
`;

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const address = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(address.port));
		});
	});
}

/** @param {number} pid @param {NodeJS.Signals | 0} signal */
function kill(pid, signal) {
	try {
		process.kill(pid, signal);
		return true;
	} catch {
		return false;
	}
}

/** Every process below `pid`, from `ps`. @param {number} pid @returns {number[]} */
function descendants(pid) {
	const rows = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).stdout.trim().split('\n');
	/** @type {Map<number, number[]>} */
	const children = new Map();
	for (const row of rows) {
		const [child, parent] = row.trim().split(/\s+/).map(Number);
		children.set(parent, [...(children.get(parent) ?? []), child]);
	}
	/** @type {number[]} */
	const all = [];
	/** @param {number} p */
	const walk = (p) => {
		for (const c of children.get(p) ?? []) {
			all.push(c);
			walk(c);
		}
	};
	walk(pid);
	return all;
}

/** @param {string} what @param {() => boolean} check @param {number} [ms] */
async function until(what, check, ms = 20_000) {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** A folder with the stand-in npm, a cache, and the environment of a demo on free ports (n8n 1.x line). */
async function demoSandbox() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bj-demo-signals-'));
	fs.mkdirSync(path.join(dir, 'bin'));
	fs.writeFileSync(path.join(dir, 'bin', 'npm'), FAKE_NPM, { mode: 0o755 });
	/** @type {NodeJS.ProcessEnv} */
	const env = {
		...process.env,
		PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`,
		CACHE: path.join(dir, 'cache'),
		FAKE_DIR: dir,
		FAKE_NPM_SLEEP: '60',
		N8N_LINE: '1',
		N8N_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
	const npmPids = () => {
		const file = path.join(dir, 'npm.pids');
		return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
	};
	const n8nDir = path.join(dir, 'cache', 'n8n-1.123.81');
	return {
		dir,
		env,
		npmPids,
		installed: () => fs.existsSync(path.join(n8nDir, '.installed')),
		/** node_modules of a stopped install, which the next install must not keep */
		leaveHalfInstall: () => fs.mkdirSync(path.join(n8nDir, 'node_modules', 'leftover'), { recursive: true }),
		leftoverKept: () => fs.existsSync(path.join(n8nDir, 'node_modules', 'leftover')) || fs.existsSync(path.join(dir, 'npm.log')),
		/** @param {'demo' | 'demoBehindShell' | 'install'} what */
		start: (what) => {
			if (what === 'install') return spawn('bash', [INSTALL, '1'], { env, stdio: 'ignore' });
			if (what === 'demo') return spawn(process.execPath, [START], { env, stdio: 'ignore' });
			// a shell between, as `npm start` has; SIGTERM ends the shell without passing it on
			return spawn('bash', ['-c', `"${process.execPath}" "${START}"; exit 0`], { env, stdio: 'ignore' });
		},
		/** @param {NodeJS.ProcessEnv} [extra] */
		installNow: (extra = {}) => spawnSync('bash', [INSTALL, '1'], { env: { ...env, ...extra }, encoding: 'utf8' }),
		/** Every process of the tree (and every stand-in npm) has ended. @param {number[]} tree */
		allGone: (tree) => [...tree, ...npmPids()].every((pid) => !kill(pid, 0)),
		cleanup: () => {
			for (const pid of npmPids()) kill(pid, 'SIGKILL');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** @param {import('node:child_process').ChildProcess} child @returns {Promise<void>} */
function exited(child) {
	return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

module.exports = { demoSandbox, descendants, exited, until };
