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
/** XML's five predefined entities: part of every document's text, not declared, never expanding. */
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * With entity processing off the parser leaves `&amp;`, `&quot;` and character references as they
 * are, so a job named `Backup & Replication` would read as `Backup &amp; Replication` in XML and not in
 * JSON. These are decoded here; anything else (a DOCTYPE's entities) stays as written.
 */
function decodeText(_name: string, value: unknown): unknown {
	if (typeof value !== 'string' || !value.includes('&')) return value;
	return value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, ref: string) => {
		if (ref[0] !== '#') return PREDEFINED[ref];
		const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	processEntities: false,
	parseTagValue: true,
	trimValues: true,
	tagValueProcessor: decodeText,
	attributeValueProcessor: decodeText,
});

/**
 * Parses an XML document; throws on tags and attributes it cannot read and on external entities. It
 * does not check that every element is closed: nodes/shared/body.ts does that after it (xmlWellFormed.ts),
 * at a fraction of the cost of fast-xml-parser's validator, which reads the whole text a second time.
 */
export function parseXml(text: string): unknown {
	return parser.parse(text);
}
