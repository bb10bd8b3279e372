/**
 * Comparison operators: symbols and the Chinese words that stand for them (SPEC §4, §4.1).
 *
 * Following SPEC §4, 大于 counts as ≥ and 小于 as ≤ (forms use them loosely); the words that
 * are unambiguously strict map to > / <: 超过, 高于, 多于 → >; 低于, 少于, 不足 → <.
 * Direction (what the scorer needs) is the same either way.
 */
import type { Operator } from './types';
import { normalizeText } from './normalize';
import { dict } from '../dict';

export const OPERATOR_SYMBOLS: ReadonlySet<string> = new Set<Operator>(['≥', '≤', '=', '>', '<']);

/** Words written before the number: `不少于400人`, `控制在450元内`. */
export const PREFIX_OPERATOR_WORDS: ReadonlyArray<readonly [string, Operator]> = [
  ['大于等于', '≥'],
  ['大于或等于', '≥'],
  ['不少于', '≥'],
  ['不低于', '≥'],
  ['不小于', '≥'],
  ['至少', '≥'],
  ['最少', '≥'],
  ['达到', '≥'],
  ['达', '≥'],
  ['大于', '≥'],
  ['超过', '>'],
  ['高于', '>'],
  ['多于', '>'],
  ['小于等于', '≤'],
  ['小于或等于', '≤'],
  ['不超过', '≤'],
  ['不超出', '≤'],
  ['不高于', '≤'],
  ['不大于', '≤'],
  ['不多于', '≤'],
  ['最多', '≤'],
  ['控制在', '≤'],
  ['控制到', '≤'],
  ['小于', '≤'],
  ['低于', '<'],
  ['少于', '<'],
  ['不足', '<'],
  ['等于', '='],
];

/** Words written after the number (and its unit): `85%以上`, `450元内`. */
export const SUFFIX_OPERATOR_WORDS: ReadonlyArray<readonly [string, Operator]> = [
  ['及以上', '≥'],
  ['或以上', '≥'],
  ['以上', '≥'],
  ['及以下', '≤'],
  ['或以下', '≤'],
  ['以下', '≤'],
  ['以内', '≤'],
  ['之内', '≤'],
  ['内', '≤'],
];

/**
 * In an actual these words report a measured value (`满意度达到95%`), not a bound, so they do
 * not set the actual's `op` (which would raise `actual-not-measured`).
 */
export const MEASURED_WORDS: ReadonlySet<string> = new Set(['达到', '达', '等于']);

const BY_LENGTH = (a: readonly [string, Operator], b: readonly [string, Operator]) => b[0].length - a[0].length;
const PREFIX_SORTED = [...PREFIX_OPERATOR_WORDS].sort(BY_LENGTH);
const SUFFIX_SORTED = [...SUFFIX_OPERATOR_WORDS].sort(BY_LENGTH);

export interface OperatorMatch {
  readonly op: Operator;
  /** The symbol or word as written. */
  readonly written: string;
  readonly source: 'symbol' | 'word';
  /** Span of the operator in the text. */
  readonly start: number;
  readonly end: number;
}

/** The operator ending exactly at `end` (a symbol, else the longest word), or null. */
export function operatorEndingAt(text: string, end: number): OperatorMatch | null {
  if (end <= 0) return null;
  const ch = text[end - 1];
  if (OPERATOR_SYMBOLS.has(ch)) return { op: ch as Operator, written: ch, source: 'symbol', start: end - 1, end };
  for (const [word, op] of PREFIX_SORTED) {
    const start = end - word.length;
    if (start >= 0 && text.startsWith(word, start)) return { op, written: word, source: 'word', start, end };
  }
  return null;
}

/** `内` that starts another word (`5个内设股室`, `内容`) is no bound. */
const NOT_WITHIN = '设部容涵控外在勤';

/** The suffix operator word starting exactly at `start`, or null. */
export function operatorStartingAt(text: string, start: number): OperatorMatch | null {
  for (const [word, op] of SUFFIX_SORTED) {
    if (!text.startsWith(word, start)) continue;
    const end = start + word.length;
    if (word === '内' && end < text.length && NOT_WITHIN.includes(text[end])) return null;
    return { op, written: word, source: 'word', start, end };
  }
  return null;
}

/** Values of a separate 指标性质 / 指标方向 column. */
const COLUMN_VALUES: Readonly<Record<string, Operator | 'qualitative'>> = dict({
  正向: '≥',
  正向指标: '≥',
  反向: '≤',
  反向指标: '≤',
  定性: 'qualitative',
  定性指标: 'qualitative',
});

/**
 * The operator given in its own column: a symbol (`≥`, `>=`, `＝`), a word (`大于等于`,
 * `不超过`), `正向`/`反向`, or `定性` (the target is qualitative). Null when empty or unknown
 * (`定量` says nothing about direction).
 */
export function parseOperatorColumn(s: string | undefined | null): Operator | 'qualitative' | null {
  if (s === undefined || s === null) return null;
  const text = normalizeText(s);
  if (text.length === 0) return null;
  if (text in COLUMN_VALUES) return COLUMN_VALUES[text];
  if (OPERATOR_SYMBOLS.has(text)) return text as Operator;
  const asPrefix = operatorEndingAt(text, text.length);
  if (asPrefix && asPrefix.start === 0) return asPrefix.op;
  const asSuffix = operatorStartingAt(text, 0);
  if (asSuffix && asSuffix.end === text.length) return asSuffix.op;
  return null;
}
