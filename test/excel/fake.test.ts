/** The fake Excel behaves as Office.js does where the adapter depends on it. */
import { createFakeHost, type WorkbookSnapshot } from '../fake-excel';

type FakeRequestContext = Excel.RequestContext;

const SNAP: WorkbookSnapshot = {
  sheets: [
    {
      name: '表一',
      cells: { B2: { v: '标题' }, C3: { v: 1.5, nf: '0.00' }, D4: { v: 2, f: '=C3+0.5' } },
      merges: ['A1:B2', 'C5:D6'],
    },
    { name: 'Empty', cells: {}, merges: [] },
  ],
};

const run = <T>(f: (context: FakeRequestContext) => Promise<T>, snap = SNAP) => {
  const fake = createFakeHost(snap);
  return { fake, result: fake.Excel.run(f) };
};

test('reading a property that was not loaded throws PropertyNotLoaded, as Office.js does', async () => {
  const { result } = run(async (context) => {
    const r = context.workbook.worksheets.getItem('表一').getRange('C3');
    expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    r.load('values');
    expect(() => r.values).toThrow(/not available/); // loaded but not synced
    await context.sync();
    expect(r.values).toEqual([[1.5]]);
    expect(() => r.numberFormat).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });
  await result;
});

test('collections expose items only after load; isNullObject only after sync', async () => {
  await run(async (context) => {
    const sheets = context.workbook.worksheets;
    expect(() => sheets.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    sheets.load('items/name');
    const missing = sheets.getItemOrNullObject('不存在').load('name');
    expect(() => missing.isNullObject).toThrow();
    await context.sync();
    expect(sheets.items.map((s) => s.name)).toEqual(['表一', 'Empty']);
    expect(missing.isNullObject).toBe(true);
    expect(() => sheets.items[0].id).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  }).result;
});

test('writes are queued until sync, and a load queued before a write sees the old value', async () => {
  const { fake, result } = run(async (context) => {
    const ws = context.workbook.worksheets.getItem('表一');
    const before = ws.getRange('C3').load('values');
    ws.getRange('C3').values = [[9]];
    expect(fake.state.cell('表一', 'C3').value).toBe(1.5);
    const after = ws.getRange('C3').load('values');
    await context.sync();
    expect(before.values).toEqual([[1.5]]);
    expect(after.values).toEqual([[9]]);
  });
  await result;
  expect(fake.state.cell('表一', 'C3').value).toBe(9);
  expect(fake.state.syncCount).toBe(1);
  expect(fake.state.requestBytes[0]).toBeGreaterThan(50);
  expect(fake.state.responseBytes[0]).toBeGreaterThan(10);
});

test('getMergedAreasOrNullObject returns only merges whose top-left cell lies inside the range', async () => {
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem('表一');
    const inner = ws.getRange('B2:D6').getMergedAreasOrNullObject().load('address');
    const none = ws.getRange('B2:B4').getMergedAreasOrNullObject().load('address');
    const all = ws.getRange().getMergedAreasOrNullObject().load('areas/items/address');
    await context.sync();
    expect(inner.address).toBe('表一!C5:D6'); // A1:B2 overlaps B2 but starts outside
    expect(none.isNullObject).toBe(true);
    expect(all.areas.items.map((a) => a.address)).toEqual(['表一!A1:B2', '表一!C5:D6']);
  }).result;
});

test('used ranges: values-only ignores formatting, OrNullObject is null on a blank sheet, getUsedRange gives A1', async () => {
  const snap: WorkbookSnapshot = { sheets: [{ ...SNAP.sheets[0], formattedTo: { rows: 1048576, cols: 20 } }, SNAP.sheets[1]] };
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem('表一');
    const values = ws.getUsedRangeOrNullObject(true).load('address');
    const all = ws.getUsedRangeOrNullObject().load('address');
    const blank = context.workbook.worksheets.getItem('Empty').getUsedRangeOrNullObject(true).load('address');
    const blankA1 = context.workbook.worksheets.getItem('Empty').getUsedRange(true).load('address');
    await context.sync();
    expect(values.address).toBe('表一!B2:D4');
    expect(all.address).toBe('表一!A1:T1048576');
    expect(blank.isNullObject).toBe(true);
    expect(blankA1.address).toBe('Empty!A1');
  }, snap).result;
});

