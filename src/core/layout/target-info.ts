import { readNumber } from './cells';
import type { NumberCell } from './types';
import type { SheetView } from './view';

/**
 * The head of a 绩效目标表 (seed 001): 预算数 = 财政资金 + 其他资金, and the fund plan
 * (资金支出计划（%）: cumulative percentages by 3月底/6月底/10月底/12月底).
 */
export interface TargetInfo {
  readonly budget: NumberCell | null;
  readonly fiscal: NumberCell | null;
  readonly other: NumberCell | null;
  readonly plan: ReadonlyArray<{ readonly label: string; readonly month: number; readonly share: NumberCell }>;
}

/** The first number right of the merged area holding (r, c), within a few cells. */
function amountRightOf(view: SheetView, r: number, c: number): NumberCell | null {
  const m = view.merge(r, c);
  const start = (m ? m.right : c) + 1;
  for (let col = start; col <= Math.min(view.colCount, start + 2); col++) {
    if (view.isCovered(r, col)) continue;
    const n = readNumber(view, r, col);
    if (n.value !== null || view.isEmpty(r, col)) return n;
    return null; // another label: no amount written
  }
  return null;
}

const PERIOD = /^(\d{1,2})月(?:底|末)?(?:前)?$/;

export function readTargetInfo(view: SheetView, from: number, to: number): TargetInfo | null {
  let budget: NumberCell | null = null;
  let fiscal: NumberCell | null = null;
  let other: NumberCell | null = null;
  let plan: TargetInfo['plan'] = [];
  let found = false;
  for (const r of view.rows(from, to)) {
    for (const c of view.cols(r)) {
      if (view.isCovered(r, c)) continue;
      const h = view.header(r, c).replace(/^其中[:：]?/, '');
      if (h === '预算数' || h === '预算规模') {
        budget = amountRightOf(view, r, c);
        found = true;
      } else if (h === '财政资金') fiscal = amountRightOf(view, r, c);
      else if (h === '其他资金') other = amountRightOf(view, r, c);
      else if (/^资金支出计划/.test(h)) {
        plan = readPlan(view, r, to);
        found = true;
      }
    }
  }
  return found ? { budget, fiscal, other, plan } : null;
}

/** Period labels on the plan's row (or the row of its label), percentages on the row below. */
function readPlan(view: SheetView, r: number, to: number): TargetInfo['plan'] {
  for (let row = r; row <= Math.min(r + 1, to - 1); row++) {
    const out: Array<{ label: string; month: number; share: NumberCell }> = [];
    for (const c of view.cols(row)) {
      if (view.isCovered(row, c)) continue;
      const m = PERIOD.exec(view.header(row, c));
      if (m) out.push({ label: view.text(row, c).trim(), month: Number(m[1]), share: readNumber(view, row + 1, c) });
    }
    if (out.length) return out;
  }
  return [];
}
