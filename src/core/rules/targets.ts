import { isKind, levelStem, quote, rowLabel, SCORED_KINDS, targetOf } from './describe';
import { isCostAmount } from '../scoring/indicator';
import { rule, type Hit } from './types';
import { findQuantities } from '../values/quantities';
import { normalizeText } from '../values/normalize';

/**
 * Rules about how a 年度指标值 is written (SPEC §9): its direction and whether it is
 * quantified. They lint targets, so they also read 绩效目标表 (`target` tables, seed 001).
 */

const LINT_KINDS = [...SCORED_KINDS, 'target'] as const;


/**
 * SPEC §9 `cost-direction`: a cost indicator (成本指标, or a 成本/费用/单价 name) whose target is
 * written with ≥/>/不少于 (seed 001: 人均体检费 `≥200`). Not raised for savings (成本节约率 ≥5%
 * is right) nor for a percentage rate under 成本指标 whose name is not a spending word
 * (资金使用率 ≥95%): those are not amounts to keep low.
 */
export const costDirection = rule('cost-direction', 'warning', (t) => {
  if (!isKind(t, LINT_KINDS)) return [];
  const out: Hit[] = [];
  for (const i of t.indicators) {
    const own = i.row.texts;
    const target = targetOf(i, own);
    if (target.kind !== 'quantity' || (target.op !== '≥' && target.op !== '>') || !isCostAmount(i.row, target)) continue;
    out.push({
      cell: own.target?.cell ?? null,
      message: `${rowLabel(i)}是成本指标，年度指标值「${quote(own.target?.text)}」按「${target.op}」（越高越好）填写；成本应控制上限，宜写作「≤」`,
    });
  }
  return out;
});

/**
 * SPEC §9 `quantity-not-quantified`: a row under the 二级 `数量指标` whose target has no number
 * at all (a count word we do not know, `50罐`, still states one)
 * (seed 001: 救助人数 = 在档管理困难职工及劳模). Only the 二级 decides: a 三级 named
 * 产出数量指标 in another framework (seed 004) is a summary row, not a 数量指标.
 */
export const quantityNotQuantified = rule('quantity-not-quantified', 'info', (t) => {
  if (!isKind(t, LINT_KINDS)) return [];
  const out: Hit[] = [];
  for (const i of t.indicators) {
    if (levelStem(i.row.level2) !== '数量') continue;
    const own = i.row.texts;
    const target = targetOf(i, own);
    if (target.kind !== 'qualitative' && target.kind !== 'question') continue;
    // Only a target with no number at all (issue 12): `50罐` states a quantity in a word we do not know.
    if (findQuantities(normalizeText(own.target?.text ?? '')).length) continue;
    out.push({
      cell: own.target?.cell ?? null,
      message: `${rowLabel(i)}是数量指标，年度指标值「${quote(own.target?.text)}」没有数值，应写明数量（如「≥100人」）`,
    });
  }
  return out;
});
