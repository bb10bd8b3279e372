/** One cell through the WPS object model, and the document store (src/wps/cells.ts, store.ts). */
import { FakeBook, FakeSheet, createFakeWps, type FakeWps } from '../fake-wps';
import { readAspects, toValue2, wouldParse, writeAspects } from '../../src/wps/cells';
import { STORE_SHEET, readStore, writeStore } from '../../src/wps/store';
import type { WpsWorkbook, WpsWorksheet } from '../../src/wps/types';

function fake(): FakeWps {
  const book = new FakeBook('t.xlsx');
  const s = new FakeSheet('表1');
  s.set(1, 1, { v: 90, nf: '0.00' });
  s.set(2, 1, { v: 3, f: '=1+2' });
  s.set(3, 1, { v: '=文字', nf: '@' });
  book.sheets.push(s);
  return createFakeWps(book);
}
const book = (f: FakeWps): WpsWorkbook => (f.Application as unknown as { ActiveWorkbook: WpsWorkbook }).ActiveWorkbook;
const sheet = (f: FakeWps): WpsWorksheet => book(f).Worksheets.Item(1);

test('reads value, formula, format, fill and note; a text constant starting with = is no formula', () => {
  const f = fake();
  const ws = sheet(f);
  expect(readAspects(ws.Range('A1'), ['value', 'formula', 'numFmt', 'fill', 'note'])).toEqual({ value: 90, formula: null, numFmt: '0.00', fill: null, note: null });
  expect(readAspects(ws.Range('A2'), ['value', 'formula'])).toEqual({ value: 3, formula: '=1+2' });
  expect(readAspects(ws.Range('A3'), ['value', 'formula'])).toEqual({ value: '=文字', formula: null });
});

test('writes ARGB fills as BGR, notes as comments, text that would parse with an apostrophe', () => {
  const f = fake();
  const ws = sheet(f);
  writeAspects(ws.Range('B1'), { value: '95.67', numFmt: '@', fill: 'FFFFCCD1', note: '【绩效自评助手】x' });
  expect(f.book.sheets[0].get(1, 2)).toEqual({ v: '95.67', nf: '@', fill: 0xd1ccff });
  expect(f.book.sheets[0].comment(1, 2)).toBe('【绩效自评助手】x');
  expect(readAspects(ws.Range('B1'), ['value', 'fill', 'note'])).toEqual({ value: '95.67', fill: 'FFFFCCD1', note: '【绩效自评助手】x' });
  writeAspects(ws.Range('B1'), { fill: null, note: null });
  expect(readAspects(ws.Range('B1'), ['fill', 'note'])).toEqual({ fill: null, note: null });
  writeAspects(ws.Range('A2'), { value: 5, formula: null });
  expect(readAspects(ws.Range('A2'), ['value', 'formula'])).toEqual({ value: 5, formula: null });
  writeAspects(ws.Range('A2'), { formula: '=1+2' });
  expect(readAspects(ws.Range('A2'), ['formula'])).toEqual({ formula: '=1+2' });
});

test('which text WPS would parse', () => {
  for (const t of ['6', ' 6 ', '56.67%', '1,234.5', '=A1', '+1', '-', '@x', 'TRUE', '2023-12-31', '2023年12月', '12月31日', '10:30']) expect(wouldParse(t)).toBe(true);
  for (const t of ['优', '≥90%', '全面完成', '帮扶39人', '2023年度', '']) expect(wouldParse(t)).toBe(false);
  expect(toValue2('6')).toBe("'6");
  expect(toValue2(6)).toBe(6);
  expect(toValue2('优')).toBe('优');
});

test('the store: a very hidden sheet, any size, JSON back as written; null deletes; the user’s sheet stays active', () => {
  const f = fake();
  expect(readStore(book(f), ['a'])).toEqual({});
  const big = { cells: Array.from({ length: 3000 }, (_, i) => ({ sheet: '表1', cell: `A${i}`, before: { value: '6' } })) };
  writeStore(book(f), { 'jixiao.settings': { profile: 'hubei', year: 2023 }, 'jixiao.undo': big });
  const store = f.book.sheet(STORE_SHEET)!;
  expect(store.visible).toBe(2);
  expect(f.book.activeSheet?.name).toBe('表1');
  expect(JSON.stringify(big).length).toBeGreaterThan(60000);
  expect(readStore(book(f), ['jixiao.settings', 'jixiao.undo', 'none'])).toEqual({ 'jixiao.settings': { profile: 'hubei', year: 2023 }, 'jixiao.undo': big });
  writeStore(book(f), { 'jixiao.undo': null });
  expect(readStore(book(f), ['jixiao.settings', 'jixiao.undo'])).toEqual({ 'jixiao.settings': { profile: 'hubei', year: 2023 } });
  writeStore(book(f), { 'jixiao.n': 6 });
  expect(readStore(book(f), ['jixiao.n'])).toEqual({ 'jixiao.n': 6 });
});
