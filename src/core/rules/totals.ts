import Decimal from 'decimal.js';
import { belowZero, fmt } from '../num';
import { gradeRank } from '../profiles';
import type { IndicatorRow } from '../layout/types';
import type { ScoredIndicator } from '../scoring/indicator';
import { withinTolerance } from '../scoring/table';
import { quote, rowLabel, rowList } from './describe';
import { NOT_CALCULATED } from './formulas';
import { rule, type Hit } from './types';

/** SPEC §9 `total-mismatch`: stated 总分 ≠ Σ indicator scores + execution score. */
export const totalMismatch = rule('total-mismatch', 'error', (t) => {
  const stated = t.statedTotal?.value ?? t.statedTotalAnnotated;
  // A partial total is not compared: `total-incomplete` names what is missing.
  if (t.total === null || !t.totalComplete || stated == null || withinTolerance(stated, t.total, t.profile)) return [];
  const parts = t.execution
    ? `指标得分 ${fmt(t.indicatorScore)} + 预算执行率得分 ${fmt(t.execution.score)}`
    : `指标得分合计 ${fmt(t.indicatorScore)}`;
  const cell = t.statedTotal!;
  if (t.statedTotalAnnotated !== null && cell.raw.t === 'text') {
    return [
      {
        cell: cell.cell,
        message: `总分应为 ${fmt(t.total)}（${parts}），表中为「${quote(cell.raw.v)}」（按 ${fmt(stated)} 读取）；单元格含文字说明，未改写，请核对后手工修改`,
      },
    ];
  }
  return [{ cell: cell.cell, message: `总分应为 ${fmt(t.total)}（${parts}），表中为 ${fmt(stated)}` }];
}, { fixedByWrite: true });

/** SPEC §9 `grade-mismatch`: stated grade ≠ grade of the computed total. */
export const gradeMismatch = rule('grade-mismatch', 'error', (t) => {
  const g = t.layout.grade;
  if (!g || !t.statedGrade || t.grade === null) return [];
  const stated = gradeRank(t.statedGrade);
  const want = gradeRank(t.grade);
  if (stated === want) return [];
  const kept = t.writes.some((w) => w.role === 'grade' && w.keptText);
  const tail = kept ? '；单元格含文字说明，未改写，请核对后手工修改' : '';
  return [{ cell: g.cell, message: `评价等级应为「${t.grade}」（总分 ${fmt(t.total)}），表中为「${quote(t.statedGrade)}」${tail}` }];
}, { fixedByWrite: true });

/** SPEC §9 `weight-sum`: indicator weights + execution weight ≠ 100. */
export const weightSum = rule('weight-sum', 'error', (t) => {
  if (t.weightSum === null || t.layout.kind === 'target') return [];
  const ew = t.execution?.weight ?? new Decimal(0);
  const sum = t.weightSum.plus(ew);
  if (sum.eq(100)) return [];
  const parts = t.execution ? `指标分值合计 ${fmt(t.weightSum)} + 预算执行率分值 ${fmt(ew)}` : `指标分值合计 ${fmt(t.weightSum)}`;
  // With unsound weights no total is written (issue 12 item 4); the figure is still given.
  const cell = t.layout.total?.score ?? null;
  const unwritten = t.total !== null && cell && ['project', 'department', 'evaluation'].includes(t.layout.kind) && !t.unscored.length && t.execution?.score !== null
    ? `；按现有分值计算总分为 ${fmt(t.total)}，总分${t.layout.grade ? '和评价等级' : ''}未写入`
    : '';
  return [{ cell: null, message: `${parts} = ${fmt(sum)}，应为 100${unwritten}` }];
});

interface Group {
  readonly name: string;
  readonly declared: Decimal;
  readonly cell: string | null;
  readonly sum: Decimal;
}

/**
 * Runs of consecutive rows that `same` puts together (by default the same `name`), each with
 * the points its first row declares and the sum of its rows' `part`s; `check` sees the runs
 * that declare points, in order. A long table declares none: nothing is summed nor kept.
 */
