/**
 * The contract between the add-in's host adapters (src/excel over Office.js, src/wps over
 * the WPS object model) and its user interfaces (src/taskpane, src/commands). The pane and
 * the ribbon commands only ever talk to an `AddinHost`; `createExcelHost()` in src/excel
 * builds the real one over Office.js, and the tests build the same one over the fake Excel
 * host in test/fake-excel. It lives in the core so no host imports another.
 *
 * Every method rejects only with an `AddinError` (Chinese message, Office error code kept).
 */
import type { WorkbookResult } from '../engine';
import type { Severity } from '../rules/types';
import type { CleanupKind, CleanupOptions, CleanupPlan } from '../cleanup';
import type { NotesWord } from '../marks';
import type { AddinSettings } from './settings';
import type { EmptyState, SheetSummary } from './summary';
import type { ExportOptions, ExportReport } from './export';


/** A cell on a sheet, as findings and reports name it. */
export interface CellRef {
  readonly sheet: string;
  /** A1 address. */
  readonly cell: string;
}

export type Stage = 'read' | 'compute' | 'write';

/** Progress for large workbooks: 读取 → 计算 → 写回, with counts. */
export interface Progress {
  readonly stage: Stage;
  /** Units done and expected in this stage (sheets, tables or cells). */
  readonly done: number;
  readonly total: number;
}

export type ProgressListener = (p: Progress) => void;

export interface CheckReport {
  /** The engine's result (tables with their findings, plan, cell notes) on the workbook as read. */
  readonly result: WorkbookResult;
  readonly sheets: readonly SheetSummary[];
  readonly counts: Readonly<Record<Severity, number>>;
  /** Syncs made, for the bench and for tests. */
  readonly syncs: number;
  /**
   * No recognisable table: the calm state to show (title and what the add-in looks for);
   * null when there are tables. Hosts never reject for this. Always set by
   * `createAddinHost`; optional only so hand-built reports stay valid.
   */
  readonly empty?: EmptyState | null;
  /** The settings the check ran with (the stored ones when the caller passed none). */
  readonly settings?: AddinSettings;
}

/** A planned cell the user changed between the read and the write: left alone, reported. */
export interface ChangedCell {
  readonly sheet: string;
  readonly cell: string;
  readonly message: string;
}

export interface WriteReport extends CheckReport {
  /** Cells written (values, formats); 0 when the workbook already agreed. */
  readonly written: number;
  /** The cells written. (Optional fields below: always set by `createAddinHost`.) */
  readonly writtenCells?: readonly CellRef[];
  /**
   * The workbook as written: the engine's result after the write (findings the write fixed
   * are gone, `plan` holds only what was not written) and its counts. Show this after a write.
   */
  readonly after?: { readonly result: WorkbookResult; readonly counts: Readonly<Record<Severity, number>> };
  /** Written cells with no finding left on them: marked 已更正 when highlighting. */
  readonly corrected?: readonly CellRef[];
  /** Planned cells not written because their sheet is protected (named in `protectedSheets`). */
  readonly blocked?: number;
  /** The outcome in one Chinese sentence (what was written, or why nothing was). */
  readonly summary?: string;
  readonly changedSinceRead: readonly ChangedCell[];
  /** Protected sheets that had planned writes: named, nothing written to them. */
  readonly protectedSheets: readonly string[];
  readonly highlighted: number;
  readonly notesAdded: number;
  /** Why notes were not added although asked for (e.g. ExcelApi 1.18 missing); null otherwise. */
  readonly notesUnavailable: string | null;
  /** True when 撤销本次写回 can undo this write. */
  readonly undoAvailable: boolean;
  /** Why this write cannot be undone (too large to record); null otherwise. */
  readonly undoUnavailable?: string | null;
}

/** Options of a write. */
export interface ScoreOptions {
  /**
   * 更正此项: write only the planned edits of these cells (marks are brought up to date as
   * in a full write). A cell with no planned edit writes nothing.
   */
  readonly only?: readonly CellRef[];
  readonly onProgress?: ProgressListener;
}

export interface CheckOptions {
  readonly onProgress?: ProgressListener;
}

export interface UndoReport {
  readonly restored: number;
  /** Cells the user changed after our write: left alone and listed. */
  readonly skipped: readonly ChangedCell[];
  /** Something left undone for another reason (e.g. notes without the notes API), in Chinese. */
  readonly notice?: string | null;
}

/** What the host's Excel supports, for the pane to explain missing features. */
export interface Capabilities {
  /** Cell notes (Excel: ExcelApi 1.18). */
  readonly notes: boolean;
  /** One host undo step for a whole write (Excel: ExcelApi 1.20 `mergeUndoGroup`). */
  readonly mergeUndo: boolean;
  /** What the host's Chinese interface calls those notes (Excel 备注, WPS 批注): every message says it. */
  readonly notesWord: NotesWord;
}

