/**
 * Finding the numbers of a target or actual text, with the operator and unit attached to each
 * (SPEC §4). Works on normalizeText output.
 *
 * What is *not* a quantity (decisions the spec leaves to us):
 * - numbers inside a date (`2023年12月31日之前` has no quantity 31) or a year (`2023年`);
 * - document numbers and titles: anything inside 〔〕【】[]《》, and a number followed by 号
 *   (`冀工发〔2005〕35号`);
 * - codes: a number glued to ASCII letters (`13063723P004…`, `OLE_LINK3`), a version-like
 *   `1.2.3`, an ordinal after 第, more than 15 integer digits;
 * - Chinese numerals, except right after an operator and before a unit (`不少于两次`) or in
 *   `百分之…` — elsewhere they are names (`五一劳模`, `两会`, `一线职工`).
 * Approximation marks between number and unit are skipped: `5000余人`, `8700多个`, `2.1万余人`.
 */
import Decimal from 'decimal.js';
import type { Operator, Unit } from './types';
import { findDates } from './dates';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './numerals';
import { OPERATOR_SYMBOLS, operatorEndingAt, operatorStartingAt } from './operators';
import { PERCENT, matchUnit } from './units';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Quantity extends Span {
  /** The number as written, times a detached 万/亿 (`2.6万` → 26000), sign included. */
  readonly number: Decimal;
  /** `number` in `unit.base` (`1.5万人` → 15000); equals `number` without a unit. */
  readonly value: Decimal;
  readonly unit: Unit | null;
  readonly op: Operator | null;
  /** The operator as written (`≥`, `不少于`, `以上`), null without one. */
  readonly opWritten: string | null;
  readonly opSource: 'symbol' | 'word' | null;
}

const NUMBER = new RegExp(`(百分之)?(\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+)`, 'g');
const DOCUMENT_SPANS = /〔[^〔〕]*〕|【[^【】]*】|\[[^[\]]*\]|《[^《》]*》/g;
const APPROXIMATE = '多余';
const SCIENTIFIC = /^[-+]?\d+(?:\.\d+)?[eE][-+]?\d+$/;
const SIGN_CONTEXT = '(:为,;';

function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z_]/.test(ch);
}

function overlaps(a: Span, spans: readonly Span[]): boolean {
  return spans.some((s) => a.start < s.end && s.start < a.end);
}

function skipApproximate(text: string, p: number): number {
  while (p < text.length && APPROXIMATE.includes(text[p])) p++;
  return p;
}

/** Spans no quantity may overlap: dates and document numbers/titles. */
export function nonQuantitySpans(text: string): Span[] {
  const spans: Span[] = findDates(text).map((d) => ({ start: d.start, end: d.end }));
  for (const m of text.matchAll(DOCUMENT_SPANS)) spans.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  return spans;
}

