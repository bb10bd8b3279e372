/**
 * 导出审核汇总 on WPS 表格: the core's summary sheets (`ExportBook.sheets`, names already free)
 * written through the object model — one `Worksheets.Add` after the last sheet per sheet, the
 * whole block of values in one `Value2`, each column's number format and width, the header
 * bold on the core's fill. Existing sheets are never touched.
 *
 * Not yet on WPS (the Excel host has them, from the same core package): frozen header,
 * autofilter, conditional colours, print set-up. Each needs members the fake WPS does not
 * model yet (ActiveWindow.FreezePanes, Range.AutoFilter, FormatConditions, PageSetup).
 */
import { columnLetters as colLetters, SUMMARY_LAYOUT, type SummarySheet, type SummaryValue } from '../core';
import { argbToBgr, toValue2 } from './cells';
import type { WpsScalar, WpsWorkbook, WpsWorksheet } from './types';

/** Text WPS would turn into a number, formula or boolean keeps a leading apostrophe (`toValue2`). */
const scalar = (v: SummaryValue): WpsScalar => (v === null ? null : typeof v === 'object' ? toValue2(v.text) : toValue2(v));

function writeSheet(ws: WpsWorksheet, sheet: SummarySheet): void {
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
}

/** Add `sheets` after the last sheet of `book` (a new workbook: its first sheet is reused). */
export function writeReviewSheets(book: WpsWorkbook, sheets: readonly SummarySheet[], fresh = false): void {
  sheets.forEach((sheet, i) => {
    const all = book.Worksheets;
    const ws = fresh && i === 0 ? all.Item(1) : all.Add(undefined, all.Item(all.Count));
    writeSheet(ws, sheet);
  });
}
