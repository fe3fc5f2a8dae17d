/**
 * `npm start` stops at once, at any phase: Ctrl+C (SIGINT) or SIGTERM to test/demo/start.js, or the end
 * of whatever started it (`npm start` ends on SIGTERM without passing it on), ends the n8n install and
 * everything it started; the next start redoes a half-finished install. A stand-in `npm` on PATH plays
 * the install, so nothing is downloaded and each case takes seconds.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');
const START = join(REPO, 'test', 'demo', 'start.js');
const INSTALL = join(REPO, 'test', 'e2e', 'install-n8n.sh');

let dir: string;
let env: NodeJS.ProcessEnv;

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

async function freePort(): Promise<number> {
	return await new Promise((done) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'bj-demo-signals-'));
	mkdirSync(join(dir, 'bin'));
	writeFileSync(join(dir, 'bin', 'npm'), FAKE_NPM);
	chmodSync(join(dir, 'bin', 'npm'), 0o755);
	const port = await freePort();
	env = {
		...process.env,
		PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
		CACHE: join(dir, 'cache'),
		FAKE_DIR: dir,
		FAKE_NPM_SLEEP: '60',
		N8N_LINE: '1',
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
});

afterEach(() => {
	for (const pid of npmPids()) kill(pid, 'SIGKILL');
	rmSync(dir, { recursive: true, force: true });
});

const npmPids = () => (existsSync(join(dir, 'npm.pids')) ? readFileSync(join(dir, 'npm.pids'), 'utf8').split('\n').filter(Boolean).map(Number) : []);
const alive = (pid: number) => kill(pid, 0);
function kill(pid: number, signal: NodeJS.Signals | 0): boolean {
	try {
		process.kill(pid, signal);
		return true;
	} catch {
		return false;
	}
}

/** Every process below `pid`, from `ps`. */
function descendants(pid: number): number[] {
	const rows = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).stdout.trim().split('\n');
	const children = new Map<number, number[]>();
	for (const row of rows) {
		const [child, parent] = row.trim().split(/\s+/).map(Number);
		children.set(parent, [...(children.get(parent) ?? []), child]);
	}
	const all: number[] = [];
	const walk = (p: number) => {
		for (const c of children.get(p) ?? []) {
			all.push(c);
			walk(c);
		}
	};
	walk(pid);
	return all;
}

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

const exited = (child: ChildProcess) => new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));

describe('npm start stops everything at once, at any phase', () => {
	it.each(['SIGINT', 'SIGTERM'] as const)('%s to start.js during the n8n install ends the install and its npm within seconds', async (signal) => {
		const demo = spawn(process.execPath, [START], { env, stdio: 'ignore' });
		await until('the install to reach npm', () => npmPids().length > 0);
		const tree = descendants(demo.pid!);
		expect(tree.length).toBeGreaterThanOrEqual(2); // install-n8n.sh, its npm (and its sleep)
		const t0 = Date.now();
		demo.kill(signal);
		await exited(demo);
		await until('every process of the install to end', () => [...tree, ...npmPids()].every((pid) => !alive(pid)), 5000);
		expect(Date.now() - t0).toBeLessThan(5000);
		expect(existsSync(join(dir, 'cache', 'n8n-1.123.81', '.installed'))).toBe(false);
	}, 30_000);

	it('the end of what started it (npm start on SIGTERM leaves its script behind) ends start.js and the install', async () => {
		// a shell between, as `npm start` has; SIGTERM ends the shell without passing it on
		const starter = spawn('bash', ['-c', `"${process.execPath}" "${START}"; exit 0`], { env, stdio: 'ignore' });
		await until('the install to reach npm', () => npmPids().length > 0);
		const tree = descendants(starter.pid!);
		const t0 = Date.now();
		starter.kill('SIGTERM');
		await exited(starter);
		await until('start.js and the install to end', () => [...tree, ...npmPids()].every((pid) => !alive(pid)), 5000);
		expect(Date.now() - t0).toBeLessThan(5000);
	}, 30_000);

	it('the next start redoes a half-finished install: nothing of the stopped one is kept, the marker comes last', () => {
		const n8nDir = join(dir, 'cache', 'n8n-1.123.81');
		mkdirSync(join(n8nDir, 'node_modules', 'leftover'), { recursive: true });
		const result = spawnSync('bash', [INSTALL, '1'], { env: { ...env, FAKE_NPM_SLEEP: '0' }, encoding: 'utf8' });
		expect(result.status).toBe(0);
		expect(result.stderr).toMatch(/n8n --version: 1\.123\.81/);
		expect(existsSync(join(dir, 'npm.log'))).toBe(false); // the stand-in npm saw no leftover
		expect(existsSync(join(n8nDir, 'node_modules', 'leftover'))).toBe(false);
		expect(existsSync(join(n8nDir, '.installed'))).toBe(true);
		// installed: the next run keeps it
		const again = spawnSync('bash', [INSTALL, '1'], { env, encoding: 'utf8' });
		expect(again.stderr).toMatch(/n8n 1\.123\.81 present/);
	});

	it('SIGTERM to the install script alone ends its npm too', async () => {
		const install = spawn('bash', [INSTALL, '1'], { env, stdio: 'ignore' });
		await until('the install to reach npm', () => npmPids().length > 0);
		const tree = descendants(install.pid!);
		install.kill('SIGTERM');
		await exited(install);
		await until('the npm of the install to end', () => [...tree, ...npmPids()].every((pid) => !alive(pid)), 5000);
		expect(existsSync(join(dir, 'cache', 'n8n-1.123.81', '.installed'))).toBe(false);
	}, 30_000);
});
