/**
 * Planning a write (计分并写回, 更正此项): the plan's edits as cell steps, the workbook as it
 * will be after them (analysed again, so findings the write fixes are gone), and the marks
 * that brings: a finding cell wears its severity's fill, a cell the write corrected wears
 * 已更正, a mark whose reason is gone comes off. Pure: the host applies the steps.
 *
 * Marks policy (docs/decisions/addin-host.md):
 *  - we only ever change a fill or note we made: a cell is expected to carry our recorded
 *    mark or nothing, and a host guard leaves any other fill or note as it is;
 *  - 已更正 stays on a cell until a finding appears there or 清除标记;
 *  - highlighting off removes our fills, notes off removes our notes (where the host has notes);
 *  - protected sheets are left alone; at most `MAX_MARKS` cells are marked, most severe first.
 */
import { analyzeWorkbook, type WorkbookResult } from '../engine';
import type { Cell, CellValue, WorkbookGrid } from '../grid';
import { fromExcelValue } from '../host-values';
import { isMarkNote, markOfFill, MARK_FILLS, MARK_KINDS, MARK_NOTE_PREFIX, type MarkKind } from '../marks';
import { markedCells, type CellEdit } from '../plan';
import type { Profile } from '../profiles';
import { gridTargets, validatePlan, type EditProblem } from '../validate';
import { showCellValue } from '../cleanup/preview';
import { cellStep, mergeSteps, OUR_NOTE, type CellState, type CellStep, type RawValue } from '../changes';
import type { CellRef } from './host';
import { markKey, noteHash, splitKey, type CellMarkState, type MarkMap } from './records';
import type { AddinSettings } from './settings';
import { formatNumber, formatPercent } from './summary';

/** The most cells a write marks (the marks record stays small). */
export const MAX_MARKS = 20000;

export interface WriteInput {
  readonly grid: WorkbookGrid;
  /** A cell as read: raw value and number format (what undo puts back). */
  cell(sheet: string, row: number, col: number): { readonly value: RawValue; readonly numFmt: string };
  /** The engine's result on `grid`. */
  readonly result: WorkbookResult;
  readonly profile: Profile;
  readonly settings: AddinSettings;
  /** The host has notes. */
  readonly notes: boolean;
  /** Our marks now (the marks record). */
  readonly marks: MarkMap;
  /** 更正此项: only these cells' edits. */
  readonly only?: readonly CellRef[] | null;
  /** Edits left out (changed since read): planned again without them. */
  readonly skip?: ReadonlySet<string>;
}

export interface WritePlan {
  /** The edits written. */
  readonly edits: readonly CellEdit[];
  /** Edits refused by the plan check (formula, merge …), not protection. */
  readonly problems: readonly EditProblem[];
  /** Edits on protected sheets: not written. */
  readonly blocked: readonly CellEdit[];
  /** The engine's result on the workbook as written. */
  readonly after: WorkbookResult;
  readonly corrected: readonly CellRef[];
  /** One step per cell: values, formats, fills, notes. */
  readonly steps: readonly CellStep[];
  /** Our marks once the steps are applied. */
  readonly marksAfter: MarkMap;
}

const refKey = (r: CellRef): string => markKey(r.sheet, r.cell);

export function planWrite(input: WriteInput): WritePlan {
  const { grid, result, settings } = input;
  const only = input.only ? new Set(input.only.map(refKey)) : null;
  const wanted = (e: CellEdit): boolean => (!only || only.has(refKey(e))) && !input.skip?.has(refKey(e));
  const problems = validatePlan(result.plan.filter(wanted), gridTargets(grid));
  const refused = new Set(problems.map((p) => p.edit));
  const blocked = [...result.blockedByProtection.filter(wanted), ...problems.filter((p) => p.code === 'protected-sheet').map((p) => p.edit)];
  const edits = result.plan.filter((e) => wanted(e) && !refused.has(e));

  const valueSteps = edits.map((e) => {
    const now = input.cell(e.sheet, e.row, e.col);
    const fmtBefore = now.numFmt;
    const before: { value: RawValue; numFmt?: string } = { value: now.value };
    const after: { value: RawValue; numFmt?: string } = { value: e.value };
    if (e.numFmt !== undefined && e.numFmt !== fmtBefore) {
      before.numFmt = fmtBefore;
      after.numFmt = e.numFmt;
    }
    return cellStep(e.sheet, e.cell, before, after);
  });

  const written = withEdits(grid, edits);
  const after = edits.length ? analyzeWorkbook(written, { profile: input.profile }) : result;
  const marks = planMarks({ after, grid: written, edits, marks: input.marks, settings, notes: input.notes });
  return {
    edits,
    problems: problems.filter((p) => p.code !== 'protected-sheet'),
    blocked,
    after,
    corrected: marks.corrected,
    steps: mergeSteps([...valueSteps, ...marks.steps]),
    marksAfter: marks.marksAfter,
  };
}

