import Decimal from 'decimal.js';
import { fmt } from '../num';
import { gradeRank } from '../profiles';
import { withinTolerance } from '../scoring/table';
import { rule, type Hit } from './types';

/** SPEC §9 `total-mismatch`: stated 总分 ≠ Σ indicator scores + execution score. */
export const totalMismatch = rule('total-mismatch', 'error', (t) => {
  const stated = t.statedTotal?.value;
  if (t.total === null || stated == null || withinTolerance(stated, t.total, t.profile)) return [];
  const parts = t.execution
    ? `指标得分 ${fmt(t.indicatorScore)} + 预算执行率得分 ${fmt(t.execution.score)}`
    : `指标得分合计 ${fmt(t.indicatorScore)}`;
  return [{ cell: t.statedTotal!.cell, message: `总分应为 ${fmt(t.total)}（${parts}），表中为 ${fmt(stated)}` }];
});

/** SPEC §9 `grade-mismatch`: stated grade ≠ grade of the computed total. */
export const gradeMismatch = rule('grade-mismatch', 'error', (t) => {
  const g = t.layout.grade;
  if (!g || !t.statedGrade || t.grade === null) return [];
  const stated = gradeRank(t.statedGrade);
  const want = gradeRank(t.grade);
  if (stated === want) return [];
  return [{ cell: g.cell, message: `评价等级应为「${t.grade}」（总分 ${fmt(t.total)}），表中为「${t.statedGrade}」` }];
});

/** SPEC §9 `weight-sum`: indicator weights + execution weight ≠ 100. */
export const weightSum = rule('weight-sum', 'error', (t) => {
  if (t.weightSum === null || t.layout.kind === 'target') return [];
  const ew = t.execution?.weight ?? new Decimal(0);
  const sum = t.weightSum.plus(ew);
  if (sum.eq(100)) return [];
  const parts = t.execution ? `指标分值合计 ${fmt(t.weightSum)} + 预算执行率分值 ${fmt(ew)}` : `指标分值合计 ${fmt(t.weightSum)}`;
  return [{ cell: null, message: `${parts} = ${fmt(sum)}，应为 100` }];
});

/** SPEC §9 `level1-weight-mismatch`: `产出指标（20分）` ≠ sum of its rows' weights. */
export const level1WeightMismatch = rule('level1-weight-mismatch', 'error', (t) => {
  // Groups are runs of consecutive rows with the same 一级 name, merged or typed per row.
  const groups: Array<{ name: string; declared: Decimal; cell: string | null; sum: Decimal }> = [];
  for (const i of t.indicators) {
    const r = i.row;
    const last = groups[groups.length - 1];
    if (last && last.name === r.level1) {
      last.sum = last.sum.plus(i.weight ?? 0);
      continue;
    }
    if (r.level1Declared !== null) groups.push({ name: r.level1, declared: r.level1Declared, cell: r.level1Cell, sum: i.weight ?? new Decimal(0) });
    else groups.push({ name: r.level1, declared: new Decimal(NaN), cell: null, sum: new Decimal(0) });
  }
  const out: Hit[] = [];
  for (const g of groups) {
    if (g.declared.isNaN() || g.sum.eq(g.declared)) continue;
    out.push({ cell: g.cell, message: `「${g.name}」标注 ${fmt(g.declared)} 分，其下指标分值合计 ${fmt(g.sum)}` });
  }
  return out;
});

/** SPEC §9 `subtotal-mismatch`: an `evaluation` subtotal row ≠ the sum of its rows. */
export const subtotalMismatch = rule('subtotal-mismatch', 'error', (t) => {
  const out: Hit[] = [];
  for (const s of t.layout.subtotals) {
    const members = t.indicators.filter((i) => s.members.includes(i.row.row));
    const checks: Array<[string, typeof s.weight, Decimal]> = [
      ['设定分值', s.weight, members.reduce((a, i) => a.plus(i.weight ?? 0), new Decimal(0))],
      ['参考分值', s.refWeight, members.reduce((a, i) => a.plus(i.row.refWeight?.value ?? 0), new Decimal(0))],
      ['得分', s.score, members.reduce((a, i) => a.plus(i.score ?? 0), new Decimal(0))],
    ];
    for (const [what, cell, sum] of checks) {
      const v = cell?.value;
      if (v == null) continue;
      if (!withinTolerance(v, sum, t.profile)) {
        out.push({ cell: cell!.cell, message: `「${s.label}」小计${what} ${fmt(v)} 与其下指标合计 ${fmt(sum)} 不符` });
      }
    }
  }
  return out;
});
