import type { BudgetRole } from '../layout/headers';
import type { NumberCell } from '../layout/types';
import { fmt } from '../num';
import type { TableAnalysis } from '../scoring/table';
import { isKind, quote, SCORED_KINDS } from './describe';
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
  const seen = new Set<string>();
  const out: Hit[] = [];
  for (const [name, c] of figureCells(t, (c) => c.fromText && c.value !== null && c.raw.t === 'text')) {
    if (c.raw.t !== 'text' || seen.has(c.cell)) continue; // narrows c.raw
    seen.add(c.cell);
    out.push({ cell: c.cell, message: `${name}单元格 ${c.cell} 的「${c.raw.v}」是以文本存储的数字，应改为数值 ${fmt(c.value, 4)}` });
  }
  return out;
});

/**
 * `date-formatted-number` (warning, issue 12 item 6): a figure cell (分值, 得分, 总分, an
 * amount) holds a number under a date or time format — 95 under `yyyy-mm-dd` shows
 * 1900-04-04, 30 under `[h]:mm:ss` shows 720:00:00. The number is read as the figure; a cell
 * the plan writes gets General; this finding names the ones left as they are.
 */
export const dateFormattedNumber = rule('date-formatted-number', 'warning', (t) => {
  if (!isKind(t, [...SCORED_KINDS, 'evaluation'])) return [];
  const cells = figureCells(t, (c) => c.raw.t === 'date' && c.value !== null);
  if (!cells.length) return [];
  // A cell the plan writes gets General with its figure: nothing left to say.
  const seen = new Set<string>(t.writes.filter((w) => !w.agrees && w.formula === undefined).map((w) => w.cell));
  const out: Hit[] = [];
  for (const [name, c] of cells) {
    if (seen.has(c.cell)) continue;
    seen.add(c.cell);
    const format = c.numFmt ? `（${quote(c.numFmt)}）` : '';
    out.push({ cell: c.cell, message: `${name}单元格 ${c.cell} 的数字 ${fmt(c.value, 4)} 设置了日期或时间格式${format}，显示为日期或时间；已按数字 ${fmt(c.value, 4)} 读取，请改为常规或数值格式` });
  }
  return out;
});

/**
 * The figure cells of a table that `keep` accepts, in sheet order, with their Chinese names.
 * Filtered before the (stable) sort: a long table lists the few cells a rule speaks of, not
 * three entries per row.
 */
function figureCells(t: TableAnalysis, keep: (c: NumberCell) => boolean): Array<[string, NumberCell]> {
  const l = t.layout;
  const cells: Array<[string, NumberCell]> = [];
  const add = (name: string, c: NumberCell | null | undefined): void => {
    if (c && keep(c)) cells.push([name, c]);
  };
  for (const b of l.budget?.rows ?? []) {
    for (const [role, name] of Object.entries(BUDGET_LABEL)) add(name, b.amounts[role as BudgetRole]);
  }
  for (const list of l.budget?.breakdowns ?? []) for (const item of list.items) add('金额', item.amount);
  for (const r of l.indicators) {
    add('分值', r.weight);
    add('参考分值', r.refWeight);
    add('得分', r.score);
  }
  for (const s of l.subtotals) {
    add('小计分值', s.weight);
    add('小计参考分值', s.refWeight);
    add('小计得分', s.score);
  }
  add('总分', l.total?.score);
  return cells.sort(([, a], [, b]) => a.row - b.row || a.col - b.col);
}
