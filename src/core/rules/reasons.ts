import Decimal from 'decimal.js';
import { aboveZero, cmp, decimalOf, fmt, fmtPct, roundTo } from '../num';
import { emptyReasonText, hasReason, isKind, quote, rowLabel, SCORED_KINDS } from './describe';
import { rule, type Hit } from './types';

/**
 * Rules about explanations the form asks for: a row that lost points, a budget spent below
 * the threshold, a target exceeded by far (SPEC §9).
 */

const pct = (fraction: number): string => `${fmt(new Decimal(fraction).times(100))}%`;

/**
 * SPEC §9 `missing-deviation-reason`: the computed score is below the weight and the row's
 * reason cell (计算分析情况 in `evaluation` tables) is empty or says `无`/`0`.
 * A qualitative row classified as achieved (达成) met its target: a score inside the achieved
 * band (seed 004: 1.8 of 2 for `100%-80%(含)`) is the evaluator's judgement, not a deviation.
 * Tables without a reason column have nowhere to write one and are left alone.
 */
export const missingDeviationReason = rule('missing-deviation-reason', 'warning', (t) => {
  if (!isKind(t, [...SCORED_KINDS, 'evaluation'])) return [];
  const evaluation = t.layout.kind === 'evaluation';
  const out: Hit[] = [];
  for (const i of t.indicators) {
    if (i.weight === null || !aboveZero(i.weight) || i.score === null || !(cmp(i.score, i.weight) < 0) || i.band === 'achieved') continue;
    const own = i.row.texts;
    // Which column explains, decided by presence: a row's text cells are made per access (not comparable by identity).
    const fromAnalysis = evaluation ? own.analysis !== undefined : own.reason === undefined;
    const analysis = fromAnalysis ? own.analysis : own.reason;
    if (!analysis || hasReason(analysis.text)) continue;
    const where = fromAnalysis ? '计算分析情况' : '偏差原因分析';
    out.push({
      cell: analysis.cell,
      message: `${rowLabel(i)}得分 ${fmt(i.score)} 低于分值 ${fmt(i.weight)}，${where}${emptyReasonText(analysis.text)}，应说明${evaluation ? '扣分原因' : '偏差原因及改进措施'}`,
    });
  }
  return out;
});

/**
 * SPEC §9 `low-execution-no-reason`: the execution rate (at the 4 decimals it is reported
 * with) is below `profile.lowExecution` and nothing explains it. The block's own reason cell
 * (偏差原因分析 / 未完成原因分析 beside the amounts) is where the reason belongs. When the block
 * has no such cell (the national project template, seed 000), a reason written in the
 * indicators' 偏差原因 column is accepted instead; with none there either, the finding sits on
 * the execution rate cell.
 */
export const lowExecutionNoReason = rule('low-execution-no-reason', 'warning', (t) => {
  const e = t.execution;
  if (!e || e.rate === null || !roundTo(e.rate, 4).lt(t.profile.lowExecution)) return [];
  const head = `预算执行率 ${fmtPct(e.rate)}（全年执行数 ${fmt(e.executed)} ÷ ${e.usedInitial ? '年初预算数' : '全年预算数'} ${fmt(e.budget)}）低于 ${pct(t.profile.lowExecution)}`;
  const own = e.block.reason;
  if (own) {
    if (hasReason(own.text)) return [];
    return [{ cell: own.cell, message: `${head}，偏差原因分析${emptyReasonText(own.text)}，应说明执行率偏低的原因及改进措施` }];
  }
  if (t.layout.indicators.some((r) => !r.placeholder && hasReason(r.texts.reason?.text))) return [];
  const cell = e.rateCell?.cell ?? e.statedRate?.cell.cell ?? e.block.totalRow.amounts.executed?.cell ?? null;
  return [{ cell, message: `${head}，表中未说明原因，应在偏差原因分析中说明执行率偏低的原因及改进措施` }];
});

/**
 * SPEC §9 `over-achievement`: a positive (or non-zero `=`) indicator whose actual is at least
 * `profile.overAchievement` × its target, with no reason given: the target was probably set
 * too low. The finding sits on the actual, the evidence; it fires whether or not the table
 * has a reason column.
 */
export const overAchievement = rule('over-achievement', 'warning', (t) => {
  if (!isKind(t, SCORED_KINDS)) return [];
  const threshold = decimalOf(t.profile.overAchievement);
  const over = pct(t.profile.overAchievement);
  const out: Hit[] = [];
  for (const i of t.indicators) {
    const direction = i.direction;
    if (direction !== 'positive' && direction !== 'equal') continue;
    const ratio = i.ratio;
    if (ratio === null || cmp(ratio, threshold) < 0 || hasReason(i.row.texts.reason?.text)) continue;
    out.push({
      cell: i.row.texts.actual?.cell ?? null,
      message: `${rowLabel(i)}实际完成值「${quote(i.row.texts.actual?.text)}」为年度指标值「${quote(i.row.texts.target?.text)}」的 ${fmtPct(ratio)}，达到 ${over} 以上且未说明原因，指标值可能设定偏低`,
    });
  }
  return out;
});
