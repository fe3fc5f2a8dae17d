// The XML parser is fast-xml-parser bundled into dist/ at build time (see bundled/xmlParser.ts).
import { parseXml } from '../../bundled/xmlParser';
import { checkWellFormed } from './xmlWellFormed';

export type BodyKind = 'json' | 'xml' | 'html' | 'text' | 'empty';

export interface ParsedBody {
	kind: BodyKind;
	/** The parsed JSON or XML; the raw text for html/text; null when empty or unparseable. */
	value: unknown;
	/** Set when the content type promised JSON or XML but the text could not be parsed. */
	parseError?: string;
}

function kindOf(contentType: string, text: string): BodyKind {
	if (text.trim() === '') return 'empty';
	const type = contentType.toLowerCase();
	if (type.includes('json')) return 'json';
	if (type.includes('xml')) return 'xml';
	if (type.includes('html')) return 'html';
	// Some appliances omit the content type; the first character tells.
	const first = text.trimStart()[0];
	if (first === '{' || first === '[' || first === '"') return 'json';
	if (first === '<') return /^\s*<(!doctype\s+html|html)/i.test(text) ? 'html' : 'xml';
	return 'text';
}

/** Parses a response body by its content type. Never throws: a broken body is reported, not raised. */
export function parseBody(text: string, contentType: string): ParsedBody {
	const kind = kindOf(contentType, text);
	try {
		if (kind === 'json') return { kind, value: JSON.parse(text) };
		if (kind === 'xml') {
			const value = parseXml(text);
			checkWellFormed(text);
			return { kind, value };
		}
	} catch (error) {
		return { kind, value: null, parseError: (error as Error).message };
	}
	return { kind, value: kind === 'empty' ? null : text };
}
