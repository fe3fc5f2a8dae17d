#!/usr/bin/env node
'use strict';
/**
 * `npm start` (= `npm run build && exec node test/demo/start.js`): a real n8n with this package installed the
 * way a community install places it, credentials pointing at the vendor simulators, the workflows in
 * examples/ imported (their placeholder hosts pointed at the simulators and a loopback helpdesk) and the
 * trigger workflows activated, while the simulators start a backup every few minutes, some of which fail.
 * Prints where to log in; Ctrl+C stops n8n and the simulators.
 *
 * Environment: N8N_LINE=1 for n8n 1.123.81 on the machine's Node 20 (default 2: n8n 2.41.1 on Node 24),
 * N8N_PORT (default 5678), SIM_<VENDOR>_PORT (default 45601, 45602, …), DEMO_VERBOSE=1 to stream n8n's log,
 * CACHE / BACKUP_JOBS_CACHE for the install folder (default ~/.cache/n8n-nodes-backup-jobs).
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const E2E = path.join(REPO, 'test', 'e2e');
const LINE = process.env.N8N_LINE === '1' ? '1' : '2';
const N8N_VERSION = LINE === '1' ? '1.123.81' : '2.41.1';
const CACHE =
	process.env.CACHE ||
	process.env.BACKUP_JOBS_CACHE ||
	path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-backup-jobs');
// one persistent user folder per n8n line: a 2.x database cannot go back to 1.x
const HOME = path.join(CACHE, LINE === '1' ? 'demo-home-n8n1' : 'demo-home');
const PORT = Number(process.env.N8N_PORT || 5678);
const BROKER_PORT = Number(process.env.N8N_RUNNERS_BROKER_PORT || PORT + 1);
const BASE = `http://127.0.0.1:${PORT}`;
const OWNER = { email: 'owner@example.com', password: 'Demo-Pass-1', firstName: 'Demo', lastName: 'Owner' };
/** Fixed simulator ports, so the credentials stored in the demo database stay valid across starts. */
const SIM_PORTS = { vcenter: 45601, cohesity: 45602, commvault: 45603, huaweiCloud: 45604, veeam: 45605, veeamBr: 45606 };
/** The loopback ticket and chat API the examples' HTTP Request nodes call in the demo. */
const HELPDESK_PORT = Number(process.env.SIM_HELPDESK_PORT || 45609);
/** A new backup every few minutes, every third failing: the trigger workflows then have something to report. */
const GROWTH = { everyMs: 180_000, runMs: 60_000, failEvery: 3 };

