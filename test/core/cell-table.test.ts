import { CellTable, NONE } from '../../src/core/cell-table';

describe('CellTable', () => {
  const cells = [
    { row: 5, col: 8 },
    { row: 1000005, col: 8 },
    { row: 4, col: 7 },
    { row: NaN, col: 3 },
    { row: 2.5, col: 3 },
    { row: 0, col: 2 },
    { row: 9, col: 0 },
  ];
  const table = (): CellTable => new CellTable(cells.length, (i) => cells[i].row, (i) => cells[i].col);

  it('holds a value per given cell; every other cell, and malformed ones, answer NONE', () => {
    const t = table();
    expect(t.get(5, 8)).toBe(NONE);
    t.set(5, 8, 1);
    t.set(1000005, 8, -2);
    t.set(4, 7, 0);
    expect([t.get(5, 8), t.get(1000005, 8), t.get(4, 7)]).toEqual([1, -2, 0]);
    // Inside the column's span but not set; outside it; another column; malformed.
    expect([t.get(6, 8), t.get(3, 8), t.get(1000006, 8), t.get(5, 9), t.get(2.5, 3), t.get(NaN, 8), t.get(0, 2), t.get(9, 0)]).toEqual(Array(8).fill(NONE));
  });

  it('ignores sets of cells it was not given', () => {
    const t = table();
    t.set(3, 3, 7);
    t.set(2.5, 3, 7);
    t.set(4.5, 7, 7);
    t.set(4, 9, 7);
    expect([t.get(3, 3), t.get(2.5, 3), t.get(4, 7), t.get(4, 9)]).toEqual([NONE, NONE, NONE, NONE]);
  });
});
