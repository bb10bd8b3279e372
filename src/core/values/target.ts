/**
 * Reading a 年度指标值 (SPEC §4). Order of recognition, first hit wins:
 *
 * 1. empty / placeholder (`/`, `-`, `—`, `——`, `无数据`) → empty. `无` alone is a qualitative
 *    target (seed 004 单位获奖情况 = 无), not empty.
 * 2. band label `100%-80%(含)` → band.
 * 3. embedded rule `…大于等于5次得满分，下降一次扣一分` → rule.
 * 4. a quantity with an operator or a unit, or a bare number that is the whole cell
 *    (`≥90%`, `不少于400人`, `帮扶39人`, `100`) → quantity, or zero when its value is 0 and
 *    the operator is none, =, ≤ or < (`<=0%`, `0`, `0起`). A yes/no question with a quantity
 *    is read as the quantity only when an operator is written (`是否达到95%`).
 * 5. a yes/no question (`是否…`, `有无…`, `能否…`) → question; its desired answer is 否 when
 *    the question is about a negative event (`是否超指标`), flipped back by a negation
 *    (`是否未超支` wants 是).
 * 6. a date (`2023年12月31日之前`, `12月底前`) → date.
 * 7. a worded zero (`为零`, `事故事件为零`, `零`, `零事故`, `为0`) → zero.
 * 8. anything else → qualitative (`健全`, `不超指标`, `在档管理困难职工及劳模`).
 *
 * Columns: a separate operator column (指标性质) applies when the value has no operator of its
 * own (the value's own operator is more specific); `定性` there makes the target qualitative
 * unless the value itself writes an operator. A unit column applies when the value has no
 * unit; an unknown unit column becomes a unit of its own (factor 1) so that two cells with the
 * same unknown unit still compare.
 *
 * `text` in the result is the normalised text (whitespace, full-width forms, HTML removed).
 */
import Decimal from 'decimal.js';
import type { Operator, ParsedTarget, Unit } from './types';
import { parseBandLabel } from './bands';
import { findDates } from './dates';
import { negativeEventAt } from './events';
import { normalizeText } from './normalize';
import { parseOperatorColumn } from './operators';
import { findQuantities, pickQuantity, type Quantity } from './quantities';
import { parseRule, penaltySpans } from './rule';
import { matchUnit, parseUnit } from './units';

export interface TargetOptions {
  /** The row's 指标性质 / 指标方向 cell, when the table has one. */
  readonly operatorColumn?: string;
  /** The row's 单位 / 计量单位 / 度量单位 cell, when the table has one. */
  readonly unitColumn?: string;
}

/** Cells that mean "nothing here". */
export const PLACEHOLDERS: ReadonlySet<string> = new Set(['', '/', '-', '--', '—', '——', '-/-', '无数据', '暂无', 'N/A', 'n/a', '#N/A']);

/** Words that make a cell a yes/no question. */
export const QUESTION_WORDS: readonly string[] = ['是否', '有无', '有没有', '是不是', '能否', '可否', '会否', '有否'];

/** Negations that turn a negative event into the desired state (`是否未超支`, `不超指标`). */
export const NEGATIONS: readonly string[] = ['没有', '未能', '不会', '未', '没', '不', '无', '零', '杜绝', '避免', '防止'];

const WORD_ZERO: readonly RegExp[] = [/(?:为|等于|是|保持|控制为|实现)(?:零|0)(?:起|次|件|个|人|例|%)?[。.]?$/, /^零[。.]?$/];

/**
 * A unit from a unit column: a known unit; else a compound starting with one (`元/人·天`,
 * `次每年`) compared by that head; else the column text itself as its own base (factor 1).
 */
