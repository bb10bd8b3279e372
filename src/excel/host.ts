/// <reference types="office-js" />
/* global Excel, Office */
/**
 * `createExcelHost()`: the real `AddinHost` over Office.js.
 *
 * A check is two syncs (list sheets, read all); a recompute adds one write sync (three in
 * all, whatever the number of sheets). More syncs appear only when a batch would pass
 * Excel's 5 MB payload limit, when notes are added (one), or when a target cell changed
 * between the read and the write (one, to put the user's value back).
 */
import { analyzeWorkbook, type Severity, type WorkbookResult } from '../core';
import {
  AddinError,
  DEFAULT_SETTINGS,
  type AddinHost,
  type AddinSettings,
  type Capabilities,
  type CheckReport,
  type HostEvent,
  type ProgressListener,
  type SheetSummary,
  type UndoReport,
  type WriteReport,
  emptyState,
  optionsOf,
  parseSettings,
  profileOf,
  type CheckOptions,
  type ScoreOptions,
} from '../core';
import * as cleanupOps from './cleanup';
import { toAddinError } from './errors';
import { readWorkbook, type WorkbookRead } from './read';
import { clearMarks, undoWrite } from './restore';
import { MARKS_KEY, SETTINGS_KEY, UNDO_KEY, applyPlan, type MarksRecord, type UndoRecord } from './write';

export interface ExcelHostOptions {
  /** The `Excel` namespace (default: the global one from office.js; tests: the fake's). */
  readonly excel?: typeof Excel;
  /** The `Office` namespace (default: the global one). */
  readonly office?: typeof Office;
}

/**
 * What survives closing and reopening the pane: with the shared runtime the module stays
 * loaded, so the last undo record is kept here (per Excel namespace, so tests with several
 * fake workbooks do not share it) and also in the workbook's settings.
 */
interface Memory {
  undo: UndoRecord | null;
  /** Event registration done for this Excel namespace. */
  events: Promise<void> | null;
  listeners: Set<(e: HostEvent) => void>;
  /** Our own write is running: its change events are not the user's. */
  writing: number;
}
const memories = new WeakMap<object, Memory>();

/** Kept for older imports: the one parser is the core's. */
export { parseSettings };

function isUndo(v: unknown): v is UndoRecord {
  return !!v && typeof v === 'object' && (v as UndoRecord).v === 1 && Array.isArray((v as UndoRecord).cells);
}
function isMarks(v: unknown): v is MarksRecord {
  return !!v && typeof v === 'object' && (v as MarksRecord).v === 1 && Array.isArray((v as MarksRecord).cells);
}