/** Every quantity in a normalised text, left to right. `exclude` adds spans to skip. */
export function findQuantities(text: string, exclude: readonly Span[] = []): Quantity[] {
  if (SCIENTIFIC.test(text)) {
    // a numeric cell's string form for very large or small numbers (`1e-7`)
    const n = new Decimal(text);
    return [{ start: 0, end: text.length, number: n, value: n, unit: null, op: null, opWritten: null, opSource: null }];
  }
  const skip = [...nonQuantitySpans(text), ...exclude];
  const out: Quantity[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const at = m.index ?? 0;
    const percentWord = m[1] !== undefined;
    const digits = m[2];
    const numStart = at + (percentWord ? m[1].length : 0);
    const numEnd = at + m[0].length;
    const chinese = !/^\d/.test(digits);
    const prev = text[at - 1];

    if (!chinese) {
      if (isAsciiLetter(prev) || prev === '.' || prev === '第') continue;
      if (digits.split('.')[0].length > 15) continue;
    }
    let number = chinese ? parseChineseNumber(digits) : new Decimal(digits);
    if (number === null) continue;

    let start = at;
    if (!chinese && !percentWord && prev === '-') {
      const before = text[at - 2];
      if (at - 1 === 0 || OPERATOR_SYMBOLS.has(before) || SIGN_CONTEXT.includes(before) || operatorEndingAt(text, at - 1)) {
        number = number.negated();
        start = at - 1;
      }
    }

    let p = skipApproximate(text, numEnd);
    let unit: Unit | null = percentWord ? PERCENT : null;
    if (!percentWord) {
      const um = matchUnit(text, p);
      if (um) {
        unit = um.unit;
        p += um.length;
      } else if (text[p] === '万' || text[p] === '亿') {
        number = number.times(text[p] === '万' ? 10000 : 100000000);
        p = skipApproximate(text, p + 1);
        const um2 = matchUnit(text, p);
        if (um2 && um2.unit.factor.equals(1)) {
          unit = um2.unit;
          p += um2.length;
        }
      }
    }
    if (!unit && p === text.length - 1 && COUNT_WORD.test(text[p])) {
      // `50罐`, `8辆次`…: a number and one word ending the cell is a count of that word (issue 12).
      unit = countWord(text[p]);
      p += 1;
    }
    if (!unit && (isAsciiLetter(text[p]) || text[p] === '号')) continue;
    // a bare year: `2023年` is a time, not 2023 years
    if (unit?.written === '年' && !chinese && /^\d{4}$/.test(digits) && Number(digits) >= 1900 && Number(digits) <= 2100) continue;

    const prefixOp = operatorEndingAt(text, start);
    if (chinese && !percentWord && !(prefixOp && unit)) continue;
    if (p < text.length && text.startsWith('(含)', p)) p += 3;
    const suffixOp = operatorStartingAt(text, p);
    const end = suffixOp ? suffixOp.end : p;
    const span = { start: prefixOp ? prefixOp.start : start, end };
    if (overlaps({ start: numStart, end: numEnd }, skip)) continue;

    const opm = prefixOp ?? suffixOp;
    out.push({
      start: span.start,
      end: span.end,
      number,
      value: unit ? number.times(unit.factor) : number,
      unit,
      op: opm ? opm.op : null,
      opWritten: opm ? opm.written : null,
      opSource: opm ? opm.source : null,
    });
  }
  return out;
}

/**
 * A CJK character that may be an unknown count word after a number ending the cell (`50罐`):
 * not one that makes the number something else (多/余/左右 approximations, 号/第 ordinals,
 * 倍 ratios, 成 tenths, 级/星 grades, 后/前/内 spans).
 */
const COUNT_WORD = /^(?![多余号第倍成级星后前内以上下左右及等])[\u4e00-\u9fff]$/;
const countWords = new Map<string, Unit>();

function countWord(ch: string): Unit {
  let u = countWords.get(ch);
  if (!u) {
    u = Object.freeze({ written: ch, base: ch, factor: new Decimal(1) });
    countWords.set(ch, u);
  }
  return u;
}

/** Characters that may trail a cell without making a bare number part of a sentence. */
const TRAILING_PUNCTUATION = /[。.,;!]+$/;

/** Is `q` the whole text (bare `100`, `≥95`, `43.2`)? */
export function coversWholeText(q: Quantity, text: string): boolean {
  return q.start === 0 && q.end === text.replace(TRAILING_PUNCTUATION, '').length;
}

/**
 * The quantity a cell is about. When a text has several numbers the one with an operator
 * counts most, then one with a unit; `preferBase` (the target's unit when reading an actual)
 * beats both; ties go to the first. A number with neither counts only when it is the whole text.
 */
export function pickQuantity(qs: readonly Quantity[], text: string, preferBase?: string | null): Quantity | null {
  let best: Quantity | null = null;
  let bestScore = 0;
  for (const q of qs) {
    const score = (q.op ? 2 : 0) + (q.unit ? 1 : 0) + (preferBase && q.unit?.base === preferBase ? 4 : 0);
    if (score > bestScore) {
      best = q;
      bestScore = score;
    }
  }
  if (best) return best;
  return qs.length === 1 && coversWholeText(qs[0], text) ? qs[0] : null;
}
