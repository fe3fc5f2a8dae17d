import { XMLParser } from 'fast-xml-parser';

/*
 * The entry point of the one bundle this package ships: `npm run build` lets tsc emit this file, then
 * replaces dist/bundled/xmlParser.js with an esbuild bundle of it and fast-xml-parser
 * (scripts/bundle-xml-parser.js). fast-xml-parser is a devDependency: n8n installs a community package
 * without its devDependencies, and n8n Cloud and verified community nodes accept no runtime dependency.
 * It lives outside nodes/ so that no node source imports a package by name; nodes/shared/body.ts
 * imports this file by its relative path, which is the same in the source and in dist/.
 *
 * Entity processing stays off, and no caller can turn it on: an appliance's XML answer is data, never a
 * document that may expand entities (billion laughs) or reference external ones.
 */
const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	processEntities: false,
	parseTagValue: true,
	trimValues: true,
});

/**
 * Parses an XML document; throws on tags and attributes it cannot read and on external entities. It
 * does not check that every element is closed: nodes/shared/body.ts does that after it (xmlWellFormed.ts),
 * at a fraction of the cost of fast-xml-parser's validator, which reads the whole text a second time.
 */
export function parseXml(text: string): unknown {
	return parser.parse(text);
}
