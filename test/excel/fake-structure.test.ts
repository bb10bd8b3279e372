/**
 * The fake Excel's structural API, as Office.js behaves: worksheet copy/delete/name/position/
 * visibility, whole-row deletion shifting cells, merges, heights, notes and formulas, merge and
 * unmerge, row height, and protection errors. Then 清理模板's undo restores row heights too.
 */
import * as path from 'path';
import { createFakeHost, FakeWorkbook, type WorkbookSnapshot } from '../fake-excel';

type FakeRequestContext = Excel.RequestContext;
import { snapshotFromFile } from '../fake-excel/load';
import { harness } from './helpers';

const SNAP: WorkbookSnapshot = {
  sheets: [
    {
      name: '表一',
      cells: { A1: { v: '标题' }, A2: { v: 1 }, A3: { v: 2 }, A4: { v: 3 }, A5: { v: 4 }, B5: { v: 4, f: '=SUM(A2:A4)' } },
      merges: ['C2:C4', 'D5:E6'],
      notes: { A4: '备注' },
      rowHeights: { '4': 30, '5': 40 },
    },
    { name: '表二', cells: { A1: { v: 3, f: "=表一!A4+'表一'!A5" } }, merges: [] },
  ],
};

async function batch<T>(fake: ReturnType<typeof createFakeHost>, f: (c: FakeRequestContext) => Promise<T> | T): Promise<T> {
  return fake.Excel.run(async (c) => {
    const out = await f(c);
    await c.sync();
    return out;
  });
}

test('copy names the copy "X (2)" and places it per positionType; name, position and visibility are settable', async () => {
  const fake = createFakeHost(SNAP);
  // Worksheet.copy reference: the default "None" inserts the copy at the beginning.
  await batch(fake, (c) => void c.workbook.worksheets.getItem('表一').copy());
  expect(fake.state.sheets.map((s) => s.name)).toEqual(['表一 (2)', '表一', '表二']);
  await batch(fake, (c) => void c.workbook.worksheets.getItem('表一').copy('End'));
  expect(fake.state.sheets.map((s) => s.name)).toEqual(['表一 (2)', '表一', '表二', '表一 (3)']);
  const copy = fake.state.sheet('表一 (3)')!;
  expect(copy.toSnapshot().merges).toEqual(['C2:C4', 'D5:E6']);
  expect(copy.rowHeights.get(5)).toBe(40);
  expect(fake.state.cell('表一 (3)', 'A4').note).toBe('备注');
  await batch(fake, (c) => {
    const w = c.workbook.worksheets.getItem('表一 (3)');
    w.name = '备份';
    w.visibility = 'VeryHidden';
    w.position = 0;
  });
  expect(fake.state.sheets.map((s) => `${s.name}:${s.visibility}`)).toEqual(['备份:VeryHidden', '表一 (2):Visible', '表一:Visible', '表二:Visible']);
  expect(fake.state.cell('备份', 'A4').note).toBe('备注');
  await expect(batch(fake, (c) => void (c.workbook.worksheets.getItem('备份').name = '表二'))).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
  const read = await batch(fake, (c) => c.workbook.worksheets.getItem('备份').load('visibility,position'));
  expect([read.visibility, read.position]).toEqual(['VeryHidden', 0]);
});

test('a workbook keeps one visible sheet: deleting or hiding the last one fails', async () => {
  const fake = createFakeHost({ sheets: [SNAP.sheets[0]] });
  await expect(batch(fake, (c) => c.workbook.worksheets.getItem('表一').delete())).rejects.toMatchObject({ code: 'InvalidOperation' });
  await expect(batch(fake, (c) => void (c.workbook.worksheets.getItem('表一').visibility = 'VeryHidden'))).rejects.toMatchObject({ code: 'InvalidOperation' });
});

test('deleting rows shifts cells, merges, heights, notes and formulas on every sheet', async () => {
  const fake = createFakeHost(SNAP);
  await batch(fake, (c) => c.workbook.worksheets.getItem('表一').getRange('3:3').delete('Up'));
  const s = fake.state.toSnapshot().sheets;
  expect(Object.fromEntries(Object.entries(s[0].cells).map(([a, c]) => [a, c.f ?? c.v]))).toEqual({ A1: '标题', A2: 1, A3: 3, A4: 4, B4: '=SUM(A2:A3)' });
  expect(s[0].merges).toEqual(['C2:C3', 'D4:E5']);
  expect(s[0].rowHeights).toEqual({ '3': 30, '4': 40 });
  expect(s[0].notes).toEqual({ A3: '备注' });
  expect(s[1].cells.A1.f).toBe("=表一!A3+'表一'!A4");
  // A merge losing all but one cell of a single column goes.
  await batch(fake, (c) => c.workbook.worksheets.getItem('表一').getRange('3:3').delete('Up'));
  expect(fake.state.toSnapshot().sheets[0].merges).toEqual(['D3:E4']);
});

test('merge keeps the top-left value; unmerge splits every overlapping area; row height; protection refuses', async () => {
  const fake = createFakeHost(SNAP);
  await batch(fake, (c) => {
    const w = c.workbook.worksheets.getItem('表一');
    w.getRange('A2:A3').merge(false);
    w.getRange('D5').unmerge();
    w.getRange('2:2').format.rowHeight = 22.5;
  });
  expect(fake.state.cell('表一', 'A2').value).toBe(1);
  expect(fake.state.cell('表一', 'A3').value).toBe('');
  expect(fake.state.sheet('表一')!.toSnapshot().merges).toEqual(['C2:C4', 'A2:A3']);
  const h = await batch(fake, (c) => c.workbook.worksheets.getItem('表一').getRange('2:2').format.load('rowHeight'));
  expect(h.rowHeight).toBe(22.5);
  fake.state.sheets[0].protected = true;
  for (const op of [(w: ReturnType<FakeRequestContext['workbook']['worksheets']['getItem']>) => w.getRange('A2:A3').unmerge(), (w: ReturnType<FakeRequestContext['workbook']['worksheets']['getItem']>) => w.getRange('3:3').delete('Up'), (w: ReturnType<FakeRequestContext['workbook']['worksheets']['getItem']>) => w.getRange('C5:C6').merge()]) {
    await expect(batch(fake, (c) => op(c.workbook.worksheets.getItem('表一')))).rejects.toMatchObject({ code: 'AccessDenied' });
  }
});

test('清理模板 undo restores row heights of sheets whose rows were deleted, and the active sheet', async () => {
  const snap = await snapshotFromFile(path.join(__dirname, '..', 'fixtures', 'edge', 'seed002-shigu.dirty.xlsx'));
  const tall = { ...snap, sheets: snap.sheets.map((s, i) => (i === 1 ? { ...s, rowHeights: { '3': 33, '12': 48, '20': 27.75 } } : s)) };
  const { fake, host } = harness(tall);
  const plan = (await host.previewCleanup()).plan;
  expect(plan.changes.some((c) => c.op === 'delete-row' && c.place.sheet === tall.sheets[1].name)).toBe(true);
  fake.state.activeSheet = tall.sheets[1].name;
  await host.applyCleanup(plan, {});
  expect(fake.state.sheet(tall.sheets[1].name)!.toSnapshot().rowHeights).not.toEqual({ '3': 33, '12': 48, '20': 27.75 });
  expect(fake.state.activeSheet).toBe(tall.sheets[1].name);
  await host.undoCleanup();
  expect(fake.state.activeSheet).toBe(tall.sheets[1].name); // the swapped-back sheet, active again
  expect(fake.state.toSnapshot().sheets).toEqual(new FakeWorkbook(tall).toSnapshot().sheets);
});
