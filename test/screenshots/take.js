#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run screenshots`: the README's pictures of the example workflows, taken in the `npm start` demo (a
 * real n8n with the package and the simulators) with Debian's chromium driven by puppeteer-core. Not part
 * of `npm test`.
 *
 *   apt-get install -y chromium          (CHROME_PATH=… for another browser)
 *   npm run screenshots                  writes docs/screenshots/<example>.png
 *   npm run screenshots -- wfMcpStatus01 only the workflows with these ids
 *
 * puppeteer-core is a devDependency (it downloads no browser); without it or a chromium the script says
 * so and exits 2.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const OUT = path.join(REPO, 'docs', 'screenshots');
const PORT = Number(process.env.N8N_PORT || 5688);
const BASE = `http://127.0.0.1:${PORT}`;
const OWNER = { email: 'owner@example.com', password: 'Demo-Pass-1' };
/** The workflows the README shows, by the id in examples/. */
const SHOTS = [
	{ id: 'wfCohRestore01', file: 'cohesity-wait-then-restore.png' },
	{ id: 'wfVcRestore01', file: 'vcenter-wait-then-restore.png' },
	{ id: 'wfCohTicket01', file: 'cohesity-failed-backup-ticket.png' },
	{ id: 'wfVcTicket01', file: 'vcenter-failed-backup-ticket.png' },
	{ id: 'wfBackupReport01', file: 'daily-backup-report.png' },
	{ id: 'wfMcpStatus01', file: 'backup-status-mcp-server.png' },
	{ id: 'wfAskBackups01', file: 'ask-about-backups-ai-agent.png' },
];
/** `npm run screenshots -- ID…` takes only those. */
const ONLY = process.argv.slice(2);

const say = (/** @type {string} */ msg) => process.stdout.write(`[screenshots] ${msg}\n`);

function loadPuppeteer() {
	// By name at run time, so a `npm install --omit=dev` checkout still type-checks and builds.
	const name = 'puppeteer-core';
	try {
		return require(name);
	} catch {
		process.stderr.write('[screenshots] puppeteer-core is not installed (npm install); nothing taken.\n');
		process.exit(2);
	}
}

function chromePath() {
	const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
	const found = candidates.find((p) => p && fs.existsSync(p));
	if (!found) {
		process.stderr.write('[screenshots] no chromium found: apt-get install -y chromium, or set CHROME_PATH.\n');
		process.exit(2);
	}
	return found;
}

/** Starts the demo on its own port and resolves once it printed that n8n is running. */
function startDemo() {
	const demo = spawn(process.execPath, [path.join(REPO, 'test', 'demo', 'start.js')], {
		cwd: REPO,
		env: { ...process.env, N8N_PORT: String(PORT), N8N_RUNNERS_BROKER_PORT: String(PORT + 1) },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const ready = new Promise((resolve, reject) => {
		let text = '';
		demo.stdout.on('data', (chunk) => {
			text += chunk;
			if (/is running \(ready in/.test(text)) resolve(undefined);
		});
		demo.once('exit', (code) => reject(new Error(`the demo exited (${code}) before n8n was ready`)));
	});
	return { demo, ready };
}

async function main() {
	const puppeteer = loadPuppeteer();
	const executablePath = chromePath();
	fs.mkdirSync(OUT, { recursive: true });
	const { demo, ready } = startDemo();
	const stopDemo = () => new Promise((resolve) => {
		if (demo.exitCode !== null) return resolve(undefined);
		demo.once('exit', () => resolve(undefined));
		demo.kill('SIGINT');
	});
	let browser;
	try {
		await ready;
		browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
		const page = await browser.newPage();
		await page.setViewport({ width: 1600, height: 900, deviceScaleFactor: 1 });
		await page.goto(`${BASE}/signin`, { waitUntil: 'networkidle2' });
		await page.type('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]', OWNER.email);
		await page.type('input[type="password"]', OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForNavigation({ waitUntil: 'networkidle2' }).catch(() => undefined);
		for (const shot of SHOTS.filter((s) => ONLY.length === 0 || ONLY.includes(s.id))) {
			await page.goto(`${BASE}/workflow/${shot.id}`, { waitUntil: 'networkidle2' });
			await page.waitForSelector('[data-test-id="canvas-node"], .vue-flow__node', { timeout: 30_000 });
			// "1" is n8n's zoom-to-fit shortcut; the notes and nodes then fill the picture.
			await page.mouse.click(800, 450);
			await page.keyboard.press('1');
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await page.screenshot({ path: path.join(OUT, shot.file) });
			say(`${shot.file}`);
		}
	} finally {
		if (browser) await browser.close().catch(() => undefined);
		await stopDemo();
	}
}

main().catch((err) => {
	process.stderr.write(`[screenshots] ${err?.stack ?? err}\n`);
	process.exit(1);
});
