import Decimal from 'decimal.js';
import type { NumberCell } from '../layout/types';
import { fmt, fmtPct, HUNDRED, roundTo } from '../num';
import { isKind, rowLabel, SCORED_KINDS } from './describe';
import { rule, type Hit } from './types';

/**
 * Readings of a stated 完成率/得分系数 as a percentage: `100%` text or a `%`-formatted cell
 * read one way; a plain number may be a fraction (1, 0.9) or a percentage (100, 90).
 */
function readings(c: NumberCell, v: Decimal): Decimal[] {
  if (c.percent) return [c.fromText ? v : v.times(HUNDRED)];
  return v.abs().lte(1.5) ? [v.times(HUNDRED), v] : [v];
}

/** Same test as a stated execution rate (SPEC §8): equal at the stated precision, or within 0.01 point. */
function matches(statedPct: Decimal, computedPct: Decimal): boolean {
  if (roundTo(computedPct, Math.max(0, statedPct.decimalPlaces())).eq(statedPct)) return true;
  return computedPct.minus(statedPct).abs().lte(0.01);
}

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
    if (!c || v === null || score === null || i.weight === null || !i.weight.gt(0)) continue;
    const ratio = score.div(i.weight);
    if (readings(c, v).some((r) => matches(r, ratio.times(HUNDRED)))) continue;
    out.push({
      cell: c.cell,
      message: `${rowLabel(i)}完成率应为 ${fmtPct(ratio)}（得分 ${fmt(score)} ÷ 分值 ${fmt(i.weight)}），表中为 ${shown(c, v)}`,
    });
  }
  return out;
});
