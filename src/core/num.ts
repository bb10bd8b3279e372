import Decimal from 'decimal.js';

/**
 * Decimal helpers. Every money amount, rate and score in the engine is a Decimal; plain
 * numbers appear only at the result boundary (JSON) and in the plan's written values.
 */
export const D = (v: Decimal.Value): Decimal => new Decimal(v);
export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

export type Rounding = 'half-up' | 'truncate';

export function roundTo(v: Decimal, places: number, mode: Rounding = 'half-up'): Decimal {
  if (v.decimalPlaces() <= places) return v; // already exact: no new object
  return v.toDecimalPlaces(places, mode === 'truncate' ? Decimal.ROUND_DOWN : Decimal.ROUND_HALF_UP);
}

export function clamp(v: Decimal, lo: Decimal, hi: Decimal): Decimal {
  return v.lt(lo) ? lo : v.gt(hi) ? hi : v;
}

/** A Decimal as a JSON number (null stays null). */
export function toNum(v: Decimal | null | undefined): number | null {
  if (v == null) return null;
  const n = v.toNumber();
  return Number.isFinite(n) ? n : null; // beyond a double: not a figure anyone can use
}

/** `5.67` → `5.67`, `90` → `90`, `95.6700` → `95.67`: figures as an accountant writes them. */
export function fmt(v: Decimal | null | undefined, places = 2): string {
  if (v == null) return '—';
  return roundTo(v, places).toString();
}

/** A fraction as a percentage with 2 decimals: 0.83493 → `83.49%`. */
export function fmtPct(v: Decimal | null | undefined): string {
  if (v == null) return '—';
  return `${roundTo(v.times(100), 2).toFixed(2)}%`;
}

/** Count of decimals a number was written with (`83.47` → 2, `86` → 0). */
export function decimalsOf(v: Decimal): number {
  return Math.max(0, v.decimalPlaces());
}

/**
 * SPEC §8: a stated percentage matches at its own precision (86% ~ 86.20%), or within 0.01
 * percentage point; never coarser than a whole percent.
 */
export function pctMatches(statedPct: Decimal, computedPct: Decimal): boolean {
  const places = Math.max(0, statedPct.decimalPlaces());
  if (roundTo(computedPct, places).eq(statedPct)) return true;
  return computedPct.minus(statedPct).abs().lte(0.01);
}

/** Sum of the figures present; null when there is none (an empty column is not a zero). */
export function sumPresent(values: Iterable<Decimal | null | undefined>): Decimal | null {
  let s: Decimal | null = null;
  for (const v of values) if (v != null) s = (s ?? ZERO).plus(v);
  return s;
}
