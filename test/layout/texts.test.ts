/**
 * An indicator row's texts are read from the grid when asked for (issue 12, memory per row):
 * each role must read exactly the TextCell readText gives for the table's column — same
 * text, same merged-area anchor, undefined without the column — in fields and in JSON.
 * Real fixtures: seed000 (reasons merged across I:J), merged-actual-over-weight.xlsx (an
 * actual merged across 分值 and 得分, F18:I18), and seed000 with a reason merged down three rows.
 */
import { readGrid } from '../../src/cli/read';
import type { SheetGrid } from '../../src/core';
import type { Cell, MergedArea } from '../../src/core/grid';
import { readText } from '../../src/core/layout/cells';
import { detectTables } from '../../src/core/layout/detect';
import { INDICATOR_TEXT_ROLES, type TableLayout, type TextCell } from '../../src/core/layout/types';
import { SheetView } from '../../src/core/layout/view';
import { fixture } from '../helpers/fixtures';

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/** Every indicator's texts against readText on the table's columns; the number of merged text cells met. */
function expectPlainTexts(sheet: SheetGrid, tables: readonly TableLayout[]): number {
  const view = new SheetView(sheet);
  let merged = 0;
  let read = 0;
  for (const t of tables) {
    for (const ind of [...t.indicators, ...(t.breakdowns ?? [])]) {
      const expected: Partial<Record<string, TextCell>> = {};
      for (const role of INDICATOR_TEXT_ROLES) {
        const c = t.columns[role];
        const got = ind.texts[role];
        if (c === undefined) {
          expect(got).toBeUndefined();
          continue;
        }
        const want = readText(view, ind.row, c);
        expected[role] = { text: want.text, cell: want.cell };
        expect(got && { text: got.text, cell: got.cell }).toEqual({ text: want.text, cell: want.cell });
        if (view.merge(ind.row, c)) merged++;
        read++;
      }
      // JSON writes the present roles in role order, as the plain literal did.
      expect(JSON.stringify(ind.texts)).toBe(JSON.stringify(expected));
    }
  }
  expect(read).toBeGreaterThan(0);
  return merged;
}

async function firstSheet(name: string): Promise<SheetGrid> {
  const { grid } = await readGrid(fixture(name));
  return grid.sheets[0];
}

describe('lazy indicator texts', () => {
  it('read as readText on seed000, reasons merged across I:J', async () => {
    const sheet = await firstSheet('seed000-shijiazhuang.xlsx');
    const tables = detectTables(sheet);
    expect(expectPlainTexts(sheet, tables)).toBeGreaterThan(0);
    const row12 = tables[0].indicators[0];
    expect(plain(row12.texts)).toEqual({ target: { text: '≥3次', cell: 'E12' }, actual: { text: '3次', cell: 'F12' }, reason: { text: '', cell: 'I12' } });
    expect(row12.texts.description).toBeUndefined();
  });

  it('read the anchor of an actual merged across 分值 and 得分 (F18:I18)', async () => {
    const sheet = await firstSheet('edge/merged-actual-over-weight.xlsx');
    expect(expectPlainTexts(sheet, detectTables(sheet))).toBeGreaterThan(0);
  });

  it('read a reason merged down three rows from its top-left, on every row', async () => {
    const sheet = await firstSheet('seed000-shijiazhuang.xlsx');
    // Rows 12–14's reasons (I:J each) become one area I12:J14 holding a reason.
    const merges: MergedArea[] = sheet.merges.filter((m) => !(m.left === 9 && m.top >= 12 && m.top <= 14));
    merges.push({ top: 12, left: 9, bottom: 14, right: 10 });
    const cells = sheet.cells.map((r) => (r ? [...r] : r)) as (Cell | undefined)[][];
    cells[12][9] = { value: { t: 'text', v: '受天气影响延期' } };
    const merged: SheetGrid = { ...sheet, cells, merges };
    const tables = detectTables(merged);
    expect(expectPlainTexts(merged, tables)).toBeGreaterThanOrEqual(3);
    const rows = tables[0].indicators.filter((i) => i.row >= 12 && i.row <= 14);
    expect(rows.map((i) => [i.row, i.texts.reason?.text, i.texts.reason?.cell])).toEqual([
      [12, '受天气影响延期', 'I12'],
      [13, '受天气影响延期', 'I12'],
      [14, '受天气影响延期', 'I12'],
    ]);
  });

  it('are the same cell on every access, and enumerate through INDICATOR_TEXT_ROLES only', async () => {
    const sheet = await firstSheet('seed000-shijiazhuang.xlsx');
    const texts = detectTables(sheet)[0].indicators[1].texts;
    expect(plain(texts.target)).toEqual(plain(texts.target));
    expect(INDICATOR_TEXT_ROLES.filter((r) => texts[r] !== undefined)).toEqual(['target', 'actual', 'reason']);
  });
});
