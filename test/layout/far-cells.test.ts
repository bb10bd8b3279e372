/**
 * Issue 6 item 1: one stray cell at the far corner of a sheet (XFD1048576, AMJ1048576) next
 * to a normal table. Layout work must grow with the number of non-empty cells, not with the
 * area of the used range (1,048,576 × 16,384 cells here).
 */
import { analyzeWorkbook, type Cell, type SheetGrid } from '../../src/core';
import { readWorkbook } from '../../src/cli/workbook';
import { fixture } from '../helpers/fixtures';

/**
 * Count the row lookups the engine makes into the sheet's cells; throw past `limit`, so
 * that a scan of the whole used range fails at once instead of running for minutes.
 */
function counted(sheet: SheetGrid, limit: number): { sheet: SheetGrid; reads: () => number } {
  let reads = 0;
  const cells = new Proxy(sheet.cells as (readonly (Cell | undefined)[] | undefined)[], {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key) && ++reads > limit) throw new Error(`more than ${limit} row reads`);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { sheet: { ...sheet, cells }, reads: () => reads };
}

/** The same sheet without the stray cell: only the table's rows and merges. */
function withoutStray(sheet: SheetGrid, lastRow: number, lastCol: number): SheetGrid {
  const cells = sheet.cells.slice(0, lastRow + 1);
  return { ...sheet, cells, rowCount: lastRow, colCount: lastCol };
}

describe.each([
  ['far-stray-xfd.xlsx', 'XFD1048576', 16384],
  ['far-stray-amj.xlsx', 'AMJ1048576', 1024],
])('%s: a stray x at %s', (file, _cell, lastCol) => {
  it('reads the sheet at its full used range and finds the one table, scored as without the stray cell', async () => {
    const { grid } = await readWorkbook(fixture(`edge/${file}`));
    const sheet = grid.sheets[0];
    // The conversion (src/cli/read.ts) keeps the used range and the one far cell.
    expect([sheet.rowCount, sheet.colCount]).toEqual([1048576, lastCol]);
    expect(sheet.cells[1048576]?.[lastCol]?.value).toEqual({ t: 'text', v: 'x' });

    const base = counted(withoutStray(sheet, 12, 9), 1e6);
    const plain = analyzeWorkbook({ sheets: [base.sheet] });
    const far = counted(sheet, 1e6);
    const r = analyzeWorkbook({ sheets: [far.sheet] });
    // The stray cell costs a handful of reads, not a scan of its rows and columns.
    expect(far.reads()).toBeLessThanOrEqual(base.reads() + 50);

    expect(r.tables.map((t) => [t.range, t.title, t.total.score, t.total.stated, t.grade.value])).toEqual([['A1:I12', '职工培训', 99, 99, '优']]);
    expect(r.tables[0].findings).toEqual([]);
    expect(r.plan).toEqual([]);
    expect(r.tables).toEqual(plain.tables);
  });
});

describe('merged areas far larger than the table', () => {
  // A merge is one record however large its area: a whole column merged by accident, or a
  // block down to the last row, must not cost a step per covered cell or row.
  it.each([
    ['a whole column J20:J1048576', { top: 20, left: 10, bottom: 1048576, right: 10 }],
    ['a block A20:XFD1048576', { top: 20, left: 1, bottom: 1048576, right: 16384 }],
    ['the title merged across the whole width A1:XFD1', { top: 1, left: 1, bottom: 1, right: 16384 }],
  ])('%s', async (_name, merge) => {
    const { grid } = await readWorkbook(fixture('edge/far-stray-xfd.xlsx'));
    const table = withoutStray(grid.sheets[0], 12, 9);
    const merges = merge.top === 1 ? [...table.merges.filter((m) => m.top !== 1), merge] : [...table.merges, merge];
    const base = counted(table, 1e6);
    const plain = analyzeWorkbook({ sheets: [base.sheet] });
    const big = counted({ ...table, merges, rowCount: Math.max(12, merge.bottom), colCount: Math.max(9, merge.right) }, 1e6);
    const r = analyzeWorkbook({ sheets: [big.sheet] });
    expect(big.reads()).toBeLessThanOrEqual(base.reads() + 50);
    expect(r.tables.map((t) => [t.range, t.total.score, t.total.stated, t.findings.map((f) => f.rule)])).toEqual([['A1:I12', 99, 99, []]]);
    expect(r.tables[0].indicators).toEqual(plain.tables[0].indicators);
  });
});
