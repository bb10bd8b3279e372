/// <reference types="office-js" />
/**
 * Applying steps over Office.js: batches split by request size (Excel on the web refuses a
 * request over 5 MB; a refused batch is sent again in halves), cell steps guarded in the same
 * batch (the cell is loaded just before it is written, so what loads is what the write
 * replaced; where it is not the step's `before`, the next batch puts it back), notes decided
 * one batch later (Office.js cannot add a note only where there is none).
 */
import { aspectsOf, mismatches, type Aspect, type ApplyOptions, type ApplyResult, type CellState, type CellStep, type Conflict, type RawValue, type SheetStep, type Step } from '../core';
import { isRequestTooLarge } from './errors';
import { excelVisibility } from './read';

/** What one write batch aims for, under Excel's 5 MB request limit. */
export const WRITE_BUDGET = 4 * 1024 * 1024;
/** Request bytes of one queued operation beyond its arguments (object paths and actions, as Office.js serialises them). */
export const OP_BYTES = 420;
export const GUARD_BYTES = 360;

export interface ExcelApplyOptions extends ApplyOptions {
  /** The host has notes (ExcelApi 1.18); note steps are refused without. */
  readonly notes: boolean;
  /** Request bytes per batch (tests pass a small one to see the split). */
  readonly budget?: number;
}

/** A1 reference with its sheet, quoted as Excel wants it in `notes.add`. */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/** ARGB → `#RRGGBB`. */
const hex = (argb: string): string => '#' + argb.slice(-6).toUpperCase();

