import type { Cell, CellValue, MergedArea, SheetGrid } from '../grid';
import { EMPTY } from '../grid';
import { normalizeHeader, normalizeText } from '../values/normalize';

/**
 * A read-only view of a sheet for layout recognition: merged areas are filled (every
 * cell of an area reads the top-left value, SPEC §3), texts come normalised.
 */
export class SheetView {
  /** `owner[r][c]`: the merged area covering (r, c). Arrays: this is read for every cell. */
  private readonly owner: (MergedArea | undefined)[][] = [];

  constructor(readonly sheet: SheetGrid) {
    for (const m of sheet.merges) {
      for (let r = m.top; r <= m.bottom; r++) {
        const row = (this.owner[r] ??= []);
        for (let c = m.left; c <= m.right; c++) row[c] = m;
      }
    }
  }

  get rowCount(): number {
    return this.sheet.rowCount;
  }
  get colCount(): number {
    return this.sheet.colCount;
  }

  /** The cell physically at (r, c), without merge filling. */
  raw(r: number, c: number): Cell | undefined {
    return this.sheet.cells[r]?.[c];
  }

  merge(r: number, c: number): MergedArea | undefined {
    return this.owner[r]?.[c];
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
    for (let c = from; c <= to; c++) {
      const v = this.cell(r, c)?.value;
      if (!v || v.t === 'empty') continue;
      if (v.t !== 'text' || !this.isEmpty(r, c)) return false;
    }
    return true;
  }
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
