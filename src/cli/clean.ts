/**
 * The clean-up's ExcelJS adapter (issue 8): load a workbook for `jixiao clean` (its grid, the
 * fills and notes that may be our marks, what a rewrite would lose) and apply a clean-up
 * plan to it with an ExcelJS round trip (row and sheet deletion and merges need a
 * structural writer). The command is ./commands/clean.ts; this module is what the package
 * patch (src/cli/package) replaces.
 */
import ExcelJS from 'exceljs';

import { cleanup, parseRange, type WorkbookGrid } from '../core';
import { WorkbookWriteError, errorText } from './errors';
import { mergesOf } from './read';
import { readWorkbook } from './workbook';

type Plan = cleanup.CleanupPlan;

/** A workbook loaded for clean-up. */
export interface CleanSource {
  readonly grid: WorkbookGrid;
  readonly decorations: readonly cleanup.CellDecoration[];
  /** What the rewrite would lose or move (图表, 图片 …): notes, and `--in-place` refuses. */
  readonly lossy: readonly string[];
  readonly workbook: ExcelJS.Workbook;
}

export async function loadForClean(file: string): Promise<CleanSource> {
  const { grid, workbook, lossy } = await readWorkbook(file);
  const images = workbook.worksheets.some((ws) => ws.getImages().length > 0) ? ['图片'] : [];
  return { grid, workbook, decorations: decorationsOf(workbook), lossy: [...lossy, ...images] };
}

/** The cleaned workbook's bytes: `plan` applied to the loaded workbook, written by ExcelJS. */
export async function cleanedBytes(source: CleanSource, plan: Plan, outPath: string): Promise<Buffer> {
  applyPlanToWorkbook(source.workbook, plan);
  try {
    const raw = (await source.workbook.xlsx.writeBuffer()) as unknown;
    return Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer);
  } catch (e) {
    throw new WorkbookWriteError(outPath, 'io', `生成工作簿失败：${errorText(e)}`);
  }
}

/** Fills and notes of every cell, for recognising our own marks. */
export function decorationsOf(workbook: ExcelJS.Workbook): cleanup.CellDecoration[] {
  const out: cleanup.CellDecoration[] = [];
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const fill = cell.style?.fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | undefined;
        const argb = fill && fill.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
        const note = noteText(cell.note);
        if (argb === undefined && note === undefined) return;
        out.push({ sheet: ws.name, row: r, col: c, ...(argb !== undefined ? { fill: argb } : {}), ...(note !== undefined ? { note } : {}) });
      });
    });
  }
  return out;
}

function noteText(note: unknown): string | undefined {
  if (typeof note === 'string') return note;
  if (note && typeof note === 'object') {
    const texts = (note as { texts?: { text?: string }[] }).texts;
    if (Array.isArray(texts)) return texts.map((t) => t.text ?? '').join('');
  }
  return undefined;
}

function toExcel(v: cleanup.CellState['value']): ExcelJS.CellValue {
  switch (v.t) {
    case 'empty':
      return null;
    case 'date':
      return new Date(`${v.v}T00:00:00Z`);
    case 'error':
      return { error: v.v } as ExcelJS.CellErrorValue;
    default:
      return v.v;
  }
}

