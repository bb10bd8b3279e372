/**
 * The clean-up plan (issue 8, SPEC §11): a list of changes, each with a kind, a place, the
 * state before and after, and a reason in Chinese. Hosts apply a plan in this order, one
 * batch per step (a constant number of syncs in the add-in):
 *
 *  1. `remove-fill` / `remove-note` (our own marks);
 *  2. per sheet: unmerge every area named by `unmerge` and `resize-merge` (original coordinates);
 *  3. `set` cell changes (original coordinates);
 *  4. `delete-row`, bottom-up; the rows below move up, with their merges and the formula
 *     references to them (Excel does this itself; `shiftFormula` does it for other hosts);
 *  5. `resize-merge` with a non-null `after`: merge that area (coordinates after step 4);
 *  6. `delete-sheet`.
 *
 * Every `before` is what the host must find to apply the change; every change can be
 * undone from its `before`.
 */
import type { CellValue } from '../grid';
import type { NotesWord } from '../marks';

export type CleanupKind = 'text' | 'notation' | 'number' | 'placeholder-row' | 'hint' | 'blank-sheet' | 'mark' | 'unmerge' | 'reuse';

/** Preview order and Chinese names. */
export const CLEANUP_KINDS: readonly CleanupKind[] = ['text', 'notation', 'number', 'placeholder-row', 'hint', 'blank-sheet', 'mark', 'unmerge', 'reuse'];

export const KIND_LABELS: Readonly<Record<CleanupKind, string>> = {
  text: '文字整理',
  notation: '符号规范',
  number: '文本型数字转为数值',
  'placeholder-row': '删除占位指标行',
  hint: '清除填写提示',
  'blank-sheet': '删除空白模板工作表',
  mark: '清除上次运行的标记',
  unmerge: '取消合并并向下填充',
  reuse: '下年度重用（清空完成情况）',
};

/** Kinds on unless turned off; `unmerge` and `reuse` are off unless turned on. */
export const DEFAULT_KINDS: Readonly<Record<CleanupKind, boolean>> = {
  text: true,
  notation: true,
  number: true,
  'placeholder-row': true,
  hint: true,
  'blank-sheet': true,
  mark: true,
  unmerge: false,
  reuse: false,
};

export interface CleanupOptions {
  /** Kinds to plan; missing entries take `DEFAULT_KINDS`. */
  readonly kinds?: Partial<Record<CleanupKind, boolean>>;
  /** The host's word for notes, in the reasons (default 备注: Excel's, where the CLI's files open). */
  readonly notesWord?: NotesWord;
}

/** A cell's content as clean-up sees and writes it. */
export interface CellState {
  readonly value: CellValue;
  readonly numFmt?: string;
}

export type Place =
  | { readonly type: 'cell'; readonly sheet: string; readonly row: number; readonly col: number; readonly address: string }
  | { readonly type: 'row'; readonly sheet: string; readonly row: number }
  | { readonly type: 'range'; readonly sheet: string; readonly top: number; readonly left: number; readonly bottom: number; readonly right: number; readonly address: string }
  | { readonly type: 'sheet'; readonly sheet: string; readonly index: number };

/** The non-empty cells of a deleted row (A1 address → state), for the preview and undo. */
export interface RowState {
  readonly cells: ReadonlyArray<{ readonly address: string; readonly value: CellValue }>;
}

export type CleanupChange =
  | { readonly kind: CleanupKind; readonly op: 'set'; readonly place: Extract<Place, { type: 'cell' }>; readonly before: CellState; readonly after: CellState; readonly reason: string }
  | { readonly kind: 'placeholder-row'; readonly op: 'delete-row'; readonly place: Extract<Place, { type: 'row' }>; readonly before: RowState; readonly after: null; readonly reason: string }
  /** A merged area that loses rows: `after` is the area after the deletions (null: no merge left). */
  | { readonly kind: 'placeholder-row'; readonly op: 'resize-merge'; readonly place: Extract<Place, { type: 'range' }>; readonly before: string; readonly after: string | null; readonly reason: string }
  | { readonly kind: 'unmerge'; readonly op: 'unmerge'; readonly place: Extract<Place, { type: 'range' }>; readonly before: string; readonly after: null; readonly reason: string }
  | { readonly kind: 'blank-sheet'; readonly op: 'delete-sheet'; readonly place: Extract<Place, { type: 'sheet' }>; readonly before: string; readonly after: null; readonly reason: string }
  /** Our own highlight (`before`: ARGB colour) or note (`before`: its text). */
  | { readonly kind: 'mark'; readonly op: 'remove-fill' | 'remove-note'; readonly place: Extract<Place, { type: 'cell' }>; readonly before: string; readonly after: null; readonly reason: string };

export interface CleanupPlan {
  readonly changes: readonly CleanupChange[];
  /** Changes per kind (every kind present, 0 when none). */
  readonly counts: Readonly<Record<CleanupKind, number>>;
}

/**
 * Cell decoration the grid does not carry: fills and notes, as the host read them. The
 * add-in also passes the marks it recorded when it wrote them (`recorded: true`).
 */
export interface CellDecoration {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  /** Solid fill colour as ARGB (`FFFFC7CE`), if any. */
  readonly fill?: string;
  /** Note (comment) text, if any. */
  readonly note?: string;
  /** The add-in recorded this fill/note as its own mark. */
  readonly recorded?: boolean;
}
