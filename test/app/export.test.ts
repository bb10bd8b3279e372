/**
 * 导出审核汇总's pure parts: free sheet names, which sheets are the add-in's summaries, the plan
 * for each target, and the core's package bytes (stored zip, base64) as other readers see them.
 */
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { buildSummary, DEFAULT_SETTINGS, isAddinSheet, isReviewSheet, planExport, summaryParts, toBase64, uniqueSheetName, zipStored, crc32, utf8 } from '../../src/core';

describe('sheet names', () => {
  it('uniqueSheetName: the base, then (2), (3)…, case-insensitively, within 31 characters', () => {
    expect(uniqueSheetName('审核汇总', ['Sheet1'])).toBe('审核汇总');
    expect(uniqueSheetName('审核汇总', ['审核汇总', '审核汇总 (2)'])).toBe('审核汇总 (3)');
    expect(uniqueSheetName('Summary', ['SUMMARY'])).toBe('Summary (2)');
    const long = 'x'.repeat(31);
    expect(uniqueSheetName(long, [long])).toBe(`${'x'.repeat(27)} (2)`);
  });

  it('isReviewSheet: the summaries and their numbered copies, nothing else', () => {
    expect(['审核汇总', '审核问题', '审核汇总 (2)', '审核问题 (12)'].map(isReviewSheet)).toEqual([true, true, true, true]);
    expect(['审核汇总表', '汇总', '审核汇总(2)', '我的审核汇总'].map(isReviewSheet)).toEqual([false, false, false, false]);
    expect(isAddinSheet('审核问题 (2)')).toBe(true);
  });
});

describe('planExport', () => {
  const result = { tables: [] };
  const now = new Date(2024, 2, 1, 9, 30);
  it('新工作表: 汇总 and 问题 under free names; 新工作簿: all three sheets as the CLI names them', () => {
    const sheet = planExport({ result, settings: DEFAULT_SETTINGS, file: 'a.xlsx', taken: ['审核汇总', 'Sheet1'], target: 'sheet', now });
    expect(sheet.book.sheets.map((s) => s.name)).toEqual(['审核汇总 (2)', '审核问题']);
    expect(sheet.book.sheets[0].rows[0][0]).toBe('a.xlsx'); // a file without tables: one 无法读取 row, no link
    const book = planExport({ result, settings: DEFAULT_SETTINGS, file: 'a.xlsx', taken: [], target: 'workbook', now });
    expect(book.book.sheets.map((s) => s.name)).toEqual(['汇总', '问题', '说明']);
    expect(book.book.sheets[2].rows.slice(0, 4)).toEqual([['计分口径', 'mof-2020'], ['评价年度', '按各表所写年度'], ['工具版本', '绩效自评助手（加载项）'], ['生成时间', '2024-03-01 09:30']]);
  });
});

describe('the package bytes', () => {
  const summary = buildSummary([{ file: '甲 单位.xlsx', link: '甲%20单位.xlsx', tables: [], failed: '甲 单位.xlsx：不是 Excel 工作簿（.xlsx）' }], { profile: 'mof-2020', year: 2023, tool: 't', generatedAt: '2024-03-01 09:30' });

  it('zipStored is a zip JSZip reads back part for part (CRC-checked)', async () => {
    const parts = summaryParts(summary.sheets);
    const zip = await JSZip.loadAsync(zipStored(parts), { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual(Object.keys(parts));
    for (const [name, text] of Object.entries(parts)) expect(await zip.file(name)!.async('string')).toBe(text);
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });

  it('ExcelJS opens it: sheets, the unreadable row, the link, 说明', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(zipStored(summaryParts(summary.sheets))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题', '说明']);
    expect(wb.getWorksheet('汇总')!.getCell('A2').value).toEqual({ text: '甲 单位.xlsx', hyperlink: '甲%20单位.xlsx' });
    expect(wb.getWorksheet('汇总')!.getCell('R2').value).toBe('无法读取');
    expect(wb.getWorksheet('说明')!.getCell('B3').value).toBe('2023（表中未写年度时）');
  });

  it('toBase64 is standard base64', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 300]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
