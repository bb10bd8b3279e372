/**
 * `createAddinHost(port)`: every workflow of the add-in, written once over a host port
 * (src/excel, src/wps). Each method reads (port.read / port.probe), decides (the pure
 * planners in ./write, ./undo, ./cleanup), applies (port.apply) and reports.
 */
import { analyzeWorkbook, type WorkbookResult } from '../engine';
import { planCleanup, type CellDecoration, type CleanupOptions } from '../cleanup';
import { address, parseAddress, type WorkbookGrid } from '../grid';
import { isMarkFill } from '../marks';
import { isBackupSheet, isReviewSheet } from '../sheets';
import { hiddenThenDelete, mergeSteps, type CellStep } from '../changes';
import {
  AddinError,
  optionsOf,
  type AddinHost,
  type ChangedCell,
  type CheckOptions,
  type CheckReport,
  type CleanupState,
  type HostEvent,
  type ProgressListener,
  type ScoreOptions,
  type Stage,
  type UndoReport,
  type WriteReport,
} from './host';
import * as say from './messages';
import type { HostPort, PortRead } from './port';
import {
  CLEANUP_KEY,
  MARKS_KEY,
  RECORD_LIMIT,
  SETTINGS_KEY,
  UNDO_KEY,
  decodeCleanup,
  decodeMarks,
  decodeWrite,
  encodeCleanup,
  encodeMarks,
  encodeWrite,
  markKey,
  noteHash,
  splitKey,
  recordSize,
  type MarkMap,
} from './records';
import { parseSettings, profileOf, type AddinSettings } from './settings';
import { countFindings, summarize } from './summary';
import { planWrite, planMarks, recorded, settleConflicts, withEdits } from './write';
import { planClearMarks, planUndo, probeRequestFor } from './undo';
import { exportMessage, planExport } from './export';
import { cleanupProbe, cleanupUndoProbe, planCleanupApply, planCleanupUndo, selectKinds, withCounts } from './cleanup';

