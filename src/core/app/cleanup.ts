/**
 * 清理模板 as steps (the change language), once for every host:
 *
 *  - apply: check first (every cell the plan sets still holds its `before`, every sheet is
 *    there and unprotected), then one list of steps in the host order of core/cleanup/types:
 *    old backups deleted, a very hidden copy of every sheet whose structure changes, our
 *    marks off, unmerges, cell values, rows bottom-up, merges, blank sheets, the user's
 *    sheet active again. The undo record is stored before the first step, so a failure half
 *    way can still be undone.
 *  - undo: planned from what is there now, so an undo interrupted half way finishes on the
 *    next try: a backup still present is swapped back (shown, the cleaned sheet deleted, the
 *    backup renamed), positions and visibility set, value steps inverted where the cell is
 *    still as clean-up left it, formulas Excel turned into #REF! written back.
 */
import { CLEANUP_KINDS, shiftRow, formulaRefs, type CleanupChange, type CleanupKind, type CleanupPlan } from '../cleanup';
import { parseAddress, type CellValue, type SheetVisibility } from '../grid';
import { fromExcelValue } from '../host-values';
import { isBackupSheet, BACKUP_PREFIX } from '../sheets';
import { aspectsOf, cellStep, hiddenThenDelete, invert, mismatches, omit, type Aspect, type CellStep, type RawValue, type Step } from '../changes';
import { AddinError } from './host';
import type { ProbeResult } from './port';
import { markKey, splitKey, type CellMarkState, type CleanupRecord, type MarkMap, type SheetBackup } from './records';

export function withCounts(changes: readonly CleanupChange[]): CleanupPlan {
  const counts = Object.fromEntries(CLEANUP_KINDS.map((k) => [k, 0])) as Record<CleanupKind, number>;
  for (const c of changes) counts[c.kind]++;
  return { changes, counts };
}

/** The plan restricted to the ticked kinds (missing: ticked). */
export function selectKinds(plan: CleanupPlan, kinds: Readonly<Partial<Record<CleanupKind, boolean>>>): CleanupPlan {
  return withCounts(plan.changes.filter((c) => kinds[c.kind] !== false));
}

type SetChange = Extract<CleanupChange, { op: 'set' }>;
const isSet = (c: CleanupChange): c is SetChange => c.op === 'set';
type MarkChange = Extract<CleanupChange, { op: 'remove-note' | 'remove-fill' }>;
const isNoteRemoval = (c: CleanupChange): c is MarkChange => c.op === 'remove-note';

/** What the apply check reads: the cells the plan sets, and formulas on sheets that may name a sheet losing rows. */
export function cleanupProbe(plan: CleanupPlan): { cells: Array<{ sheet: string; cell: string; aspects?: Aspect[] }>; formulas?: { except: string[] } } {
  const losing = plan.changes.some((c) => c.op === 'delete-row');
  return {
    cells: [
      ...plan.changes.filter(isSet).map((c) => ({ sheet: c.place.sheet, cell: c.place.address })),
      ...plan.changes.filter(isNoteRemoval).map((c) => ({ sheet: c.place.sheet, cell: c.place.address, aspects: ['note' as const] })),
    ],
    ...(losing ? { formulas: { except: [...structuralSheets(plan.changes)] } } : {}),
  };
}

/** Sheets whose structure the plan changes (rows, merges, deletion): these get a backup. */
export function structuralSheets(changes: readonly CleanupChange[]): Set<string> {
  return new Set(changes.filter((c) => c.op !== 'set' && c.op !== 'remove-fill' && c.op !== 'remove-note').map((c) => c.place.sheet));
}

/** A grid value as the host writes it (dates as serials). */
export function toRaw(v: CellValue): RawValue {
  switch (v.t) {
    case 'empty':
      return '';
    case 'date':
      return Date.UTC(Number(v.v.slice(0, 4)), Number(v.v.slice(5, 7)) - 1, Number(v.v.slice(8, 10))) / 86400000 + 25569;
    default:
      return v.v;
  }
}

function sameCellValue(a: CellValue, b: CellValue): boolean {
  if (a.t !== b.t) return a.t === 'empty' && b.t === 'text' ? b.v === '' : false;
  if (a.t === 'empty') return true;
  const bv = (b as { v: unknown }).v;
  if (a.t === 'number' && typeof bv === 'number') return Math.abs(a.v - bv) <= 1e-12 * Math.max(1, Math.abs(a.v));
  return a.v === bv;
}

export interface CleanupApplyPlan {
  readonly steps: readonly Step[];
  readonly record: CleanupRecord;
  readonly backedUp: readonly string[];
  /** Our marks once clean-up is done (removed marks dropped, rows shifted). */
  readonly marksAfter: Map<string, CellMarkState>;
}

