// @ts-check
'use strict';
/**
 * Bundles bundled/xmlParser.ts and fast-xml-parser (with its own dependencies) into one CommonJS file
 * that requires nothing, and writes the licence texts of what it inlined beside it. The build
 * (gulpfile.js, `build:xml-parser`) writes it over tsc's dist/bundled/xmlParser.js; the hostile-XML
 * test builds the same bundle into a scratch folder, so it tests the code n8n loads.
 *
 * Not minified: the shipped parser stays readable for review and for stack traces (about 15 kB more
 * in the tarball than minified). esbuild follows fast-xml-parser's ES module entry, so the XML builder
 * it also exports is left out.
 */
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const ENTRY = path.join(root, 'bundled', 'xmlParser.ts');
/** Where the build puts the bundle: tsc's output path of ENTRY, which dist/nodes/shared/body.js requires. */
const DIST_FILE = path.join(root, 'dist', 'bundled', 'xmlParser.js');

/** @param {string} file @returns {{ name: string, version: string, license: string, dir: string }} */
function packageOf(file) {
	for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (fs.existsSync(manifest)) {
			const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
			if (pkg.name) return { name: pkg.name, version: pkg.version, license: String(pkg.license ?? 'UNKNOWN'), dir };
		}
	}
	throw new Error(`bundle-xml-parser: no package.json above ${file}`);
}

/**
 * Writes the bundle to `outfile` and `<outfile without .js>.LICENSES.txt` beside it.
 * @param {string} [outfile]
 * @returns {Promise<{ outfile: string, bytes: number, packages: string[] }>}
 */
async function bundleXmlParser(outfile = DIST_FILE) {
	const result = await esbuild.build({
		absWorkingDir: root,
		entryPoints: [ENTRY],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		write: false,
		outfile,
		metafile: true,
		legalComments: 'inline',
		// The per-module comments then name node_modules/… as seen from the repository, whether or not
		// node_modules is a symlink, so the bundle is the same on every machine.
		preserveSymlinks: true,
		logLevel: 'warning',
	});
	const output = result.outputFiles.find((f) => f.path.endsWith('.js'));
	if (!output) throw new Error('bundle-xml-parser: esbuild wrote no .js file');
	const meta = Object.values(result.metafile.outputs)[0];
	if (meta.imports.length > 0) {
		throw new Error(`bundle-xml-parser: the bundle still imports ${meta.imports.map((i) => i.path).join(', ')}`);
	}

	/** @type {Map<string, ReturnType<typeof packageOf>>} */
	const packages = new Map();
	for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
		if (bytesInOutput === 0 || !input.includes('node_modules')) continue;
		const pkg = packageOf(path.resolve(root, input));
		packages.set(`${pkg.name}@${pkg.version}`, pkg);
	}
	const names = [...packages.keys()].sort();
	const licensesFile = outfile.replace(/\.js$/, '.LICENSES.txt');
	const header =
		`/* ${path.basename(outfile)}: bundled/xmlParser.ts with ${names.map((n) => `${n} (${packages.get(n)?.license})`).join(', ')},\n` +
		` * bundled by scripts/bundle-xml-parser.js. Licence texts: ${path.basename(licensesFile)}. */\n`;
	fs.mkdirSync(path.dirname(outfile), { recursive: true });
	fs.writeFileSync(outfile, header + output.text);
	// tsc's source map described the file this bundle replaces.
	fs.rmSync(`${outfile}.map`, { force: true });

	const licenses = names.map((n) => {
		const pkg = /** @type {ReturnType<typeof packageOf>} */ (packages.get(n));
		const file = fs.readdirSync(pkg.dir).find((f) => /^licen[cs]e/i.test(f));
		const text = file ? fs.readFileSync(path.join(pkg.dir, file), 'utf8').trim() : `${pkg.license}, as its package.json states; the package ships no licence text.`;
		return `${n} (${pkg.license})\n${'-'.repeat(n.length + pkg.license.length + 3)}\n${text}\n`;
	});
	fs.writeFileSync(licensesFile, `Third-party code bundled into ${path.basename(outfile)}\n\n${licenses.join('\n')}`);
	return { outfile, bytes: Buffer.byteLength(header + output.text), packages: names };
}

/**
 * Every .js file under `dir` that requires or imports `name` (or a subpath of it), relative to `dir`.
 * @param {string} dir
 * @param {string} name
 */
function filesRequiring(dir, name) {
	const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	const pattern = new RegExp(`(?:require\\s*\\(\\s*|\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s+)["'\`]${escaped}(?:/[^"'\`]*)?["'\`]`);
	/** @type {string[]} */
	const found = [];
	for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
		const file = path.join(entry.parentPath ?? entry.path, entry.name);
		if (pattern.test(fs.readFileSync(file, 'utf8'))) found.push(path.relative(dir, file));
	}
	return found.sort();
}

module.exports = { bundleXmlParser, filesRequiring, DIST_FILE, ENTRY };
