/**
 * The change language: every change the add-in makes to a workbook — a plan edit (value,
 * number format), a mark (fill, note) and a clean-up change — is a step. A host adapter
 * applies steps and nothing else; undo applies `invert(step)` only where the cell is still as
 * the step left it. Structural clean-up steps (rows, merges, sheets) have no inverse: their
 * sheet is backed up first and undo swaps the backup back.
 *
 * Values are raw host values (what Excel's `Range.values` and WPS's `Range.Value2` give: a
 * number — dates as serials —, text, a boolean; `''` is empty), so undo puts back exactly what
 * was there. Fills are ARGB (`FFFFCCD1`); each host converts at its edge.
 */
import type { SheetVisibility } from './grid';
import { isMarkNote } from './marks';

export type RawValue = string | number | boolean;

/**
 * A cell as far as a step concerns it. Each aspect is optional: a step names the aspects it
 * changes, in both `before` and `after`, and a host compares and writes those only.
 */
export interface CellState {
  /** The constant value (`''`: empty). Compared only where the cell has no formula. */
  readonly value?: RawValue;
  /** The formula with its `=`, or null for a constant. Steps never write a formula over a constant the user typed. */
  readonly formula?: string | null;
  /** Number format; `General` for none. */
  readonly numFmt?: string;
  /** Solid fill as ARGB, or null for none. */
  readonly fill?: string | null;
  /** Note text, or null for none; `OUR_NOTE` stands for any note of ours (records keep it short). */
  readonly note?: string | null;
}

export type Aspect = keyof CellState;
export const ASPECTS: readonly Aspect[] = ['value', 'formula', 'numFmt', 'fill', 'note'];

/** A change to one cell: `before` is what the host must find, `after` what it leaves. */
export interface CellStep {
  readonly op: 'cell';
  readonly sheet: string;
  /** A1 address. */
  readonly cell: string;
  readonly before: CellState;
  readonly after: CellState;
}

/** Structural steps, in the order the host applies them (see `cleanupSteps`). */
export type SheetStep =
  /** Copy `sheet` to the end of the workbook, named `to`, very hidden: a clean-up backup. */
  | { readonly op: 'copy-sheet'; readonly sheet: string; readonly to: string }
  /** Delete a sheet. Excel refuses to delete a very hidden sheet: plans show it first (`hiddenThenDelete`). */
  | { readonly op: 'delete-sheet'; readonly sheet: string }
  | { readonly op: 'rename-sheet'; readonly sheet: string; readonly to: string }
  | { readonly op: 'sheet-visibility'; readonly sheet: string; readonly visibility: SheetVisibility }
  /** Move to this 0-based position among all sheets. */
  | { readonly op: 'move-sheet'; readonly sheet: string; readonly position: number }
  /** Delete a whole row; the rows below move up with their merges and the formulas naming them. */
  | { readonly op: 'delete-row'; readonly sheet: string; readonly row: number }
  | { readonly op: 'unmerge'; readonly sheet: string; readonly area: string }
  | { readonly op: 'merge'; readonly sheet: string; readonly area: string }
  | { readonly op: 'activate'; readonly sheet: string };

export type Step = CellStep | SheetStep;

/**
 * Steps that delete a sheet whatever its visibility: a very hidden sheet is made hidden first
 * (Excel's `Worksheet.delete` fails with InvalidOperation on a very hidden sheet; office-js #365).
 */
export function hiddenThenDelete(sheet: string, visibility: SheetVisibility | undefined): SheetStep[] {
  return visibility === 'veryHidden' ? [{ op: 'sheet-visibility', sheet, visibility: 'hidden' }, { op: 'delete-sheet', sheet }] : [{ op: 'delete-sheet', sheet }];
}

/** Any note the add-in wrote, whatever its text (records keep notes this short). */
export const OUR_NOTE = '\u0000ours';

export function cellStep(sheet: string, cell: string, before: CellState, after: CellState): CellStep {
  return { op: 'cell', sheet, cell, before, after };
}

/** The step that undoes `step`. */
export function invert(step: CellStep): CellStep {
  return { op: 'cell', sheet: step.sheet, cell: step.cell, before: step.after, after: step.before };
}

export function sameValue(a: RawValue | undefined, b: RawValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  return false;
}

function sameFill(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? null) === null ? (b ?? null) === null : typeof b === 'string' && a!.toUpperCase() === b.toUpperCase();
}

function sameNote(expected: string | null | undefined, actual: string | null | undefined): boolean {
  if (expected === OUR_NOTE) return isMarkNote(actual);
  return (expected ?? null) === (actual ?? null);
}

/** The aspects of `expected` that `actual` does not show (empty: the cell is as expected). */
export function mismatches(expected: CellState, actual: CellState): Aspect[] {
  const out: Aspect[] = [];
  if (expected.formula !== undefined && (expected.formula ?? null) !== (actual.formula ?? null)) out.push('formula');
  if (expected.value !== undefined) {
    // A constant is expected unless a formula is: a formula there now is a change.
    const formulaNow = (actual.formula ?? null) !== null;
    if ((expected.formula === undefined && formulaNow) || (!formulaNow && !sameValue(expected.value, actual.value))) out.push('value');
  }
  if (expected.numFmt !== undefined && (expected.numFmt || 'General') !== (actual.numFmt || 'General')) out.push('numFmt');
  if (expected.fill !== undefined && !sameFill(expected.fill, actual.fill)) out.push('fill');
  if (expected.note !== undefined && !sameNote(expected.note, actual.note)) out.push('note');
  return out;
}

export function matches(expected: CellState, actual: CellState): boolean {
  return mismatches(expected, actual).length === 0;
}

/** The aspects a step names. */
export function aspectsOf(state: CellState): Aspect[] {
  return ASPECTS.filter((a) => state[a] !== undefined);
}

/** `state` restricted to `aspects`. */
export function pick(state: CellState, aspects: readonly Aspect[]): CellState {
  const out: Record<string, unknown> = {};
  for (const a of aspects) if (state[a] !== undefined) out[a] = state[a];
  return out as CellState;
}

/** `state` without `aspects`. */
export function omit(state: CellState, aspects: readonly Aspect[]): CellState {
  return pick(state, ASPECTS.filter((a) => !aspects.includes(a)));
}

/** A step that changes nothing (before equals after on every aspect). */
export function isNoop(step: CellStep): boolean {
  return matches(step.after, step.before) && matches(step.before, step.after);
}

export function isCellStep(step: Step): step is CellStep {
  return step.op === 'cell';
}

/**
 * One step per cell: where several steps change the same cell, each aspect goes from the
 * first step's `before` to the last step's `after`. Steps that end where they began are dropped.
 */
export function mergeSteps(steps: readonly CellStep[]): CellStep[] {
  const byCell = new Map<string, { sheet: string; cell: string; before: Record<string, unknown>; after: Record<string, unknown> }>();
  for (const s of steps) {
    const k = `${s.sheet}\u0000${s.cell}`;
    let m = byCell.get(k);
    if (!m) byCell.set(k, (m = { sheet: s.sheet, cell: s.cell, before: {}, after: {} }));
    for (const a of aspectsOf(s.before)) if (!(a in m.before)) m.before[a] = s.before[a];
    for (const a of aspectsOf(s.after)) m.after[a] = s.after[a];
  }
  return [...byCell.values()]
    .map((m) => cellStep(m.sheet, m.cell, m.before as CellState, m.after as CellState))
    .filter((s) => !isNoop(s));
}
