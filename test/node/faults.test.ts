/**
 * The fault table (test/harness/faultTable.ts) for every vendor: each row an operation, each cell a
 * fault. A cell passes when the node recovers after the expected attempts, or ends in the expected
 * clear error; the matrix (a line per fault, a column per operation) is printed with "ok N" / "err N" (N attempts) and "FAIL" where a cell broke.
 * A new vendor adds its rows to ROWS. A write (a start) has the cells of WRITE_CELLS: nothing is retried.
 */
import { CELLS, runCell, WRITE_CELLS, type CellResult } from '../harness/faultTable';
import { printMatrix } from '../harness/printMatrix';
import { cohesityRows } from './faults/cohesity';
import { commvaultRows } from './faults/commvault';
import { huaweiRows } from './faults/huawei';
import { vcenterRows } from './faults/vcenter';
import { veeamRows } from './faults/veeam';
import { veeamBrRows } from './faults/veeamBr';

const ROWS = [...vcenterRows, ...cohesityRows, ...commvaultRows, ...veeamRows, ...huaweiRows, ...veeamBrRows];

/** The shared cells, then each vendor's own (by name, once), as lines of the matrix. */
const cellsOf = (row: (typeof ROWS)[number]) => [...(row.write ? WRITE_CELLS : CELLS), ...(row.cells ?? [])];
const ALL_CELLS = [...new Map(ROWS.flatMap(cellsOf).map((cell) => [cell.name, cell])).values()];

const results = new Map<string, CellResult>();

afterAll(() => {
	printMatrix(
		'fault table (ok N: recovered on attempt N; err N: the expected error after N attempts)',
		ROWS.map((row) => `${row.vendor} ${row.operation}`),
		ALL_CELLS.map((cell) => ({
			name: cell.name,
			cells: ROWS.map((row) => {
				const result = results.get(`${row.vendor} ${row.operation} ${cell.name}`);
				return result === undefined ? '-' : result.ok ? result.summary : 'FAIL';
			}),
		})),
	);
});

describe.each(ROWS.map((row) => [`${row.vendor} ${row.operation}`, row] as const))('%s', (name, row) => {
	// Each cell has its own simulator on its own port, so the cells of a row run side by side.
	it.concurrent.each(cellsOf(row).map((cell) => [cell.name, cell] as const))('%s', async (cellName, cell) => {
		const result = await runCell(row, cell);
		results.set(`${name} ${cellName}`, result);
		expect(result.problems).toEqual([]);
	});
});
