// @ts-check
'use strict';
/**
 * Prints a matrix (rows × columns of short cells) to stderr, outside jest's console capture, so the
 * fault table reads as one table in the test output. Plain JS: n8n's lint rules keep `process` out of .ts.
 * @param {string} title @param {string[]} columns @param {Array<{ name: string, cells: string[] }>} rows
 */
function printMatrix(title, columns, rows) {
	const first = Math.max(...rows.map((r) => r.name.length), 0);
	const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r.cells[i] ?? '').length)));
	const line = (/** @type {string} */ name, /** @type {string[]} */ cells) =>
		`${name.padEnd(first)} | ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')}`;
	const out = [`\n${title}`, line('', columns), line('', widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(r.name, r.cells))];
	process.stderr.write(`${out.join('\n')}\n`);
}

module.exports = { printMatrix };
