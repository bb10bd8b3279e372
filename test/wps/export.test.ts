/**
 * 导出审核汇总 on WPS 表格 (fake WPS): the same cells as the Excel host adds for the same file
 * (values and number formats; the Excel host's equal the CLI's --report, test/excel/export.test.ts),
 * header bold on the core's fill, column widths; existing sheets untouched; free names;
 * 新工作簿 through Workbooks.Add.
 */
import * as path from 'path';
import { DEFAULT_SETTINGS } from '../../src/core';
import { harnessFor } from '../excel/helpers';
import { wpsHarnessFor } from './helpers';

const FILE = path.join(__dirname, '..', '..', 'examples', 'seed002-shigu.xlsx');

type Cell = { v: unknown; nf: string };

describe('导出审核汇总 (WPS)', () => {
  it('新工作表: the cells the Excel host adds, header bold on the fill, widths; nothing else changes', async () => {
    const excel = await harnessFor(FILE);
    await excel.host.exportSummary({ target: 'sheet', settings: DEFAULT_SETTINGS });
    const wps = await wpsHarnessFor(FILE);
    const before = JSON.stringify(wps.snapshot());
    const names = wps.fake.book.sheets.map((s) => s.name);
    const report = await wps.host.exportSummary({ target: 'sheet', settings: DEFAULT_SETTINGS });
    expect(report.sheets).toEqual(['审核汇总', '审核问题']);
    expect(wps.fake.book.sheets.map((s) => s.name)).toEqual([...names, '审核汇总', '审核问题']);
    const after = wps.snapshot();
    expect(JSON.stringify({ ...after, sheets: after.sheets.filter((s) => names.includes(s.name)) })).toBe(before);

    for (const name of report.sheets) {
      const x = excel.fake.state.sheet(name)!;
      const w = wps.fake.book.sheet(name)!;
      const area = x.usedArea(true)!;
      const xs: Cell[] = [];
      const ws: Cell[] = [];
      for (let r = 1; r <= area.bottom; r++) {
        for (let c = 1; c <= area.right; c++) {
          const a = x.get(r, c);
          const b = w.get(r, c);
          // 文件: each host names its own workbook.
          if (c === 1 && r > 1) continue;
          // Formats compared where there is a figure (WPS formats the whole column's data cells).
          const av = a?.value ?? '';
          const bv = b?.v ?? '';
          xs.push({ v: av, nf: av === '' ? '-' : a?.numberFormat ?? 'General' });
          ws.push({ v: bv, nf: bv === '' ? '-' : b?.nf ?? 'General' });
        }
      }
      expect(ws).toEqual(xs);
      expect(w.get(2, 1)?.v).toBe(wps.fake.book.name);
      expect(w.get(1, 1)).toMatchObject({ v: '文件', bold: true, fill: 0xf7ebdd });
    }
    const s = wps.fake.book.sheet('审核汇总')!;
    const widths = excel.fake.state.imported.get(excel.fake.state.sheet('审核汇总')!.id)!.widths;
    // 文件 is fitted to each host's workbook name; every other width is the same.
    expect(Array.from({ length: 18 }, (_, i) => s.columnWidths.get(i + 2))).toEqual(widths.slice(2));
    expect([3, 12, 18].map((c) => s.columnWidths.get(c))).toEqual([31, 18, 10]);
    // Filter, conditional colours (BGR), print set-up and frozen header, as the core describes them.
    expect(s.layout.autoFilter).toBe('A1:S6');
    expect(s.layout.formatConditions).toEqual([
      'R2:R6 1 3 ="有错误" 13551615 393372',
      'R2:R6 1 3 ="无法读取" 10284031 22428',
      'R2:R6 1 3 ="通过" 13561798 24832',
      'L2:L6 2 - =AND(ISNUMBER(L2),ABS(L2)>0.01) 13551615 393372',
    ]);
    expect(s.layout.pageSetup).toEqual({ Orientation: 2, PaperSize: 9, Zoom: false, FitToPagesWide: 1, FitToPagesTall: false, PrintTitleRows: '$1:$1' });
    expect(s.layout.frozenRows).toBe(1);
    expect(wps.fake.book.sheet('审核问题')!.layout).toMatchObject({ autoFilter: 'A1:G22', frozenRows: 1 });
    // The summary is left showing.
    expect(wps.fake.book.activeSheet?.name).toBe('审核汇总');
  });

  it('a second export takes free names; the summaries are not read back as tables', async () => {
    const wps = await wpsHarnessFor(FILE);
    const first = await wps.host.check(DEFAULT_SETTINGS);
    await wps.host.exportSummary({ target: 'sheet', settings: DEFAULT_SETTINGS });
    expect((await wps.host.check(DEFAULT_SETTINGS)).counts).toEqual(first.counts);
    expect((await wps.host.exportSummary({ target: 'sheet', settings: DEFAULT_SETTINGS })).sheets).toEqual(['审核汇总 (2)', '审核问题 (2)']);
  });

  it('新工作簿: Workbooks.Add, 汇总 / 问题 / 说明 in it; the open workbook is unchanged', async () => {
    const wps = await wpsHarnessFor(FILE);
    const original = wps.fake.book;
    const before = JSON.stringify(wps.snapshot());
    const report = await wps.host.exportSummary({ target: 'workbook', settings: DEFAULT_SETTINGS });
    expect(report.sheets).toEqual(['汇总', '问题', '说明']);
    const books = wps.fake.app.books;
    expect(books).toHaveLength(2);
    expect(books[1].sheets.map((s) => s.name)).toEqual(['汇总', '问题', '说明']);
    expect(books[1].sheet('说明')!.get(2, 2)?.v).toBe('mof-2020');
    expect(original.sheets.some((s) => s.name.startsWith('审核') || s.name === '汇总')).toBe(false);
    expect(JSON.stringify({ ...wps.snapshot() })).toBe(before);
  });
});
