/**
 * Number and text cells are small classes that read the grid cell and make their address on
 * demand (issue 12, memory per indicator row): they must read exactly as the plain literals
 * they replace, in fields and in JSON. On merged-actual-over-weight.xlsx (scripts/edge-cases/
 * layout.ts): G17/H17 numbers, F18:I18 an actual merged across 分值 and 得分, I17 empty.
 */
import { readGrid } from '../../src/cli/read';
import type { SheetGrid } from '../../src/core';
import { readNumber, readText } from '../../src/core/layout/cells';
import { SheetView } from '../../src/core/layout/view';
import { fixture } from '../helpers/fixtures';

let sheet: SheetGrid;
let view: SheetView;

beforeAll(async () => {
  const { grid } = await readGrid(fixture('edge/merged-actual-over-weight.xlsx'));
  sheet = grid.sheets[0];
  view = new SheetView(sheet);
});

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

describe('number cells', () => {
  it('a number reads its value, raw value and format through the grid cell', () => {
    const n = readNumber(view, 17, 7);
    expect([n.row, n.col, n.cell, n.value?.toString(), n.fromText, n.percent, n.offColumn, n.formula, n.formulaWithoutResult]).toEqual([17, 7, 'G17', '10', false, false, undefined, undefined, undefined]);
    expect(n.raw).toBe(sheet.cells[17]![7]!.value);
    expect(n.numFmt).toBe(sheet.cells[17]![7]!.numFmt);
    expect(plain(n)).toEqual({ row: 17, col: 7, cell: 'G17', raw: { t: 'number', v: 10 }, value: '10', fromText: false, percent: false });
  });

  it('a cell under a merge anchored in another column reads the anchor, flagged offColumn', () => {
    const n = readNumber(view, 18, 7);
    expect([n.row, n.col, n.cell, n.value?.toString(), n.fromText, n.percent, n.offColumn]).toEqual([18, 6, 'F18', '98', true, true, true]);
    expect(plain(n)).toEqual({ row: 18, col: 6, cell: 'F18', raw: { t: 'text', v: '98%' }, value: '98', fromText: true, percent: true, offColumn: true });
  });

  it('an empty cell with no grid cell keeps its place and reads as empty', () => {
    expect(sheet.cells[17]![9]).toBeUndefined();
    const n = readNumber(view, 17, 9);
    expect([n.row, n.col, n.cell, n.value, n.raw, n.fromText, n.percent, n.offColumn, n.formula, n.numFmt]).toEqual([17, 9, 'I17', null, { t: 'empty' }, false, false, undefined, undefined, undefined]);
    expect(plain(n)).toEqual({ row: 17, col: 9, cell: 'I17', raw: { t: 'empty' }, value: null, fromText: false, percent: false });
  });
});

describe('text cells', () => {
  it('read the text and the merged area’s top-left address, in fields and in JSON', () => {
    const own = readText(view, 17, 5);
    const merged = readText(view, 18, 9);
    expect([own.text, own.cell, merged.text, merged.cell]).toEqual(['≥90%', 'E17', '98%', 'F18']);
    expect([plain(own), plain(merged)]).toEqual([
      { text: '≥90%', cell: 'E17' },
      { text: '98%', cell: 'F18' },
    ]);
  });
});