const say = (msg) => process.stdout.write(`[demo] ${msg}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function fail(msg) {
	// a step cut short by Ctrl+C or SIGTERM did not fail: the demo is stopping
	if (state.stopping) throw new DemoError('stopping');
	process.stderr.write(`[demo] ${msg}\n`);
	process.exitCode = 1;
	throw new DemoError(msg);
}
class DemoError extends Error {}

/**
 * Runs a command in its own process group, without blocking this process: Ctrl+C, SIGTERM or the end
 * of `npm start` then reach this script at once, whatever phase it is in, and `stop` ends the whole
 * group (an install's npm and node-gyp included). `inherit` streams its output (the n8n install).
 */
function run(command, args, options = {}) {
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			cwd: options.cwd ?? REPO,
			env: options.env ?? process.env,
			detached: true,
			stdio: options.inherit ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
		});
		state.children.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (c) => (stdout += c));
		child.stderr?.on('data', (c) => (stderr += c));
		child.on('error', (err) => {
			state.children.delete(child);
			resolve({ status: 127, stdout, stderr: String(err.message) });
		});
		child.on('close', (status) => {
			state.children.delete(child);
			resolve({ status: status ?? 1, stdout, stderr });
		});
	});
}

/** Runs a shell command of lib.sh and returns its stdout. */
async function lib(...args) {
	const r = await run('bash', [path.join(E2E, 'lib.sh'), ...args], { env: { ...process.env, CACHE } });
	if (r.status !== 0) fail(`lib.sh ${args[0]} failed:\n${r.stderr || r.stdout}`);
	return r.stdout.trim();
}

/** The environment n8n runs with: test/e2e/n8n-env.sh, for this user folder and ports. */
function n8nEnv(extra = {}) {
	const out = execFileSync('bash', ['-c', 'source "$1" && env -0', 'bash', path.join(E2E, 'n8n-env.sh')], {
		env: {
			...process.env,
			CACHE,
			N8N_LINE: LINE,
			N8N_USER_FOLDER: HOME,
			N8N_PORT: String(PORT),
			N8N_RUNNERS_BROKER_PORT: String(BROKER_PORT),
		},
	}).toString('utf8');
	const env = {};
	for (const pair of out.split('\0')) {
		const i = pair.indexOf('=');
		if (i > 0) env[pair.slice(0, i)] = pair.slice(i + 1);
	}
	return { ...env, ...extra };
}

async function n8nRun(env, args, what) {
	const t0 = Date.now();
	const r = await run('n8n', args, { env });
	if (r.status !== 0) fail(`${what} failed (n8n ${args.join(' ')}):\n${(r.stderr || r.stdout).slice(-2000)}`);
	say(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

function portInUse(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** A small JSON HTTP client for n8n's REST API on 127.0.0.1. */
function request(method, urlPath, body, headers = {}, timeoutMs = 5000) {
	return new Promise((resolve) => {
		const data = body === undefined ? undefined : JSON.stringify(body);
		const req = http.request(
			`${BASE}${urlPath}`,
			{
				method,
				headers: {
					'browser-id': 'demo',
					...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
					...headers,
				},
				timeout: timeoutMs,
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode, text, headers: res.headers }));
			},
		);
		req.on('error', () => resolve({ status: 0, text: '', headers: {} }));
		req.on('timeout', () => req.destroy());
		if (data) req.write(data);
		req.end();
	});
}

function logTail(file, lines = 25) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

async function main() {
	const t0 = Date.now();
	say(`n8n ${N8N_VERSION} demo; install cache ${CACHE}`);
	if (await portInUse(PORT)) fail(`port ${PORT} is in use (another n8n?). Stop it or set N8N_PORT.`);
	if (await portInUse(BROKER_PORT)) fail(`port ${BROKER_PORT} (n8n task broker) is in use. Set N8N_RUNNERS_BROKER_PORT.`);

	// 1. n8n itself (minutes the first time; streamed progress)
	const install = await run('bash', [path.join(E2E, 'install-n8n.sh'), LINE], { inherit: true, env: { ...process.env, CACHE } });
	if (install.status !== 0) fail(`installing n8n ${N8N_VERSION} failed`);

	// 2. the package, packed and placed like a community install (fresh on every start)
	fs.mkdirSync(HOME, { recursive: true });
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bj-demo-'));
	try {
		const tgz = await lib('pack', packDir);
		await lib('place-package', tgz, HOME);
		say(`package ${path.basename(tgz)} placed in ${path.join(HOME, '.n8n', 'nodes', 'node_modules')}`);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}

	// 3. simulators, in this process, on fixed ports
	const { REGISTRY, startSimulators } = require(path.join(REPO, 'test', 'simulators', 'serve.js'));
	const vendors = Object.keys(REGISTRY);
	const simEnv = { ...process.env };
	vendors.forEach((v, i) => {
		const key = `SIM_${v.toUpperCase()}_PORT`;
		if (!simEnv[key]) simEnv[key] = String(SIM_PORTS[v] ?? 45610 + i);
	});
	let sims;
	try {
		sims = await startSimulators(vendors, simEnv);
	} catch (err) {
		fail(`the simulators did not start: ${err.message} (a port taken? set SIM_<VENDOR>_PORT)`);
	}
	state.sims = sims;
	const { HelpdeskSimulator } = require(path.join(REPO, 'test', 'simulators', 'helpdesk.js'));
	state.helpdesk = new HelpdeskSimulator();
	try {
		await state.helpdesk.start(HELPDESK_PORT);
	} catch (err) {
		fail(`the helpdesk simulator did not start: ${err.message} (port ${HELPDESK_PORT} taken? set SIM_HELPDESK_PORT)`);
	}
	say(`simulators: ${vendors.map((v) => `${v} ${sims.info[v].baseUrl}`).join(', ')}, helpdesk ${state.helpdesk.baseUrl}`);

	// 4. credentials and workflows (re-imported on every start: the examples stay as in the repository)
	const env = n8nEnv();
	const credsFile = path.join(HOME, 'demo-credentials.json');
	try {
		await lib('write-creds', JSON.stringify(sims.info), credsFile);
		await n8nRun(env, ['import:credentials', `--input=${credsFile}`], 'credentials imported');
	} finally {
		fs.rmSync(credsFile, { force: true });
	}
	const exampleDir = path.join(REPO, 'examples');
	const { localizeExample } = require(path.join(E2E, 'localize-examples.js'));
	const urls = { ...Object.fromEntries(vendors.map((v) => [v, sims.info[v].baseUrl])), helpdesk: state.helpdesk.baseUrl };
	const examples = fs
		.readdirSync(exampleDir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => localizeExample(JSON.parse(fs.readFileSync(path.join(exampleDir, f), 'utf8')), { urls }));
	const localDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bj-demo-examples-'));
	try {
		examples.forEach((w, i) => fs.writeFileSync(path.join(localDir, `${String(i).padStart(2, '0')}.json`), JSON.stringify(w)));
		await n8nRun(env, ['import:workflow', '--separate', `--input=${localDir}`], `${examples.length} example workflows imported`);
	} finally {
		fs.rmSync(localDir, { recursive: true, force: true });
	}

	// 5. n8n start, with the owner account
	const ownerEnv = { N8N_SECURE_COOKIE: 'false', N8N_PUBLIC_API_DISABLED: 'false' };
	if (LINE === '2') {
		const bcrypt = require(path.join(env.N8N_HOME_DIR, 'node_modules', 'bcryptjs'));
		Object.assign(ownerEnv, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
		});
	}
	const logFile = path.join(HOME, 'n8n.log');
	const log = fs.openSync(logFile, 'w');
	const verbose = process.env.DEMO_VERBOSE === '1';
	// own process group: Ctrl+C reaches only this script, which then stops n8n in order
	const child = spawn('n8n', ['start'], {
		env: { ...env, ...ownerEnv },
		detached: true,
		stdio: ['ignore', verbose ? 'pipe' : log, verbose ? 'pipe' : log],
	});
	if (verbose) {
		for (const s of [child.stdout, child.stderr]) {
			s.on('data', (c) => {
				fs.writeSync(log, c);
				process.stdout.write(c);
			});
		}
	}
	state.n8n = child;
	child.on('exit', (code, signal) => {
		state.n8nExited = true;
		if (!state.stopping) {
			process.stderr.write(`[demo] n8n exited (${signal ?? code}); last log lines:\n${logTail(logFile)}\n`);
			void stop(1);
		}
	});
	say(`n8n starting on ${BASE} (log: ${logFile}) ...`);

	const deadline = Date.now() + 180_000;
	while ((await request('GET', '/healthz/readiness')).status !== 200) {
		if (state.n8nExited) return;
		if (Date.now() > deadline) fail(`n8n was not ready after 180 s; log:\n${logTail(logFile)}`);
		await sleep(500);
	}
	// the /rest routes register a few seconds after readiness: retry
	if (LINE === '1') {
		while (!state.n8nExited) {
			const r = await request('POST', '/rest/owner/setup', OWNER);
			if (r.status === 200 || (r.status === 400 && /already/i.test(r.text))) break;
			if (Date.now() > deadline) fail(`could not create the owner: ${r.status} ${r.text.slice(0, 300)}`);
			await sleep(500);
		}
	}
	let cookie = '';
	while (!state.n8nExited) {
		const r = await request('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password });
		if (r.status === 200) {
			cookie = [].concat(r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
			break;
		}
		if (r.status === 401 || r.status === 400) {
			say(`warning: logging in as ${OWNER.email} failed (${r.status}); the demo folder may hold another owner: ${HOME}`);
			break;
		}
		if (Date.now() > deadline) fail(`n8n's login route did not answer: ${r.status}`);
		await sleep(500);
	}
	if (state.n8nExited) return;
	const active = cookie ? await activateTriggers(examples, cookie) : [];
	for (const v of ['vcenter', 'cohesity']) sims.sims[v]?.growHistory?.(GROWTH);

	const lines = [
		'',
		`n8n ${N8N_VERSION} with n8n-nodes-backup-jobs is running (ready in ${Math.round((Date.now() - t0) / 1000)} s).`,
		'',
		`  Open    ${BASE}`,
		`  Log in  ${OWNER.email} / ${OWNER.password}`,
		'',
		'  Workflows to try (open one, then "Execute workflow"):',
		...examples.map((w) => `    - ${w.name}\n      ${BASE}/workflow/${w.id}`),
		'',
		'  Active trigger workflows (each failed backup opens a ticket in the helpdesk):',
		...(active.length > 0 ? active.map((w) => `    - ${w.name}`) : ['    (none could be activated; activate them in the editor)']),
		'',
		...mcpServers(active).map((path) => `  MCP server for AI agents (Streamable HTTP): ${BASE}/mcp/${path}`),
		`  Helpdesk (loopback ticket and chat API): ${state.helpdesk.baseUrl}/api/tickets and ${state.helpdesk.baseUrl}/api/chat`,
		`  The simulators start a backup every ${GROWTH.everyMs / 60_000} minutes; every ${GROWTH.failEvery}rd fails.`,
		'',
		'  Simulated backup servers (credentials already set up):',
		...vendors.map((v) => `    - ${v}: ${sims.info[v].baseUrl}  (POST ${sims.info[v].baseUrl}/__sim/reset starts its jobs over)`),
		'',
		"  The vCenter job 20240315-020002-21560480 reports not started, then running, then succeeded on successive checks;",
		'  20240313-020003-21560480 failed. Examples are re-imported at every start: duplicate one to keep your edits.',
		`  n8n log: ${logFile}`,
		'',
		'Press Ctrl+C to stop n8n and the simulators.',
		'',
	];
	process.stdout.write(lines.join('\n'));
}

