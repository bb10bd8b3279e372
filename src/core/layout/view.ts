import type { Cell, CellValue, MergedArea, SheetGrid } from '../grid';
import { EMPTY } from '../grid';
import { trimNumber } from '../num';
import { normalizeHeader, normalizeText } from '../values/normalize';

/** Columns of the sheet a view looks at (inclusive, 1-based). */
export interface ColumnWindow {
  readonly left: number;
  readonly right: number;
}

/**
 * Merged areas up to this many cells (a label merged down 65,536 rows) are indexed cell by
 * cell; larger ones (a whole column merged by accident) are looked up from a short list and
 * contribute only their top-left cell to the occupied cells: a merge is one record however
 * large its area, and work must not grow with the area.
 */
const INDEXED_MERGE_CELLS = 1 << 16;
/**
 * Every column of a merged area is an occupied cell of each of its rows (a header merged over
 * 分值's two columns claims both); a wider area contributes its first column only.
 */
const MARKED_MERGE_WIDTH = 64;

/**
 * A read-only view of a sheet for layout recognition: merged areas are filled (every
 * cell of an area reads the top-left value, SPEC §3), texts come normalised.
 *
 * Work grows with the number of non-empty cells, never with the used range's area (issue 6
 * item 1: one stray cell at XFD1048576): `rows()` lists the occupied rows and `cols(r)` the
 * occupied columns of a row (cells and indexed merged areas), and every scan of the layout
 * code walks these lists instead of `1..rowCount × 1..colCount`.
 *
 * A view may be narrowed to a column window (side-by-side tables, issue 6 item 2): cells and
 * merged areas outside it read as empty, and the addresses stay those of the sheet.
 */
export class SheetView {
  /** `owner[r][c]`: the indexed merged area covering (r, c). Arrays: this is read for every cell. */
  private readonly owner: (MergedArea | undefined)[][] = [];
  /** Merged areas too large to index cell by cell. */
  private readonly large: MergedArea[] = [];
  /** Occupied columns of each row, ascending; filled on first use, equal lists shared. */
  private readonly colsOf: (readonly number[] | undefined)[] = [];
  /** The last distinct column lists made (`shared`). */
  private readonly recentLists: (readonly number[])[] = [];
  private readonly scratch: number[] = [];
  private scratchLength = 0;
  /** Occupied rows, ascending. */
  private readonly rowList: number[];
  readonly left: number;
  readonly right: number;

