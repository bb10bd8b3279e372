/**
 * Dates in targets (deadlines) and actuals (SPEC §4 date row, §5 date deadline, §9
 * `deadline-year`).
 *
 * Recognised forms (after normalizeText): `2023年12月31日`, `2023年12月31号`, `2023年12月底`,
 * `2023年12月`, `2023年底`, `12月31日`, `12月底`, `12月`, `年底`, `2023-12-31` (also the ISO
 * string of a date cell, time dropped as written), `2023.12.31`, `2023/12/31`. A following
 * `前`/`之前`/`以前` or a leading `截至`/`截止`/`不晚于` marks an upper bound (`before`).
 *
 * Decisions: `…之前` is read as "by" (on the day still counts, as every form means it);
 * `12月底` without a year uses 31, and `2月底` without a year uses 29 (lenient for deadlines).
 */
import type { DateValue } from './types';
import { normalizeText } from './normalize';

export interface DateMatch {
  readonly date: DateValue;
  readonly start: number;
  readonly end: number;
}

type Build = (m: RegExpExecArray) => { year?: number; month: number; day?: number | 'last' };

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

/** Patterns tried at each position, most specific first. All are sticky. */
const DATE_PATTERNS: ReadonlyArray<readonly [RegExp, Build]> = [
  [
    /(\d{4})-(\d{1,2})-(\d{1,2})(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)/y,
    (m) => ({ year: num(m[1]), month: Number(m[2]), day: num(m[3]) }),
  ],
  [/(\d{4})[./](\d{1,2})[./](\d{1,2})(?![\d.])/y, (m) => ({ year: num(m[1]), month: Number(m[2]), day: num(m[3]) })],
  [/(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?!\d)/y, (m) => ({ year: num(m[1]), month: Number(m[2]), day: num(m[3]) })],
  [/(\d{4})年(\d{1,2})月(底|末|份)?/y, (m) => ({ year: num(m[1]), month: Number(m[2]), day: m[3] === '底' || m[3] === '末' ? 'last' : undefined })],
  [/(\d{4})年(?:底|末)/y, (m) => ({ year: num(m[1]), month: 12, day: 31 })],
  [/(\d{1,2})月(\d{1,2})[日号](?!\d)/y, (m) => ({ month: Number(m[1]), day: num(m[2]) })],
  [/(\d{1,2})月(底|末|份)?/y, (m) => ({ month: Number(m[1]), day: m[2] === '底' || m[2] === '末' ? 'last' : undefined })],
  [/年(?:底|末)/y, () => ({ month: 12, day: 31 })],
];

const BEFORE_SUFFIXES: readonly string[] = ['之前', '以前', '前'];
const BEFORE_PREFIXES: readonly string[] = ['截止到', '截止至', '截至', '截止', '不晚于'];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month; without a year February has 29 (see module comment). */
export function lastDayOfMonth(year: number | undefined, month: number): number {
  if (month === 2) return year === undefined || isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function valid(year: number | undefined, month: number, day: number | undefined): boolean {
  if (year !== undefined && (year < 1900 || year > 2100)) return false;
  if (!(month >= 1 && month <= 12)) return false;
  return day === undefined || (day >= 1 && day <= lastDayOfMonth(year, month));
}

function makeDate(year: number | undefined, month: number, day: number | undefined, before: boolean): DateValue {
  const d: { year?: number; month: number; day?: number; before?: boolean } = { month };
  if (year !== undefined) d.year = year;
  if (day !== undefined) d.day = day;
  if (before) d.before = true;
  return d;
}

/** Every date in an already normalised text, left to right, without overlaps. */
export function findDates(text: string): DateMatch[] {
  const out: DateMatch[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const isDigit = c >= 48 && c <= 57;
    if ((!isDigit && text[i] !== '年') || (i > 0 && /[\d.]/.test(text[i - 1]))) {
      i++;
      continue;
    }
    let matched: DateMatch | null = null;
    for (const [re, build] of DATE_PATTERNS) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m) continue;
      const parts = build(m);
      const day = parts.day === 'last' ? lastDayOfMonth(parts.year, parts.month) : parts.day;
      // the most specific pattern that matches decides: `2023年2月30日` is no date, not February
      if (!valid(parts.year, parts.month, day)) break;
      let end = i + m[0].length;
      let before = false;
      const suffix = BEFORE_SUFFIXES.find((s) => text.startsWith(s, end));
      if (suffix) {
        before = true;
        end += suffix.length;
      }
      const prefix = BEFORE_PREFIXES.find((p) => i >= p.length && text.startsWith(p, i - p.length));
      if (prefix) before = true;
      matched = { date: makeDate(parts.year, parts.month, day, before), start: prefix ? i - prefix.length : i, end };
      break;
    }
    if (matched) {
      out.push(matched);
      i = matched.end;
    } else {
      i++;
    }
  }
  return out;
}

