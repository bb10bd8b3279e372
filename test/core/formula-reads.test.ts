import { formulasReadingWrites, sheetFromRows, type CellEdit, type Cell } from '../../src/core';

const f = (formula: string): Cell => ({ value: { t: 'number', v: 0 }, formula });
const edit = (sheet: string, row: number, col: number, cell: string): CellEdit => ({ sheet, row, col, cell, role: 'score', value: 1, previous: { t: 'empty' } });

describe('formulasReadingWrites', () => {
  const main = sheetFromRows('自评表', [
    [f('H5*2'), f('SUM(H2:H4)'), f('SUM(H7:H9)'), f('G5'), f('SUM(G2:J3)'), f('Data!B2+1')],
    [f('$H$10'), f('SUM(A1:C1)')],
  ]);
  const other = sheetFromRows('Data', [[f('自评表!H3'), f("'自评表'!K1:K99"), f('自评表!H4:H4'), f('自评表!H6')]]);
  const book = { sheets: [main, other] };

  it('finds formulas whose cell or range covers a written cell, on any sheet, whatever the plan order', () => {
    // Written: H10, H3, H5 and J8 on 自评表 (out of row order), B2 on Data (named DATA in the plan).
    const plan = [edit('自评表', 10, 8, 'H10'), edit('自评表', 3, 8, 'H3'), edit('自评表', 5, 8, 'H5'), edit('自评表', 8, 10, 'J8'), edit('DATA', 2, 2, 'B2')];
    expect(formulasReadingWrites(book, plan)).toEqual([
      { sheet: '自评表', cell: 'A1' }, // H5
      { sheet: '自评表', cell: 'B1' }, // H2:H4 holds H3
      { sheet: '自评表', cell: 'E1' }, // G2:J3 holds H3
      { sheet: '自评表', cell: 'F1' }, // Data!B2
      { sheet: '自评表', cell: 'A2' }, // $H$10
      { sheet: 'Data', cell: 'A1' }, // 自评表!H3
    ]);
    // H7:H9 holds no written cell (J8 is another column); G5 and H4:H4 are not written.
  });

  it('a range ends count: the first and last row and column of a range', () => {
    expect(formulasReadingWrites(book, [edit('自评表', 99, 11, 'K99')])).toEqual([{ sheet: 'Data', cell: 'B1' }]);
    expect(formulasReadingWrites(book, [edit('自评表', 1, 11, 'K1'), edit('自评表', 2, 7, 'G2')])).toEqual([
      { sheet: '自评表', cell: 'E1' },
      { sheet: 'Data', cell: 'B1' },
    ]);
    expect(formulasReadingWrites(book, [edit('自评表', 100, 11, 'K100'), edit('自评表', 4, 10, 'J4'), edit('自评表', 6, 9, 'I6')])).toEqual([]);
  });

  it('an empty plan reads nothing', () => {
    expect(formulasReadingWrites(book, [])).toEqual([]);
  });
});
