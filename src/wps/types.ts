/**
 * The members of WPS 表格's JavaScript object model that the adapter uses, and only those,
 * typed as Kingsoft's own declarations (et-jsapi-declare, lib.et.d.ts / addon.et.d.ts) give
 * them (version 2.5.0, read member by member): which are methods (`Address()`, `Value()`,
 * `Item()`, `Text()`), which are read-only, that collections are 1-based and not callable.
 * The package itself is not a dependency: it declares global `Application`/`wps` constants for
 * the whole program. Each member, with its documented behaviour and source, is listed in
 * src/wps/README.md.
 */

/** What `Value2` holds in one cell: dates as serial numbers; undefined/null/'' when empty. */
export type WpsScalar = string | number | boolean | null | undefined;

export interface WpsCollection<T> {
  readonly Count: number;
  /** 1-based index or name. */
  Item(index: number | string): T;
}

/** Worksheets / Workbooks: a collection that adds (`Add(Before, After)` for sheets; `Add()` for books). */
export interface WpsAddable<T> extends WpsCollection<T> {
  Add(before?: T, after?: T): T;
}

export interface WpsFont {
  Bold: boolean | null;
  /** BGR integer. */
  Color: number | null;
}

/** A conditional format (`FormatConditions.Add`): its fill and font when it applies. */
export interface WpsFormatCondition {
  readonly Interior: WpsInterior;
  readonly Font: WpsFont;
}

export interface WpsFormatConditions {
  readonly Count: number;
  /** `Add(Type, Operator, Formula1)`: xlCellValue 1 with an operator, or xlExpression 2 (V `FormatConditions.Add`). */
  Add(type: number, operator?: number, formula1?: string): WpsFormatCondition;
}

export interface WpsPageSetup {
  /** xlPortrait 1, xlLandscape 2. */
  Orientation: number;
  PaperSize: number;
  /** false: scale by FitToPagesWide/Tall. */
  Zoom: number | false;
  FitToPagesWide: number | false;
  FitToPagesTall: number | false;
  PrintTitleRows: string;
}

export interface WpsWindow {
  SplitRow: number;
  SplitColumn: number;
  FreezePanes: boolean;
}

export interface WpsInterior {
  /** BGR integer (0xBBGGRR); null when the cells differ. */
  Color: number | null;
  /** xlSolid 1, xlNone -4142; null when the cells differ. */
  Pattern: number | null;
}

export interface WpsComment {
  /** A method: `Text()` reads. */
  Text(text?: string): string;
  Delete(): void;
  readonly Parent: WpsRange;
}

export interface WpsLines {
  readonly Count: number;
  Item(index: number): WpsRange;
}

export interface WpsRange {
  /** One cell: a scalar; several: a 0-based array of rows. */
  Value2: WpsScalar | WpsScalar[][];
  /** One cell: its formula ('=…'), its constant as text, or ''; several: a 0-based array of rows. */
  Formula: string | string[][];
  /** The cells' number format; null when they differ. */
  NumberFormat: string | null;
  readonly Interior: WpsInterior;
  readonly Font: WpsFont;
  /** Width of the range's columns in characters of the default font. */
  ColumnWidth: number | null;
  readonly FormatConditions: WpsFormatConditions;
  /** No arguments: shows the filter arrows on the range (V `Range.AutoFilter`). */
  AutoFilter(): unknown;
  /** true: all merged; false: none; null: some. */
  readonly MergeCells: boolean | null;
  /** The merged area containing this (single) cell, or the cell itself. */
  readonly MergeArea: WpsRange;
  Merge(across?: boolean): void;
  UnMerge(): void;
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  readonly Row: number;
  readonly Column: number;
  readonly Rows: WpsLines;
  readonly Columns: WpsLines;
  Select(): unknown;
  Delete(shift?: number): unknown;
  readonly Comment: WpsComment | null;
  AddComment(text?: string): WpsComment;
}

export interface WpsWorksheet {
  Name: string;
  readonly Index: number;
  /** -1 visible, 0 hidden, 2 very hidden. */
  Visible: number;
  readonly ProtectContents: boolean;
  readonly UsedRange: WpsRange;
  Range(ref: string): WpsRange;
  readonly Comments: WpsCollection<WpsComment>;
  readonly PageSetup: WpsPageSetup;
  Activate(): void;
  Copy(before?: WpsWorksheet, after?: WpsWorksheet): void;
  Move(before?: WpsWorksheet, after?: WpsWorksheet): void;
  Delete(): void;
}

export interface WpsDocumentProperty {
  readonly Name: string;
  Value: unknown;
  Delete(): void;
}

export interface WpsWorkbook {
  readonly Name: string;
  readonly ReadOnly: boolean;
  readonly Worksheets: WpsAddable<WpsWorksheet>;
  readonly ActiveSheet: WpsWorksheet | null;
}

export interface WpsPluginStorage {
  setItem(key: string, value: string | number | boolean): void;
  getItem(key: string): string | null;
  removeItem(key: string): void;
}

export interface WpsTaskPane {
  readonly ID: number;
  Visible: boolean;
  DockPosition: number;
}

export interface WpsApiEvent {
  AddApiEventListener(name: string, callback: (...args: never[]) => void): void;
  RemoveApiEventListener(name: string, callback?: (...args: never[]) => void): void;
}

export interface WpsApplication {
  readonly ActiveWorkbook: WpsWorkbook | null;
  /** Open workbooks; `Add()` opens a new blank one and makes it active. */
  readonly Workbooks: WpsAddable<WpsWorkbook>;
  /** The active window (of the active workbook), or null. */
  readonly ActiveWindow: WpsWindow | null;
  ScreenUpdating: boolean;
  DisplayAlerts: boolean;
  /** False while the user edits a cell (VBA's Application.Ready). */
  readonly Ready: boolean;
  readonly Version: string;
  readonly Build: number;
  readonly PluginStorage: WpsPluginStorage;
  readonly ApiEvent: WpsApiEvent;
  CreateTaskPane(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: number): WpsTaskPane;
}

/** Enumeration values the adapter uses (Excel's, which WPS keeps). */
export const XL = Object.freeze({
  sheetVisible: -1,
  sheetHidden: 0,
  sheetVeryHidden: 2,
  none: -4142,
  solid: 1,
  shiftUp: -4162,
  cellValue: 1,
  expression: 2,
  equal: 3,
  landscape: 2,
  portrait: 1,
});
