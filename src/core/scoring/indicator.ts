import Decimal from 'decimal.js';
import { aboveZero, belowZero, clamp, cmp, millionths, roundTo } from '../num';
import type { Profile } from '../profiles';
import type { IndicatorRow, NumberCell } from '../layout/types';
import { memoByString } from '../memo';
import { parseActual, parseTarget, classifyQualitative, normalizeText, onOrBefore } from '../values';
import type { Band, Operator, ParsedActual, ParsedTarget, Unit } from '../values/types';
import { bandDefault, inBand } from './bands';

export type Method = 'positive' | 'negative' | 'equal' | 'zero' | 'date' | 'rule' | 'qualitative' | 'stated';
export type Direction = 'positive' | 'negative' | 'equal';

/** What scoring found out about one indicator row; rules read it, never recompute it. */
export interface ScoredIndicator {
  readonly row: IndicatorRow;
  readonly target: ParsedTarget;
  readonly actual: ParsedActual;
  readonly weight: Decimal | null;
  readonly stated: Decimal | null;
  /** Computed score, rounded per profile; null when it cannot be computed. */
  readonly score: Decimal | null;
  readonly method: Method | null;
  readonly direction: Direction | null;
  /** Cost indicator (成本指标 or a 成本/费用/单价 name): no-operator targets are negative. */
  readonly isCost: boolean;
  /** Qualitative classification when one was made. */
  readonly band: Band | 'unknown' | null;
  /** The stated score lay outside its band and was replaced by the band default. */
  readonly statedOutsideBand: boolean;
  /** The actual repeats an operator or is words for a numeric target (SPEC §9). */
  readonly actualNotMeasured: boolean;
  /** Target and actual units that cannot be compared. */
  readonly unitMismatch: { readonly target: string; readonly actual: string } | null;
  /** Actual ÷ target in base units, for quantitative rows. */
  readonly ratio: Decimal | null;
  /** The actual cell holds an Excel error value (`#REF!`): read as blank. */
  readonly actualError: string | null;
  /** The score cell holds a number with words (`9（扣1分）`): `stated` is its number; never overwritten. */
  readonly statedAnnotated: boolean;
  /**
   * The 分值 cannot be used (issue 12 item 4): covered by a merge anchored in another column,
   * or text that is no figure (spaces, `三十左右`). The row is not scored, its typed score
   * is not summed, and no total is written. Set by the table analysis.
   */
  readonly weightProblem?: 'covered' | 'unreadable';
}

/** Excel's error values, as a cell shows them. */
const EXCEL_ERROR = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)$/i;

/** `#REF!`, `#N/A`…: an Excel error value (or its text); such a cell is read as blank. */
export function excelError(text: string | undefined): string | null {
  const t = (text ?? '').trim();
  return t.startsWith('#') && EXCEL_ERROR.test(t) ? t.toUpperCase() : null;
}

/** A number followed by words: `9（扣1分）`, `9分(扣1分)`, `8.5，扣1.5分` (after normalisation). */
const ANNOTATED = /^([+-]?\d+(?:\.\d+)?)分?(?:\(.*\)|\[.*\]|【.*】|[,;:、].+)$/;

/**
 * The number a score cell states when it carries a remark (`9（扣1分）`): the cell is the
 * user's, so it is read, never overwritten. Null for anything else (plain numbers are read
 * by the layout).
 */
export function annotatedNumber(cell: NumberCell | null): Decimal | null {
  if (!cell || cell.value !== null || cell.raw.t !== 'text') return null;
  const m = ANNOTATED.exec(normalizeText(cell.raw.v));
  return m ? new Decimal(m[1]) : null;
}

const COST_NAME = /成本|费用|单价|经费标准|补助标准|救助标准|人均.*(费|标准)/;

export function isCostIndicator(row: IndicatorRow): boolean {
  return /成本/.test(row.level1) || /成本/.test(row.level2) || COST_NAME.test(row.name);
}

/** Cost names where higher really is better: savings and reductions. */
const SAVING = /节约|节省|降低|下降|压减|压缩|减少/;
/** Spending words in a name (SPEC §4.1): an amount to keep low. */
const SPENDING = /成本|费用|费|单价|标准/;

