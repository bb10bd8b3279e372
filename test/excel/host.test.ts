/** The adapter's behaviour under bad conditions, over the fake Excel. */
import * as path from 'path';
import { AddinError, DEFAULT_SETTINGS, MARK_FILLS, type HostEvent } from '../../src/core';

/** Our mark colours as the fake reports fills (`#RRGGBB`). */
const FILL_BY_SEVERITY = { error: '#' + MARK_FILLS.error.slice(2), warning: '#' + MARK_FILLS.warning.slice(2), info: '#' + MARK_FILLS.info.slice(2), corrected: '#' + MARK_FILLS.corrected.slice(2) };
import { createExcelHost } from '../../src/excel/host';
import { readWorkbook } from '../../src/excel/read';
import { FakeOfficeError, type SnapSheet, type WorkbookSnapshot } from '../fake-excel';
import { snapshotFromFile } from '../fake-excel/load';
import { CLI_LIKE, harness, valuesOf } from './helpers';

const SEED002 = path.join(__dirname, '..', '..', 'examples', 'seed002-shigu.xlsx');
let seed: WorkbookSnapshot;
beforeAll(async () => {
  seed = await snapshotFromFile(SEED002);
});

// seed 002 plans 8 writes: 部门整体!G4, 劳模服务!G8 H8 H23, 双联工作!G8 H23, 省级困难帮扶和送温暖!G8 H23.

test('a target cell the user changed between read and write is not overwritten but reported', async () => {
  const { host, fake } = harness(seed);
  fake.state.beforeSync = (n) => {
    if (n === 3) fake.state.userEdit('劳模服务', 'H23', 88); // the write batch (sync 3)
  };
  const r = await host.score(CLI_LIKE);
  expect(r.changedSinceRead).toEqual([
    { sheet: '劳模服务', cell: 'H23', message: '工作表「劳模服务」H23 在读取后被修改（现为 88），未覆盖' },
  ]);
  expect(fake.state.cell('劳模服务', 'H23').value).toBe(88);
  expect(fake.state.cell('劳模服务', 'H8').value).toBe(5.67);
  expect(r.written).toBe(7);
  // Undo leaves the user's 88 alone: it is not in the record.
  await host.undo();
  expect(fake.state.cell('劳模服务', 'H23').value).toBe(88);
  expect(fake.state.cell('劳模服务', 'H8').value).toBe(seed.sheets[1].cells.H8?.v ?? '');
});

test('a protected sheet is named and nothing is written to it; the others are written', async () => {
  const snap: WorkbookSnapshot = { sheets: seed.sheets.map((s) => (s.name === '劳模服务' ? { ...s, protected: true } : s)) };
  const { host, fake } = harness(snap);
  const before = valuesOf(snap).劳模服务;
  const r = await host.score({ ...DEFAULT_SETTINGS, highlight: true, notes: true });
  expect(r.protectedSheets).toEqual(['劳模服务']);
  expect(r.written).toBe(5);
  const after = valuesOf(fake.state.toSnapshot()).劳模服务;
  expect(after).toEqual(before);
  expect(fake.state.toSnapshot().sheets.find((s) => s.name === '劳模服务')!.notes).toBeUndefined();
  expect(r.sheets.find((s) => s.name === '劳模服务')!.protected).toBe(true);
});

test('cell-edit mode: runs delay for cell edit; if Excel still refuses, a Chinese message keeps the code', async () => {
  const { host, fake } = harness(seed);
  fake.state.cellEditMode = true;
  await host.check(CLI_LIKE); // delayForCellEdit: the batch waits instead of failing
  expect(fake.state.runs.every((o) => o.delayForCellEdit === true)).toBe(true);
  fake.state.failNextSync = new FakeOfficeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
  const e = await host.score(CLI_LIKE).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(AddinError);
  expect(e).toMatchObject({
    code: 'InvalidOperationInCellEditMode',
    message: 'Excel 正处于单元格编辑状态，请先按 Enter 或 Esc 结束编辑，再重试（错误代码：InvalidOperationInCellEditMode）',
  });
  expect(fake.state.writes).toBe(0);
});