/** Apply `plan` to the loaded workbook, in the host order of core/cleanup/types. */
export function applyPlanToWorkbook(workbook: ExcelJS.Workbook, plan: Plan): void {
  const sheetOf = (name: string): ExcelJS.Worksheet => {
    const ws = workbook.getWorksheet(name);
    if (!ws) throw new Error(`找不到工作表「${name}」`);
    return ws;
  };
  const deleted = new Map<string, number[]>();
  const resized = new Map<string, { removed: Set<string>; added: string[] }>();
  for (const ch of plan.changes) {
    if (ch.op === 'delete-row') deleted.set(ch.place.sheet, [...(deleted.get(ch.place.sheet) ?? []), ch.place.row]);
    if (ch.op === 'resize-merge' || ch.op === 'unmerge') {
      const r = resized.get(ch.place.sheet) ?? { removed: new Set<string>(), added: [] };
      r.removed.add(ch.place.address);
      if (ch.op === 'resize-merge' && ch.after) r.added.push(ch.after);
      resized.set(ch.place.sheet, r);
    }
  }
  // 1. marks
  for (const ch of plan.changes) {
    if (ch.op !== 'remove-fill' && ch.op !== 'remove-note') continue;
    const cell = sheetOf(ch.place.sheet).getCell(ch.place.row, ch.place.col);
    if (ch.op === 'remove-fill') {
      const style = { ...cell.style };
      delete style.fill;
      cell.style = style;
    } else {
      // ExcelJS has no API to remove a note: `note = undefined` writes an empty one, and a
      // loaded cell keeps the note in its value's model too: drop both.
      (cell as unknown as { _comment?: unknown })._comment = undefined;
      const v = cell.value;
      cell.value = null;
      cell.value = v;
    }
  }
  // 2. unmerge: every merge of a sheet losing rows (they are re-merged, shifted), else the listed ones.
  const keptMerges = new Map<string, { top: number; left: number; bottom: number; right: number }[]>();
  for (const [name, r] of resized) {
    const ws = sheetOf(name);
    if (deleted.has(name)) continue;
    for (const a of r.removed) ws.unMergeCells(a);
  }
  for (const name of deleted.keys()) {
    const ws = sheetOf(name);
    const removed = resized.get(name)?.removed ?? new Set<string>();
    const all = mergesOf(ws);
    keptMerges.set(name, all.filter((m) => !removed.has(`${ws.getCell(m.top, m.left).address}:${ws.getCell(m.bottom, m.right).address}`)));
    for (const m of all) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  }
  // 3. cell values and formats
  for (const ch of plan.changes) {
    if (ch.op !== 'set') continue;
    const cell = sheetOf(ch.place.sheet).getCell(ch.place.row, ch.place.col);
    cell.value = toExcel(ch.after.value);
    if (ch.after.numFmt !== ch.before.numFmt) cell.style = { ...cell.style, numFmt: ch.after.numFmt ?? 'General' };
  }
  // 4. rows, bottom-up, then the formulas that named rows below them
  const deletions = [...deleted].map(([name, rows]) => ({ name, rows: [...rows].sort((a, b) => a - b) }));
  for (const d of deletions) {
    const ws = sheetOf(d.name);
    // spliceRows moves values and styles but not notes: carry them along.
    const notes: { row: number; col: number; note: unknown }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r < d.rows[0]) return;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const note = (cell as unknown as { _comment?: { note?: unknown } })._comment?.note;
        if (note !== undefined) notes.push({ row: r, col: c, note });
      });
    });
    for (const r of [...d.rows].reverse()) ws.spliceRows(r, 1);
    for (const n of notes) {
      const row = cleanup.shiftRow(n.row, d.rows);
      if (row !== null) ws.getCell(row, n.col).note = n.note as string;
    }
  }
  if (deletions.length) {
    for (const ws of workbook.worksheets) {
      ws.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          const v = cell.value as ExcelJS.CellFormulaValue;
          if (typeof v.formula !== 'string') return;
          let f = v.formula;
          for (const d of deletions) f = cleanup.shiftFormula(f, ws.name, d.name, d.rows);
          if (f !== v.formula) cell.value = { formula: f, result: v.result } as ExcelJS.CellFormulaValue;
        });
      });
    }
  }
  // 5. merges after the deletions
  for (const d of deletions) {
    const ws = sheetOf(d.name);
    for (const m of keptMerges.get(d.name) ?? []) {
      const top = cleanup.shiftRow(m.top, d.rows);
      const bottom = cleanup.shiftRow(m.bottom, d.rows);
      if (top !== null && bottom !== null) ws.mergeCells(top, m.left, bottom, m.right);
    }
  }
  for (const [name, r] of resized) {
    const ws = sheetOf(name);
    for (const a of r.added) {
      const m = parseRange(a)!;
      ws.mergeCells(m.top, m.left, m.bottom, m.right);
    }
  }
  // 6. sheets
  for (const ch of plan.changes) if (ch.op === 'delete-sheet') workbook.removeWorksheet(sheetOf(ch.place.sheet).id);
}

