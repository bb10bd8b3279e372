import { aboveZero, fmt } from '../num';
import { BAND_LABEL } from '../scoring/bands';
import { excelError, type ScoredIndicator } from '../scoring/indicator';
import { normalizeText } from '../values';
import { isKind, quote, rowLabel, SCORED_KINDS } from './describe';
import { rule, type Hit } from './types';

/**
 * Rules about what a scored row's target and actual cells hold: present, measured, in
 * comparable units (SPEC §9). Project and department tables only: evaluation tables have no
 * targets or actuals, target tables no actuals.
 */

const weightOf = (i: ScoredIndicator) => (i.weight !== null && aboveZero(i.weight) ? i.weight : null);

/**
 * SPEC §9 `missing-actual`: the row has a weight (or a score) and its actual is empty.
 * Rows weighted 0 are not applicable and left alone; so is a row whose target is a band
 * label (`100%-80%(含)`): that target is the grade itself (SPEC §5) and needs no actual.
 */
export const missingActual = rule('missing-actual', 'warning', (t) => {
  if (!isKind(t, SCORED_KINDS) || t.layout.columns.actual === undefined) return [];
  const out: Hit[] = [];
  for (const i of t.indicators) {
    if (i.weight?.isZero() || (i.weight === null && i.stated === null)) continue;
    if (i.actual.kind !== 'empty' || i.target.kind === 'band') continue;
    const has = i.weight !== null ? `分值 ${fmt(i.weight)}` : `得分 ${fmt(i.stated)}`;
    out.push({
      cell: i.row.texts.actual?.cell ?? null,
      message: `${rowLabel(i)}有${has}，实际完成值${i.actualError ? `为错误值 ${i.actualError}（按空白处理）` : '为空'}${i.stated === null ? '，无法计算得分' : ''}`,
    });
  }
  return out;
});

/** SPEC §9 `missing-target`: the row has a weight and its 年度指标值 is empty (or an error value, read as blank). */
export const missingTarget = rule('missing-target', 'warning', (t) => {
  if (!isKind(t, SCORED_KINDS) || t.layout.columns.target === undefined) return [];
  const out: Hit[] = [];
  for (const i of t.indicators) {
    const text = i.row.texts.target?.text ?? '';
    const error = excelError(text);
    if (weightOf(i) === null || (normalizeText(text) !== '' && !error)) continue;
    out.push({ cell: i.row.texts.target?.cell ?? null, message: `${rowLabel(i)}有分值 ${fmt(i.weight)}，年度指标值${error ? `为错误值 ${error}（按空白处理）` : '为空'}` });
  }
  return out;
});

/**
 * SPEC §9 `actual-not-measured`: the actual repeats an operator (`≥266米`, `高于90%`), or is
 * words (`全面完成`) or a band label for a numeric target. The row was scored from the band
 * the words fall in (SPEC §5); the message says which.
 */
export const actualNotMeasured = rule('actual-not-measured', 'warning', (t) => {
  if (!isKind(t, SCORED_KINDS)) return [];
  const out: Hit[] = [];
  for (const i of t.indicators) {
    if (!i.actualNotMeasured) continue;
    const actual = quote(i.row.texts.actual?.text);
    let message: string;
    if (i.actual.kind === 'quantity') {
      message = `${rowLabel(i)}实际完成值「${actual}」带有比较关系，只说明达到指标值，应填写实际完成的数值`;
    } else {
      // Words matching the typed score's band confirm it; otherwise nothing is computed.
      const how =
        i.method === 'qualitative' && i.band && i.band !== 'unknown' && i.score !== null
          ? `，已按「${BAND_LABEL[i.band]}」档计 ${fmt(i.score)} 分`
          : i.score !== null
            ? `，没有可计分的数值，保留表中得分 ${fmt(i.score)}`
            : '，没有可计分的数值，未计算得分';
      message = `${rowLabel(i)}年度指标值「${quote(i.row.texts.target?.text)}」是数值指标，实际完成值「${actual}」不是实际数值${how}；应填写实际完成的数值`;
    }
    out.push({ cell: i.row.texts.actual?.cell ?? null, message });
  }
  return out;
});

/** SPEC §9 `unit-mismatch`: target and actual units with different bases (人 vs %): never converted. */
export const unitMismatch = rule('unit-mismatch', 'error', (t) => {
  if (!isKind(t, SCORED_KINDS)) return [];
  return t.indicators
    .filter((i) => i.unitMismatch !== null)
    .map((i) => ({
      cell: i.row.texts.actual?.cell ?? null,
      message: `${rowLabel(i)}年度指标值的单位「${quote(i.unitMismatch!.target)}」与实际完成值的单位「${quote(i.unitMismatch!.actual)}」无法比较，${
        i.stated !== null ? `保留表中得分 ${fmt(i.stated)}` : '未计算得分'
      }；请统一计量单位`,
    }));
});
