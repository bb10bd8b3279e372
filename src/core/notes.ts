import { address, parseRange, type WorkbookGrid } from './grid';
import type { TableResult } from './result';
import { LONG_TEXT, quote } from './rules/describe';
import { NOT_CALCULATED } from './rules/formulas';

export interface CellNote {
  readonly sheet: string;
  readonly cell: string;
  readonly message: string;
}

const MAX_NOTES_PER_SHEET = 20;

/**
 * Odd cells inside recognised tables that the engine read as empty (SPEC "bad input"):
 * error values, formulas without a cached result, very long text. Hosts show them so
 * nothing is silently ignored.
 */
export function cellNotes(grid: WorkbookGrid, tables: readonly TableResult[]): CellNote[] {
  const notes: CellNote[] = [];
  for (const sheet of grid.sheets) {
    const ranges = tables.filter((t) => t.sheet === sheet.name).map((t) => parseRange(t.range)!);
    let count = 0;
    for (const area of ranges) {
      for (let r = area.top; r <= area.bottom && count < MAX_NOTES_PER_SHEET; r++) {
        const row = sheet.cells[r];
        if (!row) continue;
        for (let c = area.left; c <= area.right && count < MAX_NOTES_PER_SHEET; c++) {
          const cell = row[c];
          if (!cell) continue;
          let message: string | null = null;
          if (cell.formulaWithoutResult) message = `公式 =${quote(cell.formula ?? '')} 没有计算结果：${NOT_CALCULATED}，按空白处理`;
          else if (cell.value.t === 'error') message = `单元格为错误值 ${cell.value.v}，按空白处理`;
          else if (cell.value.t === 'text' && cell.value.v.length > LONG_TEXT) message = `文字过长（${cell.value.v.length} 个字符），请核对是否误粘贴`;
          if (message) {
            notes.push({ sheet: sheet.name, cell: address(r, c), message });
            count++;
          }
        }
      }
    }
  }
  return notes;
}
