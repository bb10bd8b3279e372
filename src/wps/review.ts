/**
 * 导出审核汇总 on WPS 表格: the core's summary sheets (`ExportBook.sheets`, names already free)
 * written through the object model — one `Worksheets.Add` after the last sheet per sheet, the
 * whole block of values in one `Value2`, each column's number format and width, the header
 * bold on the core's fill, the autofilter, the conditional colours (`FormatConditions`), the
 * print set-up (`PageSetup`) and the frozen header (the sheet is activated: WPS freezes panes
 * per window). Existing sheets are never touched. Hyperlinks are not written (the add-in's
 * rows name the open workbook itself).
 */
import { columnLetters as colLetters, SUMMARY_LAYOUT, type SummarySheet, type SummaryValue } from '../core';
import { argbToBgr, toValue2 } from './cells';
import { XL, type WpsApplication } from './types';
import type { WpsScalar, WpsWorkbook, WpsWorksheet } from './types';

/** Text WPS would turn into a number, formula or boolean keeps a leading apostrophe (`toValue2`). */
const scalar = (v: SummaryValue): WpsScalar => (v === null ? null : typeof v === 'object' ? toValue2(v.text) : toValue2(v));

function writeSheet(app: WpsApplication, ws: WpsWorksheet, sheet: SummarySheet): void {
  ws.Name = sheet.name;
  const n = sheet.columns.length;
  const last = colLetters(n);
  const rows: WpsScalar[][] = [sheet.columns.map((c) => c.header), ...sheet.rows.map((r) => r.map(scalar))];
  // Number formats before values, so a figure never shows unformatted.
  sheet.columns.forEach((c, i) => {
    const col = colLetters(i + 1);
    if (c.numFmt !== null && sheet.rows.length) ws.Range(`${col}2:${col}${sheet.rows.length + 1}`).NumberFormat = c.numFmt;
    ws.Range(`${col}1`).ColumnWidth = c.width;
  });
  ws.Range(`A1:${last}${rows.length}`).Value2 = rows;
  const header = ws.Range(`A1:${last}1`);
  header.Font.Bold = SUMMARY_LAYOUT.header.bold;
  header.Interior.Color = argbToBgr(`FF${SUMMARY_LAYOUT.header.fill}`);
  if (sheet.table) ws.Range(`A1:${last}${rows.length}`).AutoFilter();
  const lastData = Math.max(2, rows.length);
  for (const h of sheet.highlights) {
    const col = colLetters(sheet.columns.findIndex((c) => c.key === h.column) + 1);
    const range = ws.Range(`${col}2:${col}${lastData}`);
    const fc =
      'equals' in h.when
        ? range.FormatConditions.Add(XL.cellValue, XL.equal, `="${h.when.equals.replace(/"/g, '""')}"`)
        : range.FormatConditions.Add(XL.expression, undefined, `=AND(ISNUMBER(${col}2),ABS(${col}2)>${h.when.absAbove})`);
    fc.Interior.Color = argbToBgr(`FF${h.fill}`);
    fc.Font.Color = argbToBgr(`FF${h.font}`);
  }
  const p = SUMMARY_LAYOUT.print;
  const setup = ws.PageSetup;
  setup.Orientation = p.orientation === 'landscape' ? XL.landscape : XL.portrait;
  setup.PaperSize = p.paperSize;
  setup.Zoom = false;
  setup.FitToPagesWide = p.fitToWidth;
  setup.FitToPagesTall = p.fitToHeight || false;
  const [a, b] = p.titleRows.split(':');
  setup.PrintTitleRows = `$${a}:$${b}`;
  ws.Activate();
  const win = app.ActiveWindow;
  if (win) {
    win.FreezePanes = false;
    win.SplitColumn = 0;
    win.SplitRow = SUMMARY_LAYOUT.freezeRows;
    win.FreezePanes = true;
  }
}

/** Add `sheets` after the last sheet of `book` (a new workbook: its first sheet is reused). */
export function writeReviewSheets(app: WpsApplication, book: WpsWorkbook, sheets: readonly SummarySheet[], fresh = false): void {
  sheets.forEach((sheet, i) => {
    const all = book.Worksheets;
    const ws = fresh && i === 0 ? all.Item(1) : all.Add(undefined, all.Item(all.Count));
    writeSheet(app, ws, sheet);
  });
}
