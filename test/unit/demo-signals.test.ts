/**
 * `npm start` stops at once, at any phase: Ctrl+C (SIGINT) or SIGTERM to test/demo/start.js, or the end
 * of whatever started it (`npm start` ends on SIGTERM without passing it on), ends the n8n install and
 * everything it started; the next start redoes a half-finished install. A stand-in `npm` plays the
 * install (test/harness/processTree.js), so each case takes seconds.
 */
import { demoSandbox, descendants, exited, until } from '../harness/processTree';

let box: Awaited<ReturnType<typeof demoSandbox>>;

beforeEach(async () => {
	box = await demoSandbox();
});

afterEach(() => {
	box.cleanup();
});

describe('npm start stops everything at once, at any phase', () => {
	it.each(['SIGINT', 'SIGTERM'] as const)('%s to start.js during the n8n install ends the install and its npm within seconds', async (signal) => {
		const demo = box.start('demo');
		await until('the install to reach npm', () => box.npmPids().length > 0);
		const tree = descendants(demo.pid!);
		expect(tree.length).toBeGreaterThanOrEqual(2); // install-n8n.sh, its npm (and its sleep)
		const t0 = Date.now();
		demo.kill(signal);
		await exited(demo);
		await until('every process of the install to end', () => box.allGone(tree), 5000);
		expect(Date.now() - t0).toBeLessThan(5000);
		expect(box.installed()).toBe(false);
	}, 30_000);

	it('the end of what started it (npm start on SIGTERM leaves its script behind) ends start.js and the install', async () => {
		const starter = box.start('demoBehindShell');
		await until('the install to reach npm', () => box.npmPids().length > 0);
		const tree = descendants(starter.pid!);
		expect(tree.length).toBeGreaterThanOrEqual(3); // start.js, install-n8n.sh, its npm
		const t0 = Date.now();
		starter.kill('SIGTERM');
		await exited(starter);
		await until('start.js and the install to end', () => box.allGone(tree), 5000);
		expect(Date.now() - t0).toBeLessThan(5000);
	}, 30_000);

	it('the next start redoes a half-finished install: nothing of the stopped one is kept, the marker comes last', () => {
		box.leaveHalfInstall();
		const result = box.installNow({ FAKE_NPM_SLEEP: '0' });
		expect(result.status).toBe(0);
		expect(result.stderr).toMatch(/n8n --version: 1\.123\.81/);
		expect(box.leftoverKept()).toBe(false);
		expect(box.installed()).toBe(true);
		// installed: the next run keeps it
		expect(box.installNow().stderr).toMatch(/n8n 1\.123\.81 present/);
	});

	it('SIGTERM to the install script alone ends its npm too', async () => {
		const install = box.start('install');
		await until('the install to reach npm', () => box.npmPids().length > 0);
		const tree = descendants(install.pid!);
		install.kill('SIGTERM');
		await exited(install);
		await until('the npm of the install to end', () => box.allGone(tree), 5000);
		expect(box.installed()).toBe(false);
	}, 30_000);
});
