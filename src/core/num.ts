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
  return cmp(v, lo) < 0 ? lo : cmp(v, hi) > 0 ? hi : v;
}

/**
 * `x.cmp(y)` without its copy: decimal.js compares against `new Decimal(y)`, a fresh object and
 * digits array on every call, and a long table compares several figures per row. The same
 * steps as decimal.js 10 `comparedTo`, on the documented instance properties d (base 1e7
 * digits), e (exponent) and s (sign): 1, -1, 0, or NaN when either is NaN.
 */
export function cmp(x: Decimal, y: Decimal): number {
  const xd = x.d;
  const yd = y.d;
  const xs = x.s;
  const ys = y.s;
  // Either NaN or ±Infinity (no digits).
  if (!xd || !yd) return !xs || !ys ? NaN : xs !== ys ? xs : xd === yd ? 0 : !xd !== xs < 0 ? 1 : -1;
  // Either zero?
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (x.e !== y.e) return x.e > y.e !== xs < 0 ? 1 : -1;
  const xl = xd.length;
  const yl = yd.length;
  for (let i = 0, j = xl < yl ? xl : yl; i < j; ++i) {
    if (xd[i] !== yd[i]) return xd[i] > yd[i] !== xs < 0 ? 1 : -1;
  }
  return xl === yl ? 0 : xl > yl !== xs < 0 ? 1 : -1;
}

/** `v.gt(0)` and `v.lt(0)` without decimal.js's copy of the 0 (false for NaN, as there). */
export const aboveZero = (v: Decimal): boolean => cmp(v, ZERO) > 0;
export const belowZero = (v: Decimal): boolean => cmp(v, ZERO) < 0;

/** Shortest decimal form without binary noise (0.1 + 0.2 → `0.3`). */
export function trimNumber(n: number): string {
  const plain = String(n);
  // Up to 15 significant digits is exactly what Excel stored: no noise to trim.
  if (!Number.isFinite(n) || plain.length <= 15 || plain.includes('e')) return plain;
  return String(Number(n.toPrecision(15)));
}

/**
 * One Decimal per distinct number (Decimals are immutable): cell figures repeat down a sheet
 * (a weight per row) and profile settings are compared on every row. Built from the number's
 * `trimNumber` digits; the cache is cleared when it reaches 50,000 numbers.
 */
const decimals = new Map<number, Decimal>();
export function decimalOf(n: number): Decimal {
  let d = decimals.get(n);
  if (d === undefined) {
    if (decimals.size >= 50000) decimals.clear();
    d = new Decimal(trimNumber(n));
    decimals.set(n, d);
  }
  return d;
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

/**
 * v × 10⁶ as a plain number when that is a whole number and |v| < 10⁷ (a weight, a score, a
 * rate), else null: read off the digits (base 10⁷ words aligned on the decimal point, the
 * documented d/e/s), no string and no Decimal built. Exact: every term is an integer < 2⁵³.
 */
export function millionths(v: Decimal): number | null {
  const d = v.d;
  if (!d) return null;
  const k = Math.floor(v.e / 7); // index of the word holding units, counted from d[0]
  if (k > 0) return null;
  let n = 0;
  for (let i = 0; i < d.length; i++) {
    const p = 7 * (k - i) + 6; // this word's power of ten, in millionths
    if (p >= 0) n += d[i] * 10 ** p;
    else if (p === -1 && d[i] % 10 === 0) n += d[i] / 10;
    else if (d[i] !== 0) return null;
  }
  return v.s < 0 ? -n : n;
}

/**
 * Sum of the figures present; null when there is none (an empty column is not a zero).
 * A long table's weights and scores (0.01, 4.75…) are summed as whole millionths in a double,
 * exact below 2⁵³, so no Decimal is built per row; the first figure that does not fit
 * continues the sum in Decimal. Either way the result is the exact sum, as Decimal gives it.
 */
export function sumPresent(values: Iterable<Decimal | null | undefined>): Decimal | null {
  let s: Decimal | null = null;
  let units = 0;
  let exact = true;
  let any = false;
  for (const v of values) {
    if (v == null) continue;
    any = true;
    if (exact) {
      const m = millionths(v);
      if (m !== null && Math.abs(units + m) <= Number.MAX_SAFE_INTEGER) {
        units += m;
        continue;
      }
      exact = false;
      s = ZERO.plus(new Decimal(`${units}e-6`));
    }
    s = (s ?? ZERO).plus(v);
  }
  return exact && any ? ZERO.plus(new Decimal(`${units}e-6`)) : s;
}