/** Check the workbook against the plan (throws a Chinese AddinError, having changed nothing), then plan the steps. */
export function planCleanupApply(plan: CleanupPlan, probe: ProbeResult, marks: MarkMap, at: string): CleanupApplyPlan {
  const { changes } = plan;
  const byName = new Map(probe.sheets.map((s) => [s.name, s]));
  for (const name of new Set(changes.map((c) => c.place.sheet))) {
    const s = byName.get(name);
    if (!s) throw new AddinError('ChangedSincePreview', `工作表「${name}」在预览后已被删除或改名，请重新预览后再清理`);
    if (s.protected) throw new AddinError('AccessDenied', `工作表「${name}」受保护，无法清理；请先撤销保护或重新预览`);
  }
  const sets = changes.filter(isSet);
  const moved: string[] = [];
  const befores = sets.map((c, i) => {
    const now = probe.states[i] ?? {};
    const value = fromExcelValue(now.value ?? '', now.numFmt);
    if ((now.formula ?? null) !== null || !sameCellValue(value, c.before.value)) moved.push(`${c.place.sheet}!${c.place.address}`);
    return { value: now.value ?? '', numFmt: now.numFmt ?? 'General' };
  });
  if (moved.length) throw new AddinError('ChangedSincePreview', `预览后有 ${moved.length} 个单元格被修改（如 ${moved.slice(0, 3).join('、')}），未做任何清理；请重新预览`);

  const structural = structuralSheets(changes);
  const visible = probe.sheets.filter((s) => !isBackupSheet(s.name));
  const taken = new Set(probe.sheets.map((s) => s.name));
  const backups: SheetBackup[] = [];
  let n = 0;
  for (const s of visible) {
    if (!structural.has(s.name)) continue;
    let name: string;
    do name = `${BACKUP_PREFIX}${++n}`;
    while (taken.has(name) && !isBackupSheet(name));
    backups.push({ sheet: s.name, backup: name, position: visible.indexOf(s), visibility: s.visibility });
  }

  const steps: Step[] = [];
  // Old backups: a new clean-up replaces the last one's undo.
  for (const s of probe.sheets) if (isBackupSheet(s.name)) for (const step of hiddenThenDelete(s.name, s.visibility)) steps.push(step);
  for (const b of backups) steps.push({ op: 'copy-sheet', sheet: b.sheet, to: b.backup });
  const valueSteps: CellStep[] = [];
  const cellSteps = (sheet: string, list: CellStep[]): void => {
    for (const step of list) steps.push(step);
    if (!structural.has(sheet)) for (const step of list) valueSteps.push(step);
  };
  // 1. our marks (a note deleted since the preview is simply not there to remove)
  const notesNow = new Map(changes.filter(isNoteRemoval).map((c, i) => [c, probe.states[sets.length + i]?.note]));
  for (const c of changes) {
    if (c.op === 'remove-fill') cellSteps(c.place.sheet, [cellStep(c.place.sheet, c.place.address, { fill: c.before }, { fill: null })]);
    else if (c.op === 'remove-note' && notesNow.get(c) === c.before) cellSteps(c.place.sheet, [cellStep(c.place.sheet, c.place.address, { note: c.before }, { note: null })]);
  }
  // 2. unmerge (original coordinates)
  for (const c of changes) if (c.op === 'unmerge' || c.op === 'resize-merge') steps.push({ op: 'unmerge', sheet: c.place.sheet, area: c.place.address });
  // 3. cell values
  sets.forEach((c, i) => {
    const before: { value: RawValue; numFmt?: string } = { value: befores[i].value };
    const after: { value: RawValue; numFmt?: string } = { value: toRaw(c.after.value) };
    if (c.after.numFmt !== c.before.numFmt) {
      before.numFmt = befores[i].numFmt;
      after.numFmt = c.after.numFmt ?? 'General';
    }
    cellSteps(c.place.sheet, [cellStep(c.place.sheet, c.place.address, before, after)]);
  });
  // 4. rows, bottom-up per sheet
  const rows = changes.filter((c): c is Extract<CleanupChange, { op: 'delete-row' }> => c.op === 'delete-row');
  rows.sort((a, b) => (a.place.sheet === b.place.sheet ? b.place.row - a.place.row : a.place.sheet < b.place.sheet ? -1 : 1));
  for (const c of rows) steps.push({ op: 'delete-row', sheet: c.place.sheet, row: c.place.row });
  // 5. merges after the deletions
  for (const c of changes) if (c.op === 'resize-merge' && c.after) steps.push({ op: 'merge', sheet: c.place.sheet, area: c.after });
  // 6. sheets
  const deleted = new Set(changes.filter((c) => c.op === 'delete-sheet').map((c) => c.place.sheet));
  for (const s of deleted) steps.push({ op: 'delete-sheet', sheet: s });
  // The user stays on the sheet they were on (a copy activates itself in some hosts).
  if (probe.active && !deleted.has(probe.active)) steps.push({ op: 'activate', sheet: probe.active });

  // Formulas elsewhere naming a sheet that loses rows: that sheet is swapped back on undo,
  // and Excel turns such formulas into #REF! when the cleaned copy is deleted.
  const losing = new Set(rows.map((c) => c.place.sheet.toLowerCase()));
  const formulas = probe.formulas.filter((f) => !isBackupSheet(f.sheet) && formulaRefs(f.formula.replace(/^=/, '')).some((r) => !!r.sheet && losing.has(r.sheet.toLowerCase())));

  // Our marks after: removed ones dropped, rows shifted, deleted sheets gone.
  const removed = new Set(changes.filter((c) => c.op === 'remove-fill' || c.op === 'remove-note').map((c) => markKey(c.place.sheet, (c.place as { address: string }).address)));
  const deletedRows = new Map<string, number[]>();
  for (const c of rows) deletedRows.set(c.place.sheet, [...(deletedRows.get(c.place.sheet) ?? []), c.place.row].sort((a, b) => a - b));
  const marksAfter = new Map<string, CellMarkState>();
  for (const [k, m] of marks) {
    const { sheet, cell } = splitKey(k);
    if (removed.has(k) || deleted.has(sheet)) continue;
    const gone = deletedRows.get(sheet);
    if (!gone) {
      marksAfter.set(k, m);
      continue;
    }
    const r = shiftRow(parseAddress(cell).row, gone);
    if (r !== null) marksAfter.set(markKey(sheet, cell.replace(/\d+$/, String(r))), m);
  }
  const record: CleanupRecord = { at, backups, steps: valueSteps, formulas, marksBefore: marks };
  return { steps, record, backedUp: backups.map((b) => b.sheet), marksAfter };
}