test('other Excel errors map to Chinese with the code kept', async () => {
  const { host, fake } = harness(seed);
  fake.state.failNextSync = new FakeOfficeError('AccessDenied', 'Access denied');
  await expect(host.check(CLI_LIKE)).rejects.toMatchObject({ code: 'AccessDenied', message: expect.stringMatching(/^没有修改权限.*（错误代码：AccessDenied）$/) });
  fake.state.failNextSync = new FakeOfficeError('SomethingNew', 'boom');
  await expect(host.check(CLI_LIKE)).rejects.toMatchObject({ code: 'SomethingNew', message: 'Excel 操作失败：boom（错误代码：SomethingNew）' });
});

test('no recognisable table: a calm report that says what the add-in looks for, not an error', async () => {
  const { host, fake } = harness({ sheets: [{ name: 'Sheet1', cells: { A1: { v: '随便写点' } }, merges: [] }] });
  const r = await host.check(CLI_LIKE);
  expect(r.result.tables).toEqual([]);
  expect(r.empty).toEqual({ title: '未找到可识别的绩效自评表（已检查 1 个工作表）', guidance: expect.stringContaining('加载项查找的是'), sheets: 1 });
  const w = await host.score(CLI_LIKE);
  expect(w.written).toBe(0);
  expect(w.empty?.sheets).toBe(1);
  expect(fake.state.writes).toBe(0);
});

test('without settings, check and score use the workbook\'s stored settings (a 湖北 workbook scores with 20 points of execution)', async () => {
  const { host, fake } = harness(seed);
  fake.state.settings.set('jixiao.settings', { profile: 'hubei', year: null, highlight: false, notes: false });
  const r = await host.score();
  expect(r.settings?.profile).toBe('hubei');
  expect(fake.state.cell('劳模服务', 'H8').value).toBe(11.33);
  expect(fake.state.cell('劳模服务', 'H23').value).toBe(101.33);
});

test('更正此项: score with only one cell writes that cell alone', async () => {
  const { host, fake } = harness(seed);
  const r = await host.score(CLI_LIKE, { only: [{ sheet: '劳模服务', cell: 'H23' }] });
  expect(r.written).toBe(1);
  expect(fake.state.cell('劳模服务', 'H23').value).toBe(95.67);
  expect(fake.state.cell('劳模服务', 'H8').value).toBe(seed.sheets[1].cells.H8?.v ?? '');
});

test('a recompute makes 3 syncs whatever the number of sheets (sheets, cells and merged areas, write); writes merge into one undo group on ExcelApi 1.20', async () => {
  for (const copies of [1, 10]) {
    const sheets: SnapSheet[] = [];
    for (let i = 0; i < copies; i++) for (const s of seed.sheets) sheets.push({ ...s, name: copies === 1 ? s.name : `${s.name}${i}` });
    const { host, fake } = harness({ sheets });
    const r = await host.score(CLI_LIKE);
    expect(r.syncs).toBe(3);
    expect(fake.state.syncCount).toBe(3);
    expect(r.written).toBe(8 * copies);
    expect(fake.state.runs).toEqual([{ delayForCellEdit: true }, { delayForCellEdit: true, mergeUndoGroup: true }]);
  }
  const { host, fake } = harness(seed, { apiVersion: 19 });
  await host.score(CLI_LIKE);
  expect(fake.state.runs).toEqual([{ delayForCellEdit: true }, { delayForCellEdit: true }]);
  expect(await host.capabilities()).toEqual({ notes: true, mergeUndo: false });
});

function bigWorkbook(rows: number, filler: number): WorkbookSnapshot {
  const cells: Record<string, { v: string | number }> = {};
  const put = (a: string, v: string | number): void => void (cells[a] = { v });
  put('A1', '项目支出绩效自评表');
  put('A2', '项目名称');
  put('B2', '基准测试项目');
  ['项目资金(万元)', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].forEach((v, i) => put(`${'ABCDEFGH'[i]}3`, v));
  put('B4', '年度资金总额');
  put('C4', 100);
  put('D4', 120);
  put('E4', 110.5);
  put('F4', 10);
  ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].forEach((v, i) => put(`${'ABCDEFGHI'[i]}5`, v));
  for (let i = 0; i < rows; i++) {
    const r = 6 + i;
    put(`B${r}`, '产出指标');
    put(`C${r}`, '数量指标');
    put(`D${r}`, `指标${i + 1}`);
    put(`E${r}`, `≥${100 + (i % 50)}人`);
    put(`F${r}`, `${95 + (i % 60)}人`);
    put(`G${r}`, 0.01);
    put(`I${r}`, `说明${'。'.repeat(filler)}${i}`);
  }
  put(`A${6 + rows}`, '总分');
  return { sheets: [{ name: '基准', cells, merges: [`A5:A${5 + rows}`] }] };
}

