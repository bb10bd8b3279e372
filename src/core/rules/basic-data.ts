import Decimal from 'decimal.js';
import { fmt, fmtPct } from '../num';
import { quote } from './describe';
import { rule, type Hit } from './types';

/** A row label as the user wrote it, less its 其中/numbering marker (messages quote it). */
const plain = (s: string) => s.replace(/\s+/g, '').replace(/^(其中[:：]?|\d+[、.．])/, '');

/** SPEC §9 `budget-breakdown-mismatch` in a basic-data table: each year column of a list. */
export const basicDataBreakdown = rule('budget-breakdown-mismatch', 'error', (t) => {
  const b = t.layout.basicData;
  if (!b) return [];
  const out: Hit[] = [];
  for (const list of b.lists) {
    b.columns.forEach((col, k) => {
      const parent = list.parent.values[k];
      const items = list.items.map((i) => i.values[k]).filter((v) => v?.value != null);
      if (!parent || parent.value === null || !items.length) return;
      const sum = items.reduce((s, v) => s.plus(v!.value!), new Decimal(0));
      const names = list.items.map((i) => plain(i.label)).join('、');
      if (list.kind === 'numbered' && parent.value.minus(sum).abs().gt(t.profile.tolerance)) {
        out.push({ cell: parent.cell, message: `「${quote(plain(list.parent.label))}」${col.label} ${fmt(parent.value)}，其明细（${quote(names)}）合计 ${fmt(sum)}，不符` });
      } else if (list.kind === 'partial' && sum.minus(parent.value).gt(t.profile.tolerance)) {
        out.push({ cell: parent.cell, message: `「${quote(plain(list.parent.label))}」${col.label} ${fmt(parent.value)}，小于其中各项（${quote(names)}）合计 ${fmt(sum)}` });
      }
    });
  }
  return out;
});

/** SPEC §9 `staff-control-rate`: 实际在职人数 ÷ 编制数 > 100% (seed 002: 5 of 3). */
export const staffControlRate = rule('staff-control-rate', 'warning', (t) => {
  const s = t.layout.basicData?.staff;
  if (!s || s.posts.value === null || s.actual.value === null || s.posts.value.lte(0)) return [];
  const rate = s.actual.value.div(s.posts.value);
  if (rate.lte(1)) return [];
  return [
    {
      cell: s.rateCell ?? s.actual.cell,
      message: `在职人员控制率 ${fmtPct(rate)}（实际在职人数 ${fmt(s.actual.value)} ÷ 编制数 ${fmt(s.posts.value)}），超过 100%`,
    },
  ];
});

/** 三公经费 决算 above 预算 of the same year (issue: basic-data tables), as over-budget spending. */
export const threeExpensesOverBudget = rule('execution-over-budget', 'warning', (t) => {
  const b = t.layout.basicData;
  if (!b) return [];
  const out: Hit[] = [];
  const pairs: Array<[number, number]> = [];
  b.columns.forEach((c, i) => {
    if (c.kind !== '决算') return;
    const j = b.columns.findIndex((d) => d.kind === '预算' && d.year === c.year);
    if (j >= 0) pairs.push([i, j]);
  });
  for (const row of b.rows) {
    const group = b.groupOf.get(row.row) ?? '';
    if (!/三公/.test(group) && !/三公/.test(row.label)) continue;
    for (const [i, j] of pairs) {
      const spent = row.values[i]?.value;
      const budget = row.values[j]?.value;
      if (spent == null || budget == null || !spent.gt(budget)) continue;
      out.push({
        cell: row.values[i]!.cell,
        message: `${/三公/.test(row.label) ? '三公经费' : `三公经费「${quote(plain(row.label))}」`}${b.columns[i].label} ${fmt(spent)} 超过${b.columns[j].label} ${fmt(budget)}`,
      });
    }
  }
  return out;
});
