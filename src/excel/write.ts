/// <reference types="office-js" />
/**
 * Applying a plan in one write sync (values, number formats, fills by severity), with the
 * undo record and the marks record saved in the same batch (`context.workbook.settings`).
 *
 * The changed-since-read check is race-free: the write batch first loads each target
 * cell, then writes it, so the loaded value is exactly what the write replaced. A cell
 * whose value or formula differs from the read the plan was computed from is put back at
 * once (one more sync, only then), reported, and left out of the undo record.
 *
 * Notes (ExcelApi 1.18) cost one more sync: Excel cannot add a note conditionally and a
 * user's note must never be replaced, so the write batch looks notes up and the next
 * sync adds them where a cell has none.
 */
import {
  gridTargets,
  markedCells,
  validatePlan,
  type CellEdit,
  type CellMark,
  type Severity,
  type WorkbookResult,
} from '../core';
import { MARK_FILLS, MARK_NOTE_PREFIX } from '../core';
import type { AddinSettings, ChangedCell } from '../core';
import type { RawCell, RawValue, WorkbookRead } from './read';

export const SETTINGS_KEY = 'jixiao.settings';
export const UNDO_KEY = 'jixiao.undo';
export const MARKS_KEY = 'jixiao.marks';

/**
 * 写回时标记问题单元格: the colours clean-up kind 7 recognises as ours (core/cleanup/marks
 * is the one source of truth), as Office.js `#RRGGBB`.
 */
export const FILL_BY_SEVERITY: Readonly<Record<Severity, string>> = {
  error: '#' + MARK_FILLS.error.slice(2),
  warning: '#' + MARK_FILLS.warning.slice(2),
  info: '#' + MARK_FILLS.info.slice(2),
};

/** Every note the add-in writes starts with MARK_NOTE_PREFIX, so clean-up knows it. */
export function markNote(text: string): string {
  if (text.startsWith(MARK_NOTE_PREFIX)) return text;
  return MARK_NOTE_PREFIX + text.replace(/^绩效自评助手[：:]/, '');
}

export interface CellState {
  readonly value: RawValue;
  readonly formula: string | null;
  readonly numberFormat: string;
  /** null: no fill. */
  readonly fill: string | null;
}

/** What one write changed in one cell, and what it was before. */
export interface UndoCell {
  readonly sheet: string;
  readonly cell: string;
  readonly before: CellState;
  readonly after: { readonly value?: RawValue; readonly numberFormat?: string; readonly fill?: string | null };
  /** The note this write added (deleted again by undo). */
  readonly note?: string;
}

export interface UndoRecord {
  readonly v: 1;
  readonly at: string;
  readonly cells: readonly UndoCell[];
  /** The marks record before this write: undo puts it back. */
  readonly marksBefore: MarksRecord | null;
}

/** A cell the add-in marked: 清除标记 removes exactly this (if still as we left it). */
export interface MarkRecord {
  readonly sheet: string;
  readonly cell: string;
  /** The fill we set, null if we set none. */
  readonly fill: string | null;
  /** The cell's fill before our first mark. */
  readonly fillBefore: string | null;
  /** The note we added, null if none. */
  readonly note: string | null;
}

export interface MarksRecord {
  readonly v: 1;
  readonly cells: readonly MarkRecord[];
}

