/**
 * The well-formedness the XML parser does not check itself, in one pass: every element closed, in
 * order; one root element; nothing but whitespace, comments, processing instructions and a DOCTYPE
 * outside it; no tag cut off. An answer cut off between two elements (or two documents run together)
 * then fails, instead of parsing into fewer records, which would read as fewer jobs.
 *
 * Why not fast-xml-parser's own validator: it walks every character and every attribute a second time
 * and costs about half as much as the parse; this looks at the tags only (the parser reads attributes,
 * entities and text itself, and throws on what it cannot read).
 */

/**
 * The rest of a start or end tag after its name: attributes (quoted values may hold `>`), then `>`.
 * The run of plain characters is taken whole (an atomic group through a lookahead), so a tag cut off
 * before its `>` fails in linear time instead of backtracking through every split of that run.
 */
const TAG_REST = /(?:(?=([^>"']+))\1|"[^"]*"|'[^']*')*>/y;
const NAME = /[^\s/>]+/y;
const NOT_SPACE = /[^\s\uFEFF]/;

function fail(message: string, at: number): never {
	throw new Error(`${message} (at character ${at})`);
}

/** Index just after `end`, searched from `from`; throws when the construct is cut off. */
function after(text: string, from: number, end: string, what: string, at: number): number {
	const found = text.indexOf(end, from);
	if (found < 0) fail(`Unclosed ${what}`, at);
	return found + end.length;
}

/** A DOCTYPE, with an internal subset in brackets that may hold `>`. */
function afterDoctype(text: string, at: number): number {
	const close = text.indexOf('>', at);
	const open = text.indexOf('[', at);
	if (open < 0 || (close >= 0 && close < open)) return close < 0 ? fail('Unclosed DOCTYPE', at) : close + 1;
	const subsetEnd = text.indexOf(']', open);
	if (subsetEnd < 0) fail('Unclosed DOCTYPE', at);
	return after(text, subsetEnd, '>', 'DOCTYPE', at);
}

/** Throws an Error naming the first well-formedness problem found; returns when there is none. */
export function checkWellFormed(text: string): void {
	const open: string[] = [];
	let roots = 0;
	let i = 0;
	for (;;) {
		const lt = text.indexOf('<', i);
		const textEnd = lt < 0 ? text.length : lt;
		if (open.length === 0 && textEnd > i && NOT_SPACE.test(text.slice(i, textEnd))) fail('Text outside the root element', i);
		if (lt < 0) break;
		if (text.startsWith('<?', lt)) {
			i = after(text, lt + 2, '?>', 'processing instruction', lt);
		} else if (text.startsWith('<!--', lt)) {
			i = after(text, lt + 4, '-->', 'comment', lt);
		} else if (text.startsWith('<![CDATA[', lt)) {
			if (open.length === 0) fail('CDATA outside the root element', lt);
			i = after(text, lt + 9, ']]>', 'CDATA section', lt);
		} else if (text.startsWith('<!', lt)) {
			if (roots > 0 || open.length > 0) fail('A declaration inside or after the root element', lt);
			i = afterDoctype(text, lt);
		} else {
			const closing = text.charCodeAt(lt + 1) === 47; // '/'
			NAME.lastIndex = lt + (closing ? 2 : 1);
			const name = NAME.exec(text)?.[0];
			if (name === undefined) fail('A tag without a name', lt);
			TAG_REST.lastIndex = NAME.lastIndex;
			if (!TAG_REST.test(text)) fail(`Tag '${name}' is not closed`, lt);
			i = TAG_REST.lastIndex;
			if (closing) {
				const expected = open.pop();
				if (expected !== name) fail(expected === undefined ? `Closing tag '${name}' without an opening tag` : `Expected closing tag '${expected}' instead of '${name}'`, lt);
			} else {
				if (open.length === 0 && ++roots > 1) fail(`A second root element '${name}'`, lt);
				// `<name …/>` closes itself.
				if (text.charCodeAt(i - 2) !== 47) open.push(name);
			}
		}
	}
	if (open.length > 0) fail(`Unclosed tag '${open[open.length - 1]}'`, text.length);
	if (roots === 0) fail('No root element', text.length);
}