function eachGroup(
  rows: readonly ScoredIndicator[],
  name: (r: IndicatorRow) => string,
  declaredOf: (r: IndicatorRow) => Decimal | null,
  cellOf: (r: IndicatorRow) => string | null,
  part: (i: ScoredIndicator) => Decimal,
  check: (g: Group) => void,
  same: (a: IndicatorRow, b: IndicatorRow) => boolean = (a, b) => name(a) === name(b),
): void {
  let first: IndicatorRow | null = null;
  let declared: Decimal | null = null;
  let sum: Decimal | null = null;
  const close = () => {
    if (first && declared !== null && sum !== null && !declared.isNaN()) check({ name: name(first), declared, cell: cellOf(first), sum });
  };
  for (const i of rows) {
    if (first && same(first, i.row)) {
      if (sum !== null) sum = sum.plus(part(i));
      continue;
    }
    close();
    first = i.row;
    declared = declaredOf(first);
    sum = declared !== null ? part(i) : null;
  }
  close();
}

/**
 * SPEC §9 `level1-weight-mismatch`: `产出指标（20分）` ≠ sum of its rows' weights; in a form
 * without a 分值 column, its rows' scores above the declared points.
 */
export const level1WeightMismatch = rule('level1-weight-mismatch', 'error', (t) => {
  // Groups are runs of consecutive rows with the same 一级 name, merged or typed per row.
  // Without a 分值 column (Hubei-style forms, issue 12) the section's points bound its stated scores.
  const noWeights = t.layout.columns.weight === undefined && t.layout.columns.refWeight === undefined;
  const part = (i: (typeof t.indicators)[number]) => (noWeights ? i.score : i.weight) ?? new Decimal(0);
  const out: Hit[] = [];
  const level1 = (g: Group) => {
    if (noWeights) {
      if (g.sum.gt(g.declared)) out.push({ cell: g.cell, message: `「${quote(g.name)}」标注 ${fmt(g.declared)} 分，其下指标得分合计 ${fmt(g.sum)}，超过标注分值` });
    } else if (!g.sum.eq(g.declared)) {
      out.push({ cell: g.cell, message: `「${quote(g.name)}」标注 ${fmt(g.declared)} 分，其下指标分值合计 ${fmt(g.sum)}` });
    }
  };
  eachGroup(t.indicators, (r) => r.level1, (r) => r.level1Declared, (r) => r.level1Cell, part, level1);
  // 二级 cells stating points (项目立项(10分), evaluation frameworks): the same check one level
  // down, over runs of rows under one 一级 and one 二级 cell (or name).
  const level2 = (g: Group) => {
    if (noWeights ? g.sum.lte(g.declared) : g.sum.eq(g.declared)) return;
    out.push({ cell: g.cell, message: `「${g.name}」标注 ${fmt(g.declared)} 分，其下指标${noWeights ? '得分' : '分值'}合计 ${fmt(g.sum)}` });
  };
  const sameLevel2 = (a: IndicatorRow, b: IndicatorRow) => a.level1 === b.level1 && (a.level2Cell ?? a.level2) === (b.level2Cell ?? b.level2);
  eachGroup(t.indicators, (r) => r.level2, (r) => r.level2Declared ?? null, (r) => r.level2Cell ?? null, part, level2, sameLevel2);
  return out;
});

/** SPEC §9 `subtotal-mismatch`: an `evaluation` subtotal row ≠ the sum of its rows. */
export const subtotalMismatch = rule('subtotal-mismatch', 'error', (t) => {
  const out: Hit[] = [];
  for (const s of t.layout.subtotals) {
    const rows = new Set(s.members);
    const members = t.indicators.filter((i) => rows.has(i.row.row));
    const checks: Array<[string, typeof s.weight, Decimal]> = [
      ['设定分值', s.weight, members.reduce((a, i) => a.plus(i.weight ?? 0), new Decimal(0))],
      ['参考分值', s.refWeight, members.reduce((a, i) => a.plus(i.row.refWeight?.value ?? 0), new Decimal(0))],
      ['得分', s.score, members.reduce((a, i) => a.plus(i.score ?? 0), new Decimal(0))],
    ];
    for (const [what, cell, sum] of checks) {
      const v = cell?.value;
      if (v == null) continue;
      if (!withinTolerance(v, sum, t.profile)) {
        out.push({ cell: cell!.cell, message: `「${quote(s.label)}」小计${what} ${fmt(v)} 与其下指标合计 ${fmt(sum)} 不符` });
      }
    }
  }
  return out;
});

