/**
 * Classifying a qualitative actual into a band (SPEC §4.2). Never guesses: anything without
 * a clear signal is 'unknown'.
 *
 * Steps, first decisive one wins:
 * 1. a band label (`100%-80%(含)`) → its band.
 * 2. the actual repeats a qualitative target word (target 有效, actual 有效; target 无,
 *    actual 无) → achieved.
 * 3. a whole-cell answer (是 / 有 / 否 / 无 / 未发生 …):
 *    - yes/no question target: the answer equals the desired one → achieved, else not achieved;
 *    - a target that rules out a negative event (`不超指标`, `无事故`, a zero target): 无 /
 *      没有 / 未发生 → achieved, 有 / 发生 → not achieved, 是 → achieved, 否 → unknown;
 *    - any other target: 是 / 有 → achieved (SPEC lists them), 否 / 无 → unknown.
 * 4. a whole-cell grade (优, 良, 中, 一般, 差) → its band.
 * 5. scan the text for the words of lexicon.ts (longest match, left to right) and combine:
 *    - a negation (未, 没有, 不, 无 …) flips the next achieved/not-achieved word or negative
 *      event in the same clause within 8 characters (`没有完成`, `未超指标`), and the words
 *      listed right after it (`无违规违纪`, `未超支、浪费`);
 *    - a negative event not negated is a failure (`超指标`, `发生安全事故`), negated a success;
 *    - `基本`/`部分` + a word → partial; a hedge (`有待`) cancels the next word;
 *    - a failure word directly followed by an achievement word absorbs it (`延期完成`,
 *      `未按时完成`); a word followed by 率/性/度/值/数 is a measure's name (`完成率`);
 *    - all signals agree → that band; achieved + partial → partial; a failure together with
 *      anything else → unknown (mixed report, let the user score it).
 */
import type { Band, ParsedTarget } from './types';
import { parseBandLabel } from './bands';
import { isNegativeEvent, negativeEventAt } from './events';
import {
  CLAUSE_BREAKS,
  LEXICON,
  MEASURE_SUFFIXES,
  WHOLE_ANSWERS,
  WHOLE_BANDS,
  type Answer,
  type TokenKind,
} from './lexicon';
import { normalizeText } from './normalize';
import { desiredAnswer, parseTarget } from './target';

export { isNegativeEvent };

interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
}

const BY_FIRST_CHAR: ReadonlyMap<string, ReadonlyArray<readonly [string, TokenKind]>> = (() => {
  const map = new Map<string, Array<[string, TokenKind]>>();
  for (const [word, kind] of LEXICON) {
    const list = map.get(word[0]) ?? [];
    list.push([word, kind]);
    map.set(word[0], list);
  }
  for (const list of map.values()) list.sort((a, b) => b[0].length - a[0].length);
  return map;
})();

const NEGATION_REACH = 8;
/** What may join the words of a negated list. */
const CONNECTORS: ReadonlySet<string> = new Set(['', '、', '和', '及', '与', '或', '或者', '以及']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    let hit: Token | null = null;
    for (const [word, kind] of BY_FIRST_CHAR.get(text[i]) ?? []) {
      if (text.startsWith(word, i)) {
        hit = { kind, start: i, end: i + word.length };
        break;
      }
    }
    // 超 is a negative event only outside 超额/超前/…; the events table knows.
    if (hit && hit.kind === 'event' && !negativeEventAt(text, i)) hit = { kind: 'neutral', start: i, end: i + 1 };
    if (hit) {
      tokens.push(hit);
      i = hit.end;
    } else {
      i++;
    }
  }
  return tokens;
}

function clauseBreakBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (CLAUSE_BREAKS.includes(text[i])) return true;
  return false;
}

function flip(band: Band): Band | null {
  if (band === 'achieved') return 'not-achieved';
  if (band === 'not-achieved') return 'achieved';
  return null;
}