export interface MarksInput {
  /** The engine's result on `grid`. */
  readonly after: WorkbookResult;
  readonly grid: WorkbookGrid;
  /** Edits this write applied (their cells become 已更正 unless a finding remains). */
  readonly edits: readonly CellEdit[];
  readonly marks: MarkMap;
  readonly settings: AddinSettings;
  readonly notes: boolean;
}

/** The mark steps that bring our marks in line with `after`. */
export function planMarks(input: MarksInput): { steps: CellStep[]; marksAfter: Map<string, CellMarkState>; corrected: CellRef[] } {
  const desired = desiredMarks(input.after, input.grid, input.edits, input.marks);
  const corrected = input.edits.filter((e) => desired.get(refKey(e))?.kind === 'corrected').map((e) => ({ sheet: e.sheet, cell: e.cell }));
  return { ...marksToSteps(desired, input.marks, input.grid, input.settings, input.notes), corrected };
}

/** The grid as it reads once `edits` are written (values converted as a host reads them back). */
export function withEdits(grid: WorkbookGrid, edits: readonly CellEdit[]): WorkbookGrid {
  if (!edits.length) return grid;
  const bySheet = new Map<string, CellEdit[]>();
  for (const e of edits) bySheet.set(e.sheet, [...(bySheet.get(e.sheet) ?? []), e]);
  return {
    sheets: grid.sheets.map((s) => {
      const mine = bySheet.get(s.name);
      if (!mine) return s;
      const cells = s.cells.map((r) => (r ? [...r] : r)) as (Cell | undefined)[][];
      for (const e of mine) {
        const old = cells[e.row]?.[e.col];
        const numFmt = e.numFmt ?? old?.numFmt;
        const cell: Cell = { value: fromExcelValue(e.value, numFmt), ...(numFmt && numFmt !== 'General' ? { numFmt } : {}) };
        (cells[e.row] ??= [])[e.col] = cell;
      }
      return { ...s, cells };
    }),
  };
}

interface Desired {
  readonly kind: MarkKind;
  /** The note's text; null: leave the note as it is (a 已更正 kept from an earlier write). */
  readonly note: string | null;
}

const RANK: Readonly<Record<MarkKind, number>> = Object.fromEntries(MARK_KINDS.map((k, i) => [k, i])) as Record<MarkKind, number>;

/** The mark every cell should wear after the write, by `sheet\0cell`. */
function desiredMarks(after: WorkbookResult, grid: WorkbookGrid, edits: readonly CellEdit[], marks: MarkMap): Map<string, Desired> {
  const writable = new Set(grid.sheets.filter((s) => !s.protected).map((s) => s.name));
  const out = new Map<string, Desired>();
  for (const m of markedCells(after.plan, after.marks)) {
    if (writable.has(m.sheet)) out.set(markKey(m.sheet, m.cell), { kind: m.severity, note: m.note });
  }
  for (const e of edits) {
    const k = refKey(e);
    if (!out.has(k)) out.set(k, { kind: 'corrected', note: correctedNote(e) });
  }
  for (const [k, m] of marks) {
    if (m.kind === 'corrected' && !out.has(k) && writable.has(splitKey(k).sheet)) out.set(k, { kind: 'corrected', note: null });
  }
  if (out.size <= MAX_MARKS) return out;
  return new Map([...out].sort((a, b) => RANK[a[1].kind] - RANK[b[1].kind]).slice(0, MAX_MARKS));
}

function correctedNote(e: CellEdit): string {
  const was = showCellValue(e.previous as CellValue);
  const now = typeof e.value === 'number' ? (e.numFmt?.includes('%') ? formatPercent(e.value) : formatNumber(e.value)) : `「${e.value}」`;
  return `${MARK_NOTE_PREFIX}\n[已更正] 原为 ${was}，已改为 ${now}`;
}

