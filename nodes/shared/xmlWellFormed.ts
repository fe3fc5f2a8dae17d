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
 * A start or end tag from its name on: the name (captured), its attributes (quoted values may hold
 * `>`), then `>`. Written as an unrolled loop (plain run, then quoted value and plain run, repeated),
 * so that every character has one way to match: a tag cut off before its `>` fails in linear time
 * instead of backtracking through every split of a long run.
 */
const TAG = /([^\s/>"'<]+)(?=[\s/>])[^>"'<]*(?:(?:"[^"]*"|'[^']*')[^>"'<]*)*>/y;
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

/** A comment, a CDATA section (inside the root only) or a DOCTYPE (before it only), from its `<!`. */
function afterDeclaration(text: string, lt: number, inRoot: boolean, rootSeen: boolean): number {
	if (text.startsWith('<!--', lt)) return after(text, lt + 4, '-->', 'comment', lt);
	if (text.startsWith('<![CDATA[', lt)) {
		if (!inRoot) fail('CDATA outside the root element', lt);
		return after(text, lt + 9, ']]>', 'CDATA section', lt);
	}
	if (inRoot || rootSeen) fail('A declaration inside or after the root element', lt);
	return afterDoctype(text, lt);
}

/** Why a tag did not match: no name, or no end. */
function tagProblem(text: string, from: number): string {
	const name = /[^\s/>"'<]*/y;
	name.lastIndex = from;
	const found = name.exec(text)?.[0] ?? '';
	return found === '' ? 'A tag without a name' : `Tag '${found}' is not closed`;
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
		const next = text.charCodeAt(lt + 1);
		if (next === 63 /* ? */) {
			i = after(text, lt + 2, '?>', 'processing instruction', lt);
		} else if (next === 33 /* ! */) {
			i = afterDeclaration(text, lt, open.length > 0, roots > 0);
		} else {
			const closing = next === 47; // '/'
			TAG.lastIndex = lt + (closing ? 2 : 1);
			const name = TAG.exec(text)?.[1];
			if (name === undefined) fail(tagProblem(text, lt + (closing ? 2 : 1)), lt);
			i = TAG.lastIndex;
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
