/// <reference types="office-js" />
/**
 * 清理模板 in the add-in (issue 8): preview, apply, undo and keep.
 *
 *  - preview: the one-sync read of ./read (with fills), plus one sync probing notes on cells
 *    wearing one of our mark fills; `planCleanup` on the grid.
 *  - apply: sync 1 checks that every cell the plan changes still holds its `before` and lists
 *    the sheets; sync 2 does everything in the host order of core/cleanup/types: old backups
 *    removed, new backups (`worksheet.copy`, very hidden) of every sheet whose structure
 *    changes, the undo record, marks, unmerges, cell values, row deletions bottom-up, merges,
 *    sheet deletions. Two syncs whatever the plan's size; a batch is split only past
 *    Excel's 5 MB request limit.
 *  - undo: sheets with a backup are swapped back (cleaned copy deleted, backup renamed,
 *    position and visibility restored); value-only changes are restored from the record;
 *    formulas elsewhere that named a swapped sheet are rewritten as they were.
 *  - keep: backups and the record removed.
 */
import { columnLetters, fromExcelValue, type CellValue } from '../core';
import {
  CLEANUP_KINDS,
  MARK_NOTE_PREFIX,
  formulaRefs,
  isMarkFill,
  planCleanup,
  type CellDecoration,
  type CleanupChange,
  type CleanupKind,
  type CleanupOptions,
  type CleanupPlan,
} from '../core/cleanup';
import { AddinError, BACKUP_PREFIX, type CleanupPreview, type CleanupReport, type CleanupState, type CleanupUndoReport } from '../core';
import { readWorkbook, type RawValue } from './read';
import { MARKS_KEY, quoteSheet, type MarksRecord } from './write';

export const CLEANUP_KEY = 'jixiao.cleanup';

/** Request bytes budget per batch: Excel refuses requests over 5 MB. */
export const CLEANUP_BUDGET = 4 * 1024 * 1024;

interface SheetBackup {
  /** The sheet's name before clean-up. */
  readonly sheet: string;
  readonly backup: string;
  readonly position: number;
  readonly visibility: string;
}

interface CellRestore {
  readonly sheet: string;
  readonly address: string;
  readonly value: RawValue;
  readonly formula: string | null;
  readonly numberFormat: string;
}

/** The undo record, kept in `context.workbook.settings` under CLEANUP_KEY. */
export interface CleanupRecord {
  readonly v: 1;
  readonly at: string;
  readonly backups: readonly SheetBackup[];
  readonly cells: readonly CellRestore[];
  readonly fills: ReadonlyArray<{ readonly sheet: string; readonly address: string; readonly color: string }>;
  readonly notes: ReadonlyArray<{ readonly sheet: string; readonly address: string; readonly text: string }>;
  /** Formulas on other sheets naming a swapped sheet: Excel turns them into #REF! on delete. */
  readonly formulas: ReadonlyArray<{ readonly sheet: string; readonly address: string; readonly formula: string }>;
}

export function isCleanupRecord(v: unknown): v is CleanupRecord {
  return !!v && typeof v === 'object' && (v as CleanupRecord).v === 1 && Array.isArray((v as CleanupRecord).backups);
}

/** Counts syncs made on a context (wraps `context.sync`). */
export function countSyncs(context: Excel.RequestContext): () => number {
  let n = 0;
  const original = context.sync.bind(context);
  (context as { sync: () => Promise<void> }).sync = () => {
    n++;
    return original() as Promise<void>;
  };
  return () => n;
}

/** Operations queued in order and sent in as few batches as the request limit allows. */
class Batches {
  private readonly ops: Array<{ bytes: number; run: () => void }> = [];
  add(bytes: number, run: () => void): void {
    this.ops.push({ bytes, run });
  }
  get size(): number {
    return this.ops.length;
  }
  async send(context: Excel.RequestContext, budget = CLEANUP_BUDGET): Promise<void> {
    let i = 0;
    while (i < this.ops.length) {
      let bytes = 0;
      const start = i;
      while (i < this.ops.length && (i === start || bytes + this.ops[i].bytes <= budget)) bytes += this.ops[i++].bytes;
      for (let k = start; k < i; k++) this.ops[k].run();
      await context.sync(); // eslint-disable-line office-addins/no-context-sync-in-loop -- one batch per 5 MB
    }
  }
}