test('reads past 5 MB are chunked by row blocks so no batch passes the limit; same result as one read', async () => {
  const snap = bigWorkbook(4000, 400); // ~ 4000 × 1.2 KB of text, read as values and formulas: > 5 MB
  const { host, fake } = harness(snap);
  const r = await host.check(CLI_LIKE);
  expect(fake.state.largestPayload()).toBeLessThanOrEqual(5 * 1024 * 1024);
  expect(r.syncs).toBeGreaterThan(3); // list, refused read, sizes, blocks
  expect(fake.state.refused).toBeGreaterThanOrEqual(1);
  const unlimited = harness(snap, { payloadLimit: Infinity });
  const one = await unlimited.host.check(CLI_LIKE);
  expect(one.syncs).toBe(2);
  expect(unlimited.fake.state.largestPayload()).toBeGreaterThan(5 * 1024 * 1024);
  expect(r.result.tables).toEqual(one.result.tables);
  expect(r.result.tables[0].indicators).toHaveLength(4000);
});

test('writes are budgeted under 5 MB per batch', async () => {
  const snap = bigWorkbook(5000, 0);
  const { host, fake } = harness(snap);
  const r = await host.score(CLI_LIKE);
  expect(r.writtenCells).toHaveLength(r.written);
  expect(r.after?.result.plan).toEqual([]); // the workbook as written: nothing left to write
  expect(r.written).toBeGreaterThan(5000);
  expect(fake.state.largestRequest()).toBeLessThanOrEqual(5 * 1024 * 1024);
  expect(fake.state.largestRequest()).toBeGreaterThan(500 * 1024);
  expect(r.syncs).toBeLessThanOrEqual(4); // the write in as many batches as the request limit needs
});

test('settings persist in the workbook: a reopened pane (new host) reads them; a new workbook gets the defaults', async () => {
  const { host, fake } = harness(seed);
  expect(await host.loadSettings()).toEqual(DEFAULT_SETTINGS);
  const mine = { profile: 'hubei' as const, year: 2023, highlight: false, notes: true };
  await host.saveSettings(mine);
  expect(fake.state.settings.get('jixiao.settings')).toEqual(mine);
  const reopened = createExcelHost({ excel: fake.Excel as unknown as typeof Excel, office: fake.Office as unknown as typeof Office });
  expect(await reopened.loadSettings()).toEqual(mine);
  fake.state.settings.set('jixiao.settings', { profile: 'nonsense', year: 'x', highlight: 1 });
  expect(await reopened.loadSettings()).toEqual(DEFAULT_SETTINGS);
  expect(await harness(seed).host.loadSettings()).toEqual(DEFAULT_SETTINGS);
});

test('undo restores values and formats exactly, and survives a reopened pane and a reloaded runtime', async () => {
  const { host, fake } = harness(seed);
  const r = await host.score({ ...DEFAULT_SETTINGS, highlight: true });
  expect(r.written).toBe(8);
  expect(fake.state.cell('劳模服务', 'G8')).toMatchObject({ value: 0.5667, numberFormat: '0.00%' });
  // Reopened pane, same runtime: module memory.
  const reopened = createExcelHost({ excel: fake.Excel as unknown as typeof Excel, office: fake.Office as unknown as typeof Office });
  expect(await reopened.canUndo()).toBe(true);
  // A reloaded runtime (no memory): the record in the workbook settings.
  const reloaded = createExcelHost({ excel: { ...fake.Excel } as unknown as typeof Excel, office: fake.Office as unknown as typeof Office });
  expect(await reloaded.canUndo()).toBe(true);
  const u = await reloaded.undo();
  expect(u).toEqual({ restored: expect.any(Number), skipped: [] });
  const now = fake.state.toSnapshot();
  for (const s of seed.sheets) {
    const after = now.sheets.find((x) => x.name === s.name)!;
    expect(after.cells).toEqual(s.cells); // values, formats and fills exactly
    expect(after.notes).toEqual(s.notes);
  }
  expect(await reloaded.canUndo()).toBe(false);
  await expect(reloaded.undo()).rejects.toMatchObject({ code: 'NothingToUndo' });
});

