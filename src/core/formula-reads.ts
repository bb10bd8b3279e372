/**
 * Which formulas read the cells a plan writes (issue 12 item 3): after a write, such a
 * formula's cached result is stale until the application recalculates. The written package
 * asks for a full recalculation on open (`fullCalcOnLoad`); the report counts these formulas
 * so the user knows figures will change when the file is opened.
 */
import { address, parseAddress, type WorkbookGrid } from './grid';
import { formulaRefs } from './cleanup/refs';
import type { Plan } from './plan';

export interface FormulaCell {
  readonly sheet: string;
  readonly cell: string;
}

/** Column number of letters (`H` → 8, `AA` → 27), `$` ignored. */
function columnOf(letters: string): number {
  return parseAddress(`${letters.replace(/\$/g, '')}1`).col;
}

/**
 * Every formula cell, on any sheet, with a reference (a cell or a range, same sheet or
 * qualified with another sheet's name) that covers a cell of `plan`. In sheet and row order.
 * Whole-column and whole-row references (`H:H`) are not recognised.
 */
export function formulasReadingWrites(grid: WorkbookGrid, plan: Plan): FormulaCell[] {
  if (!plan.length) return [];
  // Sheet names compare case-insensitively, as Excel does. Indexed at the first formula: a
  // workbook without formulas (a long table of typed figures) costs nothing per edit.
  let index: Map<string, Array<{ row: number; col: number }>> | null = null;
  const writtenCells = (): Map<string, Array<{ row: number; col: number }>> => {
    if (index) return index;
    index = new Map();
    for (const e of plan) {
      const k = e.sheet.toLowerCase();
      const list = index.get(k) ?? [];
      list.push({ row: e.row, col: e.col });
      index.set(k, list);
    }
    return index;
  };
  const out: FormulaCell[] = [];
  for (const sheet of grid.sheets) {
    sheet.cells.forEach((cells, r) => {
      cells?.forEach((cell, c) => {
        if (!cell?.formula) return;
        const written = writtenCells();
        const reads = formulaRefs(cell.formula).some((ref) => {
          const targets = written.get((ref.sheet ?? sheet.name).toLowerCase());
          if (!targets) return false;
          const b = ref.b ?? ref.a;
          const [left, right] = [columnOf(ref.a.col), columnOf(b.col)].sort((x, y) => x - y);
          return targets.some((t) => t.row >= ref.top && t.row <= ref.bottom && t.col >= left && t.col <= right);
        });
        if (reads) out.push({ sheet: sheet.name, cell: address(r, c) });
      });
    });
  }
  return out;
}

/**
 * The report's line for `count` formulas reading written cells: after `score` they are
 * recalculated when the file is opened; `check` says what a `score` would do.
 */
export function formulasReadingLine(count: number, written: boolean): string {
  return written ? `${count} 个公式引用了写入的单元格，打开时将重新计算` : `${count} 个公式引用了将写入的单元格，计分写入后打开时将重新计算`;
}
