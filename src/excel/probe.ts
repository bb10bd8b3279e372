/// <reference types="office-js" />
/**
 * `probe`: the current state of some cells, the sheets, stored entries and the active sheet,
 * in one sync. Two things can make that batch fail, and each costs one more sync only when
 * it happens: a cell on a sheet that no longer exists (the sheets are listed first, then the
 * cells of the sheets that remain are asked for) and `getActiveWorksheet` while a chart sheet
 * is active (office-js #2444: the active sheet is then reported as unknown).
 */
import { address, type Aspect, type CellState, type ProbeRequest, type ProbeResult, type RawValue } from '../core';
import { readSheets, visibilityOf } from './read';
import { sheetRef } from './apply';

export async function probeCells(context: Excel.RequestContext, request: ProbeRequest, notes: boolean): Promise<ProbeResult> {
  try {
    return await attempt(context, request, notes, null, true);
  } catch (first) {
    const { sheets } = await readSheets(context, []);
    const names = new Set(sheets.map((s) => s.name));
    try {
      return await attempt(context, request, notes, names, true);
    } catch {
      try {
        return await attempt(context, request, notes, names, false);
      } catch {
        throw first;
      }
    }
  }
}

async function attempt(context: Excel.RequestContext, request: ProbeRequest, notes: boolean, present: ReadonlySet<string> | null, active: boolean): Promise<ProbeResult> {
  const wb = context.workbook;
  const worksheets = wb.worksheets.load('items/name,items/position,items/visibility,items/protection/protected');
  const keys = request.keys ?? [];
  const items = keys.map((k) => wb.settings.getItemOrNullObject(k).load('value'));
  const activeSheet = active ? wb.worksheets.getActiveWorksheet().load('name') : null;
  const cells = request.cells.map((c) => {
    if (present && !present.has(c.sheet)) return null;
    const aspects = new Set<Aspect>(c.aspects ?? request.aspects);
    const props = [
      ...(aspects.has('value') || aspects.has('formula') ? ['values', 'formulas'] : []),
      ...(aspects.has('numFmt') || aspects.has('value') ? ['numberFormat'] : []),
      ...(aspects.has('fill') ? ['format/fill/color', 'format/fill/pattern'] : []),
    ].join(',');
    const range = props ? wb.worksheets.getItem(c.sheet).getRange(c.cell).load(props) : null;
    const note = aspects.has('note') && notes ? wb.notes.getItemOrNullObject(sheetRef(c.sheet, c.cell)).load('content') : null;
    return { range, note, aspects };
  });
  const formulaSheets: Array<{ sheet: string; used: Excel.Range }> = [];
  if (request.formulas) {
    // The sheet list is needed to know which sheets to read: only on the second attempt, or
    // read here through the collection of every sheet but the excepted ones.
    const except = new Set(request.formulas.except);
    if (present) for (const name of present) if (!except.has(name)) formulaSheets.push({ sheet: name, used: wb.worksheets.getItem(name).getUsedRangeOrNullObject(true).load('formulas,values,rowIndex,columnIndex') });
  }
  await context.sync();
  if (request.formulas && !present) {
    // First attempt: now that the sheets are known, read their formulas (one more sync).
    const except = new Set(request.formulas.except);
    for (const w of worksheets.items) if (!except.has(w.name)) formulaSheets.push({ sheet: w.name, used: wb.worksheets.getItem(w.name).getUsedRangeOrNullObject(true).load('formulas,values,rowIndex,columnIndex') });
    await context.sync();
  }
  const stored: Record<string, unknown> = {};
  items.forEach((item, i) => {
    if (!item.isNullObject) stored[keys[i]] = item.value;
  });
  const states = cells.map((c): CellState | null => {
    if (!c) return null;
    const { aspects } = c;
    const s: { -readonly [K in keyof CellState]: CellState[K] } = {};
    if (c.range && (aspects.has('value') || aspects.has('formula'))) {
      const v = c.range.values[0][0] as RawValue;
      const f = c.range.formulas[0][0];
      s.value = v;
      s.formula = typeof f === 'string' && f.startsWith('=') && f !== v ? f : null;
    }
    if (c.range && (aspects.has('numFmt') || aspects.has('value'))) s.numFmt = String(c.range.numberFormat[0][0] ?? 'General');
    if (c.range && aspects.has('fill')) {
      const fill = c.range.format.fill;
      s.fill = fill.pattern === 'None' || !fill.color ? null : 'FF' + fill.color.replace('#', '').toUpperCase();
    }
    if (c.note) s.note = c.note.isNullObject ? null : c.note.content;
    return s;
  });
  const formulas: Array<{ sheet: string; cell: string; formula: string }> = [];
  for (const { sheet, used } of formulaSheets) {
    if (used.isNullObject) continue;
    used.formulas.forEach((row, i) =>
      row.forEach((f, j) => {
        if (typeof f === 'string' && f.startsWith('=') && f !== used.values[i][j]) formulas.push({ sheet, cell: address(used.rowIndex + i + 1, used.columnIndex + j + 1), formula: f });
      }),
    );
  }
  const sheets = worksheets.items.map((w) => ({ name: w.name, position: w.position, visibility: visibilityOf(w.visibility), protected: w.protection.protected }));
  return { sheets, states, stored, active: activeSheet ? activeSheet.name : null, formulas };
}
