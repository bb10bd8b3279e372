import type { IndicatorRow, TableKind } from '../layout/types';
import { memoByString } from '../memo';
import { excelError, type ScoredIndicator } from '../scoring/indicator';
import type { TableAnalysis } from '../scoring/table';
import { normalizeHeader, normalizeText, parseTarget } from '../values';
import type { ParsedTarget } from '../values/types';

/**
 * Small shared pieces of the rules: how a row is named in a message, how a cell's text is
 * quoted, which tables a rule looks at, and what counts as "no reason given".
 */

/** `第 12 行「完成劳模服务任务」` — the row and its indicator name, as every row message starts. */
export function rowLabel(i: ScoredIndicator): string {
  const r = i.row;
  return `第 ${r.row} 行「${quote(r.name || r.level2 || r.level1)}」`;
}

/** Texts longer than this (characters) are not what a cell of the form holds: a paste gone wrong. */
export const LONG_TEXT = 2000;
/** Texts longer than this are cut when quoted in a message (a finding line stays readable). */
export const QUOTE_MAX = 100;
/** How much of such a text a message quotes. */
const LONG_TEXT_QUOTED = 40;
/** How many row numbers a message lists before `等 N 行`. */
const ROWS_LISTED = 10;

/** `12、13、14`, or `12、13、…、21 等 25 行` past `ROWS_LISTED` rows. */
export function rowList(rows: readonly number[]): string {
  if (rows.length <= ROWS_LISTED) return rows.join('、');
  return `${rows.slice(0, ROWS_LISTED).join('、')} 等 ${rows.length} 行`;
}

/**
 * A cell text as quoted in a message: line breaks and runs of blanks folded, ends trimmed.
 * A text over `QUOTE_MAX` characters is quoted by its first 40 characters and its length:
 * the one quoting helper of every rule message and note.
 */
export function quote(text: string | undefined): string {
  const t = text ?? '';
  if ([...t].length > QUOTE_MAX) {
    const head = [...t.replace(/\s+/g, ' ').trim()].slice(0, LONG_TEXT_QUOTED).join('');
    return `${head}…（共 ${t.length} 个字符）`;
  }
  return t.replace(/\s+/g, ' ').trim();
}

/** Tables whose rows carry targets and actuals and are scored from them. */
export const SCORED_KINDS: readonly TableKind[] = ['project', 'department'];

export function isKind(t: TableAnalysis, kinds: readonly TableKind[]): boolean {
  return kinds.includes(t.layout.kind);
}

/** Texts written where a reason belongs that say nothing: empty, `无`, `0`, a dash or slash. */
const NO_REASON = new Set(['', '无', '暂无', '0', '/', '-', '—', '——', '－']);

export function hasReason(text: string | undefined): boolean {
  return !NO_REASON.has(normalizeText(text ?? ''));
}

/** `为空` or `填写为「无」`: what a reason cell holds when it gives none. */
export function emptyReasonText(text: string | undefined): string {
  return normalizeText(text ?? '') === '' ? '为空' : `填写为「${quote(text)}」`;
}

/**
 * The parsed target. Target tables (绩效目标表) are not scored, so scoring leaves their targets
 * unparsed: the lint rules parse them here from the row's own texts.
 */
export function targetOf(i: ScoredIndicator, texts: IndicatorRow['texts'] = i.row.texts): ParsedTarget {
  if (i.target.kind !== 'empty') return i.target;
  const text = texts.target?.text ?? '';
  if (normalizeText(text) === '' || excelError(text)) return i.target;
  return parseTarget(text, { operatorColumn: texts.operator?.text || undefined, unitColumn: texts.unit?.text || undefined });
}

/**
 * A level name compared across templates: whitespace, the template's own suffixes copied with
 * the label (`（如有）`, `等`, issue 6 item 14) and the `指标` suffix dropped (`社会效益指标` →
 * `社会效益`, `服务对象满意度指标等` → `服务对象满意度`).
 */
export const levelStem: (name: string) => string = memoByString((name) =>
  normalizeHeader(name)
    .replace(/\(如有\)$/, '')
    .replace(/等$/, '')
    .replace(/指标$/, ''),
);
