/**
 * The state behind the fake WPS 表格 host: workbooks, sheets, cells, merges, comments, as plain
 * data. The object model in ./fake.ts (Application, Worksheet, Range …) reads and changes this
 * state with the semantics WPS documents for its ET JS API (which follows Excel's VBA model);
 * nothing here is WPS-specific.
 *
 * Rows and columns are 1-based. Values are what `Range.Value2` gives: numbers (dates as serial
 * numbers), strings, booleans; an error cell holds its literal (`#DIV/0!`) with `error: true`.
 */
import { columnLetters, parseAddress, type MergedArea } from '../../src/core';

export type Scalar = string | number | boolean;

export interface FakeCell {
  /** Value2 (for a formula: its cached result); '' when empty. */
  v: Scalar;
  /** True when `v` is an error literal (`#N/A`): Value2 gives it as the object model gives errors. */
  error?: boolean;
  /** Formula with its leading '=', when the cell holds one. */
  f?: string;
  /** Number format; absent: General. */
  nf?: string;
  /** Solid fill as `Interior.Color` gives it (BGR integer); absent: no fill. */
  fill?: number;
  /** `Font.Bold`; absent: not bold. */
  bold?: boolean;
}

export type Area = MergedArea;

export const XL_SHEET_VISIBLE = -1;
export const XL_SHEET_HIDDEN = 0;
export const XL_SHEET_VERY_HIDDEN = 2;
export type Visibility = typeof XL_SHEET_VISIBLE | typeof XL_SHEET_HIDDEN | typeof XL_SHEET_VERY_HIDDEN;

const key = (r: number, c: number): string => `${r},${c}`;

export function a1(row: number, col: number): string {
  return columnLetters(col) + row;
}

export function areaA1(a: Area): string {
  return a.top === a.bottom && a.left === a.right ? a1(a.top, a.left) : `${a1(a.top, a.left)}:${a1(a.bottom, a.right)}`;
}

export function contains(outer: Area, inner: Area): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