test('undo leaves a cell the user changed after our write, and lists it', async () => {
  const { host, fake } = harness(seed);
  await host.score(CLI_LIKE);
  fake.state.userEdit('双联工作', 'H23', 99);
  const u = await host.undo();
  expect(u.skipped).toEqual([{ sheet: '双联工作', cell: 'H23', message: '工作表「双联工作」H23 在写回后又被修改，未撤销' }]);
  expect(u.restored).toBe(7);
  expect(fake.state.cell('双联工作', 'H23').value).toBe(99);
});

test('marks: fills by severity, 已更正 on corrected cells, notes (ExcelApi 1.18); a fill or note the user made is never covered; clearMarks removes only ours', async () => {
  // The user has a fill on 劳模服务!H23 (a finding cell) and a note on 劳模服务!G8.
  const snap: WorkbookSnapshot = {
    sheets: seed.sheets.map((s) =>
      s.name === '劳模服务' ? { ...s, cells: { ...s.cells, H23: { ...(s.cells.H23 ?? { v: '' }), fill: '#00B050' } }, notes: { G8: '用户自己的批注' } } : s,
    ),
  };
  const { host, fake } = harness(snap);
  const r = await host.score({ ...DEFAULT_SETTINGS, highlight: true, notes: true });
  expect(r.highlighted).toBeGreaterThan(5);
  expect(r.notesAdded).toBeGreaterThan(3);
  // sheets, cells, write, notes, and the records again (the user's fill and note were found where marks were planned)
  expect(r.syncs).toBe(5);
  // H23 (总分) was corrected by the write: 已更正 — but it wears the user's green, which stays; its note says what changed.
  const total = fake.state.cell('劳模服务', 'H23');
  expect(total.fill).toBe('#00B050');
  expect(total.note).toBe('【绩效自评助手】\n[已更正] 原为 90，已改为 95.67');
  expect(r.corrected).toContainEqual({ sheet: '劳模服务', cell: 'H23' });
  expect(fake.state.cell('双联工作', 'H23').fill).toBe(FILL_BY_SEVERITY.corrected);
  expect(fake.state.cell('劳模服务', 'G8').note).toBe('用户自己的批注'); // never replaced
  // A finding the write did not fix keeps its severity's colour, with a note of ours.
  const errors = fake.state.toSnapshot().sheets.flatMap((s) => Object.entries(s.cells).filter(([, c]) => c.fill === FILL_BY_SEVERITY.error).map(([a]) => `${s.name}!${a}`));
  const remaining = r.after!.result.tables.flatMap((t) => t.findings.filter((f) => f.severity === 'error' && f.cell).map((f) => `${t.sheet}!${f.cell}`));
  for (const e of errors) expect(remaining).toContain(e);
  expect(r.after!.counts.error).toBe(remaining.length);
  expect(r.after!.counts.error).toBeLessThan(r.counts.error); // the write fixed some

  // The user re-colours one of our marks: it is theirs now.
  const ours = [...fake.state.toSnapshot().sheets.flatMap((s) => Object.entries(s.cells).filter(([, c]) => c.fill === FILL_BY_SEVERITY.warning).map(([a]) => [s.name, a]))];
  expect(ours.length).toBeGreaterThan(0);
  const [rs, ra] = ours[0];
  await fake.Excel.run(async (context) => {
    context.workbook.worksheets.getItem(rs).getRange(ra).format.fill.color = '#123456';
    await context.sync();
  });

  // A second run changes nothing.
  fake.state.resetCounters();
  const again = await host.score({ ...DEFAULT_SETTINGS, highlight: true, notes: true });
  expect(again.written).toBe(0);
  expect(again.notesAdded).toBe(0);

  const cleared = await host.clearMarks();
  expect(cleared).toBeGreaterThan(5);
  expect(fake.state.cell('劳模服务', 'H23').fill).toBe('#00B050'); // the user's fill, never covered
  expect(fake.state.cell('劳模服务', 'G8').note).toBe('用户自己的批注');
  expect(fake.state.cell(rs, ra).fill).toBe('#123456');
  const left = fake.state.toSnapshot();
  expect(left.sheets.flatMap((s) => Object.values(s.notes ?? {}))).toEqual(['用户自己的批注']);
  expect(left.sheets.flatMap((s) => Object.values(s.cells)).filter((c) => Object.values(FILL_BY_SEVERITY).includes(c.fill ?? ''))).toEqual([]);
  expect(await host.clearMarks()).toBe(0);
});