const bytesOf = (...parts: unknown[]): number => 200 + JSON.stringify(parts).length * 3;

function hexOf(argb: string): string {
  return '#' + argb.slice(-6).toUpperCase();
}

function toRaw(v: CellValue): RawValue {
  switch (v.t) {
    case 'empty':
      return '';
    case 'date': {
      const d = Date.UTC(Number(v.v.slice(0, 4)), Number(v.v.slice(5, 7)) - 1, Number(v.v.slice(8, 10)));
      return d / 86400000 + 25569;
    }
    default:
      return v.v;
  }
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (a.t !== b.t) return a.t === 'empty' && b.t === 'text' ? b.v === '' : false;
  if (a.t === 'empty') return true;
  const bv = (b as { v: unknown }).v;
  if (a.t === 'number' && typeof bv === 'number') return Math.abs(a.v - bv) <= 1e-12 * Math.max(1, Math.abs(a.v));
  return a.v === bv;
}

/** Sheets whose structure the plan changes (rows, merges, deletion): these get a backup. */
function structuralSheets(changes: readonly CleanupChange[]): Set<string> {
  return new Set(changes.filter((c) => c.op !== 'set' && c.op !== 'remove-fill' && c.op !== 'remove-note').map((c) => c.place.sheet));
}

export async function previewCleanup(context: Excel.RequestContext, options: CleanupOptions & { notesSupported: boolean }): Promise<CleanupPreview> {
  const syncs = countSyncs(context);
  const marksItem = context.workbook.settings.getItemOrNullObject(MARKS_KEY).load('value');
  const read = await readWorkbook(context, { fills: true });
  const decorations: CellDecoration[] = [];
  const position = (a: string): { row: number; col: number } => {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    return { row: Number(m[2]), col };
  };
  const probes: Array<{ sheet: string; address: string; note: Excel.Note }> = [];
  for (const s of read.sheets) {
    for (const [address, raw] of s.raw) {
      if (!raw.fill) continue;
      const fill = 'FF' + raw.fill.slice(1).toUpperCase();
      decorations.push({ sheet: s.name, ...position(address), fill });
      if (isMarkFill(fill) && options.notesSupported && !s.protected) {
        probes.push({ sheet: s.name, address, note: context.workbook.notes.getItemOrNullObject(`${quoteSheet(s.name)}!${address}`).load('content') });
      }
    }
  }
  const recorded = !marksItem.isNullObject && isMarks(marksItem.value) ? marksItem.value.cells : [];
  for (const m of recorded) {
    if (!read.sheets.some((s) => s.name === m.sheet)) continue;
    if (m.note !== null && options.notesSupported && !probes.some((p) => p.sheet === m.sheet && p.address === m.cell)) {
      probes.push({ sheet: m.sheet, address: m.cell, note: context.workbook.notes.getItemOrNullObject(`${quoteSheet(m.sheet)}!${m.cell}`).load('content') });
    }
  }
  if (probes.length) await context.sync();
  for (const p of probes) {
    if (p.note.isNullObject) continue;
    const own = recorded.some((m) => m.sheet === p.sheet && m.cell === p.address && m.note === p.note.content);
    decorations.push({ sheet: p.sheet, ...position(p.address), note: p.note.content, ...(own ? { recorded: true } : {}) });
  }
  const plan = planCleanup({ grid: read.grid, decorations }, { kinds: options.kinds });
  // Protected sheets cannot be changed: their changes are left out, and named.
  const protectedSheets = read.sheets.filter((s) => s.protected).map((s) => s.name);
  const changes = plan.changes.filter((c) => !protectedSheets.includes(c.place.sheet));
  return { plan: withCounts(changes), sheets: read.sheets.map((s) => s.name), protectedSheets, syncs: syncs() };
}

function isMarks(v: unknown): v is MarksRecord {
  return !!v && typeof v === 'object' && (v as MarksRecord).v === 1 && Array.isArray((v as MarksRecord).cells);
}

export function withCounts(changes: readonly CleanupChange[]): CleanupPlan {
  const counts = Object.fromEntries(CLEANUP_KINDS.map((k) => [k, 0])) as Record<CleanupKind, number>;
  for (const c of changes) counts[c.kind]++;
  return { changes, counts };
}