/**
 * A cost indicator whose figure is an amount to keep low (SPEC §4.1 negative direction).
 * Not savings (成本节约率 5%) nor a percentage rate under 成本指标 whose name is not a spending
 * word (资金使用率 95%): for those, as an accountant reads them, higher is better.
 */
export function isCostAmount(row: IndicatorRow, target: ParsedTarget): boolean {
  return isCostIndicator(row) && isCostAmountOf(row, target);
}

/** isCostAmount of a row already known to be a cost indicator. */
function isCostAmountOf(row: IndicatorRow, target: ParsedTarget): boolean {
  if (SAVING.test(row.name)) return false;
  const unit = target.kind === 'quantity' || target.kind === 'zero' || target.kind === 'rule' ? target.unit : null;
  return !(unit?.base === '%' && (!SPENDING.test(row.name) || /率$/.test(row.name)));
}

function directionOf(op: Operator | null, isCost: boolean): Direction {
  if (op === '≥' || op === '>') return 'positive';
  if (op === '≤' || op === '<') return 'negative';
  if (op === '=') return 'equal';
  return isCost ? 'negative' : 'positive';
}

/**
 * An actual in the target's base unit. Values with a unit already are (parser contract);
 * a bare number is read in the target's written unit (`≤90万元` / `90` is 90 万元).
 */
function actualInBase(actual: { value: Decimal; unit: Unit | null }, targetUnit: Unit | null): Decimal {
  return actual.unit ? actual.value : actual.value.times(targetUnit?.factor ?? 1);
}

const ON_TIME = /按时|提前|如期|准时|已完成|全面完成|^完成/;

const ZERO = new Decimal(0);

/**
 * Round a score per profile without crossing its weight. A full score is the weight itself,
 * even one written with three decimals (4.725 stays 4.725, never 4.73); anything below
 * that rounds down when rounding would cross the weight.
 */
export function roundWithin(v: Decimal, weight: Decimal | null, p: Profile): Decimal {
  if (weight !== null && cmp(v, weight) >= 0) return weight;
  const r = roundTo(v, p.decimals, p.rounding);
  return weight !== null && cmp(r, weight) > 0 ? roundTo(v, p.decimals, 'truncate') : r;
}

/**
 * A pure function of a parsed target (memoized, so one object per text) and a second key,
 * memoized on both: a long table repeats the same target and actual thousands of times.
 * Cleared when full, like memoByString.
 */
function memoByTarget<K, V>(fn: (target: ParsedTarget, key: K) => V, limit = 20000): (target: ParsedTarget, key: K) => V {
  let cache = new Map<ParsedTarget, Map<K, V>>();
  let size = 0;
  return (target, key) => {
    let m = cache.get(target);
    const hit = m?.get(key);
    if (hit !== undefined) return hit;
    const v = fn(target, key);
    if (size >= limit) {
      cache = new Map();
      size = 0;
      m = undefined;
    }
    if (!m) cache.set(target, (m = new Map()));
    m.set(key, v);
    size++;
    return v;
  };
}

const classifyMemo = memoByTarget((target: ParsedTarget, text: string) => classifyQualitative(text, target));

/**
 * Scores of a long table take few values (0.01, 4.75, 9.5): one Decimal per value instead of
 * one per row. Only computed scores are shared, never a figure read from a cell (results tell
 * a typed score from a computed one by identity).
 */
const sharedScores = new Map<number, Decimal>();
function shareScore(v: Decimal): Decimal {
  // Rounded scores have at most 6 decimals: their millionths identify them exactly.
  const key = v.s < 0 ? null : millionths(v);
  if (key === null) return v;
  const hit = sharedScores.get(key);
  if (hit !== undefined) return hit;
  if (sharedScores.size >= 10000) sharedScores.clear();
  sharedScores.set(key, v);
  return v;
}

const ONE = new Decimal(1);
const ONE_AND_A_HALF = new Decimal(1.5);

/** `Decimal.max(0, v)` without its two copies. */
function nonNegative(v: Decimal): Decimal {
  return v.s < 0 ? ZERO : v;
}

/**
 * A quantitative target and actual: A, the target value, and B, the actual in the target's
 * base unit (never below 0), with the quotients scoring and rules take of them, each computed
 * once (`quantityMemo` shares one object among the rows with the same two texts).
 */