/** Why a row with a weight (or a typed score) has no score: the short reason a message gives. */
function unscoredReason(i: ScoredIndicator): string {
  if (i.weightProblem === 'covered') return '分值单元格被合并单元格覆盖';
  if (i.weightProblem === 'unreadable') return '分值无法读取为数字';
  if (i.weight !== null && belowZero(i.weight)) return '分值为负数';
  if (i.stated !== null && belowZero(i.stated)) return '得分为负数';
  if (i.actualError) return '实际完成值为错误值';
  if (i.actual.kind === 'empty') return '实际完成值为空';
  if (i.unitMismatch) return '计量单位无法比较';
  if (i.actualNotMeasured && i.actual.kind !== 'quantity') return '实际完成值没有数值';
  if (i.band === 'unknown') return '实际完成值无法判定档次';
  return '无法计算得分';
}

/**
 * `total-incomplete` (warning): some part of the total could not be computed — rows with a
 * weight but no score (blank or error actual, negative weight or score…) or the execution
 * score. The total is reported as the sum of the parts that were computed (never null
 * silently), but it is not written over the table's 总分, no grade is derived from it, and
 * the stated 总分 is not checked against it: a partial figure would mislead.
 */
export const totalIncomplete = rule('total-incomplete', 'warning', (t) => {
  if (t.totalComplete || !['project', 'department', 'evaluation'].includes(t.layout.kind)) return [];
  const e = t.execution;
  const missingExecution = !!e && e.score === null;
  // Only the weights' sum is wrong: `weight-sum` gives the figure and says nothing was written.
  if (!t.unscored.length && !missingExecution && t.total !== null && !t.weightsSound) return [];
  // Nothing missing and still no total: no row carries a weight or a score.
  const nothing = !t.unscored.length && !missingExecution;
  const byReason = new Map<string, number[]>();
  for (const i of t.unscored) {
    const why = unscoredReason(i);
    const rows = byReason.get(why);
    if (rows) rows.push(i.row.row);
    else byReason.set(why, [i.row.row]);
  }
  const missing: string[] = [];
  if (t.unscored.length) missing.push(`${t.unscored.length} 个指标未计分（${[...byReason].map(([why, rows]) => `${why}：第 ${rowList(rows)} 行`).join('；')}）`);
  if (missingExecution) missing.push('预算执行率得分无法计算');
  if (nothing) missing.push('没有填写分值或得分的指标');
  const parts = [e && e.score !== null ? `预算执行率得分 ${fmt(e.score)}` : null, t.indicatorScore !== null ? `已计分指标 ${fmt(t.indicatorScore)}` : null];
  const computed = t.total !== null ? `按已计分部分合计为 ${fmt(t.total)}（${parts.filter(Boolean).join(' + ')}）` : '没有可计分的部分';
  const stated = t.statedTotal?.value ?? t.statedTotalAnnotated;
  const cell = t.layout.total?.score ?? null;
  const shown =
    stated != null
      ? ` ${fmt(stated)} `
      : cell?.formulaWithoutResult
        ? `（公式 =${quote(cell.formula ?? '')}）${NOT_CALCULATED}，`
        : cell?.raw.t === 'empty'
          ? '为空，'
          : `「${quote(cell?.raw.t === 'text' ? cell.raw.v : String(cell && 'v' in cell.raw ? cell.raw.v : ''))}」`;
  const tail = cell ? `表中总分${shown}未核对，计算结果未写入` : '计算结果未写入';
  return [
    {
      cell: cell?.cell ?? null,
      message: `总分不完整：${missing.join('；')}。${computed}；${tail}`,
    },
  ];
});

/** `weight-negative` (error): a negative 分值 (a typing error): the row is not scored nor summed. */
export const weightNegative = rule('weight-negative', 'error', (t) => {
  const out: Hit[] = [];
  const e = t.execution;
  if (e && e.weight.lt(0)) {
    const c = e.block.totalRow.amounts.weight ?? e.block.rows.map((r) => r.amounts.weight).find((w) => w?.value?.lt(0));
    out.push({ cell: c?.cell ?? null, message: `预算执行率分值 ${fmt(e.weight)} 为负数，分值不能为负；未计算执行率得分，总分未写入，请更正分值` });
  }
  for (const i of t.indicators) {
    if (i.weight === null || !belowZero(i.weight)) continue;
    out.push({ cell: i.row.weight?.cell ?? null, message: `${rowLabel(i)}分值 ${fmt(i.weight)} 为负数，分值不能为负；该行不计分、不计入总分，总分未写入，请更正分值` });
  }
  return out;
});
