/**
 * `npm start` stops as a whole: SIGINT and SIGTERM, to npm's own process (`kill <pid of npm start>`, a
 * process supervisor) or to test/demo/start.js alone, end every process the demo started, during the n8n
 * install and once n8n runs; and the next start installs cleanly after the stopped install. Runs the
 * package's real start script in a copy of the demo's files with stand-ins for the build, the n8n
 * install and n8n (test/harness/npmStart.js), so each case takes seconds.
 */
import { npmStartSandbox } from '../harness/npmStart';

const cases: Array<[string, 'npm start' | 'start.js', NodeJS.Signals]> = [
	['SIGTERM to npm start', 'npm start', 'SIGTERM'],
	['SIGINT to npm start', 'npm start', 'SIGINT'],
	['SIGTERM to start.js alone', 'start.js', 'SIGTERM'],
	['SIGINT to start.js alone', 'start.js', 'SIGINT'],
];

describe.each(cases)('npm start stops as a whole: %s', (_name, target, signal) => {
	let box: ReturnType<typeof npmStartSandbox>;
	beforeAll(() => {
		box = npmStartSandbox();
	});
	afterAll(() => box.cleanup());

	it('during the n8n install: every process ends, and no finished-looking install is left', async () => {
		const demo = await box.start('hang');
		expect({ reached: demo.reached, output: demo.reached ? '' : demo.output() }).toEqual({ reached: true, output: '' });

		const { startJsFound, survivors, topExited } = await box.stop(demo, target, signal);
		expect(startJsFound).toBe(true);
		expect({ survivors, output: survivors.length ? demo.output() : '' }).toEqual({ survivors: [], output: '' });
		expect(topExited).toBe(true);
		expect(box.installed()).toBe(false);
	}, 90_000);

	it('the next start redoes the install cleanly, and once n8n runs, every process ends again', async () => {
		const demo = await box.start('ok');
		expect({ reached: demo.reached, output: demo.reached ? '' : demo.output() }).toEqual({ reached: true, output: '' });
		expect(box.installed()).toBe(true);
		expect(box.halfWrittenKept()).toBe(false);
		expect(box.otherFolders()).toEqual([]);

		const { startJsFound, survivors, topExited } = await box.stop(demo, target, signal);
		expect(startJsFound).toBe(true);
		expect({ survivors, output: survivors.length ? demo.output() : '' }).toEqual({ survivors: [], output: '' });
		expect(topExited).toBe(true);
	}, 90_000);
});
