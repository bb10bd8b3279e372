/**
 * Render the core's `ReviewSummary` (src/core/summary.ts) into a new .xlsx with ExcelJS.
 * ExcelJS only ever writes this new workbook here; a user's workbook is never rewritten by it.
 * Everything the sheet shows (headers, widths, formats, colours) comes from the core's data;
 * this file only maps it to ExcelJS calls, following the rendering contract documented there.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';

import { HEADER_FILL, type ReviewSummary, type SummarySheet, type SummaryValue } from '../../core';

const argb = (rgb: string): string => `FF${rgb}`;

const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };

/** Column letters of a 1-based index (1 → A, 28 → AB). */
function letters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellValue(v: SummaryValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'object') return { text: v.text, hyperlink: v.target };
  return v;
}

function renderSheet(wb: ExcelJS.Workbook, sheet: SummarySheet): void {
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  // Formats and the link font are set on the columns, not cell by cell: ExcelJS then shares
  // one style per column, which keeps a summary of thousands of rows quick to write.
  ws.columns = sheet.columns.map((c) => ({
    key: c.key,
    width: c.width,
    style: {
      ...(c.numFmt !== null ? { numFmt: c.numFmt } : {}),
      ...(c.kind === 'link' ? { font: LINK_FONT } : {}),
    },
  }));
  const header = ws.getRow(1);
  sheet.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.numFmt = 'General';
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(HEADER_FILL) } };
    cell.alignment = { vertical: 'middle' };
  });
  sheet.rows.forEach((row, r) => {
    const xlRow = ws.getRow(r + 2);
    row.forEach((v, i) => {
      const cell = xlRow.getCell(i + 1);
      cell.value = cellValue(v);
      if (sheet.columns[i].kind === 'link' && (v === null || typeof v !== 'object')) cell.font = {};
      if (typeof v === 'string' && v.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  const last = Math.max(2, sheet.rows.length + 1);
  if (sheet.table) ws.autoFilter = `A1:${letters(sheet.columns.length)}${sheet.rows.length + 1}`;
  let priority = 1;
  for (const h of sheet.highlights) {
    const col = letters(sheet.columns.findIndex((c) => c.key === h.column) + 1);
    const style: Partial<ExcelJS.Style> = {
      fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(h.fill) } },
      font: { color: { argb: argb(h.font) } },
    };
    const ref = `${col}2:${col}${last}`;
    if ('equals' in h.when) {
      const text = h.when.equals.replace(/"/g, '""');
      ws.addConditionalFormatting({ ref, rules: [{ type: 'cellIs', operator: 'equal', formulae: [`"${text}"`], style, priority: priority++ }] });
    } else {
      ws.addConditionalFormatting({ ref, rules: [{ type: 'expression', formulae: [`AND(ISNUMBER(${col}2),ABS(${col}2)>${h.when.absAbove})`], style, priority: priority++ }] });
    }
  }
}

/** The summary as .xlsx bytes. */
export async function renderSummary(summary: ReviewSummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评助手';
  for (const sheet of summary.sheets) renderSheet(wb, sheet);
  // Fast deflate: the summary is written once and opened once; level 1 halves the time of
  // a 300-file summary against the default level for a few percent more bytes.
  const raw = (await wb.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as ExcelJS.XlsxWriteOptions)) as unknown;
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer);
}

/**
 * The hyperlink from the summary workbook at `report` to `file`: a relative path with `/`
 * separators, so the folder can be moved or shared with its submissions. Characters a URI
 * reserves (`%`, `#`, `?`, space) are escaped; Chinese is kept as is.
 */
export function linkTo(report: string, file: string): string {
  const rel = path.relative(path.dirname(path.resolve(report)), path.resolve(file)).split(path.sep).join('/');
  return rel.replace(/[%#? ]/g, (c) => encodeURIComponent(c));
}