class Quantities {
  readonly A: Decimal;
  readonly B: Decimal;
  private r?: Decimal;
  private inv?: Decimal;
  private lin?: Decimal;
  constructor(target: ParsedTarget & { kind: 'quantity' }, actual: ParsedActual & { kind: 'quantity' }) {
    this.A = target.value;
    const B = nonNegative(actualInBase(actual, target.unit));
    // `0.95` typed against `≥90%` is 95%: a fraction in a percentage row (as SPEC §6 reads rates).
    this.B = target.unit?.base === '%' && !actual.unit && cmp(B, ONE_AND_A_HALF) <= 0 && cmp(this.A, ONE_AND_A_HALF) > 0 ? B.times(100) : B;
  }
  /** B ÷ A (A ≠ 0). */
  get ratio(): Decimal {
    return (this.r ??= this.B.div(this.A));
  }
  /** A ÷ B (B ≠ 0): the negative indicator's share. */
  get inverse(): Decimal {
    return (this.inv ??= this.A.div(this.B));
  }
  /** 1 − (B − A) ÷ A (A ≠ 0): the negative indicator's share, linear (SPEC §5). */
  get linear(): Decimal {
    return (this.lin ??= ONE.minus(this.B.minus(this.A).div(this.A)));
  }
}

const quantityMemo = memoByTarget((target: ParsedTarget, actual: ParsedActual): Quantities => {
  if (target.kind !== 'quantity' || actual.kind !== 'quantity') throw new Error('quantities of a non-quantitative row');
  return new Quantities(target, actual);
});

/**
 * weight × share as `done` finishes it (clamped to [0, weight], rounded within it, shared),
 * for the shares of `Quantities`: a long table repeats its target, actual and weight, so each
 * such score is computed once per profile. A score that is the weight itself is the row's own
 * weight object (stored as null).
 */
let partialScores = new WeakMap<Profile, Map<Decimal, Map<number, Decimal | null>>>();
let partialCount = 0;
function partialScore(weight: Decimal, share: Decimal, p: Profile): Decimal {
  const key = millionths(weight);
  let byShare = partialScores.get(p);
  if (!byShare) partialScores.set(p, (byShare = new Map()));
  let byWeight = byShare.get(share);
  const hit = key === null ? undefined : byWeight?.get(key);
  if (hit !== undefined) return hit ?? weight;
  const rounded = roundWithin(clamp(weight.times(share), ZERO, weight), weight, p);
  const score = rounded === weight || rounded === ZERO ? rounded : shareScore(rounded);
  if (key !== null) {
    // Bounded like the other memos: cleared when full.
    if (++partialCount > 20000) {
      partialScores = new WeakMap();
      partialCount = 1;
      partialScores.set(p, (byShare = new Map()));
      byWeight = undefined;
    }
    if (!byWeight) byShare.set(share, (byWeight = new Map()));
    byWeight.set(key, score === weight ? null : score);
  }
  return score;
}

const METHODS: readonly (Method | null)[] = [null, 'positive', 'negative', 'equal', 'zero', 'date', 'rule', 'qualitative', 'stated'];
const DIRECTIONS: readonly (Direction | null)[] = [null, 'positive', 'negative', 'equal'];
const BANDS: readonly (Band | 'unknown' | null)[] = [null, 'unknown', 'achieved', 'partial', 'not-achieved'];
const WEIGHT_PROBLEMS: readonly ('covered' | 'unreadable' | undefined)[] = [undefined, 'covered', 'unreadable'];

// Bit fields of `Scored.bits`: three small enumerations and five flags in one integer.
const METHOD_SHIFT = 0; // 4 bits
const DIRECTION_SHIFT = 4; // 2 bits
const BAND_SHIFT = 6; // 3 bits
const PROBLEM_SHIFT = 9; // 2 bits
const IS_COST = 1 << 11;
const OUTSIDE_BAND = 1 << 12;
const NOT_MEASURED = 1 << 13;
const STATED_ANNOTATED = 1 << 14;
const HAS_RATIO = 1 << 15;

/**
 * A ScoredIndicator as scoring builds it: a long table holds one per row, so the verdict's
 * small parts (method, direction, band, flags) share one integer, weight and typed score are
 * read from the row, and the ratio, which one rule reads, is computed when asked (from the
 * same memo scoring used). Mutable only while the
 * table analysis completes it (a 分值 it cannot use).
 */