export function createExcelHost(options: ExcelHostOptions = {}): AddinHost {
  const excel = (): typeof Excel => {
    const x = options.excel ?? (globalThis as { Excel?: typeof Excel }).Excel;
    if (!x) throw new AddinError('NoExcel', '未检测到 Excel（office.js 未加载），请在 Excel 中打开此加载项');
    return x;
  };
  const office = (): typeof Office | undefined => options.office ?? (globalThis as { Office?: typeof Office }).Office;
  const memory = (): Memory => {
    const key = excel() as unknown as object;
    let m = memories.get(key);
    if (!m) memories.set(key, (m = { undo: null, events: null, listeners: new Set(), writing: 0 }));
    return m;
  };
  const emit = (e: HostEvent): void => {
    for (const l of memory().listeners) {
      try {
        l(e);
      } catch {
        // a listener's own failure must not break the host
      }
    }
  };
  const supported = (minor: number): boolean => {
    try {
      return !!office()?.context?.requirements?.isSetSupported('ExcelApi', `1.${minor}`);
    } catch {
      return false;
    }
  };
  const caps = (): Capabilities => ({ notes: supported(18), mergeUndo: supported(20) });
  /** Run a batch with Chinese errors; writes merge into one undo step where Excel can. */
  const run = async <T>(write: boolean, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const runOptions: Excel.RunOptions = { delayForCellEdit: true };
    if (write && caps().mergeUndo) runOptions.mergeUndoGroup = true;
    const m = memory();
    if (write) m.writing++;
    try {
      return await excel().run(runOptions, batch);
    } catch (e) {
      throw toAddinError(e);
    } finally {
      // Change events of our own write arrive after the sync: stop ignoring a moment later.
      if (write) setTimeout(() => m.writing--, 0);
    }
  };
  const progress = (l: ProgressListener | undefined, stage: 'read' | 'compute' | 'write', done: number, total: number): void => {
    const p = { stage, done, total };
    try {
      l?.(p);
    } catch {
      // ignore listener errors
    }
    emit({ type: 'progress', progress: p });
  };

  const compute = (read: WorkbookRead, settings: AddinSettings, onProgress?: ProgressListener): WorkbookResult => {
    progress(onProgress, 'compute', 0, read.sheets.length);
    const result = analyzeWorkbook(read.grid, { profile: profileOf(settings) });
    progress(onProgress, 'compute', read.sheets.length, read.sheets.length);
    return result;
  };
  const report = (result: WorkbookResult, read: WorkbookRead, syncs: number, settings: AddinSettings): CheckReport => {
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const t of result.tables) for (const f of t.findings) counts[f.severity]++;
    const sheets: SheetSummary[] = read.sheets.map((s) => ({
      name: s.name,
      tables: result.tables.filter((t) => t.sheet === s.name).length,
      protected: s.protected,
    }));
    return { result, sheets, counts, syncs, empty: result.tables.length ? null : emptyState(read.sheets.length), settings };
  };
  /** Syncs made by a batch: counted by wrapping context.sync. */
  const counted = (context: Excel.RequestContext): { syncs: () => number } => {
    let n = 0;
    const original = context.sync.bind(context);
    (context as { sync: () => Promise<void> }).sync = () => {
      n++;
      return original() as Promise<void>;
    };
    return { syncs: () => n };
  };
  const ensureEvents = (): void => {
    const m = memory();
    if (m.events) return;
    m.events = run(false, async (context) => {
      context.workbook.worksheets.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
        if (e.triggerSource === 'ThisLocalAddin' || m.writing > 0) return;
        emit({ type: 'stale' });
      });
      await context.sync();
    }).catch(() => undefined); // older Excel without the event: no staleness notice
  };

  const host: AddinHost = {
    async capabilities() {
      return caps();
    },

    async loadSettings() {
      return run(false, async (context) => {
        const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY).load('value');
        await context.sync();
        return item.isNullObject ? DEFAULT_SETTINGS : parseSettings(item.value);
      });
    },

    async saveSettings(settings) {
      const clean = parseSettings(settings);
      await run(false, async (context) => {
        context.workbook.settings.add(SETTINGS_KEY, clean);
        await context.sync();
      });
    },

    async check(given, options) {
      const { onProgress } = optionsOf<CheckOptions>(options);
      const out = await run(false, async (context) => {
        const c = counted(context);
        const settings = given ?? (await storedSettings(context));
        const read = await readWorkbook(context, { fills: false, onSheet: (d, t) => progress(onProgress, 'read', d, t) });
        const result = compute(read, settings, onProgress);
        return report(result, read, c.syncs(), settings);
      });
      emit({ type: 'checked', report: out });
      return out;
    },

    async score(given, options) {
      const { onProgress, only } = optionsOf<ScoreOptions>(options);
      const capabilities = caps();
      const out = await run(true, async (context) => {
        const c = counted(context);
        const settings = given ?? (await storedSettings(context));
        // Our records ride along with the listing sync.
        const marksItem = context.workbook.settings.getItemOrNullObject(MARKS_KEY).load('value');
        const read = await readWorkbook(context, { fills: settings.highlight, onSheet: (d, t) => progress(onProgress, 'read', d, t) });
        const full = compute(read, settings, onProgress);
        const wanted = only ? new Set(only.map((r) => `${r.sheet}!${r.cell}`)) : null;
        const result = wanted ? { ...full, plan: full.plan.filter((e) => wanted.has(`${e.sheet}!${e.cell}`)) } : full;
        const previousMarks = !marksItem.isNullObject && isMarks(marksItem.value) ? marksItem.value : null;
        progress(onProgress, 'write', 0, result.plan.length);
        const applied = await applyPlan(context, read, result, {
          settings,
          notesSupported: capabilities.notes,
          previousMarks,
          onProgress: (d, t) => progress(onProgress, 'write', d, t),
        });
        progress(onProgress, 'write', result.plan.length, result.plan.length);
        if (applied.undo) memory().undo = applied.undo;
        const w: WriteReport = {
          ...report(full, read, c.syncs(), settings),
          written: applied.written,
          changedSinceRead: applied.changedSinceRead,
          protectedSheets: applied.protectedSheets,
          highlighted: applied.highlighted,
          notesAdded: applied.notesAdded,
          notesUnavailable: applied.notesUnavailable,
          undoAvailable: !!memory().undo?.cells.length,
        };
        return w;
      });
      emit({ type: 'written', report: out });
      return out;
    },

    async canUndo() {
      const m = memory();
      if (m.undo) return m.undo.cells.length > 0;
      const stored = await loadUndo();
      return !!stored && stored.cells.length > 0;
    },

    async undo() {
      const m = memory();
      const record = m.undo ?? (await loadUndo());
      if (!record || !record.cells.length) throw new AddinError('NothingToUndo', '没有可撤销的写回');
      const out: UndoReport = await run(true, (context) => undoWrite(context, record));
      m.undo = null;
      emit({ type: 'undone', report: out });
      return out;
    },

    async clearMarks() {
      const count = await run(true, async (context) => {
        const item = context.workbook.settings.getItemOrNullObject(MARKS_KEY).load('value');
        await context.sync();
        if (item.isNullObject || !isMarks(item.value) || !item.value.cells.length) return 0;
        return clearMarks(context, item.value);
      });
      emit({ type: 'marks-cleared', count });
      return count;
    },

    async select(sheet, cell) {
      await run(false, async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
      });
    },

    async previewCleanup(options = {}) {
      const notesSupported = caps().notes;
      return run(false, (context) => cleanupOps.previewCleanup(context, { ...options, notesSupported }));
    },

    async applyCleanup(plan, kinds) {
      const out = await run(true, (context) => cleanupOps.applyCleanup(context, plan, kinds));
      emit({ type: 'cleaned', report: out });
      return out;
    },

    async undoCleanup() {
      const out = await run(true, (context) => cleanupOps.undoCleanup(context));
      emit({ type: 'cleanup-undone', report: out });
      return out;
    },

    async keepCleanup() {
      const removed = await run(true, (context) => cleanupOps.keepCleanup(context));
      emit({ type: 'cleanup-kept', removed });
      return removed;
    },

    async cleanupState() {
      return run(false, (context) => cleanupOps.cleanupState(context));
    },

    subscribe(listener) {
      memory().listeners.add(listener);
      ensureEvents();
      return () => {
        memory().listeners.delete(listener);
      };
    },
  };

  async function storedSettings(context: Excel.RequestContext): Promise<AddinSettings> {
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY).load('value');
    await context.sync();
    return item.isNullObject ? DEFAULT_SETTINGS : parseSettings(item.value);
  }

  async function loadUndo(): Promise<UndoRecord | null> {
    return run(false, async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(UNDO_KEY).load('value');
      await context.sync();
      return !item.isNullObject && isUndo(item.value) ? item.value : null;
    });
  }

  return host;
}
