/**
 * Scoring rules written into a target (SPEC §4 embedded rule, §5):
 * `宣传次数大于等于5次得满分，下降一次扣一分` → ≥ 5 次, 1 point off per 次 short.
 *
 * A rule is a threshold quantity plus a penalty clause `…扣N分` / `…减N分`. The penalty
 * clause runs from its trigger word (每, 下降, 减少, 少 …) — or the clause start — to `分`;
 * a number inside it is the step (`每少2次扣1分` → 0.5 point per 次), default 1. Numbers in
 * penalty clauses are never the target's quantity, rule or not.
 *
 * For a ≤ rule (`投诉不超过2次，每多一次扣1分`) `pointsPerUnit` is per unit *over* the value.
 * Without an operator the threshold is ≥, unless the trigger says the count went up (多,
 * 超出, 增加 …), then ≤.
 */
import Decimal from 'decimal.js';
import type { Operator, Unit } from './types';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './numerals';
import { findQuantities, type Span } from './quantities';
import { matchUnit } from './units';

const PENALTY = new RegExp(`(?:扣|减)(?:除|去)?(\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+)分`, 'g');
const STEP_NUMBER = new RegExp(`\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+`);
const CLAUSE_BREAKS = ',;。!?:';

/** Words that start a penalty clause; the first group means "short of", the second "over". */
const SHORT_TRIGGERS: readonly string[] = ['每', '下降', '减少', '降低', '少', '低于', '低', '差', '不足', '未达到', '未完成'];
const OVER_TRIGGERS: readonly string[] = ['超出', '超过', '增加', '上升', '多', '延迟', '推迟', '逾期'];

interface Penalty extends Span {
  readonly points: Decimal;
  readonly step: Decimal;
  readonly stepUnit: Unit | null;
  readonly over: boolean;
}

function clauseStart(text: string, before: number, floor: number): number {
  let start = floor;
  for (let i = before - 1; i >= floor; i--) {
    if (CLAUSE_BREAKS.includes(text[i])) {
      start = i + 1;
      break;
    }
  }
  const fullMarks = text.lastIndexOf('满分', before - 1);
  if (fullMarks >= start) start = fullMarks + 2;
  return start;
}

function findPenalties(text: string): Penalty[] {
  const out: Penalty[] = [];
  let floor = 0;
  for (const m of text.matchAll(PENALTY)) {
    const at = m.index ?? 0;
    const points = /^\d/.test(m[1]) ? new Decimal(m[1]) : parseChineseNumber(m[1]);
    const clause = clauseStart(text, at, floor);
    const body = text.slice(clause, at);
    let trigger = body.lastIndexOf('每');
    let over = false;
    if (trigger < 0) {
      for (const [words, isOver] of [[SHORT_TRIGGERS, false], [OVER_TRIGGERS, true]] as const) {
        for (const w of words) {
          const i = body.indexOf(w);
          if (i >= 0 && (trigger < 0 || i < trigger)) {
            trigger = i;
            over = isOver;
          }
        }
      }
    } else {
      over = OVER_TRIGGERS.some((w) => body.startsWith(w, trigger + 1));
    }
    const from = trigger >= 0 ? trigger : 0;
    const stepText = body.slice(from);
    const sm = STEP_NUMBER.exec(stepText);
    let step = new Decimal(1);
    let stepUnit: Unit | null = null;
    if (sm) {
      const parsed = /^\d/.test(sm[0]) ? new Decimal(sm[0]) : parseChineseNumber(sm[0]);
      if (parsed && parsed.greaterThan(0)) step = parsed;
      stepUnit = matchUnit(stepText, sm.index + sm[0].length)?.unit ?? null;
    }
    floor = at + m[0].length;
    if (points === null) continue;
    out.push({ start: clause + from, end: floor, points, step, stepUnit, over });
  }
  return out;
}

/** Spans of penalty clauses, to keep their numbers out of quantity parsing. */
export function penaltySpans(text: string): Span[] {
  return findPenalties(text).map((p) => ({ start: p.start, end: p.end }));
}

export interface EmbeddedRule {
  readonly op: Operator;
  /** Threshold in `unit.base`. */
  readonly value: Decimal;
  readonly unit: Unit | null;
  readonly pointsPerUnit: Decimal;
}

/** The embedded rule of a normalised target text, or null when it has none. */
export function parseRule(text: string): EmbeddedRule | null {
  const penalties = findPenalties(text);
  if (penalties.length === 0) return null;
  const first = penalties[0];
  const candidates = findQuantities(text.slice(0, first.start), penalties).filter((q) => q.op || q.unit);
  if (candidates.length === 0) return null;
  const threshold = candidates.find((q) => q.op) ?? candidates[0];
  const unitFactor = first.stepUnit?.factor ?? threshold.unit?.factor ?? new Decimal(1);
  const perBaseUnit = first.step.times(unitFactor);
  return {
    op: threshold.op ?? (first.over ? '≤' : '≥'),
    value: threshold.value,
    unit: threshold.unit,
    pointsPerUnit: first.points.dividedBy(perBaseUnit),
  };
}
