/// <reference types="office-js" />
/**
 * 撤销本次写回 and 清除标记: put back exactly what a write (or our marks) changed, but
 * only in cells still as we left them; a cell the user changed since is left alone.
 */
import type { ChangedCell, UndoReport } from '../core';
import type { RawValue } from './read';
import { MARKS_KEY, UNDO_KEY, quoteSheet, type MarksRecord, type UndoCell, type UndoRecord } from './write';

interface Probe {
  range: Excel.Range;
  note: Excel.Note | null;
}

function fillNow(range: Excel.Range): string | null {
  const f = range.format.fill;
  return f.pattern === 'None' || !f.color ? null : f.color.toUpperCase();
}

function restoreFill(range: Excel.Range, fill: string | null): void {
  if (fill === null) range.format.fill.clear();
  else range.format.fill.color = fill;
}

function same(a: RawValue, b: RawValue | undefined): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)));
}

/** Is the cell still as our write left it? */
function untouched(c: UndoCell, range: Excel.Range, note: Excel.Note | null): boolean {
  if (c.after.value !== undefined) {
    const f = range.formulas[0][0];
    if (typeof f === 'string' && f.startsWith('=')) return false;
    if (!same(range.values[0][0] as RawValue, c.after.value)) return false;
  }
  if (c.after.numberFormat !== undefined && range.numberFormat[0][0] !== c.after.numberFormat) return false;
  if (c.after.fill !== undefined && fillNow(range) !== (c.after.fill === null ? null : c.after.fill.toUpperCase())) return false;
  if (c.note !== undefined && (!note || note.isNullObject || note.content !== c.note)) return false;
  return true;
}

/** Sheets that still exist, and which of them are protected now. */
async function sheetStates(context: Excel.RequestContext): Promise<Map<string, boolean>> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/protection/protected');
  await context.sync();
  return new Map(worksheets.items.map((w) => [w.name, w.protection.protected]));
}

export async function undoWrite(context: Excel.RequestContext, record: UndoRecord): Promise<UndoReport> {
  const states = await sheetStates(context);
  const skipped: ChangedCell[] = [];
  const cells = record.cells.filter((c) => {
    if (states.get(c.sheet) === false) return true;
    const why = states.has(c.sheet) ? '所在工作表已受保护' : '所在工作表已不存在';
    skipped.push({ sheet: c.sheet, cell: c.cell, message: `工作表「${c.sheet}」${c.cell} ${why}，未撤销` });
    return false;
  });
  const probes: Probe[] = cells.map((c) => {
    const range = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
    range.load('values,formulas,numberFormat,format/fill/color,format/fill/pattern');
    const note = c.note !== undefined ? context.workbook.notes.getItemOrNullObject(`${quoteSheet(c.sheet)}!${c.cell}`).load('content') : null;
    return { range, note };
  });
  await context.sync();
  let restored = 0;
  cells.forEach((c, i) => {
    const { range, note } = probes[i];
    if (!untouched(c, range, note)) {
      skipped.push({ sheet: c.sheet, cell: c.cell, message: `工作表「${c.sheet}」${c.cell} 在写回后又被修改，未撤销` });
      return;
    }
    if (c.after.value !== undefined) {
      if (c.before.formula !== null) range.formulas = [[c.before.formula]];
      else range.values = [[c.before.value]];
    }
    if (c.after.numberFormat !== undefined) range.numberFormat = [[c.before.numberFormat]];
    if (c.after.fill !== undefined) restoreFill(range, c.before.fill);
    if (c.note !== undefined && note) note.delete();
    restored++;
  });
  const settings = context.workbook.settings;
  settings.add(UNDO_KEY, { v: 1, at: new Date().toISOString(), cells: [], marksBefore: null });
  settings.add(MARKS_KEY, record.marksBefore ?? { v: 1, cells: [] });
  await context.sync();
  return { restored, skipped };
}

/** Remove our fills and notes where they are still ours; returns how many cells were cleared. */
export async function clearMarks(context: Excel.RequestContext, marks: MarksRecord): Promise<number> {
  const states = await sheetStates(context);
  const cells = marks.cells.filter((m) => states.get(m.sheet) === false);
  const probes = cells.map((m) => {
    const range = context.workbook.worksheets.getItem(m.sheet).getRange(m.cell);
    range.load('format/fill/color,format/fill/pattern');
    const note = m.note !== null ? context.workbook.notes.getItemOrNullObject(`${quoteSheet(m.sheet)}!${m.cell}`).load('content') : null;
    return { range, note };
  });
  await context.sync();
  let count = 0;
  cells.forEach((m, i) => {
    const { range, note } = probes[i];
    let did = false;
    if (m.fill !== null && fillNow(range) === m.fill.toUpperCase()) {
      restoreFill(range, m.fillBefore);
      did = true;
    }
    if (note && !note.isNullObject && note.content === m.note) {
      note.delete();
      did = true;
    }
    if (did) count++;
  });
  // Marks on sheets that are protected now stay recorded for a later 清除标记.
  const left = marks.cells.filter((m) => states.get(m.sheet) === true);
  context.workbook.settings.add(MARKS_KEY, { v: 1, cells: left });
  await context.sync();
  return count;
}