export function unitFromColumn(column: string | undefined | null): Unit | null {
  if (column === undefined || column === null) return null;
  const known = parseUnit(column);
  if (known) return known;
  const text = normalizeText(String(column)).replace(/^\((.*)\)$/, '$1');
  if (PLACEHOLDERS.has(text) || text === '无' || text.length > 8 || /\d/.test(text)) return null;
  const head = matchUnit(text, 0);
  if (head && '/·每'.includes(text[head.length])) {
    return Object.freeze({ written: text, base: head.unit.base, factor: head.unit.factor });
  }
  return Object.freeze({ written: text, base: text, factor: new Decimal(1) });
}

/**
 * Is the negative event at `at` preceded by a negation, within its clause, at most 6
 * characters back and not before `floor` (so the 无 of `有无` does not count)?
 */
export function negatedAt(text: string, at: number, floor = 0): boolean {
  for (let end = at; end > floor && end > at - 6; end--) {
    if (',;。!?、:'.includes(text[end - 1])) return false;
    if (NEGATIONS.some((n) => end - n.length >= floor && text.startsWith(n, end - n.length))) return true;
  }
  return false;
}

/**
 * What answer to a question (or what state for a statement) is good: 'no' when the text is
 * about an un-negated negative event (`是否超指标`, `是否发生安全事故`), else 'yes'.
 */
export function desiredAnswer(text: string, from = 0): 'yes' | 'no' {
  for (let i = from; i < text.length; i++) {
    const ev = negativeEventAt(text, i);
    if (ev) return negatedAt(text, ev.start, from) ? 'yes' : 'no';
  }
  return 'yes';
}

function questionStart(text: string): number {
  let best = -1;
  for (const w of QUESTION_WORDS) {
    const i = text.indexOf(w);
    if (i >= 0 && (best < 0 || i < best)) best = i + w.length;
  }
  return best;
}

function withUnit(q: Quantity, unit: Unit | null): { value: Quantity['value']; unit: Unit | null } {
  if (q.unit || !unit) return { value: q.value, unit: q.unit };
  return { value: q.number.times(unit.factor), unit };
}

/** When the picked number has no unit, borrow the unit another mention of the same number has. */
function borrowUnit(q: Quantity, all: readonly Quantity[]): Quantity {
  if (q.unit) return q;
  const twin = all.find((o) => o !== q && o.unit && o.number.equals(q.number));
  return twin ? { ...q, unit: twin.unit, value: q.number.times(twin.unit!.factor) } : q;
}

export function parseTarget(raw: string, opts: TargetOptions = {}): ParsedTarget {
  const text = normalizeText(typeof raw === 'string' ? raw : String(raw ?? ''));
  if (PLACEHOLDERS.has(text)) return { kind: 'empty', text };

  const band = parseBandLabel(text);
  if (band) return { kind: 'band', text, band };

  const rule = parseRule(text);
  if (rule) return { kind: 'rule', text, ...rule };

  const columnOp = parseOperatorColumn(opts.operatorColumn);
  const columnUnit = unitFromColumn(opts.unitColumn);
  const question = questionStart(text);

  const all = findQuantities(text, penaltySpans(text));
  let picked = pickQuantity(all, text);
  if (picked && (columnOp === 'qualitative' || question >= 0) && !picked.op) picked = null;
  if (picked) {
    const q = borrowUnit(picked, all);
    const op: Operator | null = q.op ?? (columnOp === 'qualitative' ? null : columnOp);
    const { value, unit } = withUnit(q, columnUnit);
    if (value.isZero() && (op === null || op === '=' || op === '≤' || op === '<')) return { kind: 'zero', text, unit };
    return { kind: 'quantity', text, op, value, unit };
  }

  if (question >= 0) return { kind: 'question', text, desired: desiredAnswer(text, question) };

  const dates = findDates(text);
  if (dates.length > 0) return { kind: 'date', text, date: dates[dates.length - 1].date };

  if (WORD_ZERO.some((re) => re.test(text)) || (text.startsWith('零') && negativeEventAt(text, 1))) {
    return { kind: 'zero', text, unit: columnUnit };
  }
  return { kind: 'qualitative', text };
}
