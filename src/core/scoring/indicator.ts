import Decimal from 'decimal.js';
import { clamp, roundTo } from '../num';
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
  if (!isCostIndicator(row) || SAVING.test(row.name)) return false;
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
  if (weight !== null && v.gte(weight)) return weight;
  const r = roundTo(v, p.decimals, p.rounding);
  return weight !== null && r.gt(weight) ? roundTo(v, p.decimals, 'truncate') : r;
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

/** Score one indicator row (SPEC §4–5). Pure: reads the row, returns the verdict. */
export function scoreIndicator(row: IndicatorRow, ctx: ScoreContext): ScoredIndicator {
  const p = ctx.profile;
  const texts = row.texts;
  const tText = excelError(texts.target?.text) ? '' : texts.target?.text ?? '';
  const opText = texts.operator?.text ?? '';
  const unitText = texts.unit?.text ?? '';
  // A cell's own string is flat and hashed once by V8; only build a compound key when needed.
  const target = targetMemo(opText || unitText ? `${tText}${SEP}${opText}${SEP}${unitText}` : tText);
  const targetUnit = target.kind === 'quantity' || target.kind === 'rule' || target.kind === 'zero' ? target.unit : null;
  const actualError = excelError(texts.actual?.text);
  const actual = parseActualMemo(actualError ? '' : texts.actual?.text ?? '', texts.unit?.text, targetUnit);
  const weight = row.weight?.value ?? null;
  const annotated = row.score?.value == null ? annotatedNumber(row.score) : null;
  const stated = row.score?.value ?? annotated;
  const isCost = isCostIndicator(row);
  // One result object per row, filled in place: this runs for every row of large sheets.
  const res: { -readonly [K in keyof ScoredIndicator]: ScoredIndicator[K] } = {
    row,
    target,
    actual,
    weight,
    stated,
    isCost,
    score: null,
    method: null,
    band: null,
    statedOutsideBand: false,
    actualNotMeasured: false,
    unitMismatch: null,
    ratio: null,
    direction: null,
    actualError,
    statedAnnotated: annotated !== null,
  };
  const keepStated = (extra?: Partial<ScoredIndicator>): ScoredIndicator => {
    if (extra) Object.assign(res, extra);
    // A negative score or weight is a typing error, never a figure to add up (`score-negative`,
    // `weight-negative`): the row stays unscored and the total incomplete.
    if ((stated !== null && stated.lt(0)) || (weight !== null && weight.lt(0))) return res;
    // A kept score is rounded like any other, so the total is the sum of rounded parts (SPEC §8).
    res.score = stated !== null && weight !== null && weight.gt(0) ? roundWithin(clamp(stated, ZERO, weight), weight, p) : stated;
    res.method = stated !== null ? 'stated' : null;
    return res;
  };
  const done = (raw: Decimal, method: Method, extra?: Partial<ScoredIndicator>): ScoredIndicator => {
    if (extra) Object.assign(res, extra);
    res.score = roundWithin(clamp(raw, ZERO, weight ?? raw), weight, p);
    res.method = method;
    return res;
  };
  const qualitative = (band: Band | 'unknown', extra?: Partial<ScoredIndicator>): ScoredIndicator => {
    if (band === 'unknown' || weight === null) return keepStated({ ...extra, band });
    if (stated !== null && inBand(stated, band, weight, p)) {
      if (extra) Object.assign(res, extra);
      res.band = band;
      res.score = roundWithin(stated, weight, p);
      res.method = 'qualitative';
      return res;
    }
    // A numeric target answered without a figure (`已完成（详见报告）`): the words may confirm a
    // typed score in their band, but never make one up — no band default, no full score; the
    // typed score (or none) is kept and `actual-not-measured` says the figure is missing
    // (issue 12 item 8).
    if (extra?.actualNotMeasured && actual.kind !== 'quantity') return keepStated({ ...extra });
    return done(bandDefault(band, weight, p), 'qualitative', { ...extra, band, statedOutsideBand: stated !== null });
  };

  // No usable weight (empty, 0, negative): nothing to score against; keep the typed score.
  if (weight === null || weight.lte(0)) return keepStated();
  if (actual.kind === 'empty') {
    // No actual: a band label written as the target is the grade itself; else keep the typed score.
    if (target.kind === 'band') return qualitative(target.band);
    return keepStated();
  }

  if (actual.kind === 'band') return qualitative(actual.band, { actualNotMeasured: target.kind === 'quantity' });

  switch (target.kind) {
    case 'quantity': {
      const direction = directionOf(target.op, isCostAmount(row, target));
      if (actual.kind !== 'quantity') {
        return qualitative(classifyQualitative(actual.text, target), { actualNotMeasured: true, direction });
      }
      if (target.unit && actual.unit && target.unit.base !== actual.unit.base) {
        return keepStated({ unitMismatch: { target: target.unit.written, actual: actual.unit.written }, direction });
      }
      const A = target.value;
      let B = Decimal.max(0, actualInBase(actual, target.unit));
      // `0.95` typed against `≥90%` is 95%: a fraction in a percentage row (as SPEC §6 reads rates).
      if (target.unit?.base === '%' && !actual.unit && B.lte(1.5) && A.gt(1.5)) B = B.times(100);
      const ratio = A.isZero() ? null : B.div(A);
      const extra = { direction, ratio, actualNotMeasured: actual.op !== null };
      if (direction === 'equal' && A.isZero()) return done(B.lte(0) ? weight : new Decimal(0), 'zero', extra);
      if (direction === 'negative') {
        if (A.isZero()) return done(B.lte(0) ? weight : new Decimal(0), 'zero', extra);
        if (p.negativeFormula === 'linear') {
          if (B.lte(A)) return done(weight, 'negative', extra);
          if (B.gte(A.times(2))) return done(new Decimal(0), 'negative', extra);
          return done(weight.times(new Decimal(1).minus(B.minus(A).div(A))), 'negative', extra);
        }
        if (B.lte(A)) return done(weight, 'negative', extra);
        return done(weight.times(A.div(B)), 'negative', extra);
      }
      if (A.isZero() || B.gte(A)) return done(weight, direction, extra);
      return done(weight.times(B.div(A)), direction, extra);
    }
    case 'zero': {
      if (actual.kind !== 'quantity') {
        return qualitative(classifyQualitative(actual.text, target), { actualNotMeasured: true, direction: 'negative' });
      }
      return done(actual.value.lte(0) ? weight : new Decimal(0), 'zero', { direction: 'negative', actualNotMeasured: actual.op !== null });
    }
    case 'date': {
      if (actual.kind === 'date') {
        const ok = onOrBefore(actual.date, target.date, ctx.year ?? undefined);
        if (ok) return done(weight, 'date', { direction: 'negative' });
        // Later than the deadline: the partial band (SPEC §5), reported as a date row.
        qualitative('partial', { direction: 'negative' });
        if (res.method === 'qualitative') res.method = 'date';
        return res;
      }
      if (ON_TIME.test(actual.text) && !/未|没有|不/.test(actual.text)) return done(weight, 'date', { direction: 'negative' });
      return qualitative(classifyQualitative(actual.text, target), { direction: 'negative' });
    }
    case 'rule': {
      if (actual.kind !== 'quantity') {
        return qualitative(classifyQualitative(actual.text, target), { actualNotMeasured: true });
      }
      const B = Decimal.max(0, actualInBase(actual, target.unit));
      const short = target.op === '≤' || target.op === '<' ? Decimal.max(0, B.minus(target.value)) : Decimal.max(0, target.value.minus(B));
      return done(weight.minus(short.times(target.pointsPerUnit)), 'rule', { direction: directionOf(target.op, false) });
    }
    default:
      return qualitative(classifyQualitative(actual.text, target));
  }
}
