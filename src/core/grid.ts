/**
 * Host-neutral workbook model. Every host (ExcelJS in the CLI, Office.js in the add-in)
 * converts its own cells into this shape; the engine never sees anything else.
 *
 * Rows and columns are 1-based, as in Excel.
 */

/** A cell's value as the engine sees it (for a formula: its cached result). */
export type CellValue =
  | { readonly t: 'empty' }
  | { readonly t: 'text'; readonly v: string }
  | { readonly t: 'number'; readonly v: number }
  | { readonly t: 'boolean'; readonly v: boolean }
  /**
   * A date, as an ISO calendar date `YYYY-MM-DD` (time of day dropped). `serial`: the number
   * the cell stores (Excel serial, time of day included) when the date came from a number
   * under a date or time format: formats only change display, so where a figure is expected
   * (a score, a total) that number is the value (issue 12 item 6).
   */
  | { readonly t: 'date'; readonly v: string; readonly serial?: number }
  /** An Excel error such as `#DIV/0!`. */
  | { readonly t: 'error'; readonly v: string };

export interface Cell {
  readonly value: CellValue;
  /** Formula text without the leading `=`, when the cell holds a formula. */
  readonly formula?: string;
  /** True when the cell holds a formula whose cached result is unknown. */
  readonly formulaWithoutResult?: boolean;
  /** Excel number format, e.g. `0.00%`. */
  readonly numFmt?: string;
}

/** An inclusive merged range. */
export interface MergedArea {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface SheetGrid {
  readonly name: string;
  /** Last used row / column (1-based); 0 for an empty sheet. */
  readonly rowCount: number;
  readonly colCount: number;
  /** Sparse rows: `cells[r][c]`, both 1-based; missing means empty. */
  readonly cells: ReadonlyArray<ReadonlyArray<Cell | undefined> | undefined>;
  readonly merges: readonly MergedArea[];
  /** The host reports the sheet as protected: writes to it are refused. */
  readonly protected?: boolean;
  /** As the host reports it (Excel's Visible / Hidden / VeryHidden); absent means visible. */
  readonly visibility?: SheetVisibility;
}

export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

export interface WorkbookGrid {
  readonly sheets: readonly SheetGrid[];
}

export const EMPTY: CellValue = Object.freeze({ t: 'empty' });

export function text(v: string): CellValue {
  return { t: 'text', v };
}
export function num(v: number): CellValue {
  return { t: 'number', v };
}

/** `(3, 8)` → `H3`. */
export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const LETTERS: string[] = [];

export function address(row: number, col: number): string {
  const letters = LETTERS[col] ?? (LETTERS[col] = columnLetters(col));
  return letters + row;
}

/** `H3` → `{ row: 3, col: 8 }`. */
export function parseAddress(a: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a.toUpperCase());
  if (!m) throw new Error(`bad cell address ${a}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** A cell's place, filled in by `decodeAddress`. */
export interface CellAt {
  row: number;
  col: number;
}

/**
 * `B12` (or `b12`) → row 12, column 2 into `at`, by character codes; false when `ref` is not
 * a plain cell reference (no `$`). Allocates nothing: readers and plan checks call it once
 * per cell of a long table.
 */
export function decodeAddress(ref: string, at: CellAt): boolean {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    let ch = ref.charCodeAt(i);
    if (ch >= 97 && ch <= 122) ch -= 32;
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
  }
  let row = 0;
  for (let j = i; j < ref.length; j++) {
    const ch = ref.charCodeAt(j);
    if (ch < 48 || ch > 57) return false;
    row = row * 10 + (ch - 48);
  }
  if (!(col > 0 && row > 0 && i < ref.length)) return false;
  at.row = row;
  at.col = col;
  return true;
}

/** Column letters as a number (`H` → 8, `$aa` → 27): `$` ignored, either case. */
export function columnNumber(letters: string): number {
  let col = 0;
  for (let i = 0; i < letters.length; i++) {
    const ch = letters.charCodeAt(i) & ~32; // upper case
    if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
  }
  return col;
}

/** `H3`, `$H$3` or `A1:C4` → the area it names (a single cell is a 1×1 area); undefined if malformed. */
export function parseRange(ref: string): MergedArea | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const a = parseAddress(`${m[1]}${m[2]}`);
  const b = m[3] ? parseAddress(`${m[3]}${m[4]}`) : a;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  return `${address(top, left)}:${address(bottom, right)}`;
}

/** Build a grid from plain rows: handy for tests and for hosts that read arrays. */
export function sheetFromRows(
  name: string,
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined | Cell>>,
  merges: readonly MergedArea[] = [],
): SheetGrid {
  const cells: (Cell | undefined)[][] = [];
  let colCount = 0;
  rows.forEach((row, i) => {
    const r: (Cell | undefined)[] = [];
    row.forEach((v, j) => {
      const cell = toCell(v);
      if (cell) {
        r[j + 1] = cell;
        colCount = Math.max(colCount, j + 1);
      }
    });
    cells[i + 1] = r;
  });
  for (const m of merges) colCount = Math.max(colCount, m.right);
  return { name, rowCount: rows.length, colCount, cells, merges };
}

function toCell(v: string | number | boolean | null | undefined | Cell): Cell | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'string') return { value: { t: 'text', v } };
  if (typeof v === 'number') return { value: { t: 'number', v } };
  if (typeof v === 'boolean') return { value: { t: 'boolean', v } };
  return v;
}
