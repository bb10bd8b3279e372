import Decimal from 'decimal.js';
import { fmt } from '../num';
import { quote } from './describe';
import { childrenOf, rowsBelow, sum } from '../scoring/execution';
import type { BudgetRow, NumberCell } from '../layout/types';
import { rule, type Hit } from './types';

const AMOUNTS = [
  ['initialBudget', '年初预算数'],
  ['budget', '全年预算数'],
  ['executed', '全年执行数'],
] as const;


const name = (r: BudgetRow) => r.label.trim() || `第 ${r.row} 行`;

/** One hit per parent row, naming every amount column whose children do not add up. */
function compareRow(parent: BudgetRow, children: readonly BudgetRow[], tolerance: number): Hit | null {
  const parts: string[] = [];
  let cell: NumberCell | undefined;
  for (const [role, label] of AMOUNTS) {
    const own = parent.amounts[role];
    const value = sum(children, role);
    if (!own || own.value === null || value === null) continue;
    if (own.value.minus(value).abs().gt(tolerance)) {
      parts.push(`${label} ${fmt(own.value)}，明细合计 ${fmt(value)}`);
      cell ??= own;
    }
  }
  if (!parts.length || !cell) return null;
  return { cell: cell.cell, message: `「${quote(name(parent))}」与其明细（${quote(children.map(name).join('、'))}）不符：${parts.join('；')}` };
}

/**
 * SPEC §9 `budget-breakdown-mismatch` in a budget block: a total row against its sub-rows
 * (年度资金总额 vs 其中…; (一)基本支出 vs 1.人员经费 + 2.公用经费), and the Hunan side-by-side
 * lists (按收入性质分 / 按支出性质分), each of which should add up to the total's 全年执行数.
 */
export const budgetBreakdownMismatch = rule('budget-breakdown-mismatch', 'error', (t) => {
  const e = t.execution;
  if (!e) return [];
  const block = e.block;
  const tol = t.profile.tolerance;
  const out: Hit[] = [];
  const parents: Array<[BudgetRow, BudgetRow[]]> = [[block.totalRow, childrenOf(block)]];
  for (const r of block.rows) {
    if (r === block.totalRow || r.depth < 0) continue;
    const kids = rowsBelow(block, r);
    if (kids.length) parents.push([r, kids]);
  }
  for (const [parent, all] of parents) {
    // An unlabelled row (seed 004 repeats 一般性项目's figures without a name) is not an item.
    const kids = all.filter((k) => k.label.trim() !== '');
    const hit = kids.length ? compareRow(parent, kids, tol) : null;
    if (hit) out.push(hit);
  }
  const executed = e.executed;
  for (const list of block.breakdowns) {
    const items = list.items.filter((i) => i.amount?.value != null);
    if (!items.length || executed === null) continue;
    const total = items.reduce((s, i) => s.plus(i.amount!.value!), new Decimal(0));
    if (total.minus(executed).abs().gt(tol)) {
      out.push({
        cell: list.cell,
        message: `「${quote(list.name)}」各项合计 ${fmt(total)}（${items.map((i) => `${i.label.replace(/[:：]$/, '')} ${fmt(i.amount!.value)}`).join(' + ')}），与全年执行数 ${fmt(executed)} 不符`,
      });
    }
  }
  return out;
});
