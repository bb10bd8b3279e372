/**
 * Negative events (SPEC §4.2): things that should not happen. A question about one wants the
 * answer 否 (`是否超指标`), and an actual that negates one (`未超指标`) is good news.
 *
 * Beyond the spec's list: 违法, 延期, 逾期 (same meaning as 违规/延误), 超出预算, 超范围.
 * A bare `超` counts, except in the good-news words of NOT_NEGATIVE (超额完成, 超预期 …).
 */
import { normalizeText } from './normalize';

export const NEGATIVE_EVENTS: readonly string[] = [
  '超支', '超标', '超预算', '超出预算', '超指标', '超范围', '超', '事故', '违规', '违纪', '违法',
  '投诉', '挪用', '截留', '浪费', '延误', '滞后', '延期', '逾期', '差错', '失误', '损失',
];

/** Words starting with 超 that are not negative events. */
export const NOT_NEGATIVE: readonly string[] = ['超额', '超前', '超越', '超预期', '超过预期', '超出预期', '超常', '超级', '超值', '超市'];

const EVENTS_SORTED = [...NEGATIVE_EVENTS].sort((a, b) => b.length - a.length);

export interface EventMatch {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** The longest negative event word starting exactly at `at` in a normalised text. */
export function negativeEventAt(text: string, at: number): EventMatch | null {
  if (NOT_NEGATIVE.some((w) => text.startsWith(w, at))) return null;
  for (const w of EVENTS_SORTED) if (text.startsWith(w, at)) return { word: w, start: at, end: at + w.length };
  return null;
}

/** The first negative event in a normalised text at or after `from`. */
export function findNegativeEvent(text: string, from = 0): EventMatch | null {
  for (let i = from; i < text.length; i++) {
    const m = negativeEventAt(text, i);
    if (m) return m;
  }
  return null;
}

/**
 * Does the text mention a negative event (whether or not it is negated)? `是否超指标`,
 * `不超指标`, `未超指标`, `事故事件为零` → true; `超额完成`, `按时完成` → false.
 */
export function isNegativeEvent(text: string): boolean {
  return findNegativeEvent(normalizeText(text)) !== null;
}
