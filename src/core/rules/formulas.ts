import Decimal from 'decimal.js';
import { fmt } from '../num';
import { rule } from './types';

/** SPEC §9 `formula-result-mismatch`: a cell we would write holds a formula with another result. */
export const formulaResultMismatch = rule('formula-result-mismatch', 'warning', (t) =>
  t.writes
    .filter((w) => w.formula !== undefined && !w.agrees)
    .map((w) => {
      const cur = w.current.t === 'number' ? fmt(new Decimal(w.current.v), 4) : w.current.t === 'text' ? w.current.v : w.current.t === 'error' ? w.current.v : '空';
      const want = typeof w.value === 'string' ? w.value : w.role === 'execution-rate' ? `${fmt(w.value.times(100))}%` : fmt(w.value);
      return { cell: w.cell, message: `单元格公式 =${w.formula} 的结果为 ${cur}，计算值应为 ${want}；公式未改写，请核对` };
    }),
);