export function intersects(a: Area, b: Area): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** `A1`, `$A$1`, `A1:C3`, `5:5`, `3:7`, `C:C` → an area (columns/rows to the sheet's limits). */
export function parseArea(ref: string): Area {
  const s = ref.replace(/\$/g, '').trim().toUpperCase();
  let m = /^(\d+):(\d+)$/.exec(s);
  if (m) {
    if ([+m[1], +m[2]].some((r) => r < 1 || r > MAX_ROWS)) throw new FakeWpsError(1004, `引用无效：${ref}`);
    return { top: Math.min(+m[1], +m[2]), bottom: Math.max(+m[1], +m[2]), left: 1, right: MAX_COLS };
  }
  m = /^([A-Z]+):([A-Z]+)$/.exec(s);
  if (m) {
    const l = parseAddress(`${m[1]}1`).col;
    const r = parseAddress(`${m[2]}1`).col;
    return { top: 1, bottom: MAX_ROWS, left: Math.min(l, r), right: Math.max(l, r) };
  }
  m = /^([A-Z]+\d+)(?::([A-Z]+\d+))?$/.exec(s);
  if (!m) throw new FakeWpsError(1004, `引用无效：${ref}`);
  const a = parseAddress(m[1]);
  const b = m[2] ? parseAddress(m[2]) : a;
  // Outside the sheet (row 0, past row 1,048,576 or column XFD): no such cell, error 1004 as in VBA.
  for (const p of [a, b]) if (p.row < 1 || p.row > MAX_ROWS || p.col < 1 || p.col > MAX_COLS) throw new FakeWpsError(1004, `引用无效：${ref}`);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/**
 * What the object model throws. WPS raises a JavaScript exception for a failed call; its
 * exact text is not documented, so the adapter never parses it (it checks protection,
 * read-only and edit mode beforehand). `number` follows VBA's run-time error numbers.
 */
export class FakeWpsError extends Error {
  readonly number: number;
  constructor(number: number, message: string) {
    super(message);
    this.name = 'Error';
    this.number = number;
  }
}

export class FakeSheet {
  name: string;
  readonly cells = new Map<string, FakeCell>();
  merges: Area[] = [];
  /** Comments (批注) by cell key. */
  readonly comments = new Map<string, string>();
  protectContents = false;
  visible: Visibility = XL_SHEET_VISIBLE;
  /** Column widths set through `ColumnWidth`, by 1-based column. */
  readonly columnWidths = new Map<number, number>();
  /** Sheet-level formatting set through the object model (what the tests inspect). */
  readonly layout = {
    /** `Range.AutoFilter()`: the filtered range, `A1:S6`. */
    autoFilter: null as string | null,
    /** `FormatConditions.Add`: `range type operator formula fill font` per condition (BGR). */
    formatConditions: [] as string[],
    /** `PageSetup` members as set. */
    pageSetup: {} as Record<string, unknown>,
    /** Rows frozen through the window (`SplitRow` + `FreezePanes`). */
    frozenRows: 0,
  };
  /** Row heights that differ from the default, by row. */
  readonly rowHeights = new Map<number, number>();

  constructor(name: string) {
    this.name = name;
  }

  get(r: number, c: number): FakeCell | undefined {
    return this.cells.get(key(r, c));
  }

  /** Replace a cell's state; an empty, unformatted cell is dropped. */
  set(r: number, c: number, cell: FakeCell): void {
    const empty = (cell.v === '' || cell.v === undefined) && cell.f === undefined && (cell.nf === undefined || cell.nf === 'General') && cell.fill === undefined;
    if (empty) this.cells.delete(key(r, c));
    else this.cells.set(key(r, c), { ...cell });
  }

  update(r: number, c: number, change: Partial<FakeCell>, drop: ReadonlyArray<keyof FakeCell> = []): void {
    const next: FakeCell = { ...(this.get(r, c) ?? { v: '' }), ...change };
    for (const k of drop) delete next[k];
    if (next.v === undefined) next.v = '';
    this.set(r, c, next);
  }

  comment(r: number, c: number): string | undefined {
    return this.comments.get(key(r, c));
  }

  setComment(r: number, c: number, text: string | undefined): void {
    if (text === undefined) this.comments.delete(key(r, c));
    else this.comments.set(key(r, c), text);
  }

  mergeAt(r: number, c: number): Area | undefined {
    return this.merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
  }

  /**
   * The used range as Excel's `UsedRange` reports it: every cell with a value, a formula, a
   * format or a fill, merged areas and comments; A1 for a blank sheet.
   */
  usedArea(): Area {
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    const take = (r: number, c: number): void => {
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    };
    for (const k of this.cells.keys()) {
      const [r, c] = k.split(',').map(Number);
      take(r, c);
    }
    for (const k of this.comments.keys()) {
      const [r, c] = k.split(',').map(Number);
      take(r, c);
    }
    for (const m of this.merges) {
      take(m.top, m.left);
      take(m.bottom, m.right);
    }
    if (bottom === 0) return { top: 1, left: 1, bottom: 1, right: 1 };
    return { top, left, bottom, right };
  }

  /** A deep copy, as `Worksheet.Copy` makes it. */
  clone(name: string): FakeSheet {
    const s = new FakeSheet(name);
    for (const [k, v] of this.cells) s.cells.set(k, { ...v });
    for (const [k, v] of this.comments) s.comments.set(k, v);
    s.merges = this.merges.map((m) => ({ ...m }));
    s.protectContents = this.protectContents;
    s.visible = XL_SHEET_VISIBLE;
    for (const [r, h] of this.rowHeights) s.rowHeights.set(r, h);
    return s;
  }

  /** Delete whole rows top..bottom, shifting everything below up (cells, merges, comments, heights). */
  deleteRows(top: number, bottom: number): void {
    const n = bottom - top + 1;
    const shift = <T>(map: Map<string, T>): void => {
      const entries = [...map.entries()];
      map.clear();
      for (const [k, v] of entries) {
        const [r, c] = k.split(',').map(Number);
        if (r < top) map.set(k, v);
        else if (r > bottom) map.set(key(r - n, c), v);
      }
    };
    shift(this.cells);
    shift(this.comments);
    const merges: Area[] = [];
    for (const m of this.merges) {
      if (m.bottom < top) merges.push(m);
      else if (m.top > bottom) merges.push({ ...m, top: m.top - n, bottom: m.bottom - n });
      else {
        // The rows removed from a merge shrink it (Excel keeps the merge while rows remain).
        const removed = Math.min(m.bottom, bottom) - Math.max(m.top, top) + 1;
        const rows = m.bottom - m.top + 1 - removed;
        if (rows <= 0) continue;
        const newTop = m.top < top ? m.top : top;
        const next = { ...m, top: newTop, bottom: newTop + rows - 1 };
        if (next.top !== next.bottom || next.left !== next.right) merges.push(next);
      }
    }
    this.merges = merges;
    const heights = [...this.rowHeights.entries()];
    this.rowHeights.clear();
    for (const [r, h] of heights) {
      if (r < top) this.rowHeights.set(r, h);
      else if (r > bottom) this.rowHeights.set(r - n, h);
    }
  }
}

export class FakeBook {
  name: string;
  readonly sheets: FakeSheet[] = [];
  readOnly = false;
  /** Workbook.CustomDocumentProperties: name → value. */
  readonly customProperties = new Map<string, Scalar>();
  activeSheet: FakeSheet | null = null;
  /** The selected area on the active sheet. */
  selection: Area = { top: 1, left: 1, bottom: 1, right: 1 };

  constructor(name: string) {
    this.name = name;
  }

  sheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }
}

export { key as cellKey };
