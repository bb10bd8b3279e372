/**
 * 导出审核汇总 over the real Excel adapter and Microsoft's office.js client on the fake
 * workbook: the new sheets hold, cell by cell (values and number formats), what
 * `jixiao check FILE --report` writes in 汇总 / 问题 for the same file; existing sheets are
 * untouched; a second export takes free names; the sheets are never read back as tables;
 * 新工作簿 goes through `Excel.createWorkbook` (web and desktop paths of the runtime).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { AddinError, DEFAULT_SETTINGS, summaryParts, toBase64, zipStored, type ExportReport } from '../../src/core';
import type { FakeSheet } from '../fake-excel/model';
import { jixiao } from '../helpers/cli';
import { harness, harnessFor } from './helpers';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const FILE = path.join(EXAMPLES, 'seed002-shigu.xlsx');

let tmp: string;
beforeAll(() => void (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-export-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The CLI's summary workbook of FILE, read with ExcelJS. */
async function cliReport(): Promise<ExcelJS.Workbook> {
  const out = path.join(tmp, '审核汇总.xlsx');
  const r = await jixiao('check', FILE, '--report', out, '--force');
  expect(r.code).toBe(1); // seed 002 has error findings
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return wb;
}

type Cell = { v: unknown; nf: string };

function cliCells(ws: ExcelJS.Worksheet): Cell[][] {
  const rows: Cell[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: Cell[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getCell(r, c);
      const v = cell.value as unknown;
      const value = v === null || v === undefined ? '' : typeof v === 'object' ? (v as { text: string }).text : v;
      row.push({ v: value, nf: value === '' || typeof value === 'string' ? 'General' : cell.numFmt ?? 'General' });
    }
    rows.push(row);
  }
  return rows;
}

function fakeCells(s: FakeSheet, rows: number, cols: number): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 1; r <= rows; r++) {
    const row: Cell[] = [];
    for (let c = 1; c <= cols; c++) {
      const cell = s.get(r, c);
      const v = cell?.value ?? '';
      row.push({ v, nf: v === '' || typeof v === 'string' ? 'General' : cell!.numberFormat });
    }
    out.push(row);
  }
  return out;
}

describe('导出审核汇总 → 新工作表 (Excel)', () => {
  it('adds 审核汇总 and 审核问题 equal, cell by cell, to the CLI report of the same file; nothing else changes', async () => {
    const { fake, host } = await harnessFor(FILE);
    const before = JSON.stringify(fake.state.toSnapshot());
    const names = fake.state.sheets.map((s) => s.name);
    const report: ExportReport = await host.exportSummary({ target: 'sheet', settings: DEFAULT_SETTINGS });

    expect(report.sheets).toEqual(['审核汇总', '审核问题']);
    expect(fake.state.sheets.map((s) => s.name)).toEqual([...names, '审核汇总', '审核问题']);
    expect(report.counts).toEqual({ files: 1, unreadable: 0, tables: 5, tablesWithErrors: 4, findings: { error: 4, warning: 13, info: 4 } });
    expect(report.message).toBe('已新建工作表 “审核汇总”、“审核问题”：5 张表（4 张有错误），问题 21 条（错误 4，警告 13，提示 4）。原有工作表未改动。');
    // The sheets that were there are exactly as they were.
    const after = fake.state.toSnapshot();
    expect(JSON.stringify({ ...after, sheets: after.sheets.filter((s) => names.includes(s.name)) })).toBe(before);

    const cli = await cliReport();
    for (const [mine, theirs] of [['审核汇总', '汇总'], ['审核问题', '问题']] as const) {
      const expected = cliCells(cli.getWorksheet(theirs)!);
      const sheet = fake.state.sheet(mine)!;
      const got = fakeCells(sheet, expected.length, expected[0].length);
      // Column A names the file: the CLI its path, the add-in the open workbook's name.
      for (const row of expected.slice(1)) row[0] = { v: 'Book1.xlsx', nf: 'General' };
      expect(got).toEqual(expected);
      expect(sheet.usedArea(true)).toMatchObject({ bottom: expected.length, right: expected[0].length });
    }
    // Spot figures (seed 002 劳模服务: states 90 where 95.67 is computed).
    const s = fake.state.sheet('审核汇总')!;
    const row = [2, 3, 4, 5, 6].find((r) => s.get(r, 2)?.value === '劳模服务')!;
    expect([5, 6, 7, 10, 11, 12, 18].map((c) => s.get(row, c)?.value)).toEqual([6, 3.4, 0.5667, 90, 95.67, -5.67, '有错误']);
    expect([5, 7, 12].map((c) => s.get(row, c)?.numberFormat)).toEqual(['#,##0.00', '0.00%', '+0.00;-0.00;0.00']);

    // The layout the core describes, as Excel received it.
    const layout = fake.state.imported.get(s.id)!;
    expect(layout.frozenRows).toBe(1);
    expect(layout.autoFilter).toBe('A1:S6');
    expect(layout.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: '1', fitToHeight: '0', paperSize: '9' });
    expect(layout.printTitles).toBe("'审核汇总'!$1:$1");
    expect(layout.conditionalFormats).toEqual([
      'R2:R6 cellIs equal "有错误" FFFFC7CE FF9C0006',
      'R2:R6 cellIs equal "无法读取" FFFFEB9C FF9C5700',
      'R2:R6 cellIs equal "通过" FFC6EFCE FF006100',
      'L2:L6 expression - AND(ISNUMBER(L2),ABS(L2)>0.01) FFFFC7CE FF9C0006',
    ]);
    // Widths as the CLI's, but 文件 (fitted to a different file text: the name, not the path).
    expect(layout.widths.slice(2)).toEqual(cli.getWorksheet('汇总')!.columns.slice(1).map((c) => c.width));
    expect(layout.widths[1]).toBe(11); // '文件' + filter button, 'Book1.xlsx' + 1
    expect(s.get(1, 1)).toMatchObject({ value: '文件', fill: '#DDEBF7' });
    expect(layout.boldCells.slice(0, 3)).toEqual(['A1', 'B1', 'C1']);
  });

  it('a second export takes free names; the summaries are never read back as tables', async () => {
    const { fake, host } = await harnessFor(FILE);
    const first = await host.check(DEFAULT_SETTINGS);
    await host.exportSummary({ target: 'sheet', settings: DEFAULT_SETTINGS });
    const again = await host.check(DEFAULT_SETTINGS);
    expect(again.result.tables.length).toBe(first.result.tables.length);
    expect(again.counts).toEqual(first.counts);
    const second = await host.exportSummary({ target: 'sheet', settings: DEFAULT_SETTINGS });
    expect(second.sheets).toEqual(['审核汇总 (2)', '审核问题 (2)']);
    expect(fake.state.sheets.slice(-4).map((s) => s.name)).toEqual(['审核汇总', '审核问题', '审核汇总 (2)', '审核问题 (2)']);
    // The same rows both times (only the time in 说明 could differ, and 说明 is not added).
    expect(fakeCells(fake.state.sheet('审核汇总 (2)')!, 6, 19)).toEqual(fakeCells(fake.state.sheet('审核汇总')!, 6, 19));
  });

  it('a workbook without a table: NoTables, nothing added', async () => {
    const { fake, host } = harness({ sheets: [{ name: 'Sheet1', cells: { A1: { v: '你好' } }, merges: [] }] });
    const err = await host.exportSummary({ target: 'sheet', settings: DEFAULT_SETTINGS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AddinError);
    expect(err).toMatchObject({ code: 'NoTables', message: '未找到可识别的绩效自评表（已检查 1 个工作表），未导出审核汇总' });
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });
});