/**
 * Activates the example workflows that start with one of this package's triggers or the MCP Server
 * Trigger and use only the simulator credentials (the Jira variant needs a Jira account), through the
 * public API with a key made for this start. Returns the workflows activated.
 */
async function activateTriggers(examples, cookie) {
	const triggered = examples.filter(
		(w) =>
			// this package's triggers, and the MCP server example (its tools read the simulators)
			w.nodes.some((n) => /^n8n-nodes-backup-jobs\..*Trigger$|^@n8n\/n8n-nodes-langchain\.mcpTrigger$/.test(n.type)) &&
			w.nodes.every((n) => Object.values(n.credentials ?? {}).every((c) => /Sim01$/.test(c.id))),
	);
	const auth = { cookie };
	const scopes = await request('GET', '/rest/api-keys/scopes', undefined, auth);
	const old = await request('GET', '/rest/api-keys', undefined, auth);
	const keys = safeJson(old.text)?.data;
	for (const key of Array.isArray(keys) ? keys : []) {
		if (String(key.label).startsWith('demo-')) await request('DELETE', `/rest/api-keys/${key.id}`, undefined, auth);
	}
	const created = await request('POST', '/rest/api-keys', { label: `demo-${Date.now()}`, scopes: safeJson(scopes.text)?.data ?? [], expiresAt: null }, auth);
	const apiKey = safeJson(created.text)?.data?.rawApiKey;
	if (!apiKey) {
		say(`warning: no API key (${created.status}); activate the trigger workflows in the editor`);
		return [];
	}
	const active = [];
	for (const w of triggered) {
		const r = await request('POST', `/api/v1/workflows/${w.id}/activate`, {}, { 'x-n8n-api-key': apiKey }, 60_000);
		if (r.status === 200) active.push(w);
		else say(`warning: activating "${w.name}" failed (${r.status}): ${r.text.slice(0, 200)}`);
	}
	return active;
}