/** The band signals of a text in order, or null when a signal cannot be read (`未基本完成`). */
function scan(text: string): Band[] | null {
  const signals: Band[] = [];
  let negation: Token | null = null;
  let modifier: Token | null = null;
  let hedge: Token | null = null;
  let lastPolar: { band: Band; end: number } | null = null;
  /** End of the last negated word: a negation covers a list (`无违规违纪`, `未超支、浪费`). */
  let negatedChain: number | null = null;
  const inReach = (t: Token | null, at: number, reach: number): t is Token =>
    t !== null && at - t.end <= reach && !clauseBreakBetween(text, t.end, at);

  for (const t of tokenize(text)) {
    switch (t.kind) {
      case 'neutral':
        continue;
      case 'negation':
        negation = t;
        continue;
      case 'modifier':
        modifier = t;
        continue;
      case 'hedge':
        hedge = t;
        continue;
      default:
        break;
    }
    if (t.end < text.length && MEASURE_SUFFIXES.includes(text[t.end])) continue;
    let band: Band = t.kind === 'event' ? 'not-achieved' : (t.kind as Band);
    if (lastPolar && lastPolar.end === t.start && band === 'achieved' && lastPolar.band !== 'achieved') {
      lastPolar = { band: lastPolar.band, end: t.end };
      continue;
    }
    if (inReach(hedge, t.start, NEGATION_REACH)) {
      hedge = null;
      negation = null;
      continue;
    }
    const chained = negatedChain !== null && CONNECTORS.has(text.slice(negatedChain, t.start));
    if (inReach(negation, t.start, NEGATION_REACH) || chained) {
      negation = null;
      negatedChain = t.end;
      const flipped = flip(band);
      if (flipped === null) return null;
      band = flipped;
    } else {
      negatedChain = null;
    }
    if (modifier && modifier.end === t.start) band = 'partial';
    modifier = null;
    signals.push(band);
    lastPolar = { band, end: t.end };
  }
  return signals;
}

function combine(signals: readonly Band[] | null): Band | 'unknown' {
  if (signals === null || signals.length === 0) return 'unknown';
  const kinds = new Set(signals);
  if (kinds.size === 1) return signals[0];
  if (kinds.has('not-achieved')) return 'unknown';
  return 'partial';
}

interface TargetContext {
  /** Desired answer of a yes/no question target. */
  readonly desired: 'yes' | 'no' | null;
  /** The target rules out a negative event: 不超指标, 无事故, a zero target. */
  readonly avoidsEvent: boolean;
  /** A qualitative target's own word(s), for the repeat rule. */
  readonly word: string | null;
}

function contextOf(target: ParsedTarget | string | undefined): TargetContext {
  if (target === undefined) return { desired: null, avoidsEvent: false, word: null };
  const t = typeof target === 'string' ? parseTarget(target) : target;
  switch (t.kind) {
    case 'question':
      return { desired: t.desired, avoidsEvent: false, word: null };
    case 'zero':
      return { desired: null, avoidsEvent: true, word: null };
    case 'qualitative': {
      const text = normalizeText(t.text);
      return { desired: null, avoidsEvent: isNegativeEvent(text) && desiredAnswer(text) === 'yes', word: stripEnd(text) };
    }
    default:
      return { desired: null, avoidsEvent: false, word: null };
  }
}

function stripEnd(s: string): string {
  return s.replace(/[。.,;!]+$/, '');
}

function answerBand(answer: Answer, ctx: TargetContext): Band | 'unknown' {
  const positive = answer === 'yes' || answer === 'has';
  if (ctx.desired !== null) return positive === (ctx.desired === 'yes') ? 'achieved' : 'not-achieved';
  if (ctx.avoidsEvent) {
    if (answer === 'none' || answer === 'yes') return 'achieved';
    return answer === 'has' ? 'not-achieved' : 'unknown';
  }
  return positive ? 'achieved' : 'unknown';
}

/**
 * The band of a qualitative actual, judged against its target when given (a ParsedTarget or
 * the raw target text), or 'unknown'. Never throws.
 */
export function classifyQualitative(actual: string, target?: ParsedTarget | string): Band | 'unknown' {
  const text = stripEnd(normalizeText(typeof actual === 'string' ? actual : String(actual ?? '')));
  if (text.length === 0) return 'unknown';

  const band = parseBandLabel(text);
  if (band) return band;

  const ctx = contextOf(target);
  if (ctx.word && ctx.word === text) return 'achieved';

  const answer = WHOLE_ANSWERS[text];
  if (answer) return answerBand(answer, ctx);

  const grade = WHOLE_BANDS[text];
  if (grade) return grade;

  return combine(scan(text));
}