  constructor(
    readonly sheet: SheetGrid,
    window?: ColumnWindow,
  ) {
    this.left = Math.max(1, window?.left ?? 1);
    this.right = Math.min(sheet.colCount, window?.right ?? sheet.colCount);
    for (const area of sheet.merges) {
      // A malformed area (a host's bug, a damaged file): clipped to the sheet, or dropped.
      const m = clipArea(area);
      if (!m) continue;
      if (m.right < this.left || m.left > this.right) continue;
      if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > INDEXED_MERGE_CELLS) {
        this.large.push(m);
        continue;
      }
      for (let r = m.top; r <= m.bottom; r++) {
        const row = (this.owner[r] ??= []);
        for (let c = m.left; c <= m.right; c++) row[c] = m;
      }
    }
    // Occupied rows: rows with cells, rows under indexed merged areas, tops of large ones.
    const rows: number[] = [];
    eachIndex(sheet.cells, (r) => rows.push(r));
    const merged: number[] = [];
    eachIndex(this.owner, (r) => merged.push(r));
    for (const m of this.large) merged.push(m.top);
    this.rowList = merged.length ? union(rows, sortedUnique(merged)) : rows;
  }

  /** The same sheet seen through a column window. */
  narrow(window: ColumnWindow): SheetView {
    return new SheetView(this.sheet, window);
  }

  get rowCount(): number {
    return this.sheet.rowCount;
  }
  /** The last column of the view (the sheet's last used column unless narrowed). */
  get colCount(): number {
    return this.right;
  }

  /** Occupied rows in [from, to], ascending. */
  rows(from = 1, to = this.rowCount): number[] {
    const list = this.rowList;
    return list.slice(lowerBound(list, from), upperBound(list, to));
  }

  /** The first occupied row after `r`, or Infinity. */
  nextRow(r: number): number {
    const i = lowerBound(this.rowList, r + 1);
    return i < this.rowList.length ? this.rowList[i] : Infinity;
  }

  /**
   * Occupied columns of row `r`, ascending: its cells, and the cells of merged areas over it
   * (every column of an area up to MARKED_MERGE_WIDTH wide, else its first). Built on first
   * use and kept: layout reads every row in several passes. Rows of a long table occupy the
   * same columns, so equal lists are one array shared by those rows (a list per row of a
   * 200,000-row table was 40 MB of garbage and survivors).
   */
  cols(r: number): readonly number[] {
    const known = this.colsOf[r];
    if (known) return known;
    const cols = this.shared(this.colsNow(r));
    this.colsOf[r] = cols;
    return cols;
  }

  /** Occupied columns of row `r`, into the scratch list (valid until the next call). */
  private colsNow(r: number): readonly number[] {
    // Written by index, never emptied with `length = 0` (that drops the backing store).
    const own = this.scratch;
    let n = 0;
    const cells = this.sheet.cells[r];
    if (cells) {
      eachIndex(cells, (c, cell) => {
        if (cell && c >= this.left && c <= this.right) own[n++] = c;
      });
    }
    this.scratchLength = n;
    const owners = this.owner[r];
    let covered: number[] | undefined;
    if (owners) {
      eachIndex(owners, (c, m) => {
        if (!m || c < this.left || c > this.right) return;
        if (m.right - m.left < MARKED_MERGE_WIDTH || c === Math.max(m.left, this.left)) (covered ??= []).push(c);
      });
    }
    for (const m of this.large) if (m.top === r && m.left >= this.left) (covered ??= []).push(m.left);
    if (!covered) return own;
    const all = union(own.slice(0, n), sortedUnique(covered));
    this.scratchLength = all.length;
    return all;
  }

  /** A list equal to the first `scratchLength` of `cols` that an earlier row has, or a copy kept for the next rows. */
  private shared(cols: readonly number[]): readonly number[] {
    const n = this.scratchLength;
    const recent = this.recentLists;
    for (const list of recent) if (samePrefix(list, cols, n)) return list;
    const copy = cols.slice(0, n);
    if (recent.length >= RECENT_LISTS) recent.shift();
    recent.push(copy);
    return copy;
  }

  /** The cell physically at (r, c), without merge filling. */
  raw(r: number, c: number): Cell | undefined {
    if (c < this.left || c > this.right) return undefined;
    return this.sheet.cells[r]?.[c];
  }

  merge(r: number, c: number): MergedArea | undefined {
    if (c < this.left || c > this.right) return undefined;
    const m = this.owner[r]?.[c];
    if (m) return m;
    // A plain loop: this runs for every cell read, and a closure per call is garbage per cell.
    for (const x of this.large) if (x.top <= r && r <= x.bottom && x.left <= c && c <= x.right) return x;
    return undefined;
  }

  /** Top-left of the merged area holding (r, c), or (r, c) itself. */
  anchor(r: number, c: number): { row: number; col: number } {
    const m = this.merge(r, c);
    return m ? { row: m.top, col: m.left } : { row: r, col: c };
  }

  /** The cell at (r, c) with merged areas filled. */
  cell(r: number, c: number): Cell | undefined {
    const m = this.merge(r, c);
    return m ? this.raw(m.top, m.left) : this.raw(r, c);
  }

  value(r: number, c: number): CellValue {
    return this.cell(r, c)?.value ?? EMPTY;
  }

  /** True when (r, c) is inside a merged area but not its top-left cell. */
  isCovered(r: number, c: number): boolean {
    const m = this.merge(r, c);
    return !!m && (m.top !== r || m.left !== c);
  }

  /** Display text of a cell (numbers as written, dates ISO, errors as their code). */
  text(r: number, c: number): string {
    return displayText(this.cell(r, c));
  }

  /** Normalised text (whitespace, full-width, HTML removed); memoised by string. */
  norm(r: number, c: number): string {
    return normalizeText(this.text(r, c));
  }

  header(r: number, c: number): string {
    return normalizeHeader(this.text(r, c));
  }

  isEmpty(r: number, c: number): boolean {
    return this.norm(r, c) === '';
  }

  /**
   * True when row `r` holds nothing in [from, to]. A cell under a merged area that starts on
   * a row above ties this row to that one: the row is not empty, whether or not the area holds
   * a value. Emptiness is structural, so writing a score into an empty merged 得分 cell never
   * changes where a block or table ends (property seeds -721217819, -405543224).
   */
  rowIsEmpty(r: number, from = 1, to = this.colCount): boolean {
    for (const c of this.cols(r)) {
      if (c < from) continue;
      if (c > to) break;
      const m = this.merge(r, c);
      if (m && m.top < r) return false;
      const v = this.cell(r, c)?.value;
      if (!v || v.t === 'empty') continue;
      if (v.t !== 'text' || !this.isEmpty(r, c)) return false;
    }
    return true;
  }
}

