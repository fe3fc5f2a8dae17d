#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * n8n's community-package scanner on this package, the way its gate scans a published one, plus what
 * n8n's community install leaves behind.
 *
 *   npm run build && node test/scan/scan.js      (npm test runs it as its own step)
 *
 * 1. The scanner's two legs, through its exported analyzePackage (its CLI only scans published
 *    packages: registry, provenance, GitHub): the source with its SOURCE_FILE_PATTERNS, and the
 *    unpacked `npm pack` tarball with `**\/*.js` and package.json. analyzePackage fails on errors only,
 *    so each leg is linted once more with the scanner's own config (buildScanConfig) to fail on
 *    warnings too. Any finding prints the scanner's report.
 * 2. The manifest: no `dependencies` field; no .js file in the tarball requires fast-xml-parser, nor any
 *    package other than a Node built-in or a peer dependency. (The scanner accepts the require of a
 *    devDependency, which an n8n install leaves out, so it cannot see an unbundled parser.)
 * 3. The installed copy: the tarball unpacked as n8n installs it (dev and peer dependencies dropped
 *    from package.json, nothing installed) into a scratch node_modules with only n8n-workflow beside
 *    it; a child process (load-installed.js) finds no fast-xml-parser, parses XML with the installed
 *    dist/nodes/shared/body.js and loads every node and credential.
 *
 * Prints `ok - …` / `not ok - …` per check and `N passed, M failed` last; exits 1 on any failure.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const { builtinModules, createRequire } = require('node:module');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.join(__dirname, '..', '..');
const scannerFile = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
// ESLint and fast-glob as the scanner resolves them (its own eslint 9.29), for the warnings pass.
const scannerRequire = createRequire(scannerFile);
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const PARSER = 'fast-xml-parser';

let passed = 0;
let failed = 0;
/** @param {string} desc */
function ok(desc) {
	passed++;
	console.log(`ok - ${desc}`);
}
/** @param {string} desc @param {string} [details] */
function notOk(desc, details) {
	failed++;
	console.log(`not ok - ${desc}`);
	if (details) console.log(details.replace(/\n+$/, '').split('\n').map((l) => `  # ${l}`).join('\n'));
}
const seconds = (/** @type {number} */ t0) => ((Date.now() - t0) / 1000).toFixed(1);

/**
 * One scanner leg: analyzePackage's verdict, then the same lint for warnings.
 * @param {any} scanner the scanner module
 * @param {string} label
 * @param {string} dir
 * @param {string[]} patterns
 */