/** The plan restricted to the ticked kinds (missing: ticked). */
export function selectKinds(plan: CleanupPlan, kinds: Readonly<Partial<Record<CleanupKind, boolean>>>): CleanupPlan {
  return withCounts(plan.changes.filter((c) => kinds[c.kind] !== false));
}

export async function applyCleanup(
  context: Excel.RequestContext,
  fullPlan: CleanupPlan,
  kinds: Readonly<Partial<Record<CleanupKind, boolean>>>,
  /** Request bytes per batch (tests pass a small one to see the split). */
  budget = CLEANUP_BUDGET,
): Promise<CleanupReport> {
  const syncs = countSyncs(context);
  const plan = selectKinds(fullPlan, kinds);
  const { changes } = plan;
  const wb = context.workbook;
  const structural = structuralSheets(changes);

  // Sync 1: the sheets. Sync 2: every cell the plan sets, as it is now (and formulas that
  // name a sheet losing rows). Sync 3: the clean-up. Constant whatever the plan's size.
  const worksheets = wb.worksheets;
  worksheets.load('items/name,items/position,items/visibility,items/protection/protected');
  const active = worksheets.getActiveWorksheet().load('name');
  await context.sync();
  const sets = changes.filter((c): c is Extract<CleanupChange, { op: 'set' }> => c.op === 'set');
  const probes = sets.map((c) => wb.worksheets.getItem(c.place.sheet).getRange(c.place.address).load('values,formulas,numberFormat'));
  // Sheets losing rows will be swapped back on undo; Excel turns formulas elsewhere that name
  // them into #REF! when the cleaned copy is deleted, so their text is kept now, before the shift.
  const losingRows = new Set(changes.filter((c) => c.op === 'delete-row').map((c) => c.place.sheet.toLowerCase()));
  const formulaReads = losingRows.size
    ? worksheets.items.filter((w) => !w.name.startsWith(BACKUP_PREFIX) && !structural.has(w.name)).map(({ name: sheet }) => ({ sheet, range: wb.worksheets.getItem(sheet).getUsedRangeOrNullObject(true).load('formulas,rowIndex,columnIndex') }))
    : [];
  await context.sync();

  const all = worksheets.items;
  const byName = new Map(all.map((w) => [w.name, w]));
  for (const name of new Set(changes.map((c) => c.place.sheet))) {
    const w = byName.get(name);
    if (!w) throw new AddinError('ChangedSincePreview', `工作表「${name}」在预览后已被删除或改名，请重新预览后再清理`);
    if (w.protection.protected) throw new AddinError('AccessDenied', `工作表「${name}」受保护，无法清理；请先撤销保护或重新预览`);
  }
  const moved: string[] = [];
  sets.forEach((c, i) => {
    const p = probes[i];
    const f = p.formulas[0][0];
    const now = fromExcelValue(p.values[0][0], p.numberFormat[0][0]);
    if ((typeof f === 'string' && f.startsWith('=') && f !== p.values[0][0]) || !sameValue(now, c.before.value)) moved.push(`${c.place.sheet}!${c.place.address}`);
  });
  if (moved.length) {
    throw new AddinError('ChangedSincePreview', `预览后有 ${moved.length} 个单元格被修改（如 ${moved.slice(0, 3).join('、')}），未做任何清理；请重新预览`);
  }

  // The undo record: backups for structural sheets, `before` for the rest.
  const visible = all.filter((w) => !w.name.startsWith(BACKUP_PREFIX));
  const backups: SheetBackup[] = [];
  let n = 0;
  for (const w of visible) {
    if (!structural.has(w.name)) continue;
    let name: string;
    do name = `${BACKUP_PREFIX}${++n}`;
    while (byName.has(name) && !name.startsWith(BACKUP_PREFIX));
    backups.push({ sheet: w.name, backup: name, position: visible.indexOf(w), visibility: w.visibility });
  }
  const valueOnly = (sheet: string): boolean => !structural.has(sheet);
  const cells: CellRestore[] = sets
    .map((c, i) => ({ c, p: probes[i] }))
    .filter(({ c }) => valueOnly(c.place.sheet))
    .map(({ c, p }) => ({ sheet: c.place.sheet, address: c.place.address, value: p.values[0][0] as RawValue, formula: null, numberFormat: String(p.numberFormat[0][0]) }));
  const fills = changes.flatMap((c) => (c.op === 'remove-fill' && valueOnly(c.place.sheet) ? [{ sheet: c.place.sheet, address: c.place.address, color: hexOf(c.before) }] : []));
  const notes = changes.flatMap((c) => (c.op === 'remove-note' && valueOnly(c.place.sheet) ? [{ sheet: c.place.sheet, address: c.place.address, text: c.before }] : []));
  const formulas: Array<{ sheet: string; address: string; formula: string }> = [];
  for (const { sheet, range } of formulaReads) {
    if (range.isNullObject) continue;
    range.formulas.forEach((row, i) =>
      row.forEach((f, j) => {
        if (typeof f !== 'string' || !f.startsWith('=')) return;
        if (!formulaRefs(f.slice(1)).some((r) => !!r.sheet && losingRows.has(r.sheet.toLowerCase()))) return;
        formulas.push({ sheet, address: columnLetters(range.columnIndex + j + 1) + (range.rowIndex + i + 1), formula: f });
      }),
    );
  }
  const record: CleanupRecord = { v: 1, at: new Date().toISOString(), backups, cells, fills, notes, formulas };

  // Sync 2 (more only past 5 MB): everything, in the host order.
  const batches = new Batches();
  const ws = (name: string): Excel.Worksheet => wb.worksheets.getItem(name);
  // Old backups: a new clean-up replaces the last one's undo.
  for (const w of all) if (w.name.startsWith(BACKUP_PREFIX)) batches.add(100, () => w.delete());
  for (const b of backups) {
    batches.add(bytesOf(b), () => {
      const copy = ws(b.sheet).copy('End');
      copy.name = b.backup;
      copy.visibility = 'VeryHidden';
    });
  }
  batches.add(bytesOf(record), () => wb.settings.add(CLEANUP_KEY, record));
  // 1. our marks
  for (const c of changes) {
    if (c.op === 'remove-fill') batches.add(bytesOf(c.place), () => ws(c.place.sheet).getRange(c.place.address).format.fill.clear());
    else if (c.op === 'remove-note') batches.add(bytesOf(c.place), () => wb.notes.getItem(`${quoteSheet(c.place.sheet)}!${c.place.address}`).delete());
  }
  // 2. unmerge (original coordinates)
  for (const c of changes) {
    if (c.op === 'unmerge' || c.op === 'resize-merge') batches.add(bytesOf(c.place), () => ws(c.place.sheet).getRange(c.place.address).unmerge());
  }
  // 3. cell values
  for (const c of sets) {
    batches.add(bytesOf(c.place, c.after), () => {
      const r = ws(c.place.sheet).getRange(c.place.address);
      if (c.after.numFmt !== c.before.numFmt) r.numberFormat = [[c.after.numFmt ?? 'General']];
      const raw = toRaw(c.after.value);
      // Text that Excel would parse (a formula, a number): an apostrophe keeps it text.
      r.values = [[typeof raw === 'string' && /^[=+'@-]/.test(raw) ? `'${raw}` : raw]];
    });
  }
  // 4. rows, bottom-up per sheet
  const rows = changes.filter((c): c is Extract<CleanupChange, { op: 'delete-row' }> => c.op === 'delete-row');
  rows.sort((a, b) => (a.place.sheet === b.place.sheet ? b.place.row - a.place.row : a.place.sheet < b.place.sheet ? -1 : 1));
  for (const c of rows) batches.add(bytesOf(c.place), () => ws(c.place.sheet).getRange(`${c.place.row}:${c.place.row}`).delete('Up'));
  // 5. merges after the deletions
  for (const c of changes) {
    if (c.op === 'resize-merge' && c.after) {
      const after = c.after;
      batches.add(bytesOf(c.place), () => ws(c.place.sheet).getRange(after).merge(false));
    }
  }
  // 6. sheets
  for (const c of changes) if (c.op === 'delete-sheet') batches.add(bytesOf(c.place), () => ws(c.place.sheet).delete());
  // The user stays on the sheet they were on (unless it was deleted as a blank template).
  if (!changes.some((c) => c.op === 'delete-sheet' && c.place.sheet === active.name)) batches.add(100, () => ws(active.name).activate());
  await batches.send(context, budget);

  return { applied: changes.length, counts: plan.counts, backedUp: backups.map((b) => b.sheet), syncs: syncs() };
}


export async function loadCleanupRecord(context: Excel.RequestContext): Promise<{ record: CleanupRecord | null; backups: string[] }> {
  const item = context.workbook.settings.getItemOrNullObject(CLEANUP_KEY).load('value');
  const worksheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  return {
    record: !item.isNullObject && isCleanupRecord(item.value) ? item.value : null,
    backups: worksheets.items.map((w) => w.name).filter((n) => n.startsWith(BACKUP_PREFIX)),
  };
}

export async function cleanupState(context: Excel.RequestContext): Promise<CleanupState> {
  const { record, backups } = await loadCleanupRecord(context);
  const undoAvailable = !!record && (record.backups.length > 0 || record.cells.length > 0 || record.fills.length > 0 || record.notes.length > 0) && record.backups.every((b) => backups.includes(b.backup));
  return { undoAvailable, backups, at: record?.at ?? null };
}

export async function undoCleanup(context: Excel.RequestContext): Promise<CleanupUndoReport> {
  const syncs = countSyncs(context);
  const wb = context.workbook;
  const worksheets = wb.worksheets.load('items/name');
  const item = wb.settings.getItemOrNullObject(CLEANUP_KEY).load('value');
  const active = wb.worksheets.getActiveWorksheet().load('name');
  await context.sync();
  const record = !item.isNullObject && isCleanupRecord(item.value) ? item.value : null;
  if (!record) throw new AddinError('NothingToUndo', '没有可撤销的清理');
  const names = new Set(worksheets.items.map((w) => w.name));
  const missing = record.backups.filter((b) => !names.has(b.backup));
  if (missing.length) throw new AddinError('BackupMissing', `清理前的备份工作表已不存在（${missing.map((b) => b.sheet).join('、')}），无法撤销`);
  const ws = (name: string): Excel.Worksheet => wb.worksheets.getItem(name);
  const batches = new Batches();
  // Sheets: show the backup first (a workbook keeps one visible sheet), drop the cleaned one,
  // rename, then positions in ascending order so each lands where it was.
  for (const b of record.backups) {
    batches.add(bytesOf(b), () => {
      const backup = ws(b.backup);
      backup.visibility = b.visibility as Excel.SheetVisibility;
      if (names.has(b.sheet)) ws(b.sheet).delete();
      backup.name = b.sheet;
    });
  }
  for (const b of [...record.backups].sort((x, y) => x.position - y.position)) batches.add(bytesOf(b), () => (ws(b.sheet).position = b.position));
  for (const c of record.cells) {
    batches.add(bytesOf(c), () => {
      const r = ws(c.sheet).getRange(c.address);
      r.numberFormat = [[c.numberFormat]];
      if (c.formula !== null) r.formulas = [[c.formula]];
      else r.values = [[typeof c.value === 'string' && /^[=+'@-]/.test(c.value) ? `'${c.value}` : c.value]];
    });
  }
  for (const f of record.fills) batches.add(bytesOf(f), () => (ws(f.sheet).getRange(f.address).format.fill.color = f.color));
  for (const n of record.notes) batches.add(bytesOf(n), () => wb.notes.add(`${quoteSheet(n.sheet)}!${n.address}`, n.text));
  for (const f of record.formulas) batches.add(bytesOf(f), () => (ws(f.sheet).getRange(f.address).formulas = [[f.formula]]));
  batches.add(100, () => wb.settings.getItemOrNullObject(CLEANUP_KEY).delete());
  // Back on the sheet the user was on (a swapped sheet has its name again).
  batches.add(100, () => ws(active.name).activate());
  await batches.send(context);
  return { restoredCells: record.cells.length + record.fills.length + record.notes.length, restoredSheets: record.backups.map((b) => b.sheet), syncs: syncs() };
}

export async function keepCleanup(context: Excel.RequestContext): Promise<number> {
  const { record, backups } = await loadCleanupRecord(context);
  for (const b of backups) context.workbook.worksheets.getItem(b).delete();
  if (record) context.workbook.settings.getItemOrNullObject(CLEANUP_KEY).delete();
  if (backups.length || record) await context.sync();
  return backups.length;
}

/** The note prefix the add-in writes, re-exported for the writer (one source of truth). */
export { MARK_NOTE_PREFIX };