/**
 * The date a cell gives, or null. When a text names several (a period `2023年1月1日至2023年12月31日`)
 * the last one is the deadline.
 */
export function parseDate(s: string): DateValue | null {
  const found = findDates(normalizeText(s));
  return found.length > 0 ? found[found.length - 1].date : null;
}

function key(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
}

/**
 * Is the actual date on or before the deadline? Missing years come from the other side's or
 * `yearHint` (the evaluation year); with none anywhere both are taken as the same year. An
 * actual without a day covers its whole month: true when the whole month is in time, false
 * when none of it is, null when it straddles the deadline (cannot tell).
 */
export function onOrBefore(actual: DateValue, deadline: DateValue, yearHint?: number): boolean | null {
  const ya = actual.year ?? yearHint ?? deadline.year ?? 2000;
  const yd = deadline.year ?? yearHint ?? actual.year ?? 2000;
  const limit = key(yd, deadline.month, deadline.day ?? lastDayOfMonth(yd, deadline.month));
  const earliest = key(ya, actual.month, actual.day ?? 1);
  const latest = key(ya, actual.month, actual.day ?? lastDayOfMonth(ya, actual.month));
  if (latest <= limit) return true;
  if (earliest > limit) return false;
  return null;
}

/** Bracketed spans that hold document numbers or titles: 〔2005〕, 【2021】, [2022], 《…》. */
const DOCUMENT_SPANS = /〔[^〔〕]*〕|【[^【】]*】|\[[^[\]]*\]|《[^《》]*》/g;

/**
 * The years a text mentions as dates or years (`2023年12月31日`, `2023年度`, `2024-01-05`),
 * in order of first appearance, without duplicates. Years inside document numbers and titles
 * (`冀工发〔2005〕35号`, `《…2023年…办法》`) are not mentions.
 */
export function yearsMentioned(text: string): number[] {
  const clean = normalizeText(text).replace(DOCUMENT_SPANS, (m) => ' '.repeat(m.length));
  const hits: Array<[number, number]> = [];
  for (const d of findDates(clean)) if (d.date.year !== undefined) hits.push([d.start, d.date.year]);
  for (const m of clean.matchAll(/(?<![\d.])(\d{4})年/g)) {
    const year = Number(m[1]);
    if (year >= 1900 && year <= 2100) hits.push([m.index ?? 0, year]);
  }
  hits.sort((a, b) => a[0] - b[0]);
  const years: number[] = [];
  for (const [, y] of hits) if (!years.includes(y)) years.push(y);
  return years;
}

/**
 * Dates with a written year (`2024年12月31日之前`, `2023年底`, `2024-01-05`), outside document
 * numbers and titles. `deadline-year` compares these to the evaluation year; a bare year
 * (`较2022年增长10%`, `2023年度`) is a baseline or a period, not a date, and is left out.
 */
export function datesWithYear(text: string): DateMatch[] {
  const clean = normalizeText(text).replace(DOCUMENT_SPANS, (m) => ' '.repeat(m.length));
  return findDates(clean).filter((d) => d.date.year !== undefined);
}