interface Rare {
  unitMismatch: ScoredIndicator['unitMismatch'];
  actualError: string | null;
  annotated: Decimal | null;
}

export class Scored implements ScoredIndicator {
  score: Decimal | null = null;
  bits = 0;
  /** What few rows have, kept out of the common row. */
  private rare: Rare | null = null;
  constructor(
    readonly row: IndicatorRow,
    readonly target: ParsedTarget,
    readonly actual: ParsedActual,
  ) {}

  /** The row's 分值, as the layout read it. */
  get weight(): Decimal | null {
    return this.row.weight?.value ?? null;
  }
  /** The row's typed score, or the number of a score with a remark (`9（扣1分）`). */
  get stated(): Decimal | null {
    return this.row.score?.value ?? this.rare?.annotated ?? null;
  }
  set annotated(v: Decimal) {
    this.more().annotated = v;
    this.flag(STATED_ANNOTATED, true);
  }
  private more(): Rare {
    return (this.rare ??= { unitMismatch: null, actualError: null, annotated: null });
  }

  private put(shift: number, mask: number, v: number): void {
    this.bits = (this.bits & ~(mask << shift)) | (v << shift);
  }
  private flag(f: number, on: boolean): void {
    this.bits = on ? this.bits | f : this.bits & ~f;
  }

  get method(): Method | null {
    return METHODS[(this.bits >>> METHOD_SHIFT) & 15];
  }
  set method(m: Method | null) {
    this.put(METHOD_SHIFT, 15, METHODS.indexOf(m));
  }
  get direction(): Direction | null {
    return DIRECTIONS[(this.bits >>> DIRECTION_SHIFT) & 3];
  }
  set direction(d: Direction | null) {
    this.put(DIRECTION_SHIFT, 3, DIRECTIONS.indexOf(d));
  }
  get band(): Band | 'unknown' | null {
    return BANDS[(this.bits >>> BAND_SHIFT) & 7];
  }
  set band(b: Band | 'unknown' | null) {
    this.put(BAND_SHIFT, 7, BANDS.indexOf(b));
  }
  get weightProblem(): 'covered' | 'unreadable' | undefined {
    return WEIGHT_PROBLEMS[(this.bits >>> PROBLEM_SHIFT) & 3];
  }
  set weightProblem(w: 'covered' | 'unreadable' | undefined) {
    this.put(PROBLEM_SHIFT, 3, WEIGHT_PROBLEMS.indexOf(w));
  }
  get isCost(): boolean {
    return (this.bits & IS_COST) !== 0;
  }
  set isCost(v: boolean) {
    this.flag(IS_COST, v);
  }
  get statedOutsideBand(): boolean {
    return (this.bits & OUTSIDE_BAND) !== 0;
  }
  set statedOutsideBand(v: boolean) {
    this.flag(OUTSIDE_BAND, v);
  }
  get actualNotMeasured(): boolean {
    return (this.bits & NOT_MEASURED) !== 0;
  }
  set actualNotMeasured(v: boolean) {
    this.flag(NOT_MEASURED, v);
  }
  get statedAnnotated(): boolean {
    return (this.bits & STATED_ANNOTATED) !== 0;
  }
  get unitMismatch(): ScoredIndicator['unitMismatch'] {
    return this.rare?.unitMismatch ?? null;
  }
  set unitMismatch(u: ScoredIndicator['unitMismatch']) {
    this.more().unitMismatch = u;
  }
  get actualError(): string | null {
    return this.rare?.actualError ?? null;
  }
  set actualError(e: string | null) {
    this.more().actualError = e;
  }
  get ratio(): Decimal | null {
    return this.bits & HAS_RATIO ? quantityMemo(this.target, this.actual).ratio : null;
  }
  /** The row is quantitative with a non-zero target: `ratio` is actual ÷ target. */
  set hasRatio(v: boolean) {
    this.flag(HAS_RATIO, v);
  }
}

// The branches of scoreIndicator set what they found (direction, flags) on the verdict, then
// finish it with one of these three.

