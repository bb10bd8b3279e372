/**
 * A small integer per cell, for a set of cells known up front (the cells a plan writes):
 * one typed array per column over the rows that column uses. A long table writes a score
 * per row; counting or tagging those cells in maps keyed by address strings (or by nested
 * maps) cost more than scoring them. Lookups of any other cell answer `NONE`.
 */
export const NONE = -0x80000000;

export class CellTable {
  private readonly cols = new Map<number, { readonly top: number; readonly values: Int32Array }>();

  /** The cells are (rowAt(i), colAt(i)) for i < count; malformed ones are left out. */
  constructor(count: number, rowAt: (i: number) => number, colAt: (i: number) => number) {
    const spans = new Map<number, [number, number]>();
    for (let i = 0; i < count; i++) {
      const row = rowAt(i);
      const col = colAt(i);
      if (!isIndex(row) || !isIndex(col)) continue;
      const s = spans.get(col);
      if (!s) spans.set(col, [row, row]);
      else if (row < s[0]) s[0] = row;
      else if (row > s[1]) s[1] = row;
    }
    for (const [col, [top, bottom]] of spans) this.cols.set(col, { top, values: new Int32Array(bottom - top + 1).fill(NONE) });
  }

  /** The cell's value; `NONE` when unset or not one of the cells given. */
  get(row: number, col: number): number {
    const c = this.cols.get(col);
    if (!c) return NONE;
    const i = row - c.top;
    return i >= 0 && i < c.values.length && Number.isInteger(i) ? c.values[i] : NONE;
  }

  /** Set a cell given to the constructor (others are ignored). */
  set(row: number, col: number, value: number): void {
    const c = this.cols.get(col);
    const i = c ? row - c.top : -1;
    if (c && i >= 0 && i < c.values.length && Number.isInteger(i)) c.values[i] = value;
  }
}

function isIndex(n: number): boolean {
  return Number.isInteger(n) && n >= 1;
}