async function scanLeg(scanner, label, dir, patterns) {
	const t0 = Date.now();
	const verdict = await scanner.analyzePackage(path.resolve(dir), patterns);
	const { ESLint } = scannerRequire('eslint');
	const glob = scannerRequire('fast-glob');
	const eslint = new ESLint({ cwd: path.resolve(dir), allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scanner.buildScanConfig() });
	const files = glob.sync(patterns, { cwd: path.resolve(dir), absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	/** @type {{ errorCount: number, warningCount: number }[]} */
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const desc = `scanner, ${label} leg (${patterns.join(', ')}): 0 problems in ${files.length} files`;
	console.log(`# timing: scanner ${label} leg ${seconds(t0)} s`);
	if (verdict.passed && errors + warnings === 0 && files.length > 0) {
		ok(desc);
		return;
	}
	const report = verdict.details ?? (await (await eslint.loadFormatter('stylish')).format(results));
	notOk(`${desc} (analyzePackage: ${verdict.passed ? 'passed' : `failed, ${verdict.message}`}; ${errors} errors, ${warnings} warnings)`, report);
}

/** The bare package names a CommonJS .js file requires or imports dynamically (relative paths left out). @param {string} text */
function bareImports(text) {
	const names = new Set();
	const pattern = /\b(?:require|import)\s*\(\s*["'`]([^"'`\s]+)["'`]\s*\)/g;
	for (const [, spec] of text.matchAll(pattern)) {
		if (spec.startsWith('.') || spec.startsWith('/')) continue;
		names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
	}
	return names;
}

/** @param {string} dir @returns {string[]} the .js files under dir, relative to it */
function jsFiles(dir) {
	return fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && e.name.endsWith('.js'))
		.map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
		.sort();
}

async function main() {
	const tAll = Date.now();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bj-scan-'));
	try {
		const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
		const bundle = path.join(root, 'dist', 'bundled', 'xmlParser.js');
		if (!fs.existsSync(bundle)) {
			notOk('dist/ is built (run npm run build first)', `${path.relative(root, bundle)} is missing`);
			return;
		}

		// The scanner makes a temporary folder when it loads; the same `tmp` module removes it at exit.
		scannerRequire('tmp').setGracefulCleanup();
		const scanner = await import(pathToFileURL(scannerFile).href);
		console.log(`# @n8n/scan-community-package ${scannerRequire('../package.json').version}`);

		// --- the source leg -------------------------------------------------------------------------
		await scanLeg(scanner, 'source', root, scanner.SOURCE_FILE_PATTERNS);

		// --- the tarball leg ------------------------------------------------------------------------
		const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
		/** @type {{ filename: string, size: number, unpackedSize: number, entryCount: number }} */
		let packed;
		try {
			packed = JSON.parse(pack.stdout)[0];
		} catch {
			notOk('npm pack', `${pack.stdout}\n${pack.stderr}`.trim());
			return;
		}
		console.log(`# tarball ${packed.filename}: ${packed.size} B packed, ${packed.unpackedSize} B unpacked, ${packed.entryCount} files`);
		const unpacked = path.join(work, 'tarball');
		fs.mkdirSync(unpacked);
		const tar = spawnSync('tar', ['-xzf', path.join(work, packed.filename), '-C', unpacked, '--strip-components=1'], { encoding: 'utf8' });
		if (tar.status !== 0) {
			notOk('unpack the tarball', tar.stderr);
			return;
		}
		await scanLeg(scanner, 'tarball', unpacked, TARBALL_PATTERNS);

		// --- the manifest -----------------------------------------------------------------------------
		const packedManifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
		const withDeps = [['the repository', manifest], ['the tarball', packedManifest]].filter(([, m]) => 'dependencies' in m).map(([w]) => w);
		if (withDeps.length === 0) ok('package.json has no dependencies field (repository and tarball)');
		else notOk('package.json has no dependencies field (repository and tarball)', `found in ${withDeps.join(' and ')}`);

		const files = jsFiles(unpacked);
		const peers = Object.keys(packedManifest.peerDependencies ?? {});
		/** @type {string[]} */
		const parserUsers = [];
		/** @type {string[]} */
		const strangers = [];
		for (const file of files) {
			for (const name of bareImports(fs.readFileSync(path.join(unpacked, file), 'utf8'))) {
				if (name === PARSER) parserUsers.push(file);
				else if (!name.startsWith('node:') && !builtinModules.includes(name) && !peers.includes(name)) strangers.push(`${file}: ${name}`);
			}
		}
		const bundled = files.includes('dist/bundled/xmlParser.js');
		if (parserUsers.length === 0 && bundled) ok(`no .js file in the tarball requires ${PARSER} (${files.length} files); dist/bundled/xmlParser.js holds it`);
		else notOk(`no .js file in the tarball requires ${PARSER}; dist/bundled/xmlParser.js holds it`, parserUsers.length ? parserUsers.join('\n') : 'dist/bundled/xmlParser.js is not in the tarball');
		if (strangers.length === 0) ok(`every package the tarball's .js files require is a Node built-in or a peer dependency (${peers.join(', ')})`);
		else notOk('every package the tarball\'s .js files require is a Node built-in or a peer dependency', strangers.join('\n'));

		// --- the installed copy -----------------------------------------------------------------------
		const modules = path.join(work, 'install', 'node_modules');
		const installed = path.join(modules, packedManifest.name);
		fs.mkdirSync(modules, { recursive: true });
		fs.cpSync(unpacked, installed, { recursive: true });
		const { devDependencies, peerDependencies, optionalDependencies, ...asInstalled } = packedManifest;
		fs.writeFileSync(path.join(installed, 'package.json'), `${JSON.stringify(asInstalled, null, 2)}\n`);
		fs.symlinkSync(path.dirname(require.resolve('n8n-workflow/package.json')), path.join(modules, 'n8n-workflow'), 'dir');
		const beside = fs.readdirSync(modules).sort();
		const env = { ...process.env };
		delete env.NODE_PATH;
		const t0 = Date.now();
		const child = spawnSync(process.execPath, [path.join(__dirname, 'load-installed.js'), installed], { cwd: path.dirname(modules), env, encoding: 'utf8', timeout: 60_000 });
		console.log(`# timing: load the installed copy ${seconds(t0)} s`);
		/** @type {any} */
		let seen = null;
		try {
			seen = JSON.parse(child.stdout.trim().split('\n').pop() ?? '');
		} catch {
			notOk('the installed copy loads in a child process', `${child.stdout}\n${child.stderr}`.trim());
			return;
		}
		const xmlOk = seen.xml?.kind === 'xml' && seen.xml.value?.JobStats?.status === 'Completed' && seen.xml.value.JobStats.percentComplete === 100 && seen.xml.value.JobStats.jobId === '4711';
		const desc = `installed copy (node_modules holds only ${beside.join(' and ')}): ${PARSER} does not resolve, and dist/nodes/shared/body.js parses XML`;
		if (seen.resolvesTo === null && xmlOk) ok(desc);
		else notOk(desc, JSON.stringify({ resolvesTo: seen.resolvesTo, xml: seen.xml }));
		const wanted = [...(packedManifest.n8n?.nodes ?? []), ...(packedManifest.n8n?.credentials ?? [])];
		const broken = wanted.filter((f) => !seen.loaded[f] || seen.loaded[f].startsWith('error:') || seen.loaded[f] === 'no export');
		if (wanted.length > 0 && broken.length === 0) ok(`installed copy: every node and credential of package.json's n8n field loads (${wanted.length} files)`);
		else notOk("installed copy: every node and credential of package.json's n8n field loads", broken.map((f) => `${f}: ${seen.loaded[f] ?? 'not tried'}`).join('\n') || 'the n8n field lists nothing');
	} finally {
		if (failed === 0) fs.rmSync(work, { recursive: true, force: true });
		else console.log(`# scratch folder kept: ${work}`);
		console.log(`# timing: whole scan ${seconds(tAll)} s`);
		console.log(`${passed} passed, ${failed} failed`);
		process.exitCode = failed === 0 ? 0 : 1;
	}
}

main().catch((error) => {
	console.error(error);
	console.log(`${passed} passed, ${failed + 1} failed`);
	process.exitCode = 1;
});