/** Steps from our marks now to the desired ones, and the marks record after them. */
function marksToSteps(
  desired: ReadonlyMap<string, Desired>,
  marks: MarkMap,
  grid: WorkbookGrid,
  settings: AddinSettings,
  notes: boolean,
): { steps: CellStep[]; marksAfter: Map<string, CellMarkState> } {
  const present = new Set(grid.sheets.map((s) => s.name));
  const writable = new Set(grid.sheets.filter((s) => !s.protected).map((s) => s.name));
  const steps: CellStep[] = [];
  const marksAfter = new Map<string, CellMarkState>();
  for (const k of new Set([...marks.keys(), ...desired.keys()])) {
    const { sheet, cell } = splitKey(k);
    const prev = marks.get(k) ?? { kind: null, note: null };
    if (!present.has(sheet)) continue; // the sheet is gone: so are its marks
    if (!writable.has(sheet)) {
      if (prev.kind || prev.note) marksAfter.set(k, prev);
      continue;
    }
    const d = desired.get(k);
    const before: { -readonly [K in keyof CellState]: CellState[K] } = {};
    const after: { -readonly [K in keyof CellState]: CellState[K] } = {};
    const kind = settings.highlight && d ? d.kind : null;
    if (kind !== prev.kind) {
      before.fill = prev.kind ? MARK_FILLS[prev.kind] : null;
      after.fill = kind ? MARK_FILLS[kind] : null;
    }
    let note = prev.note;
    if (notes) {
      const text = settings.notes && d ? d.note : null;
      const keep = settings.notes && d && d.note === null && prev.note !== null;
      if (!keep && (text === null ? prev.note !== null : noteHash(text) !== prev.note)) {
        before.note = prev.note ? OUR_NOTE : null;
        after.note = text;
        note = text === null ? null : noteHash(text);
      }
    }
    if (Object.keys(after).length) steps.push(cellStep(sheet, cell, before, after));
    if (kind || note !== null) marksAfter.set(k, { kind, note });
  }
  return { steps, marksAfter };
}

/** A step as the undo record keeps it: our note texts shortened to `OUR_NOTE`. */
export function recorded(step: CellStep): CellStep {
  const short = (s: CellState): CellState => (typeof s.note === 'string' ? { ...s, note: OUR_NOTE } : s);
  return { ...step, before: short(step.before), after: short(step.after) };
}

export interface Settled {
  /** What was applied: the steps without the aspects the host left as they were. */
  readonly applied: CellStep[];
  /** The edits written (those whose value did not conflict). */
  readonly edits: CellEdit[];
  /** Cells whose value changed between the read and the write. */
  readonly changed: Array<{ sheet: string; cell: string; now: RawValue | string }>;
  /** The user's values found there, as edits of the grid (to analyse the workbook as it is). */
  readonly found: CellEdit[];
  /** Our marks, knowing what the host found. */
  readonly marks: Map<string, CellMarkState>;
}

/** What a guarded apply did, from the host's conflicts (see `ApplyOptions.guard`). */
export function settleConflicts(
  steps: readonly CellStep[],
  conflicts: ReadonlyArray<{ readonly index: number; readonly aspects: readonly string[]; readonly actual: CellState }>,
  edits: readonly CellEdit[],
  marks: MarkMap,
): Settled {
  const byIndex = new Map(conflicts.map((c) => [c.index, c]));
  const applied: CellStep[] = [];
  const changed: Settled['changed'] = [];
  const lost = new Set<string>();
  const out = new Map(marks);
  steps.forEach((s, i) => {
    const c = byIndex.get(i);
    if (!c) {
      applied.push(s);
      return;
    }
    const keep = Object.keys(s.after).filter((a) => !c.aspects.includes(a));
    if (keep.length) applied.push(cellStep(s.sheet, s.cell, pickKeys(s.before, keep), pickKeys(s.after, keep)));
    const k = markKey(s.sheet, s.cell);
    if (c.aspects.includes('value') || c.aspects.includes('formula')) {
      lost.add(k);
      changed.push({ sheet: s.sheet, cell: s.cell, now: c.actual.formula ?? c.actual.value ?? '' });
    }
    const m = out.get(k) ?? { kind: null, note: null };
    const kind = c.aspects.includes('fill') ? markOfFill(c.actual.fill ?? null) : m.kind;
    // A note found where we expected ours or none: ours (hash unknown, rewritten next time) or the user's.
    const note = c.aspects.includes('note') ? (isMarkNote(c.actual.note) ? '' : null) : m.note;
    if (kind || note !== null) out.set(k, { kind, note });
    else out.delete(k);
  });
  const found: CellEdit[] = [];
  for (const e of edits) {
    if (!lost.has(refKey(e))) continue;
    const actual = conflicts.find((x) => steps[x.index].sheet === e.sheet && steps[x.index].cell === e.cell)!.actual;
    found.push({ ...e, value: typeof actual.value === 'boolean' ? String(actual.value) : (actual.value ?? ''), numFmt: actual.numFmt });
  }
  return { applied, edits: edits.filter((e) => !lost.has(refKey(e))), changed, found, marks: out };
}

function pickKeys(s: CellState, keys: readonly string[]): CellState {
  const o: Record<string, unknown> = {};
  for (const k of keys) if ((s as Record<string, unknown>)[k] !== undefined) o[k] = (s as Record<string, unknown>)[k];
  return o as CellState;
}
