import Decimal from 'decimal.js';
import { fmt } from '../num';
import { rule, type Hit } from './types';

/** SPEC §9 `budget-breakdown-mismatch` in a 绩效目标表: 预算数 = 财政资金 + 其他资金. */
export const targetBudgetSplit = rule('budget-breakdown-mismatch', 'error', (t) => {
  const info = t.layout.targetInfo;
  if (!info?.budget || info.budget.value === null) return [];
  const fiscal = info.fiscal?.value ?? null;
  const other = info.other?.value ?? null;
  if (fiscal === null && other === null) return [];
  const sum = (fiscal ?? new Decimal(0)).plus(other ?? 0);
  if (sum.minus(info.budget.value).abs().lte(t.profile.tolerance)) return [];
  return [
    {
      cell: info.budget.cell,
      message: `预算数 ${fmt(info.budget.value)} 不等于财政资金 ${fmt(fiscal ?? new Decimal(0))} + 其他资金 ${fmt(other ?? new Decimal(0))} = ${fmt(sum)}`,
    },
  ];
});

/**
 * `fund-plan` (warning): the 资金支出计划 percentages are cumulative, so they must not fall
 * from one period to the next, and must reach 100% by 12月底 when that column exists.
 */
export const fundPlan = rule('fund-plan', 'warning', (t) => {
  const plan = t.layout.targetInfo?.plan ?? [];
  const out: Hit[] = [];
  const pct = (c: (typeof plan)[number]) => {
    const v = c.share.value;
    if (v === null) return null;
    return c.share.percent && !c.share.fromText ? v.times(100) : c.share.fromText || v.gt(1) ? v : v.times(100);
  };
  let prev: { label: string; value: Decimal } | null = null;
  for (const p of plan) {
    const v = pct(p);
    if (v === null) continue;
    if (prev && v.lt(prev.value)) {
      out.push({ cell: p.share.cell, message: `资金支出计划 ${p.label} ${fmt(v)}% 低于 ${prev.label} 的 ${fmt(prev.value)}%（累计进度不应下降）` });
    }
    prev = { label: p.label, value: v };
  }
  const dec = plan.find((p) => p.month === 12);
  const decValue = dec ? pct(dec) : null;
  if (dec && decValue !== null && !decValue.eq(100)) {
    out.push({ cell: dec.share.cell, message: `资金支出计划 ${dec.label} 为 ${fmt(decValue)}%，年底应达到 100%` });
  }
  return out;
});
