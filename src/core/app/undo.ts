/**
 * Planning 撤销本次写回 and 清除标记 from what is in the workbook now (check first, then act):
 * the record says what a write left; the probe says what is there. Each aspect of a cell is
 * put back only where it is still as the write left it; an aspect already as before needs
 * nothing (so an undo interrupted half way finishes on the next try); anything else is the
 * user's and stays. Notes are touched only where the host has notes.
 */
import { aspectsOf, cellStep, mismatches, OUR_NOTE, pick, type Aspect, type CellState, type CellStep } from '../changes';
import { isMarkNote, markOfFill, MARK_FILLS } from '../marks';
import type { ChangedCell } from './host';
import { changedSinceWrite, sheetGoneForUndo } from './messages';
import type { ProbeResult } from './port';
import { markKey, splitKey, type CellMarkState, type MarkMap, type WriteRecord } from './records';

const DATA: readonly Aspect[] = ['value', 'formula', 'numFmt'];

export interface UndoPlan {
  /** Guarded steps: `before` is the state the write left. */
  readonly steps: readonly CellStep[];
  /** Cells whose values are (or already were) as before the write. */
  readonly restored: number;
  readonly skipped: readonly ChangedCell[];
  /** Notes of ours left because the host has no notes API. */
  readonly notesLeft: number;
  /** Our marks once the steps are applied. */
  readonly marks: Map<string, CellMarkState>;
}

/** Cells and aspects to probe before undoing `steps`. */
export function probeRequestFor(steps: readonly CellStep[], notes: boolean): { cells: Array<{ sheet: string; cell: string }>; aspects: Aspect[] } {
  const aspects = new Set<Aspect>();
  for (const s of steps) for (const a of aspectsOf(s.after)) aspects.add(a);
  if (!notes) aspects.delete('note');
  if (aspects.has('value')) aspects.add('formula');
  return { cells: steps.map((s) => ({ sheet: s.sheet, cell: s.cell })), aspects: [...aspects] };
}

export function planUndo(record: Pick<WriteRecord, 'steps'>, probe: ProbeResult, marksNow: MarkMap, marksBefore: MarkMap, notes: boolean): UndoPlan {
  const protectedNow = new Map(probe.sheets.map((s) => [s.name, s.protected]));
  const steps: CellStep[] = [];
  const skipped: ChangedCell[] = [];
  const marks = new Map(marksNow);
  let restored = 0;
  let notesLeft = 0;
  record.steps.forEach((s, i) => {
    const now = probe.states[i];
    if (!now || protectedNow.get(s.sheet) !== false) {
      skipped.push(sheetGoneForUndo(s.sheet, s.cell, protectedNow.get(s.sheet) === true));
      return;
    }
    const restore: Aspect[] = [];
    let conflict = false;
    for (const a of aspectsOf(s.after)) {
      if (a === 'formula' && s.after.value !== undefined) continue; // compared with the value
      if (a === 'note' && (!notes || s.before.note === OUR_NOTE)) {
        // No notes API, or the note was ours before too (its older text is not kept): leave it.
        if (!notes && typeof s.after.note === 'string' && s.before.note === null) notesLeft++;
        continue;
      }
      const one = (st: CellState): CellState => pick(st, a === 'value' ? ['value', 'formula'] : [a]);
      if (mismatches(one(s.after), now).length === 0) restore.push(a);
      else if (mismatches(one(s.before), now).length > 0 && DATA.includes(a)) conflict = true;
    }
    if (conflict) skipped.push(changedSinceWrite(s.sheet, s.cell));
    else if (DATA.some((a) => s.after[a] !== undefined)) restored++;
    if (restore.length) {
      const aspects: Aspect[] = restore.includes('value') ? [...restore, 'formula'] : restore;
      steps.push(cellStep(s.sheet, s.cell, pick(s.after, aspects), pick(s.before, aspects)));
    }
    // Our marks as they will be: a restored fill or note is the earlier one (or none); one
    // the user changed is no longer ours.
    const k = markKey(s.sheet, s.cell);
    const was = marksBefore.get(k) ?? { kind: null, note: null };
    const cur = marks.get(k) ?? { kind: null, note: null };
    let kind = cur.kind;
    let note = cur.note;
    if (s.after.fill !== undefined) kind = restore.includes('fill') ? was.kind : markOfFill(now.fill ?? null);
    if (s.after.note !== undefined && notes && s.before.note !== OUR_NOTE) note = restore.includes('note') ? was.note : isMarkNote(now.note) ? cur.note : null;
    if (kind || note !== null) marks.set(k, { kind, note });
    else marks.delete(k);
  });
  return { steps, restored, skipped, notesLeft, marks };
}

/** 清除标记: every recorded mark off (guarded: a fill or note the user changed is theirs). */
export function planClearMarks(marks: MarkMap, protectedNow: ReadonlyMap<string, boolean>, notes: boolean): { steps: CellStep[]; kept: Map<string, CellMarkState> } {
  const steps: CellStep[] = [];
  const kept = new Map<string, CellMarkState>();
  for (const [k, m] of marks) {
    const { sheet, cell } = splitKey(k);
    if (!protectedNow.has(sheet)) continue; // sheet gone
    if (protectedNow.get(sheet)) {
      kept.set(k, m); // for a later 清除标记
      continue;
    }
    const before: { fill?: string; note?: string } = {};
    const after: { fill?: null; note?: null } = {};
    if (m.kind) {
      before.fill = MARK_FILLS[m.kind];
      after.fill = null;
    }
    if (m.note !== null && notes) {
      before.note = OUR_NOTE;
      after.note = null;
    } else if (m.note !== null) kept.set(k, { kind: null, note: m.note });
    if (Object.keys(after).length) steps.push(cellStep(sheet, cell, before, after));
  }
  return { steps, kept };
}