/** Distinct column lists a view compares a new row's list with. */
const RECENT_LISTS = 8;

/** Holes an index walk crosses before it takes a list for sparse (plus one per value found). */
const SPARSE_HOLES = 16;

/**
 * Call `f` for each index of `list` that holds a value, ascending. A list is walked index by
 * index while it holds more values than holes (a 200,000-row table's rows: `for…in` would make
 * a key string per index); once the holes crossed outnumber SPARSE_HOLES and the values found,
 * the rest is walked with `for…in`, which visits only the indices that exist: a sparse array
 * with one row at 1,048,576 costs a few dozen steps, not a million.
 */
function eachIndex<T>(list: ArrayLike<T>, f: (i: number, v: T) => void): void {
  let found = 0;
  let holes = 0;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v !== undefined) {
      found++;
      f(i, v);
    } else if (++holes > SPARSE_HOLES + found) {
      for (const k in list) {
        const j = Number(k);
        if (Number.isInteger(j) && j > i) f(j, list[j]);
      }
      return;
    }
  }
}

/** True when `list` is the first `n` values of `cols`. */
function samePrefix(list: readonly number[], cols: readonly number[], n: number): boolean {
  if (list.length !== n) return false;
  for (let i = 0; i < n; i++) if (list[i] !== cols[i]) return false;
  return true;
}

/** Two ascending lists merged into one, without repeats. */
function union(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

function sortedUnique(xs: number[]): number[] {
  if (xs.length < 2) return xs;
  xs.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (i === 0 || xs[i] !== xs[n - 1]) xs[n++] = xs[i];
  xs.length = n;
  return xs;
}

/** Index of the first element ≥ x in an ascending list. */
function lowerBound(list: readonly number[], x: number): number {
  return bound(list, (v) => v < x);
}

/** Index of the first element > x in an ascending list. */
function upperBound(list: readonly number[], x: number): number {
  return bound(list, (v) => v <= x);
}

/** Index of the first element of an ascending list for which `before` is false. */
function bound(list: readonly number[], before: (v: number) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The text a person sees in a cell. A number formatted as a percentage reads as one
 * (0.5667 with `0.00%` → `56.67%`), so targets and actuals typed as percentages parse as such.
 */
export function displayText(cell: Cell | undefined): string {
  if (!cell) return '';
  const v = cell.value;
  switch (v.t) {
    case 'empty':
      return '';
    case 'text':
      return v.v;
    case 'number':
      if (cell.numFmt && cell.numFmt.includes('%')) return `${trimNumber(v.v * 100)}%`;
      return trimNumber(v.v);
    case 'boolean':
      return v.v ? '是' : '否';
    case 'date':
      return v.v;
    case 'error':
      return v.v;
  }
}



function clipArea(m: MergedArea): MergedArea | undefined {
  const whole = [m.top, m.left, m.bottom, m.right].every(Number.isInteger);
  if (!whole || m.bottom < Math.max(1, m.top) || m.right < Math.max(1, m.left)) return undefined;
  return m.top >= 1 && m.left >= 1 ? m : { top: Math.max(1, m.top), left: Math.max(1, m.left), bottom: m.bottom, right: m.right };
}
