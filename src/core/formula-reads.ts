/**
 * Which formulas read the cells a plan writes (issue 12 item 3): after a write, such a
 * formula's cached result is stale until the application recalculates. The written package
 * asks for a full recalculation on open (`fullCalcOnLoad`); the report counts these formulas
 * so the user knows figures will change when the file is opened.
 */
import { address, columnNumber, type WorkbookGrid } from './grid';
import { formulaRefs } from './cleanup/refs';
import type { Plan } from './plan';

export interface FormulaCell {
  readonly sheet: string;
  readonly cell: string;
}

/**
 * Every formula cell, on any sheet, with a reference (a cell or a range, same sheet or
 * qualified with another sheet's name) that covers a cell of `plan`. In sheet and row order.
 * Whole-column and whole-row references (`H:H`) are not recognised.
 */
export function formulasReadingWrites(grid: WorkbookGrid, plan: Plan): FormulaCell[] {
  if (!plan.length) return [];
  // Indexed at the first formula: a workbook without formulas (a long table of typed
  // figures) costs nothing per edit.
  let index: WrittenCells | null = null;
  const out: FormulaCell[] = [];
  for (const sheet of grid.sheets) {
    sheet.cells.forEach((cells, r) => {
      cells?.forEach((cell, c) => {
        if (!cell?.formula) return;
        const written = (index ??= writtenCells(plan));
        const reads = formulaRefs(cell.formula).some((ref) => {
          const columns = written.get((ref.sheet ?? sheet.name).toLowerCase());
          if (!columns) return false;
          const b = ref.b ?? ref.a;
          const a = columnNumber(ref.a.col);
          const z = columnNumber(b.col);
          return covers(columns, ref.top, ref.bottom, Math.min(a, z), Math.max(a, z));
        });
        if (reads) out.push({ sheet: sheet.name, cell: address(r, c) });
      });
    });
  }
  return out;
}

/** Written cells by sheet (lower-cased: names compare case-insensitively, as in Excel), then column: rows ascending. */
type WrittenCells = Map<string, Map<number, number[]>>;

function writtenCells(plan: Plan): WrittenCells {
  const index: WrittenCells = new Map();
  for (const e of plan) {
    const k = e.sheet.toLowerCase();
    let columns = index.get(k);
    if (!columns) index.set(k, (columns = new Map()));
    const rows = columns.get(e.col);
    if (rows) rows.push(e.row);
    else columns.set(e.col, [e.row]);
  }
  for (const columns of index.values()) for (const rows of columns.values()) rows.sort((x, y) => x - y);
  return index;
}

/**
 * Does a written cell lie in rows top…bottom, columns left…right? A search per written
 * column, not a scan of the plan: a million-row table whose every row has a formula reading
 * its score asks this a million times.
 */
function covers(columns: Map<number, number[]>, top: number, bottom: number, left: number, right: number): boolean {
  for (const [col, rows] of columns) {
    if (col < left || col > right) continue;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid] < top) lo = mid + 1;
      else hi = mid;
    }
    if (lo < rows.length && rows[lo] <= bottom) return true;
  }
  return false;
}

/**
 * The report's line for `count` formulas reading written cells: after `score` they are
 * recalculated when the file is opened; `check` says what a `score` would do.
 */
export function formulasReadingLine(count: number, written: boolean): string {
  return written ? `${count} 个公式引用了写入的单元格，打开时将重新计算` : `${count} 个公式引用了将写入的单元格，计分写入后打开时将重新计算`;
}
