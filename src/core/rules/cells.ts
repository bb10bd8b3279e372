import type { BudgetRole } from '../layout/headers';
import type { NumberCell } from '../layout/types';
import { fmt } from '../num';
import { isKind, SCORED_KINDS } from './describe';
import { rule, type Hit } from './types';

/** Budget columns read as numbers, by name; 执行率 is left out (a `95.93%` text is an accepted way to write a rate). */
const BUDGET_LABEL: Readonly<Partial<Record<BudgetRole, string>>> = {
  initialBudget: '年初预算数',
  budget: '全年预算数',
  executed: '全年执行数',
  weight: '分值',
  score: '得分',
  deduction: '扣分',
};

/**
 * SPEC §9 `text-number`: a number stored as text in a numeric column (seed 002: ` 6` in
 * 劳模服务!C5) — the columns clean-up converts (SPEC §11): 分值/参考分值/得分 of indicator,
 * subtotal and total rows, and the budget block's amounts, 分值, 得分, 扣分 and breakdown
 * amounts. 执行率 and 完成率 are not included: a percentage typed as text is read correctly and
 * is common. One finding per cell.
 */
export const textNumber = rule('text-number', 'info', (t) => {
  if (!isKind(t, [...SCORED_KINDS, 'evaluation'])) return [];
  const l = t.layout;
  const cells: Array<[string, NumberCell | null | undefined]> = [];
  for (const b of l.budget?.rows ?? []) {
    for (const [role, name] of Object.entries(BUDGET_LABEL)) cells.push([name, b.amounts[role as BudgetRole]]);
  }
  for (const list of l.budget?.breakdowns ?? []) for (const item of list.items) cells.push(['金额', item.amount]);
  for (const r of l.indicators) cells.push(['分值', r.weight], ['参考分值', r.refWeight], ['得分', r.score]);
  for (const s of l.subtotals) cells.push(['小计分值', s.weight], ['小计参考分值', s.refWeight], ['小计得分', s.score]);
  cells.push(['总分', l.total?.score]);
  const seen = new Set<string>();
  const out: Hit[] = [];
  const inSheetOrder = cells.filter((x) => !!x[1]?.fromText).sort(([, a], [, b]) => a!.row - b!.row || a!.col - b!.col);
  for (const [name, c] of inSheetOrder) {
    if (!c || !c.fromText || c.value === null || c.raw.t !== 'text' || seen.has(c.cell)) continue;
    seen.add(c.cell);
    out.push({ cell: c.cell, message: `${name}单元格 ${c.cell} 的「${c.raw.v}」是以文本存储的数字，应改为数值 ${fmt(c.value, 4)}` });
  }
  return out;
});
