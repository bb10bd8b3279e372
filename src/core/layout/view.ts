import type { Cell, CellValue, MergedArea, SheetGrid } from '../grid';
import { EMPTY } from '../grid';
import { normalizeHeader, normalizeText } from '../values/normalize';

/** Columns of the sheet a view looks at (inclusive, 1-based). */
export interface ColumnWindow {
  readonly left: number;
  readonly right: number;
}

/**
 * Merged areas up to this many cells are indexed cell by cell; larger ones (a whole column
 * merged by accident) are looked up from a short list and contribute only their top-left
 * cell to the occupied cells, so the work stays proportional to what the sheet holds.
 */
const INDEXED_MERGE_CELLS = 4096;

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
  /** Occupied columns of each occupied row, ascending. */
  private readonly colsOf = new Map<number, number[]>();
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
    const occupied = new Map<number, Set<number>>();
    const mark = (r: number, c: number) => {
      let s = occupied.get(r);
      if (!s) occupied.set(r, (s = new Set()));
      s.add(c);
    };
    for (const m of sheet.merges) {
      if (m.right < this.left || m.left > this.right) continue;
      const area = (m.bottom - m.top + 1) * (m.right - m.left + 1);
      if (area > INDEXED_MERGE_CELLS) {
        this.large.push(m);
        if (m.left >= this.left) mark(m.top, m.left);
        continue;
      }
      for (let r = m.top; r <= m.bottom; r++) {
        const row = (this.owner[r] ??= []);
        for (let c = m.left; c <= m.right; c++) {
          row[c] = m;
          if (c >= this.left && c <= this.right) mark(r, c);
        }
      }
    }
    // `for…in` visits only the indices that exist: a sparse array with one row at 1048576
    // costs one step (forEach would walk every index up to its length).
    for (const rk in sheet.cells) {
      const row = sheet.cells[rk as unknown as number];
      if (!row) continue;
      const r = Number(rk);
      for (const ck in row) {
        const c = Number(ck);
        if (row[c] && c >= this.left && c <= this.right) mark(r, c);
      }
    }
    this.rowList = [...occupied.keys()].sort((a, b) => a - b);
    for (const [r, s] of occupied) this.colsOf.set(r, [...s].sort((a, b) => a - b));
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
    const out: number[] = [];
    for (let i = lowerBound(list, from); i < list.length && list[i] <= to; i++) out.push(list[i]);
    return out;
  }

  /** The first occupied row after `r`, or Infinity. */
  nextRow(r: number): number {
    const i = lowerBound(this.rowList, r + 1);
    return i < this.rowList.length ? this.rowList[i] : Infinity;
  }

  /** Occupied columns of row `r` (cells, and cells of merged areas), ascending. */
  cols(r: number): readonly number[] {
    return this.colsOf.get(r) ?? NONE;
  }

  /** The cell physically at (r, c), without merge filling. */
  raw(r: number, c: number): Cell | undefined {
    if (c < this.left || c > this.right) return undefined;
    return this.sheet.cells[r]?.[c];
  }

  merge(r: number, c: number): MergedArea | undefined {
    if (c < this.left || c > this.right) return undefined;
    const m = this.owner[r]?.[c];
    if (m || !this.large.length) return m;
    return this.large.find((x) => x.top <= r && r <= x.bottom && x.left <= c && c <= x.right);
  }

  /** Top-left of the merged area holding (r, c), or (r, c) itself. */
  anchor(r: number, c: number): { row: number; col: number } {
    const m = this.merge(r, c);
    return m ? { row: m.top, col: m.left } : { row: r, col: c };
  }

  /** The cell at (r, c) with merged areas filled. */
  cell(r: number, c: number): Cell | undefined {
    const a = this.anchor(r, c);
    return this.raw(a.row, a.col);
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

  rowIsEmpty(r: number, from = 1, to = this.colCount): boolean {
    for (const c of this.cols(r)) {
      if (c < from) continue;
      if (c > to) break;
      const v = this.cell(r, c)?.value;
      if (!v || v.t === 'empty') continue;
      if (v.t !== 'text' || !this.isEmpty(r, c)) return false;
    }
    return true;
  }
}

const NONE: readonly number[] = Object.freeze([]);

/** Index of the first element ≥ x in an ascending list. */
function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < x) lo = mid + 1;
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

/** Shortest decimal form without binary noise (0.1 + 0.2 → `0.3`). */
export function trimNumber(n: number): string {
  const plain = String(n);
  // Up to 15 significant digits is exactly what Excel stored: no noise to trim.
  if (!Number.isFinite(n) || plain.length <= 15 || plain.includes('e')) return plain;
  return String(Number(n.toPrecision(15)));
}
