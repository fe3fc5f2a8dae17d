// The build's second step, after tsc: copies the node and credential icons next to the compiled code
// (n8n resolves `file:` icons relative to the .js file that names them) and bundles fast-xml-parser into
// dist/bundled/xmlParser.js, so the package has no runtime dependency (scripts/bundle-xml-parser.js).
const path = require('node:path');
const { src, dest, parallel } = require('gulp');
const { bundleXmlParser, filesRequiring } = require('./scripts/bundle-xml-parser');

function buildIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

async function buildXmlParser() {
	await bundleXmlParser();
	const left = filesRequiring(path.join(__dirname, 'dist'), 'fast-xml-parser');
	if (left.length > 0) throw new Error(`dist/ still requires fast-xml-parser: ${left.join(', ')}`);
}

exports['build:icons'] = buildIcons;
exports['build:xml-parser'] = buildXmlParser;
exports.build = parallel(buildIcons, buildXmlParser);
