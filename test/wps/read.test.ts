/**
 * Reading through the WPS object model gives the engine the same grid as the CLI's reader:
 * `analyzeWorkbook` over the WPS read equals `jixiao check --json` on every fixture and
 * example, with a number of object-model calls far below one per cell.
 */
import * as path from 'path';
import { analyzeWorkbook } from '../../src/core';
import { readWorksheets, uniformBlocks, mergedAreas, rawValue, normalFormat, bgrToHex, hexToBgr } from '../../src/wps/read';
import { jixiao } from '../helpers/cli';
import { FakeBook, FakeSheet, createFakeWps } from '../fake-wps';
import { ROOT, fakeFor, parityFiles, worksheetsOf } from './helpers';

const FILES = parityFiles();

test('there are workbooks to compare', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(10);
});

describe.each(FILES.map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
  test('same tables, scores and findings as jixiao check --json; bulk reads only', async () => {
    const expected = JSON.parse((await jixiao('check', file, '--json')).out).files[0];
    const fake = await fakeFor(file);
    fake.app.resetCounters();
    const read = readWorksheets(worksheetsOf(fake), { fills: false }, () => fake.app.calls);
    const result = analyzeWorkbook(read.grid);
    expect(JSON.parse(JSON.stringify(result.tables))).toEqual(expected.tables ?? []);
    // Bulk: a cell-by-cell reader needs 4 calls a cell (Value2, Formula, NumberFormat,
    // MergeArea); these merge-dense forms cost under 3, a large table far less (below).
    const cells = read.sheets.reduce((n, s) => n + s.grid.rowCount * s.grid.colCount, 0);
    expect(fake.app.calls).toBeLessThan(3 * cells);
  });
});

describe('object-model values', () => {
  test('empty, errors and dates as WPS may hand them over', () => {
    expect(rawValue(undefined)).toBe('');
    expect(rawValue(null)).toBe('');
    expect(rawValue('#DIV/0!')).toBe('#DIV/0!');
    expect(rawValue(-2146826281)).toBe('#DIV/0!');
    expect(rawValue(-2146826246)).toBe('#N/A');
    expect(rawValue(45291)).toBe(45291);
    expect(rawValue(new Date(Date.UTC(2023, 11, 31)))).toBe(45291);
    expect(normalFormat('G/通用格式')).toBe('General');
    expect(normalFormat(null)).toBe('General');
    expect(normalFormat('0.00%')).toBe('0.00%');
  });

  test('Interior.Color is BGR: #FFC7CE is 0xCEC7FF', () => {
    expect(hexToBgr('#FFC7CE')).toBe(0xcec7ff);
    expect(bgrToHex(0xcec7ff)).toBe('#FFC7CE');
    expect(hexToBgr('FFFFCCD1')).toBe(0xd1ccff);
  });
});

describe('bulk reading by halving', () => {
  test('merges and number formats of a real sheet are found exactly', async () => {
    const fake = await fakeFor(path.join(ROOT, 'examples', 'seed002-shigu.xlsx'));
    worksheetsOf(fake).forEach((ws, i) => {
      const used = ws.UsedRange;
      const area = { top: used.Row, left: used.Column, bottom: used.Row + used.Rows.Count - 1, right: used.Column + used.Columns.Count - 1 };
      const blocks = uniformBlocks(ws, area, (r) => r.NumberFormat);
      const cells = (area.bottom - area.top + 1) * (area.right - area.left + 1);
      expect(blocks.reduce((n, b) => n + (b.area.bottom - b.area.top + 1) * (b.area.right - b.area.left + 1), 0)).toBe(cells);
      for (const b of blocks) for (let r = b.area.top; r <= b.area.bottom; r++) for (let c = b.area.left; c <= b.area.right; c++) expect(fake.book.sheets[i].get(r, c)?.nf ?? 'General').toBe(b.value);
      expect(mergedAreas(ws, area)).toEqual([...fake.book.sheets[i].merges].sort((a, b) => a.top - b.top || a.left - b.left));
    });
  });

  test('a 3,000-row table costs calls per row and per merge, not per cell', () => {
    const book = new FakeBook('big.xlsx');
    const sheet = new FakeSheet('大表');
    for (let r = 1; r <= 3000; r++) {
      for (let c = 1; c <= 10; c++) sheet.set(r, c, { v: c === 1 ? (r % 10 === 1 ? `一级${r}` : '') : r * c, ...(c === 8 ? { nf: '0.00%' } : {}) });
    }
    for (let r = 1; r <= 3000; r += 10) sheet.merges.push({ top: r, left: 1, bottom: r + 9, right: 1 });
    book.sheets.push(sheet);
    const fake = createFakeWps(book);
    fake.app.resetCounters();
    const read = readWorksheets(worksheetsOf(fake), { fills: false }, () => fake.app.calls);
    expect(read.sheets[0].grid.merges).toHaveLength(300);
    expect(read.sheets[0].grid.cells[5]?.[8]?.numFmt).toBe('0.00%');
    // 30,000 cells: a dozen calls per merge (found by halving) and a few per format block.
    expect(fake.app.calls).toBeLessThan(15 * 300 + 200);
    console.log(`WPS 读取 3000 行 × 10 列（300 个合并区域）：${fake.app.calls} 次对象模型调用（30000 个单元格）`);
  });
});
