/**
 * The host port: what a host adapter (src/excel over Office.js, src/wps over the WPS object
 * model) implements so that every workflow — check, score, undo, 清除标记, 清理模板 — is
 * written once, in `createAddinHost(port)`. A port reads and applies; it decides nothing.
 *
 * Round trips: every method is one or a few host round trips (Excel: `context.sync()`);
 * `syncs()` counts them, so reports can say what a workflow cost. A synchronous host (WPS)
 * may count calls or return 0.
 *
 * Errors: a port rejects with an `AddinError` (Chinese message, host error code kept).
 */
import type { SheetVisibility, WorkbookGrid } from '../grid';
import type { Aspect, CellState, RawValue, Step } from '../changes';
import type { Capabilities } from './host';
import type { ExportBook } from './export';

export interface SheetInfo {
  readonly name: string;
  /** 0-based position among all sheets (backups included). */
  readonly position: number;
  readonly visibility: SheetVisibility;
  readonly protected: boolean;
}

export interface ReadRequest {
  /** Stored entries (workbook settings) to read in the same round trip as the sheet list. */
  readonly keys: readonly string[];
  /** Read the sheets' cells (default true); false: only the sheet list and the keys. */
  readonly grids?: boolean;
  /** Also every cell's fill (clean-up preview finds old marks by colour). */
  readonly fills?: boolean;
  /** Sheets read so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CellFill {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  /** ARGB. */
  readonly fill: string;
}

export interface PortRead {
  /** Every sheet, in workbook order (backups included: the core decides what they are). */
  readonly sheets: readonly SheetInfo[];
  /**
   * The cells of the sheets that are not clean-up backups (`isBackupSheet`), as the engine
   * reads them: values of the used range, formulas, number formats, merged areas
   * overlapping it, `protected` and `visibility`. Empty when `grids` was false.
   */
  readonly grid: WorkbookGrid;
  /** A cell as read: raw value (`''` when empty) and number format (`General` when none). */
  cell(sheet: string, row: number, col: number): { readonly value: RawValue; readonly numFmt: string };
  /** Solid fills, when asked for. */
  readonly fills: readonly CellFill[];
  /** The stored entries asked for; a missing key is absent. */
  readonly stored: Readonly<Record<string, unknown>>;
}

export interface ProbeRequest {
  /** Cells to read; a cell's own `aspects` replace the request's. */
  readonly cells: ReadonlyArray<{ readonly sheet: string; readonly cell: string; readonly aspects?: readonly Aspect[] }>;
  /** What to read of each cell. `note` is read only where the host supports notes. */
  readonly aspects: readonly Aspect[];
  readonly keys?: readonly string[];
  /** List the formula cells of every sheet but these (clean-up keeps formulas naming a sheet it swaps). */
  readonly formulas?: { readonly except: readonly string[] };
}

export interface ProbeResult {
  readonly sheets: readonly SheetInfo[];
  /** Per cell, in order; null when its sheet does not exist. */
  readonly states: ReadonlyArray<CellState | null>;
  readonly stored: Readonly<Record<string, unknown>>;
  /** The active sheet's name; null when the host cannot say (Excel: a chart sheet is active). */
  readonly active: string | null;
  /** The formula cells asked for (formula with its `=`). */
  readonly formulas: ReadonlyArray<{ readonly sheet: string; readonly cell: string; readonly formula: string }>;
}

export interface ApplyOptions {
  /**
   * Guard cell steps: the host compares each step's `before` with the cell as it applies
   * the step (Excel: loaded in the same batch, before the write), and where an aspect differs
   * it leaves that aspect as it found it and reports a conflict; a conflict on `value` or
   * `formula` leaves the cell's value, formula and number format as found (all three are
   * reported). Without a guard the steps are applied as given (the caller checked first with
   * `probe`).
   */
  readonly guard: boolean;
  /** Stored entries written before the first step (null deletes the key). */
  readonly storeBefore?: Readonly<Record<string, unknown>>;
  /** Stored entries written after the last step. */
  readonly storeAfter?: Readonly<Record<string, unknown>>;
  /** Steps applied so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Conflict {
  /** Index of the step in the list given to `apply`. */
  readonly index: number;
  /** The aspects found different from `before`: left as they were. */
  readonly aspects: readonly Aspect[];
  /** What the cell held (those aspects). */
  readonly actual: CellState;
}

export interface ApplyResult {
  readonly conflicts: readonly Conflict[];
}

export type SelectOutcome = 'ok' | 'missing-sheet' | 'hidden-sheet';

export interface HostPort {
  /** What this host supports (checked, never assumed: a call outside it is not made). */
  capabilities(): Capabilities;
  /** Round trips made so far (monotonic). */
  syncs(): number;
  read(request: ReadRequest): Promise<PortRead>;
  /** The current state of some cells, the sheets, stored entries and the active sheet: one round trip. */
  probe(request: ProbeRequest): Promise<ProbeResult>;
  /**
   * Apply steps in order, in as few round trips as the host's request limits allow. Cell
   * steps write the aspects of `after` (a text value stays text); `note` steps need the
   * notes capability (the core never sends one without it).
   */
  apply(steps: readonly Step[], options: ApplyOptions): Promise<ApplyResult>;
  /** Write stored entries (null deletes). */
  store(entries: Readonly<Record<string, unknown>>): Promise<void>;
  /** Activate a sheet and select a cell; a hidden or missing sheet is reported, not changed. */
  select(sheet: string, cell: string): Promise<SelectOutcome>;
  /** The open workbook's name as the host shows it (Excel: `workbook.name`; WPS: `Workbook.Name`). */
  workbookName(): Promise<string>;
  /**
   * 导出审核汇总 → 新工作表: add `book.sheets` after the last sheet, in one batch (Excel: the
   * package inserted with `insertWorksheetsFromBase64`), with their names as given (the core
   * picked free ones). Existing sheets are never touched.
   */
  addSheets(book: ExportBook): Promise<void>;
  /** 导出审核汇总 → 新工作簿: open a new workbook holding `book` (Excel: `createWorkbook`; the user saves it). */
  newWorkbook(book: ExportBook): Promise<void>;
  /** Call `onUserEdit` when the user (not this add-in) edits a sheet; returns a stop function. */
  watch(onUserEdit: () => void): () => void;
}