test('notes without ExcelApi 1.18: none added, and the report says why', async () => {
  const { host, fake } = harness(seed, { apiVersion: 17 });
  const r = await host.score({ ...DEFAULT_SETTINGS, notes: true });
  expect(r.notesAdded).toBe(0);
  expect(r.notesUnavailable).toMatch(/ExcelApi 1\.18/);
  expect(fake.state.notes.size).toBe(0);
});

test('a user edit after a check makes the results stale; our own write does not', async () => {
  const { host, fake } = harness(seed);
  const events: HostEvent['type'][] = [];
  const off = host.subscribe((e) => events.push(e.type));
  await new Promise((r) => setTimeout(r, 0));
  await host.score(CLI_LIKE);
  await new Promise((r) => setTimeout(r, 5));
  expect(events).not.toContain('stale');
  expect(events).toContain('written');
  fake.state.userEdit('劳模服务', 'F10', '改了');
  await new Promise((r) => setTimeout(r, 5));
  expect(events[events.length - 1]).toBe('stale');
  off();
});

test('select activates the sheet and selects the cell', async () => {
  const { host, fake } = harness(seed);
  await host.select('双联工作', 'H23');
  expect(fake.state.selection).toEqual({ sheet: '双联工作', address: 'H23' });
  expect(fake.state.activeSheet).toBe('双联工作');
});

test('merged areas are read where their top-left cell lies in the values-only used range', async () => {
  const snap: WorkbookSnapshot = {
    sheets: [{ name: 'S', cells: { C3: { v: '值' }, D5: { v: 1 } }, merges: ['A1:C3', 'D4:E4', 'G9:H9'] }],
  };
  const { fake } = harness(snap);
  const read = await fake.Excel.run((context) => readWorkbook(context as unknown as Excel.RequestContext, { keys: [] }));
  // A1:C3 starts above and left of every value (its top-left A1 is empty: it covers only
  // empty cells as Excel merges them); G9:H9 lies beyond the last value.
  expect(read.grid.sheets[0].merges).toEqual([{ top: 4, left: 4, bottom: 4, right: 5 }]);
  // Asked over the used range only, Excel (and the fake) would have missed A1:C3 and G9:H9.
  const partial = await fake.Excel.run(async (context) => {
    const m = context.workbook.worksheets.getItem('S').getUsedRange(true).getMergedAreasOrNullObject().load('areas/items/address');
    await context.sync();
    return m.areas.items.map((a) => a.address);
  });
  expect(partial).toEqual(['S!D4:E4']);
  expect(read.grid.sheets[0]).toMatchObject({ rowCount: 5, colCount: 5 });
});

test('no unhandled rejection: an Excel without change events still subscribes; no Excel at all is an AddinError', async () => {
  const { host, fake } = harness(seed);
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown): void => void unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  try {
    fake.state.failNextSync = new FakeOfficeError('ApiNotFound', 'onChanged');
    const off = host.subscribe(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    off();
    expect(unhandled).toEqual([]);
    const bare = createExcelHost({ office: fake.Office as unknown as typeof Office });
    await expect(bare.check(CLI_LIKE)).rejects.toMatchObject({ name: 'AddinError', code: 'NoExcel' });
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