/** Pushed to subscribers, so a ribbon recompute updates an open pane (shared runtime). */
export type HostEvent =
  | { readonly type: 'checked'; readonly report: CheckReport }
  | { readonly type: 'written'; readonly report: WriteReport }
  | { readonly type: 'undone'; readonly report: UndoReport }
  | { readonly type: 'marks-cleared'; readonly count: number }
  /** The user edited a sheet after the last check: results are out of date. */
  | { readonly type: 'stale' }
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'cleaned'; readonly report: CleanupReport }
  | { readonly type: 'cleanup-undone'; readonly report: CleanupUndoReport }
  | { readonly type: 'cleanup-kept'; readonly removed: number }
  | { readonly type: 'exported'; readonly report: ExportReport };

export { BACKUP_PREFIX } from '../sheets';

export interface CleanupPreview {
  readonly plan: CleanupPlan;
  /** Sheets read (backups excluded). */
  readonly sheets: readonly string[];
  /** Protected sheets: their changes are left out of the plan. */
  readonly protectedSheets: readonly string[];
  readonly syncs: number;
  /** The host's word for notes, to describe the plan's changes with (`describeChange`). */
  readonly notesWord: NotesWord;
}

export interface CleanupReport {
  /** Changes applied, per kind. */
  readonly applied: number;
  readonly counts: Readonly<Record<CleanupKind, number>>;
  /** Sheets copied to a very-hidden backup before their structure changed. */
  readonly backedUp: readonly string[];
  readonly syncs: number;
}

export interface CleanupUndoReport {
  readonly restoredCells: number;
  readonly restoredSheets: readonly string[];
  readonly syncs: number;
}

/** What a previous clean-up left in the workbook (detected at start-up). */
export interface CleanupState {
  /** 撤销清理 is possible. */
  readonly undoAvailable: boolean;
  /** Names of very-hidden backup sheets present. */
  readonly backups: readonly string[];
  /** When the clean-up ran (ISO), if recorded. */
  readonly at: string | null;
}

export interface AddinHost {
  capabilities(): Promise<Capabilities>;
  loadSettings(): Promise<AddinSettings>;
  saveSettings(settings: AddinSettings): Promise<void>;
  /**
   * Read every sheet and run the engine; writes nothing. Without `settings` (undefined or
   * null) the workbook's stored settings are read in the same round trip: a caller that has
   * not loaded them passes none. (A function as the second argument is `onProgress`.)
   */
  check(settings?: AddinSettings | null, options?: CheckOptions | ProgressListener): Promise<CheckReport>;
  /**
   * Check, then apply the plan (and marks/notes per settings) exactly as `jixiao score`.
   * Without `settings` the stored ones are used (read in the same round trip), so nothing is
   * ever written with settings that were not loaded. `options.only`: 更正此项.
   */
  score(settings?: AddinSettings | null, options?: ScoreOptions | ProgressListener): Promise<WriteReport>;
  /** True when the last write (this session, even after the pane was reopened) can be undone. */
  canUndo(): Promise<boolean>;
  /** 撤销本次写回: restore every cell the last write touched (value, format, fill, note). */
  undo(): Promise<UndoReport>;
  /** 清除标记: remove the fills and notes the add-in itself added, nothing else. */
  clearMarks(): Promise<number>;
  /** Activate the sheet and select the cell of a finding (a hidden or missing sheet: a Chinese AddinError). */
  select(sheet: string, cell: string): Promise<void>;
  /** 清理模板 preview: read every sheet (one sync) and plan the clean-up; writes nothing. */
  previewCleanup(options?: CleanupOptions): Promise<CleanupPreview>;
  /** Apply the ticked kinds of a previewed plan in a constant number of syncs (backups first). */
  applyCleanup(plan: CleanupPlan, kinds: Readonly<Partial<Record<CleanupKind, boolean>>>): Promise<CleanupReport>;
  /** 撤销清理: restore the workbook as it was before the last clean-up. */
  undoCleanup(): Promise<CleanupUndoReport>;
  /** 保留清理结果: remove the backups and the undo record; returns the backups removed. */
  keepCleanup(): Promise<number>;
  /** Backups and undo record left by an earlier clean-up. */
  cleanupState(): Promise<CleanupState>;
  /**
   * 导出审核汇总: check the workbook and write the reviewer's summary (the CLI's `--report`
   * sheets) as new sheets of it (`target: 'sheet'`) or as a new workbook. No recognisable
   * table: an `AddinError` (`NoTables`), nothing made.
   */
  exportSummary(options: ExportOptions): Promise<ExportReport>;
  /** Events for every check, write, undo and staleness; returns an unsubscribe function. */
  subscribe(listener: (event: HostEvent) => void): () => void;
}

/** The only error an `AddinHost` rejects with. */
export class AddinError extends Error {
  /** Office.js error code (`InvalidOperationInCellEditMode`, `AccessDenied` …) or our own. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'AddinError';
    this.code = code;
  }
}

/** The options of `check`/`score`, whichever form the caller used (a bare listener is `onProgress`). */
export function optionsOf<O extends { readonly onProgress?: ProgressListener }>(o: O | ProgressListener | undefined): O {
  if (typeof o === 'function') return { onProgress: o } as O;
  return o ?? ({} as O);
}
