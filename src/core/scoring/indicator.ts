import Decimal from 'decimal.js';
import { clamp, roundTo } from '../num';
import type { Profile } from '../profiles';
import type { IndicatorRow } from '../layout/types';
import { parseActual, parseTarget, classifyQualitative, onOrBefore } from '../values';
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
}

const COST_NAME = /成本|费用|单价|经费标准|补助标准|救助标准|人均.*(费|标准)/;

export function isCostIndicator(row: IndicatorRow): boolean {
  return /成本/.test(row.level1) || /成本/.test(row.level2) || COST_NAME.test(row.name);
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

export interface ScoreContext {
  readonly profile: Profile;
  readonly year: number | null;
}

/** Score one indicator row (SPEC §4–5). Pure: reads the row, returns the verdict. */
export function scoreIndicator(row: IndicatorRow, ctx: ScoreContext): ScoredIndicator {
  const p = ctx.profile;
  const texts = row.texts;
  const target = parseTarget(texts.target?.text ?? '', {
    operatorColumn: texts.operator?.text,
    unitColumn: texts.unit?.text,
  });
  const targetUnit = target.kind === 'quantity' || target.kind === 'rule' || target.kind === 'zero' ? target.unit : null;
  const actual = parseActual(texts.actual?.text ?? '', { unitColumn: texts.unit?.text, targetUnit });
  const weight = row.weight?.value ?? null;
  const stated = row.score?.value ?? null;
  const isCost = isCostIndicator(row);
  const base = {
    row,
    target,
    actual,
    weight,
    stated,
    isCost,
    band: null,
    statedOutsideBand: false,
    actualNotMeasured: false,
    unitMismatch: null,
    ratio: null,
    direction: null,
  } satisfies Omit<ScoredIndicator, 'score' | 'method'>;

  const keepStated = (extra: Partial<ScoredIndicator> = {}): ScoredIndicator => ({
    ...base,
    ...extra,
    score: stated !== null && weight !== null ? clamp(stated, new Decimal(0), weight) : stated,
    method: stated !== null ? 'stated' : null,
  });
  const done = (raw: Decimal, method: Method, extra: Partial<ScoredIndicator> = {}): ScoredIndicator => ({
    ...base,
    ...extra,
    score: roundTo(clamp(raw, new Decimal(0), weight ?? raw), p.decimals, p.rounding),
    method,
  });
  const qualitative = (band: Band | 'unknown', extra: Partial<ScoredIndicator> = {}): ScoredIndicator => {
    if (band === 'unknown' || weight === null) return keepStated({ ...extra, band });
    if (stated !== null && inBand(stated, band, weight, p)) {
      return { ...base, ...extra, band, score: roundTo(stated, p.decimals, p.rounding), method: 'qualitative' };
    }
    return done(bandDefault(band, weight, p), 'qualitative', { ...extra, band, statedOutsideBand: stated !== null });
  };

  if (weight === null || weight.isZero()) return keepStated();
  if (actual.kind === 'empty') {
    // No actual: a band label written as the target is the grade itself; else keep the typed score.
    if (target.kind === 'band') return qualitative(target.band);
    return keepStated();
  }

  if (actual.kind === 'band') return qualitative(actual.band, { actualNotMeasured: target.kind === 'quantity' });

  switch (target.kind) {
    case 'quantity': {
      const direction = directionOf(target.op, isCost);
      if (actual.kind !== 'quantity') {
        return qualitative(classifyQualitative(actual.text, target), { actualNotMeasured: true, direction });
      }
      if (target.unit && actual.unit && target.unit.base !== actual.unit.base) {
        return keepStated({ unitMismatch: { target: target.unit.written, actual: actual.unit.written }, direction });
      }
      const A = target.value;
      const B = Decimal.max(0, actualInBase(actual, target.unit));
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
        if (B.lte(0)) return done(weight, 'negative', extra);
        return done(weight.times(Decimal.min(A.div(B), 1)), 'negative', extra);
      }
      if (A.isZero()) return done(weight, direction, extra);
      return done(weight.times(Decimal.min(B.div(A), 1)), direction, extra);
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
        return ok ? done(weight, 'date', { direction: 'negative' }) : qualitativeDate('partial');
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

  function qualitativeDate(band: Band): ScoredIndicator {
    return qualitative(band, { direction: 'negative' });
  }
}