/** No score computed: the typed score is kept (rounded), or none. */
function keepStated(res: Scored, p: Profile): Scored {
  const { stated, weight } = res;
  // A negative score or weight is a typing error, never a figure to add up (`score-negative`,
  // `weight-negative`): the row stays unscored and the total incomplete.
  if ((stated !== null && belowZero(stated)) || (weight !== null && belowZero(weight))) return res;
  // A kept score is rounded like any other, so the total is the sum of rounded parts (SPEC §8).
  res.score = stated !== null && weight !== null && aboveZero(weight) ? roundWithin(clamp(stated, ZERO, weight), weight, p) : stated;
  res.method = stated !== null ? 'stated' : null;
  return res;
}

/** A computed score (weight > 0), clamped to [0, weight] and rounded. */
function done(res: Scored, p: Profile, raw: Decimal, method: Method): Scored {
  const weight = res.weight!;
  const score = roundWithin(clamp(raw, ZERO, weight), weight, p);
  res.score = score === weight || score === ZERO ? score : shareScore(score);
  res.method = method;
  return res;
}

/** `done` with weight × share, a share of `Quantities` (memoized by partialScore). */
function doneShare(res: Scored, p: Profile, share: Decimal, method: Method): Scored {
  res.score = partialScore(res.weight!, share, p);
  res.method = method;
  return res;
}

function qualitative(res: Scored, p: Profile, band: Band | 'unknown'): Scored {
  const { stated, weight } = res;
  if (band === 'unknown' || weight === null) {
    res.band = band;
    return keepStated(res, p);
  }
  if (stated !== null && inBand(stated, band, weight, p)) {
    res.band = band;
    res.score = roundWithin(stated, weight, p);
    res.method = 'qualitative';
    return res;
  }
  // A numeric target answered without a figure (`已完成（详见报告）`): the words may confirm a
  // typed score in their band, but never make one up — no band default, no full score; the
  // typed score (or none) is kept and `actual-not-measured` says the figure is missing
  // (issue 12 item 8).
  if (res.actualNotMeasured && res.actual.kind !== 'quantity') return keepStated(res, p);
  res.band = band;
  res.statedOutsideBand = stated !== null;
  return done(res, p, bandDefault(band, weight, p), 'qualitative');
}

// Parsing is pure: memoize on the texts that determine it (see memo.ts).
const SEP = '\u0000';
const targetMemo = memoByString((k) => {
  const [text, operatorColumn, unitColumn] = k.split(SEP);
  return parseTarget(text, { operatorColumn: operatorColumn || undefined, unitColumn: unitColumn || undefined });
});
const actualMemo = new Map<Unit | null, (k: string) => ParsedActual>();
function parseActualMemo(text: string, unitColumn: string | undefined, targetUnit: Unit | null): ParsedActual {
  let m = actualMemo.get(targetUnit);
  if (!m) {
    if (actualMemo.size > 200) actualMemo.clear();
    m = memoByString((k) => {
      const [t, u] = k.split(SEP);
      return parseActual(t, { unitColumn: u || undefined, targetUnit });
    });
    actualMemo.set(targetUnit, m);
  }
  return m(unitColumn ? `${text}${SEP}${unitColumn}` : text);
}

export interface ScoreContext {
  readonly profile: Profile;
  readonly year: number | null;
}

const NO_TEXTS: IndicatorRow['texts'] = {};

/**
 * Score one indicator row (SPEC §4–5). Pure: reads the row, returns the verdict. `typedOnly`:
 * the row's texts are not read (evaluation tables: the typed score is the score), though the
 * verdict keeps the row, texts and all, for results and rules.
 */