export interface CleanupUndoPlan {
  readonly steps: readonly Step[];
  readonly restoredCells: number;
  readonly restoredSheets: readonly string[];
}

/** Cells to probe before undoing a clean-up. */
export function cleanupUndoProbe(record: CleanupRecord): Array<{ sheet: string; cell: string }> {
  return record.steps.map((s) => ({ sheet: s.sheet, cell: s.cell }));
}

/** Plan 撤销清理 from the sheets and cells as they are now (throws before acting when it cannot finish). */
export function planCleanupUndo(record: CleanupRecord, probe: ProbeResult, notes: boolean): CleanupUndoPlan {
  const names = new Set(probe.sheets.map((s) => s.name));
  const missing = record.backups.filter((b) => !names.has(b.backup) && !names.has(b.sheet));
  if (missing.length) throw new AddinError('BackupMissing', `清理前的备份工作表已不存在（${missing.map((b) => b.sheet).join('、')}），无法撤销`);
  const steps: Step[] = [];
  for (const b of record.backups) {
    if (!names.has(b.backup)) continue; // swapped back already (or never copied: the sheet is the original)
    // Show the backup first: a workbook keeps one visible sheet.
    steps.push({ op: 'sheet-visibility', sheet: b.backup, visibility: visibilityOf(b.visibility) });
    if (names.has(b.sheet)) steps.push({ op: 'delete-sheet', sheet: b.sheet });
    steps.push({ op: 'rename-sheet', sheet: b.backup, to: b.sheet });
  }
  for (const b of [...record.backups].sort((x, y) => x.position - y.position)) {
    steps.push({ op: 'move-sheet', sheet: b.sheet, position: b.position });
    steps.push({ op: 'sheet-visibility', sheet: b.sheet, visibility: visibilityOf(b.visibility) });
  }
  let restoredCells = 0;
  record.steps.forEach((full, i) => {
    const now = probe.states[i];
    // Without the host's notes API a removed note cannot be put back: the rest of the cell can.
    const s = notes ? full : { ...full, before: omit(full.before, ['note']), after: omit(full.after, ['note']) };
    if (!now || !aspectsOf(s.after).length) return;
    if (mismatches(s.after, now).length === 0) {
      steps.push(invert(s));
      restoredCells++;
    } else if (mismatches(s.before, now).length === 0) restoredCells++;
  });
  for (const f of record.formulas) if (names.has(f.sheet) || record.backups.some((b) => b.sheet === f.sheet)) steps.push(cellStep(f.sheet, f.cell, {}, { formula: f.formula }));
  if (probe.active) steps.push({ op: 'activate', sheet: probe.active });
  return { steps, restoredCells, restoredSheets: record.backups.map((b) => b.sheet) };
}

/** The visibility a stored record names, as the grid spells it. */
export function visibilityOf(v: string): SheetVisibility {
  return v === 'veryHidden' || v === 'VeryHidden' ? 'veryHidden' : v === 'hidden' || v === 'Hidden' ? 'hidden' : 'visible';
}