export interface ApplyOptions {
  readonly settings: AddinSettings;
  /** ExcelApi 1.18 present. */
  readonly notesSupported: boolean;
  readonly previousMarks: MarksRecord | null;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ApplyOutcome {
  readonly written: number;
  readonly changedSinceRead: ChangedCell[];
  readonly protectedSheets: string[];
  readonly highlighted: number;
  readonly notesAdded: number;
  readonly notesUnavailable: string | null;
  /** The record of this write; null when it changed nothing. */
  readonly undo: UndoRecord | null;
  readonly marks: MarksRecord | null;
  readonly problems: string[];
}

/** Bytes one cell write costs in a request, generously (address, value, format, fill, record). */
export const BYTES_PER_WRITE = 600;
export const WRITE_BUDGET = 4 * 1024 * 1024;

const EMPTY_STATE: CellState = { value: '', formula: null, numberFormat: 'General', fill: null };

function stateOf(raw: RawCell | undefined): CellState {
  if (!raw) return EMPTY_STATE;
  return { value: raw.value, formula: raw.formula, numberFormat: raw.numberFormat, fill: raw.fill ?? null };
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const keyOf = (sheet: string, cell: string): string => `${sheet}\u0000${cell}`;

interface Job {
  sheet: string;
  cell: string;
  before: CellState;
  after: { value?: RawValue; numberFormat?: string; fill?: string | null };
  edit: CellEdit | null;
  note: string | null;
  mark: MarkRecord | null;
  addedNote?: boolean;
}

/** Apply the plan (and marks per settings). `context` belongs to the caller's Excel.run. */
export async function applyPlan(
  context: Excel.RequestContext,
  read: WorkbookRead,
  result: WorkbookResult,
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  const { settings } = options;
  const problems = validatePlan(result.plan, gridTargets(read.grid));
  const refused = new Set(problems.map((p) => p.edit));
  const protectedSheets = new Set(result.blockedByProtection.map((e) => e.sheet));
  for (const p of problems) if (p.code === 'protected-sheet') protectedSheets.add(p.edit.sheet);
  const edits = result.plan.filter((e) => !refused.has(e));
  const sheets = new Map(read.sheets.map((s) => [s.name, s]));
  const writable = (sheet: string): boolean => !!sheets.get(sheet) && !sheets.get(sheet)!.protected;

  const previous = new Map((options.previousMarks?.cells ?? []).map((m) => [keyOf(m.sheet, m.cell), m]));
  const jobs = new Map<string, Job>();
  const job = (sheet: string, cell: string): Job => {
    const k = keyOf(sheet, cell);
    let j = jobs.get(k);
    if (!j) {
      j = { sheet, cell, before: stateOf(sheets.get(sheet)?.raw.get(cell)), after: {}, edit: null, note: null, mark: null };
      jobs.set(k, j);
    }
    return j;
  };

  for (const e of edits) {
    const j = job(e.sheet, e.cell);
    j.edit = e;
    j.after.value = e.value;
    if (e.numFmt !== undefined && e.numFmt !== j.before.numberFormat) j.after.numberFormat = e.numFmt;
  }

  const notesWanted = settings.notes && options.notesSupported;
  const notesUnavailable = settings.notes && !options.notesSupported ? '当前 Excel 不支持批注接口（需要 ExcelApi 1.18，即 Microsoft 365 较新版本或 Excel 网页版），未添加批注' : null;
  const marks: CellMark[] = settings.highlight || notesWanted ? markedCells(edits, result.marks).filter((m) => writable(m.sheet)) : [];
  const markedKeys = new Set<string>();
  let highlighted = 0;
  for (const m of marks) {
    const k = keyOf(m.sheet, m.cell);
    markedKeys.add(k);
    const j = job(m.sheet, m.cell);
    const prev = previous.get(k);
    // A cell still wearing our earlier mark keeps the fill it had before that mark.
    const fillBefore = prev && prev.fill !== null && prev.fill === j.before.fill ? prev.fillBefore : j.before.fill;
    let fill: string | null = prev?.fill ?? null;
    if (settings.highlight) {
      fill = FILL_BY_SEVERITY[m.severity];
      highlighted++;
      if (j.before.fill !== fill) j.after.fill = fill;
    }
    j.mark = { sheet: m.sheet, cell: m.cell, fill, fillBefore, note: prev?.note ?? null };
    if (notesWanted) j.note = markNote(m.note);
  }
  // Marks of an earlier run whose finding is gone: put their fill back (highlighting only).
  const kept: MarkRecord[] = [];
  for (const [k, prev] of previous) {
    if (markedKeys.has(k)) continue;
    if (settings.highlight && prev.fill !== null && writable(prev.sheet)) {
      const j = job(prev.sheet, prev.cell);
      if (j.before.fill === prev.fill) {
        j.after.fill = prev.fillBefore;
        if (prev.note !== null) kept.push({ ...prev, fill: null, fillBefore: null });
        continue;
      }
    }
    kept.push(prev);
  }

  const active = [...jobs.values()].filter((j) => Object.keys(j.after).length > 0);
  const noteJobs = [...jobs.values()].filter((j) => j.note !== null && (j.mark?.note ?? null) !== j.note);
  const newMarks = (): MarksRecord => ({
    v: 1,
    cells: [...kept, ...[...jobs.values()].filter((j) => j.mark).map((j) => j.mark!)],
  });
  const undoCells = (): UndoCell[] =>
    active.map((j) => ({ sheet: j.sheet, cell: j.cell, before: j.before, after: j.after, ...(j.mark?.note && j.addedNote ? { note: j.mark.note } : {}) }));
  const marksChanged = (): boolean => JSON.stringify(newMarks()) !== JSON.stringify(options.previousMarks ?? { v: 1, cells: [] });

  const outcome = (written: number, changed: ChangedCell[], notesAdded: number, undo: UndoRecord | null): ApplyOutcome => ({
    written,
    changedSinceRead: changed,
    protectedSheets: [...protectedSheets],
    highlighted,
    notesAdded,
    notesUnavailable,
    undo,
    marks: newMarks(),
    problems: problems.filter((p) => p.code !== 'protected-sheet').map((p) => p.message),
  });
  if (!active.length && !noteJobs.length && !marksChanged()) return outcome(0, [], 0, null);

  // The write batch(es): load each target as it is, then write it.
  const settingsApi = context.workbook.settings;
  const wsProxies = new Map<string, Excel.Worksheet>();
  const ws = (name: string): Excel.Worksheet => {
    let p = wsProxies.get(name);
    if (!p) wsProxies.set(name, (p = context.workbook.worksheets.getItem(name)));
    return p;
  };
  const undoOf = (cells: UndoCell[]): UndoRecord | null =>
    cells.length ? { v: 1, at: new Date().toISOString(), cells, marksBefore: options.previousMarks } : null;

  const perBatch = Math.max(1, Math.floor(WRITE_BUDGET / BYTES_PER_WRITE));
  const loaded = new Map<Job, Excel.Range>();
  const noteLookups = new Map<Job, Excel.Note>();
  const batches: Job[][] = [];
  for (let i = 0; i < Math.max(active.length, 1); i += perBatch) batches.push(active.slice(i, i + perBatch));
  let done = 0;
  for (let b = 0; b < batches.length; b++) {
    for (const j of batches[b]) {
      const range = ws(j.sheet).getRange(j.cell);
      if (j.edit) {
        // Queued before the write, so it reads what the write replaces.
        loaded.set(j, ws(j.sheet).getRange(j.cell).load('values,formulas'));
        range.values = [[j.after.value as RawValue]];
        if (j.after.numberFormat !== undefined) range.numberFormat = [[j.after.numberFormat]];
      }
      if (j.after.fill !== undefined) {
        if (j.after.fill === null) range.format.fill.clear();
        else range.format.fill.color = j.after.fill;
      }
    }
    if (b === batches.length - 1) {
      for (const j of noteJobs) noteLookups.set(j, context.workbook.notes.getItemOrNullObject(`${quoteSheet(j.sheet)}!${j.cell}`).load('content'));
      const undo = undoOf(undoCells());
      if (undo) settingsApi.add(UNDO_KEY, undo);
      settingsApi.add(MARKS_KEY, newMarks());
    }
    await context.sync(); // eslint-disable-line office-addins/no-context-sync-in-loop -- one batch per 5 MB
    done += batches[b].length;
    options.onProgress?.(done, active.length);
  }

  // Changed since read: put the user's value back, report it, forget it.
  const changed: ChangedCell[] = [];
  for (const [j, probe] of loaded) {
    const f0 = probe.formulas[0][0];
    const now = { value: probe.values[0][0] as RawValue, formula: typeof f0 === 'string' && f0.startsWith('=') ? f0 : null };
    if (sameValue(now.value, j.before.value) && now.formula === j.before.formula) continue;
    const r = ws(j.sheet).getRange(j.cell);
    if (now.formula !== null) r.formulas = [[now.formula]];
    else r.values = [[now.value]];
    if (j.after.numberFormat !== undefined) r.numberFormat = [[j.before.numberFormat]];
    if (j.after.fill !== undefined) {
      if (j.before.fill === null) r.format.fill.clear();
      else r.format.fill.color = j.before.fill;
    }
    changed.push({ sheet: j.sheet, cell: j.cell, message: `工作表「${j.sheet}」${j.cell} 在读取后被修改（现为 ${display(now.formula ?? now.value)}），未覆盖` });
    active.splice(active.indexOf(j), 1);
    if (j.mark) j.mark = null;
  }

  // Notes where the cell has none.
  let notesAdded = 0;
  for (const [j, note] of noteLookups) {
    if (!note.isNullObject || !j.mark || changed.some((c) => c.sheet === j.sheet && c.cell === j.cell)) continue;
    context.workbook.notes.add(`${quoteSheet(j.sheet)}!${j.cell}`, j.note);
    j.mark = { ...j.mark, note: j.note };
    j.addedNote = true;
    if (!active.includes(j)) active.push(j);
    notesAdded++;
  }
  const undo = undoOf(undoCells());
  if (changed.length || notesAdded) {
    if (undo) settingsApi.add(UNDO_KEY, undo);
    else settingsApi.add(UNDO_KEY, { v: 1, at: new Date().toISOString(), cells: [], marksBefore: options.previousMarks });
    settingsApi.add(MARKS_KEY, newMarks());
    await context.sync();
  }
  const written = active.filter((j) => j.edit).length;
  return outcome(written, changed, notesAdded, undo);
}

function sameValue(a: RawValue, b: RawValue): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)));
}

function display(v: RawValue): string {
  return v === '' ? '空白' : String(v);
}