/** A string Excel would turn into a number, date, formula or error is written with an apostrophe, so it stays text. */
export function asText(v: RawValue): RawValue {
  if (typeof v !== 'string' || v === '') return v;
  const t = v.trim();
  if (/^[=+'@-]/.test(v) || /^#/.test(t)) return `'${v}`;
  if (t !== '' && (Number.isFinite(Number(t.replace(/,/g, ''))) || /^[+-]?[\d.,]+\s*%$/.test(t) || /^\d{1,4}[-/年]\d{1,2}([-/月]\d{1,4})?日?$/.test(t) || /^(TRUE|FALSE)$/i.test(t))) return `'${v}`;
  return v;
}

/** Estimated request bytes of a step. */
export function stepBytes(step: Step, guard: boolean): number {
  if (step.op !== 'cell') return OP_BYTES + JSON.stringify(step).length;
  const args = JSON.stringify(step.after).length;
  const ops = aspectsOf(step.after).length + (step.after.fill !== undefined ? 2 : 0);
  return OP_BYTES + ops * 160 + args * 2 + (guard ? GUARD_BYTES : 0);
}

interface Pending {
  readonly index: number;
  readonly step: CellStep;
  readonly probe: Excel.Range | null;
  readonly note: Excel.Note | null;
}

export async function applySteps(context: Excel.RequestContext, steps: readonly Step[], options: ExcelApplyOptions): Promise<ApplyResult> {
  const budget = options.budget ?? Infinity;
  const conflicts: Conflict[] = [];
  const later: Array<() => void> = [];
  const wb = context.workbook;
  let storedBefore = !options.storeBefore || !steps.length;
  const store = (entries: Readonly<Record<string, unknown>>): void => {
    for (const [k, v] of Object.entries(entries)) {
      if (v === null || v === undefined) wb.settings.getItemOrNullObject(k).delete();
      else wb.settings.add(k, v);
    }
  };

  let queue: number[][] = chunk(steps.map((s) => stepBytes(s, options.guard)), Math.min(budget, WRITE_BUDGET));
  let done = 0;
  while (queue.length) {
    const indices = queue[0];
    if (!storedBefore) store(options.storeBefore!);
    const pending = queueSteps(context, steps, indices, options, conflicts);
    // The last batch carries the entries stored after the steps (again after any put-backs).
    if (queue.length === 1 && options.storeAfter) store(options.storeAfter);
    try {
      // One sync per batch under the request limit.
      await context.sync(); // eslint-disable-line office-addins/no-context-sync-in-loop
    } catch (e) {
      if (isRequestTooLarge(e) && indices.length > 1) {
        const half = Math.ceil(indices.length / 2);
        queue = [indices.slice(0, half), indices.slice(half), ...queue.slice(1)];
        continue;
      }
      throw e;
    }
    storedBefore = true;
    queue = queue.slice(1);
    for (const p of pending) settle(context, p, options, conflicts, later);
    done += indices.length;
    options.onProgress?.(done, steps.length);
  }
  if (!steps.length) {
    if (options.storeBefore) store(options.storeBefore);
    if (options.storeAfter) store(options.storeAfter);
  }
  for (const op of later) op();
  if (later.length && options.storeAfter) store(options.storeAfter);
  if (later.length || (!steps.length && (options.storeBefore || options.storeAfter))) await context.sync();
  conflicts.sort((a, b) => a.index - b.index);
  return { conflicts };
}

/** Step indices in batches of at most `budget` estimated bytes, in order. */
function chunk(sizes: readonly number[], budget: number): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  let bytes = 0;
  sizes.forEach((n, i) => {
    if (cur.length && bytes + n > budget) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(i);
    bytes += n;
  });
  if (cur.length) out.push(cur);
  return out;
}

function queueSteps(context: Excel.RequestContext, steps: readonly Step[], indices: readonly number[], options: ExcelApplyOptions, conflicts: Conflict[]): Pending[] {
  const wb = context.workbook;
  let sheets = new Map<string, Excel.Worksheet>();
  const ws = (name: string): Excel.Worksheet => {
    let p = sheets.get(name);
    if (!p) sheets.set(name, (p = wb.worksheets.getItem(name)));
    return p;
  };
  const pending: Pending[] = [];
  for (const index of indices) {
    const step = steps[index];
    if (step.op !== 'cell') {
      queueSheetStep(step, ws);
      sheets = new Map(); // names may have changed: look sheets up again
      continue;
    }
    const noteAspect = step.after.note !== undefined;
    if (noteAspect && !options.notes) {
      // Outside the host's requirement sets: never called.
      conflicts.push({ index, aspects: ['note'], actual: {} });
    }
    const guardData = options.guard && (step.before.value !== undefined || step.before.formula !== undefined || step.before.numFmt !== undefined || step.before.fill !== undefined);
    const probe = guardData ? ws(step.sheet).getRange(step.cell).load('values,formulas,numberFormat,format/fill/color,format/fill/pattern') : null;
    // Guarded: look the note up, decide next batch. Unguarded (the caller checked first): act now.
    const lookNote = noteAspect && options.notes && options.guard;
    const note = lookNote ? wb.notes.getItemOrNullObject(sheetRef(step.sheet, step.cell)).load('content') : null;
    writeCell(ws(step.sheet).getRange(step.cell), step.after);
    if (noteAspect && options.notes && !lookNote) {
      const ref = sheetRef(step.sheet, step.cell);
      if (step.after.note === null) wb.notes.getItem(ref).delete();
      else if (step.before.note === null) wb.notes.add(ref, step.after.note as string);
      else wb.notes.getItem(ref).content = step.after.note as string;
    }
    pending.push({ index, step, probe, note });
  }
  return pending;
}

function writeCell(range: Excel.Range, after: CellState): void {
  if (after.numFmt !== undefined) range.numberFormat = [[after.numFmt]];
  if (after.formula !== undefined && after.formula !== null) range.formulas = [[after.formula]];
  else if (after.value !== undefined) range.values = [[asText(after.value)]];
  if (after.fill !== undefined) {
    if (after.fill === null) range.format.fill.clear();
    else range.format.fill.color = hex(after.fill);
  }
}

function queueSheetStep(step: SheetStep, ws: (name: string) => Excel.Worksheet): void {
  switch (step.op) {
    case 'copy-sheet': {
      const copy = ws(step.sheet).copy('End');
      copy.name = step.to;
      copy.visibility = 'VeryHidden';
      return;
    }
    case 'delete-sheet':
      return ws(step.sheet).delete();
    case 'rename-sheet':
      ws(step.sheet).name = step.to;
      return;
    case 'sheet-visibility':
      ws(step.sheet).visibility = excelVisibility(step.visibility);
      return;
    case 'move-sheet':
      ws(step.sheet).position = step.position;
      return;
    case 'delete-row':
      return ws(step.sheet).getRange(`${step.row}:${step.row}`).delete('Up');
    case 'unmerge':
      return ws(step.sheet).getRange(step.area).unmerge();
    case 'merge':
      return ws(step.sheet).getRange(step.area).merge(false);
    case 'activate':
      return ws(step.sheet).activate();
  }
}

function fillOf(range: Excel.Range): string | null {
  const f = range.format.fill;
  return f.pattern === 'None' || !f.color ? null : 'FF' + f.color.replace('#', '').toUpperCase();
}

/** After the batch: compare what loaded with `before`; put back what differs; decide the notes. */
function settle(context: Excel.RequestContext, p: Pending, options: ExcelApplyOptions, conflicts: Conflict[], later: Array<() => void>): void {
  const { step } = p;
  const actual: { -readonly [K in keyof CellState]: CellState[K] } = {};
  if (p.probe) {
    const f0 = p.probe.formulas[0][0];
    const v0 = p.probe.values[0][0] as RawValue;
    actual.formula = typeof f0 === 'string' && f0.startsWith('=') && f0 !== v0 ? f0 : null;
    actual.value = v0;
    actual.numFmt = String(p.probe.numberFormat[0][0] ?? 'General');
    actual.fill = fillOf(p.probe);
  }
  if (p.note) actual.note = p.note.isNullObject ? null : p.note.content;
  const bad = new Set<Aspect>();
  if (options.guard) {
    const expected = { ...step.before };
    delete (expected as { note?: unknown }).note;
    for (const a of mismatches(expected, actual)) bad.add(a);
    if (step.after.note !== undefined && p.note && mismatches({ note: step.before.note }, actual).length) bad.add('note');
  }
  const data = bad.has('value') || bad.has('formula');
  const reported: Aspect[] = [];
  if (data) {
    for (const a of ['value', 'formula', 'numFmt'] as const) if (step.after[a] !== undefined || a !== 'numFmt') reported.push(a);
  } else if (bad.has('numFmt')) reported.push('numFmt');
  if (bad.has('fill')) reported.push('fill');
  if (bad.has('note')) reported.push('note');
  if (reported.length) {
    const ws = (): Excel.Range => context.workbook.worksheets.getItem(step.sheet).getRange(step.cell);
    later.push(() => {
      const r = ws();
      if (data) {
        if (actual.formula) r.formulas = [[actual.formula]];
        else r.values = [[asText(actual.value ?? '')]];
      }
      if ((data || bad.has('numFmt')) && step.after.numFmt !== undefined) r.numberFormat = [[actual.numFmt ?? 'General']];
      if (bad.has('fill') && step.after.fill !== undefined) {
        if (actual.fill) r.format.fill.color = hex(actual.fill);
        else r.format.fill.clear();
      }
    });
    conflicts.push({ index: p.index, aspects: reported.filter((a) => step.after[a] !== undefined || a === 'value' || a === 'formula'), actual });
  }
  // Notes, now that we know whether the cell has one.
  if (p.note && !bad.has('note')) {
    const text = step.after.note;
    const ref = sheetRef(step.sheet, step.cell);
    const notes = context.workbook.notes;
    if (p.note.isNullObject) {
      if (typeof text === 'string') later.push(() => void notes.add(ref, text));
    } else if (text === null) later.push(() => notes.getItem(ref).delete());
    else if (typeof text === 'string' && p.note.content !== text) later.push(() => void (notes.getItem(ref).content = text));
  }
}