export function scoreIndicator(row: IndicatorRow, ctx: ScoreContext, typedOnly = false): Scored {
  const p = ctx.profile;
  const texts = typedOnly ? NO_TEXTS : row.texts;
  const tText = excelError(texts.target?.text) ? '' : texts.target?.text ?? '';
  const opText = texts.operator?.text ?? '';
  const unitText = texts.unit?.text ?? '';
  // A cell's own string is flat and hashed once by V8; only build a compound key when needed.
  const target = targetMemo(opText || unitText ? `${tText}${SEP}${opText}${SEP}${unitText}` : tText);
  const targetUnit = target.kind === 'quantity' || target.kind === 'rule' || target.kind === 'zero' ? target.unit : null;
  const actualError = excelError(texts.actual?.text);
  const actual = parseActualMemo(actualError ? '' : texts.actual?.text ?? '', texts.unit?.text, targetUnit);
  const res = new Scored(row, target, actual);
  const annotated = row.score?.value == null ? annotatedNumber(row.score) : null;
  if (annotated !== null) res.annotated = annotated;
  if (isCostIndicator(row)) res.isCost = true;
  if (actualError !== null) res.actualError = actualError;
  const weight = res.weight;

  // No usable weight (empty, 0, negative): nothing to score against; keep the typed score.
  if (weight === null || !aboveZero(weight)) return keepStated(res, p);
  if (actual.kind === 'empty') {
    // No actual: a band label written as the target is the grade itself; else keep the typed score.
    if (target.kind === 'band') return qualitative(res, p, target.band);
    return keepStated(res, p);
  }

  if (actual.kind === 'band') {
    res.actualNotMeasured = target.kind === 'quantity';
    return qualitative(res, p, actual.band);
  }

  switch (target.kind) {
    case 'quantity': {
      res.direction = directionOf(target.op, res.isCost && isCostAmountOf(row, target));
      if (actual.kind !== 'quantity') {
        res.actualNotMeasured = true;
        return qualitative(res, p, classifyMemo(target, actual.text));
      }
      if (target.unit && actual.unit && target.unit.base !== actual.unit.base) {
        res.unitMismatch = { target: target.unit.written, actual: actual.unit.written };
        return keepStated(res, p);
      }
      const q = quantityMemo(target, actual);
      const { A, B } = q;
      res.hasRatio = !A.isZero();
      res.actualNotMeasured = actual.op !== null;
      const direction = res.direction;
      if (direction === 'equal' && A.isZero()) return done(res, p, cmp(B, ZERO) <= 0 ? weight : ZERO, 'zero');
      if (direction === 'negative') {
        if (A.isZero()) return done(res, p, cmp(B, ZERO) <= 0 ? weight : ZERO, 'zero');
        if (p.negativeFormula === 'linear') {
          if (cmp(B, A) <= 0) return done(res, p, weight, 'negative');
          if (cmp(B, A.times(2)) >= 0) return done(res, p, ZERO, 'negative');
          return doneShare(res, p, q.linear, 'negative');
        }
        if (cmp(B, A) <= 0) return done(res, p, weight, 'negative');
        return doneShare(res, p, q.inverse, 'negative');
      }
      if (A.isZero() || cmp(B, A) >= 0) return done(res, p, weight, direction!);
      return doneShare(res, p, q.ratio, direction!);
    }
    case 'zero': {
      res.direction = 'negative';
      if (actual.kind !== 'quantity') {
        res.actualNotMeasured = true;
        return qualitative(res, p, classifyMemo(target, actual.text));
      }
      res.actualNotMeasured = actual.op !== null;
      return done(res, p, cmp(actual.value, ZERO) <= 0 ? weight : ZERO, 'zero');
    }
    case 'date': {
      res.direction = 'negative';
      if (actual.kind === 'date') {
        const ok = onOrBefore(actual.date, target.date, ctx.year ?? undefined);
        if (ok) return done(res, p, weight, 'date');
        // Later than the deadline: the partial band (SPEC §5), reported as a date row.
        qualitative(res, p, 'partial');
        if (res.method === 'qualitative') res.method = 'date';
        return res;
      }
      if (ON_TIME.test(actual.text) && !/未|没有|不/.test(actual.text)) return done(res, p, weight, 'date');
      return qualitative(res, p, classifyMemo(target, actual.text));
    }
    case 'rule': {
      if (actual.kind !== 'quantity') {
        res.actualNotMeasured = true;
        return qualitative(res, p, classifyMemo(target, actual.text));
      }
      const B = nonNegative(actualInBase(actual, target.unit));
      const short = target.op === '≤' || target.op === '<' ? nonNegative(B.minus(target.value)) : nonNegative(target.value.minus(B));
      res.direction = directionOf(target.op, false);
      return done(res, p, weight.minus(short.times(target.pointsPerUnit)), 'rule');
    }
    default:
      return qualitative(res, p, classifyMemo(target, actual.text));
  }
}