export function createAddinHost(port: HostPort): AddinHost {
  const listeners = new Set<(e: HostEvent) => void>();
  let unwatch: (() => void) | null = null;
  const emit = (e: HostEvent): void => {
    for (const l of listeners) {
      try {
        l(e);
      } catch {
        // a listener's failure must not break the host
      }
    }
  };
  const progress = (l: ProgressListener | undefined, stage: Stage, done: number, total: number): void => {
    const p = { stage, done, total };
    try {
      l?.(p);
    } catch {
      // ignore listener errors
    }
    emit({ type: 'progress', progress: p });
  };
  const reporter = (l: ProgressListener | undefined, stage: Stage) => (done: number, total: number) => progress(l, stage, done, total);

  const analyse = (grid: WorkbookGrid, settings: AddinSettings, onProgress?: ProgressListener): WorkbookResult => {
    progress(onProgress, 'compute', 0, grid.sheets.length);
    // The summaries 导出审核汇总 added are never read back as tables.
    const own = grid.sheets.some((g) => isReviewSheet(g.name));
    const result = analyzeWorkbook(own ? { ...grid, sheets: grid.sheets.filter((g) => !isReviewSheet(g.name)) } : grid, { profile: profileOf(settings) });
    progress(onProgress, 'compute', grid.sheets.length, grid.sheets.length);
    return result;
  };
  const checkReport = (result: WorkbookResult, read: PortRead, settings: AddinSettings, t0: number): CheckReport => {
    const s = summarize(result, read.grid.sheets.map((g) => ({ name: g.name, protected: !!g.protected })));
    return { result, sheets: s.sheets, counts: s.counts, syncs: port.syncs() - t0, empty: s.empty, settings };
  };
  const head = (keys: string[]): Promise<PortRead> => port.read({ keys, grids: false });

  const host: AddinHost = {
    async capabilities() {
      return port.capabilities();
    },

    async loadSettings() {
      return parseSettings((await head([SETTINGS_KEY])).stored[SETTINGS_KEY]);
    },

    async saveSettings(settings) {
      await port.store({ [SETTINGS_KEY]: parseSettings(settings) });
    },

    async check(given, options) {
      const { onProgress } = optionsOf<CheckOptions>(options);
      const t0 = port.syncs();
      const read = await port.read({ keys: given ? [] : [SETTINGS_KEY], onProgress: reporter(onProgress, 'read') });
      const settings = given ?? parseSettings(read.stored[SETTINGS_KEY]);
      const out = checkReport(analyse(read.grid, settings, onProgress), read, settings, t0);
      emit({ type: 'checked', report: out });
      return out;
    },

    async score(given, options) {
      const { onProgress, only } = optionsOf<ScoreOptions>(options);
      const t0 = port.syncs();
      const read = await port.read({ keys: [SETTINGS_KEY, MARKS_KEY], onProgress: reporter(onProgress, 'read') });
      const settings = given ?? parseSettings(read.stored[SETTINGS_KEY]);
      const result = analyse(read.grid, settings, onProgress);
      const notes = port.capabilities().notes;
      const marksBefore = decodeMarks(read.stored[MARKS_KEY]);
      const input = { grid: read.grid, cell: read.cell, result, profile: profileOf(settings), settings, notes, marks: marksBefore, only: only ?? null };
      const plan = planWrite(input);
      const at = new Date().toISOString();
      const undoRecord = (steps: readonly CellStep[]): unknown => {
        const r = encodeWrite({ at, steps: mergeSteps(steps).map(recorded), marksBefore });
        return recordSize(r) <= RECORD_LIMIT ? r : null;
      };

      let after = plan.after;
      let corrected = plan.corrected;
      let edits = plan.edits;
      let marksAfter: MarkMap = plan.marksAfter;
      let applied: CellStep[] = [];
      let changed: ChangedCell[] = [];
      let undo: unknown = null;
      if (plan.steps.length) {
        undo = undoRecord(plan.steps);
        progress(onProgress, 'write', 0, plan.steps.length);
        const out = await port.apply(plan.steps, {
          guard: true,
          storeBefore: { [UNDO_KEY]: undo, [MARKS_KEY]: encodeMarks(marksAfter) },
          onProgress: reporter(onProgress, 'write'),
        });
        applied = [...plan.steps];
        if (out.conflicts.length) {
          const settled = settleConflicts(plan.steps, out.conflicts, plan.edits, plan.marksAfter);
          applied = settled.applied;
          edits = settled.edits;
          marksAfter = settled.marks;
          changed = settled.changed.map((c) => say.changedSinceRead(c.sheet, c.cell, say.showRaw(c.now)));
          if (settled.changed.length) {
            // The workbook is not what the plan assumed: analyse it as it is, and bring the marks in line.
            const grid = withEdits(withEdits(read.grid, settled.found), edits);
            after = analyzeWorkbook(grid, { profile: input.profile });
            const marks = planMarks({ after, grid, edits, marks: marksAfter, settings, notes });
            corrected = marks.corrected;
            if (marks.steps.length) {
              const again = await port.apply(marks.steps, { guard: true });
              const second = settleConflicts(marks.steps, again.conflicts, [], marks.marksAfter);
              applied = [...applied, ...second.applied];
              marksAfter = second.marks;
            } else marksAfter = marks.marksAfter;
          }
          undo = applied.length ? undoRecord(applied) : null;
          await port.store({ [UNDO_KEY]: undo, [MARKS_KEY]: encodeMarks(marksAfter) });
        }
      }
      const base = checkReport(result, read, settings, t0);
      const blocked = plan.blocked.length;
      const protectedSheets = [...new Set(plan.blocked.map((e) => e.sheet))];
      const highlighted = [...marksAfter.values()].filter((m) => m.kind && m.kind !== 'corrected').length;
      const notesAdded = applied.filter((s) => typeof s.after.note === 'string').length;
      const facts = {
        written: edits.length,
        changedSinceRead: changed,
        protectedSheets,
        highlighted: settings.highlight ? highlighted : 0,
        notesAdded,
        blocked,
        corrected: corrected.length,
        refused: plan.problems.length,
        empty: !!base.empty,
        emptyTitle: base.empty?.title,
        notesWord: port.capabilities().notesWord,
      };
      const report: WriteReport = {
        ...base,
        after: { result: after, counts: countFindings(after) },
        written: edits.length,
        writtenCells: edits.map((e) => ({ sheet: e.sheet, cell: e.cell })),
        corrected,
        blocked,
        summary: say.writeSummary(facts),
        changedSinceRead: changed,
        protectedSheets,
        highlighted: facts.highlighted,
        notesAdded,
        notesUnavailable: settings.notes && !notes ? say.notesUnavailable(facts.notesWord) : null,
        undoAvailable: applied.length > 0 && undo !== null,
        undoUnavailable: applied.length > 0 && undo === null ? say.undoTooLarge(mergeSteps(applied).length) : null,
      };
      emit({ type: 'written', report });
      return report;
    },

    async canUndo() {
      const r = decodeWrite((await head([UNDO_KEY])).stored[UNDO_KEY]);
      return !!r && r.steps.length > 0;
    },

    async undo() {
      const stored = (await head([UNDO_KEY, MARKS_KEY])).stored;
      const record = decodeWrite(stored[UNDO_KEY]);
      if (!record || !record.steps.length) throw new AddinError('NothingToUndo', say.NOTHING_TO_UNDO);
      const notes = port.capabilities().notes;
      const probe = await port.probe(probeRequestFor(record.steps, notes));
      const plan = planUndo(record, probe, decodeMarks(stored[MARKS_KEY]), record.marksBefore, notes);
      const out = await port.apply(plan.steps, { guard: true, storeAfter: { [UNDO_KEY]: null, [MARKS_KEY]: encodeMarks(plan.marks) } });
      const raced = out.conflicts.filter((c) => c.aspects.includes('value') || c.aspects.includes('formula')).map((c) => say.changedSinceWrite(plan.steps[c.index].sheet, plan.steps[c.index].cell));
      const report: UndoReport = {
        restored: plan.restored - raced.length,
        skipped: [...plan.skipped, ...raced],
        ...(plan.notesLeft ? { notice: say.notesLeft(plan.notesLeft, port.capabilities().notesWord) } : {}),
      };
      emit({ type: 'undone', report });
      return report;
    },

    async clearMarks() {
      const read = await head([MARKS_KEY]);
      const marks = decodeMarks(read.stored[MARKS_KEY]);
      let count = 0;
      if (marks.size) {
        const { steps, kept } = planClearMarks(marks, new Map(read.sheets.map((s) => [s.name, s.protected])), port.capabilities().notes);
        const out = await port.apply(steps, { guard: true, storeAfter: { [MARKS_KEY]: encodeMarks(kept) } });
        const whole = new Set(out.conflicts.filter((c) => c.aspects.length === Object.keys(steps[c.index].after).length).map((c) => c.index));
        count = steps.length - whole.size;
      }
      emit({ type: 'marks-cleared', count });
      return count;
    },

    async select(sheet, cell) {
      const outcome = await port.select(sheet, cell);
      if (outcome !== 'ok') throw new AddinError(outcome === 'hidden-sheet' ? 'SheetHidden' : 'ItemNotFound', say.selectFailed(sheet, cell, outcome));
    },

    async previewCleanup(options: CleanupOptions = {}) {
      const t0 = port.syncs();
      const { notes, notesWord } = port.capabilities();
      const read = await port.read({ keys: [MARKS_KEY], fills: true });
      const marks = decodeMarks(read.stored[MARKS_KEY]);
      const locked = new Set(read.grid.sheets.filter((s) => s.protected).map((s) => s.name));
      const decorations: CellDecoration[] = read.fills.map((f) => ({ sheet: f.sheet, row: f.row, col: f.col, fill: f.fill }));
      if (notes) {
        // Office.js cannot list notes with their cells cheaply: look at cells wearing one of
        // our fills and cells our record says carry our note.
        const cells = new Map<string, { sheet: string; cell: string; row: number; col: number }>();
        for (const f of read.fills) if (isMarkFill(f.fill) && !locked.has(f.sheet)) cells.set(markKey(f.sheet, address(f.row, f.col)), { sheet: f.sheet, cell: address(f.row, f.col), row: f.row, col: f.col });
        for (const [k, m] of marks) {
          const { sheet, cell } = splitKey(k);
          if (m.note === null || locked.has(sheet) || !read.grid.sheets.some((s) => s.name === sheet)) continue;
          cells.set(k, { sheet, cell, ...parseAddress(cell) });
        }
        if (cells.size) {
          const list = [...cells.values()];
          const probe = await port.probe({ cells: list, aspects: ['note'] });
          list.forEach((c, i) => {
            const note = probe.states[i]?.note;
            if (typeof note !== 'string') return;
            const own = marks.get(markKey(c.sheet, c.cell))?.note === noteHash(note);
            decorations.push({ sheet: c.sheet, row: c.row, col: c.col, note, ...(own ? { recorded: true } : {}) });
          });
        }
      }
      const plan = planCleanup({ grid: read.grid, decorations }, { kinds: options.kinds, notesWord });
      const protectedSheets = [...locked];
      return {
        plan: withCounts(plan.changes.filter((c) => !locked.has(c.place.sheet))),
        sheets: read.grid.sheets.map((s) => s.name),
        protectedSheets,
        syncs: port.syncs() - t0,
        notesWord,
      };
    },

    async applyCleanup(fullPlan, kinds) {
      const t0 = port.syncs();
      const plan = selectKinds(fullPlan, kinds);
      const want = cleanupProbe(plan);
      const probe = await port.probe({ cells: want.cells, aspects: ['value', 'formula', 'numFmt'], keys: [MARKS_KEY], ...(want.formulas ? { formulas: want.formulas } : {}) });
      const p = planCleanupApply(plan, probe, decodeMarks(probe.stored[MARKS_KEY]), new Date().toISOString());
      const record = encodeCleanup(p.record);
      if (recordSize(record) > RECORD_LIMIT) throw new AddinError('TooLarge', `这次清理涉及的单元格太多（${p.record.steps.length} 个），无法保存撤销记录，未做任何清理；请取消部分类别后再试`);
      await port.apply(p.steps, {
        guard: false,
        // The old write's undo names cells clean-up may move: it goes.
        storeBefore: { [CLEANUP_KEY]: record, [UNDO_KEY]: null },
        storeAfter: { [MARKS_KEY]: encodeMarks(p.marksAfter) },
      });
      const report = { applied: plan.changes.length, counts: plan.counts, backedUp: p.backedUp, syncs: port.syncs() - t0 };
      emit({ type: 'cleaned', report });
      return report;
    },

    async undoCleanup() {
      const t0 = port.syncs();
      const record = decodeCleanup((await head([CLEANUP_KEY])).stored[CLEANUP_KEY]);
      if (!record) throw new AddinError('NothingToUndo', say.NOTHING_TO_UNDO_CLEANUP);
      const notes = port.capabilities().notes;
      const probe = await port.probe({ cells: cleanupUndoProbe(record), aspects: ['value', 'formula', 'numFmt', 'fill', ...(notes ? (['note'] as const) : [])] });
      const plan = planCleanupUndo(record, probe, notes);
      await port.apply(plan.steps, { guard: true, storeAfter: { [CLEANUP_KEY]: null, [MARKS_KEY]: encodeMarks(record.marksBefore) } });
      const report = { restoredCells: plan.restoredCells, restoredSheets: plan.restoredSheets, syncs: port.syncs() - t0 };
      emit({ type: 'cleanup-undone', report });
      return report;
    },

    async keepCleanup() {
      const read = await head([CLEANUP_KEY]);
      const backups = read.sheets.filter((s) => isBackupSheet(s.name));
      if (backups.length || read.stored[CLEANUP_KEY] !== undefined) {
        await port.apply(
          backups.flatMap((s) => hiddenThenDelete(s.name, s.visibility)),
          { guard: false, storeAfter: { [CLEANUP_KEY]: null } },
        );
      }
      emit({ type: 'cleanup-kept', removed: backups.length });
      return backups.length;
    },

    async cleanupState(): Promise<CleanupState> {
      const read = await head([CLEANUP_KEY]);
      const backups = read.sheets.filter((s) => isBackupSheet(s.name)).map((s) => s.name);
      const record = decodeCleanup(read.stored[CLEANUP_KEY]);
      const names = new Set(read.sheets.map((s) => s.name));
      const undoAvailable = !!record && (record.backups.length > 0 || record.steps.length > 0) && record.backups.every((b) => names.has(b.backup) || names.has(b.sheet));
      return { undoAvailable, backups, at: record?.at ?? null };
    },

    async exportSummary(options) {
      const t0 = port.syncs();
      const read = await port.read({ keys: options.settings ? [] : [SETTINGS_KEY] });
      const settings = options.settings ?? parseSettings(read.stored[SETTINGS_KEY]);
      const result = analyse(read.grid, settings);
      if (!result.tables.length) throw new AddinError('NoTables', say.exportNoTables(read.grid.sheets.length));
      const file = await port.workbookName();
      const { summary, book } = planExport({ result, settings, file, taken: read.sheets.map((s) => s.name), target: options.target, now: new Date() });
      if (options.target === 'sheet') await port.addSheets(book);
      else await port.newWorkbook(book);
      const sheets = book.sheets.map((s) => s.name);
      const report = { target: options.target, sheets, counts: summary.counts, message: exportMessage(options.target, sheets, summary.counts), syncs: port.syncs() - t0 };
      emit({ type: 'exported', report });
      return report;
    },

    subscribe(listener) {
      listeners.add(listener);
      if (!unwatch) unwatch = port.watch(() => emit({ type: 'stale' }));
      return () => {
        listeners.delete(listener);
      };
    },
  };
  return host;
}