/** The paths of the active MCP Server Triggers, for the MCP clients a user connects. */
function mcpServers(active) {
	return active.flatMap((w) => w.nodes.filter((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger').map((n) => n.parameters.path));
}

function safeJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

const state = { sims: undefined, helpdesk: undefined, n8n: undefined, n8nExited: false, stopping: false, children: new Set() };

/** SIGTERM to a child's process group, SIGKILL to what is left of it after a grace period. */
async function stopGroup(child, graceMs) {
	const signal = (sig) => {
		try {
			process.kill(-child.pid, sig);
			return true;
		} catch {
			return false; // the group is gone
		}
	};
	if (!signal('SIGTERM')) return;
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline && signal(0)) await sleep(100);
	signal('SIGKILL');
}

async function stop(code) {
	if (state.stopping) return;
	state.stopping = true;
	say('stopping ...');
	// the install, the packing and the imports: their whole process groups
	await Promise.all([...state.children].map((c) => stopGroup(c, 3000)));
	const child = state.n8n;
	if (child && !state.n8nExited) {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		try {
			process.kill(child.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL'); // n8n and its task runner, by n8n's process group id
			} catch {
				/* already gone */
			}
		}, 15_000);
		await exited;
		clearTimeout(timer);
	}
	if (child) {
		try {
			process.kill(-child.pid, 'SIGTERM'); // a task runner n8n left behind, if any
		} catch {
			/* none left */
		}
	}
	if (state.sims) await state.sims.stop().catch(() => undefined);
	if (state.helpdesk) await state.helpdesk.stop().catch(() => undefined);
	say('stopped.');
	process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));
// npm passes SIGINT and SIGTERM on to the start script's shell only, which dies of SIGTERM and waits
// through SIGINT without passing either on: the start script therefore `exec`s this script, so npm's
// signal reaches it. Should npm end without passing one on (say, killed), this script is left to the
// init process: its parent changing means whoever started it is gone.
const parent = process.ppid;
setInterval(() => {
	if (process.ppid !== parent) void stop(0);
}, 250).unref();

main().catch((err) => {
	if (!(err instanceof DemoError)) process.stderr.write(`[demo] ${err?.stack ?? err}\n`);
	void stop(1);
});
