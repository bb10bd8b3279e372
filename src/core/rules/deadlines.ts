import { datesWithYear } from '../values';
import { isKind, quote, rowLabel, SCORED_KINDS } from './describe';
import { rule, type Hit } from './types';

const FIELDS = [
  ['target', '年度指标值'],
  ['actual', '实际完成值'],
] as const;

/**
 * SPEC §9 `deadline-year`: a date in a target or an actual (`2024年12月31日之前`, `2024-01-05`)
 * whose year is not the evaluation year. The year is the table's (title, nearby cell, sheet
 * name), else the profile's `year`; without one the rule is skipped (SPEC §8). Only dates
 * count — a bare year is a baseline or a period (`较2022年增长10%`) — and years inside document
 * numbers and titles (`〔2023〕`, `《…》`) are ignored. One finding per cell.
 */
export const deadlineYear = rule('deadline-year', 'warning', (t) => {
  const year = t.layout.year ?? t.profile.year ?? null;
  if (year === null || !isKind(t, SCORED_KINDS)) return [];
  const out: Hit[] = [];
  for (const i of t.indicators) {
    for (const [field, name] of FIELDS) {
      const c = i.row.texts[field];
      if (!c) continue;
      const years = [...new Set(datesWithYear(c.text).map((d) => d.date.year!))].filter((y) => y !== year);
      if (!years.length) continue;
      out.push({
        cell: c.cell,
        message: `${rowLabel(i)}${name}「${quote(c.text)}」中的日期在 ${years.join('、')} 年，不在评价年度 ${year} 年内`,
      });
    }
  }
  return out;
});