describe('导出审核汇总 → 新工作簿 (Excel.createWorkbook)', () => {
  it.each(['OfficeOnline', 'PC'] as const)('on %s opens a new workbook with 汇总 / 问题 / 说明; the open workbook is unchanged', async (platform) => {
    const { fake, host } = await harnessFor(FILE, { platform });
    const before = JSON.stringify(fake.state.toSnapshot());
    const report = await host.exportSummary({ target: 'workbook', settings: DEFAULT_SETTINGS });
    expect(report.sheets).toEqual(['汇总', '问题', '说明']);
    expect(report.message).toBe('已新建工作簿（工作表 “汇总”、“问题”、“说明”）：5 张表（4 张有错误），问题 21 条（错误 4，警告 13，提示 4）。请在新工作簿中保存。');
    expect(JSON.stringify(fake.state.toSnapshot())).toBe(before);
    expect(fake.state.createdWorkbooks).toHaveLength(1);
    const [sum, problems, about] = fake.state.createdWorkbooks[0];
    expect([sum.snap.name, problems.snap.name, about.snap.name]).toEqual(['汇总', '问题', '说明']);
    expect(Object.keys(problems.snap.cells).filter((a) => /^A\d+$/.test(a))).toHaveLength(22);
    expect(about.snap.cells.B2).toEqual({ v: 'mof-2020' });
    expect(about.snap.cells.B4).toEqual({ v: '绩效自评助手（加载项）' });
  });

  it('an Excel without ExcelApi 1.8: ApiNotFound in Chinese, nothing opened', async () => {
    const { fake, host } = await harnessFor(FILE, { apiVersion: 7 });
    const err = await host.exportSummary({ target: 'workbook', settings: DEFAULT_SETTINGS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AddinError);
    expect(fake.state.createdWorkbooks).toHaveLength(0);
  });
});

describe('the fake host: insertWorksheetsFromBase64 rules', () => {
  const parts = (name: string): string => toBase64(zipStored(summaryParts([{ name, columns: [{ key: 'a', header: 'A', width: 8, numFmt: null, kind: 'text' }], rows: [['x']], highlights: [], table: false }])));

  it('a name already in the workbook is refused (ItemAlreadyExists), nothing inserted', async () => {
    const { fake } = await harnessFor(FILE);
    const n = fake.state.sheets.length;
    const existing = fake.state.sheets[0].name;
    const err = await fake.Excel.run(async (context) => {
      context.workbook.insertWorksheetsFromBase64(parts(existing));
      await context.sync();
    }).catch((e: { code?: string }) => e.code);
    expect(err).toBe('ItemAlreadyExists');
    expect(fake.state.sheets.length).toBe(n);
  });

  it('Before/After without relativeTo is InvalidArgument; text that is not base64 is InvalidArgument', async () => {
    const { fake } = await harnessFor(FILE);
    const run = (b64: string, options: Excel.InsertWorksheetOptions) =>
      fake.Excel.run(async (context) => {
        context.workbook.insertWorksheetsFromBase64(b64, options);
        await context.sync();
      }).catch((e: { code?: string }) => e.code);
    expect(await run(parts('新表'), { positionType: 'After' })).toBe('InvalidArgument');
    expect(await run('不是base64', {})).toBe('InvalidArgument');
    expect(await run(parts('新表'), { positionType: 'Beginning' })).toBeUndefined();
    expect(fake.state.sheets[0].name).toBe('新表');
  });

  it('an Excel below ExcelApi 1.13 has no insertWorksheetsFromBase64 (ApiNotFound)', async () => {
    const { fake, host } = await harnessFor(FILE, { apiVersion: 12 });
    const err = await host.exportSummary({ target: 'sheet', settings: DEFAULT_SETTINGS }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ApiNotFound' });
    expect(fake.state.sheets.some((s) => s.name.startsWith('审核'))).toBe(false);
  });
});
