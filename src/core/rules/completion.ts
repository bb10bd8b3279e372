import Decimal from 'decimal.js';
import type { NumberCell } from '../layout/types';
import { percentReadings } from '../layout/cells';
import { aboveZero, fmt, fmtPct, HUNDRED, pctMatches } from '../num';
import { isKind, rowLabel, SCORED_KINDS } from './describe';
import { rule, type Hit } from './types';

function shown(c: NumberCell, v: Decimal): string {
  if (c.fromText && c.raw.t === 'text') return c.raw.v.trim();
  return c.percent ? `${fmt(v.times(HUNDRED))}%` : fmt(v, 4);
}

/**
 * SPEC §9 `completion-mismatch`: the stated 完成率/得分系数 ≠ score ÷ weight (seed 004: 完成率
 * 100 where the score is 90% of the weight). The computed score is the reference; `100`,
 * `1` and `100%` all read as 100%.
 */
export const completionMismatch = rule('completion-mismatch', 'info', (t) => {
  if (!isKind(t, [...SCORED_KINDS, 'evaluation'])) return [];
  const out: Hit[] = [];
  for (const i of t.indicators) {
    const c = i.row.completion;
    const v = c?.value ?? null;
    const score = i.score ?? i.stated;
    if (!c || v === null || score === null || i.weight === null || !aboveZero(i.weight)) continue;
    const ratio = score.div(i.weight);
    if (percentReadings(c).some((r) => pctMatches(r, ratio.times(HUNDRED)))) continue;
    out.push({
      cell: c.cell,
      message: `${rowLabel(i)}完成率应为 ${fmtPct(ratio)}（得分 ${fmt(score)} ÷ 分值 ${fmt(i.weight)}），表中为 ${shown(c, v)}`,
    });
  }
  return out;
});