test('rowIndex, columnIndex (zero-based), rowCount and columnCount of a used range and of getRangeByIndexes', async () => {
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem('表一');
    const used = ws.getUsedRange(true).load('rowIndex,columnIndex,rowCount,columnCount');
    const block = ws.getRangeByIndexes(2, 0, 5, 2).load('address,rowIndex,columnIndex,rowCount,columnCount');
    await context.sync();
    expect([used.rowIndex, used.columnIndex, used.rowCount, used.columnCount]).toEqual([1, 1, 3, 3]); // B2:D4
    expect([block.address, block.rowIndex, block.columnIndex, block.rowCount, block.columnCount]).toEqual(['表一!A3:B7', 2, 0, 5, 2]);
  }).result;
});

test('a read over 5 MB fails with ResponsePayloadSizeLimitExceeded and loads nothing', async () => {
  const snap: WorkbookSnapshot = { sheets: [{ name: 'S', cells: { A1: { v: 'x' }, T200000: { v: 'y' } }, merges: [] }] };
  await run(async (context) => {
    const r = context.workbook.worksheets.getItem('S').getUsedRange(true).load('values');
    await expect(context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  }, snap).result;
});

test('a read of more than five million cells gives null values, not an error (office-js #4783, #6781)', async () => {
  const snap: WorkbookSnapshot = { sheets: [{ name: 'S', cells: { A1: { v: 'x' }, T1048576: { v: 'y' } }, merges: [] }] };
  await run(async (context) => {
    const r = context.workbook.worksheets.getItem('S').getUsedRange(true).load('values,cellCount');
    await context.sync();
    expect(r.cellCount).toBe(20 * 1048576);
    expect(r.values).toBeNull();
  }, snap).result;
});

test('injected cell-edit mode fails a batch unless the run delays for cell edit', async () => {
  const fake = createFakeHost(SNAP);
  fake.state.cellEditMode = true;
  await expect(
    fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('表一').getRange('C3').values = [[3]];
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
  expect(fake.state.cell('表一', 'C3').value).toBe(1.5);
  // With delayForCellEdit Excel holds the batch until the edit ends, then runs it.
  const held = fake.Excel.run({ delayForCellEdit: true }, async (context) => {
    context.workbook.worksheets.getItem('表一').getRange('C3').values = [[3]];
    await context.sync();
  });
  await new Promise((r) => setTimeout(r, 20));
  expect(fake.state.cell('表一', 'C3').value).toBe(1.5);
  fake.state.cellEditMode = false;
  await held;
  expect(fake.state.cell('表一', 'C3').value).toBe(3);
  expect(fake.state.runs).toEqual([{}, { delayForCellEdit: true }]);
});

test('writing to a protected sheet fails with AccessDenied; an unknown sheet with ItemNotFound', async () => {
  const fake = createFakeHost({ sheets: [{ ...SNAP.sheets[0], protected: true }] });
  await expect(
    fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('表一').getRange('C3').values = [[3]];
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: 'AccessDenied' });
  await expect(
    fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('无').getRange('C3').values = [[3]];
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: 'ItemNotFound' });
  expect(fake.state.cell('表一', 'C3').value).toBe(1.5);
});

test('notes need ExcelApi 1.18 and refuse a cell that already has one', async () => {
  const old = createFakeHost(SNAP, { apiVersion: 17 });
  expect(old.Office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(false);
  await expect(
    old.Excel.run(async (context) => {
      context.workbook.notes.add('表一!C3', 'x');
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: 'ApiNotFound' });
  const fake = createFakeHost(SNAP);
  await fake.Excel.run(async (context) => {
    context.workbook.notes.add('表一!C3', '第一条');
    await context.sync();
    context.workbook.notes.add('表一!C3', '第二条');
    await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
  expect(fake.state.cell('表一', 'C3').note).toBe('第一条');
});

test('our own writes fire change events marked ThisLocalAddin; a user edit does not', async () => {
  const fake = createFakeHost(SNAP);
  const seen: string[] = [];
  await fake.Excel.run(async (context) => {
    context.workbook.worksheets.onChanged.add(async (e: { triggerSource: string; address: string }) => void seen.push(`${e.triggerSource} ${e.address}`));
    await context.sync();
    context.workbook.worksheets.getItem('表一').getRange('C3').values = [[3]];
    await context.sync();
  });
  fake.state.userEdit('表一', 'B2', '改');
  await new Promise((r) => setTimeout(r, 0));
  expect(seen).toEqual(['ThisLocalAddin C3', 'Unknown B2']);
});
