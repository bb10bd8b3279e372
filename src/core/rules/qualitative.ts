import { fmt } from '../num';
import { BAND_LABEL, bandRange } from '../scoring/bands';
import type { ScoredIndicator } from '../scoring/indicator';
import { normalizeText } from '../values';
import { isKind, quote, rowLabel, SCORED_KINDS } from './describe';
import { rule, type Hit } from './types';

/** Rules about qualitative actuals and their bands (SPEC §4.2, §5, §9). */

/** The text the band was read from: the actual, or a band label written as the target. */
function bandSource(i: ScoredIndicator): string {
  const actual = i.row.texts.actual?.text ?? '';
  return normalizeText(actual) !== '' ? `实际完成值「${quote(actual)}」` : `年度指标值「${quote(i.row.texts.target?.text)}」`;
}

/**
 * SPEC §9 `qualitative-band`: the stated score lies outside the band of the classified actual;
 * the row was scored at the band default. (`score-mismatch` leaves such rows to this rule.)
 */
export const qualitativeBand = rule('qualitative-band', 'warning', (t) => {
  if (!isKind(t, SCORED_KINDS)) return [];
  const out: Hit[] = [];
  for (const i of t.indicators) {
    if (!i.statedOutsideBand || !i.band || i.band === 'unknown' || i.weight === null || i.stated === null) continue;
    const { low, high } = bandRange(i.band, i.weight, t.profile);
    const range = i.band === 'achieved' ? `${fmt(low)} 至 ${fmt(high)} 之间` : `${fmt(low)} 至 ${fmt(high)} 之间（不含 ${fmt(high)}）`;
    out.push({
      cell: i.row.score?.cell ?? null,
      message: `${rowLabel(i)}${bandSource(i)}属「${BAND_LABEL[i.band]}」档，得分应在 ${range}，表中为 ${fmt(i.stated)}，已按该档默认分 ${fmt(i.score)} 计`,
    });
  }
  return out;
}, { fixedByWrite: true });

/**
 * SPEC §9 `qualitative-unclassified`: a qualitative actual that fits no band (seed 002
 * department row 17: `宣传国家政策、开展工会活动，维护职工合法权益`). Never guessed: the typed
 * score is kept, or the score is left empty.
 */
export const qualitativeUnclassified = rule('qualitative-unclassified', 'info', (t) => {
  if (!isKind(t, SCORED_KINDS)) return [];
  const out: Hit[] = [];
  for (const i of t.indicators) {
    const actual = i.row.texts.actual?.text ?? '';
    if (i.band !== 'unknown' || normalizeText(actual) === '') continue;
    const kept = i.stated !== null ? `保留表中得分 ${fmt(i.score ?? i.stated)}` : '得分未计算';
    out.push({
      cell: i.row.texts.actual?.cell ?? null,
      message: `${rowLabel(i)}实际完成值「${quote(actual)}」无法判定为达成、部分达成或未达成，${kept}，请人工核对`,
    });
  }
  return out;
});
