// @ts-check
'use strict';
/**
 * The size of what users download: `npm pack --dry-run --json` on the built package (packed and
 * unpacked bytes, files) and the share of the bundled XML parser. Part of `npm run bench`; alone, after
 * `npm run build`: `node test/bench/package-size.external.js`.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const BUNDLE = path.join('dist', 'bundled', 'xmlParser.js');

const scenario = {
	name: 'package size',
	skip() {
		return fs.existsSync(path.join(root, BUNDLE)) ? undefined : `${BUNDLE} is missing: run npm run build`;
	},
	async run() {
		const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
		if (pack.status !== 0) throw new Error(`npm pack --dry-run exited ${pack.status}: ${pack.stderr.trim().split('\n').pop()}`);
		/** @type {{ size: number, unpackedSize: number, entryCount: number, files: { path: string, size: number }[] }} */
		const info = JSON.parse(pack.stdout)[0];
		const bundle = info.files.find((f) => f.path === BUNDLE.split(path.sep).join('/'));
		const note = `${info.entryCount} files; ${BUNDLE} (fast-xml-parser bundled) ${bundle ? bundle.size : '?'} B unpacked`;
		return [
			{ name: 'package: packed size (npm pack --dry-run)', value: info.size, unit: 'B', note },
			{ name: 'package: unpacked size', value: info.unpackedSize, unit: 'B' },
		];
	},
};

module.exports = scenario;

if (require.main === module) {
	const skipped = scenario.skip();
	if (skipped) {
		console.error(`package size: ${skipped}`);
		process.exitCode = 1;
	} else {
		scenario.run().then(
			(records) => {
				for (const r of records) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
			},
			(error) => {
				console.error(error);
				process.exitCode = 1;
			},
		);
	}
}
