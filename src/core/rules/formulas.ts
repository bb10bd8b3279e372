import Decimal from 'decimal.js';
import type { CellValue } from '../grid';
import { fmt } from '../num';
import { quote } from './describe';
import { rule } from './types';

/** What a formula cell shows, as a message quotes it. */
export const NOT_CALCULATED = '公式未计算（请在 Excel 中打开并保存）';

function shown(current: CellValue): string {
  switch (current.t) {
    case 'number':
      return fmt(new Decimal(current.v), 4);
    case 'text':
    case 'error':
    case 'date':
      return current.v;
    case 'boolean':
      return current.v ? 'TRUE' : 'FALSE';
    default:
      return '空';
  }
}

/**
 * SPEC §9 `formula-result-mismatch`: a cell we would write holds a formula with another
 * result. A formula never calculated (a generated file not yet opened in Excel) has no result
 * to compare: it is reported as such, with the figure it should come to. This is the only
 * finding on such a cell: the mismatch rules leave formula cells to it (see `runRules`).
 */
export const formulaResultMismatch = rule('formula-result-mismatch', 'warning', (t) =>
  t.writes
    .filter((w) => w.formula !== undefined && !w.agrees)
    .map((w) => {
      const want = typeof w.value === 'string' ? w.value : w.role === 'execution-rate' && t.execution?.rateConvention.kind !== 'percent-number' ? `${fmt(w.value.times(100))}%` : fmt(w.value);
      if (w.formulaWithoutResult) {
        return { cell: w.cell, message: `单元格公式 =${quote(w.formula)} 尚无结果：${NOT_CALCULATED}；计算值应为 ${want}，公式未改写` };
      }
      return { cell: w.cell, message: `单元格公式 =${quote(w.formula)} 的结果为 ${shown(w.current)}，计算值应为 ${want}；公式未改写，请核对` };
    }),
);
