import Decimal from 'decimal.js';
import fc from 'fast-check';
import { cmp, millionths, sumPresent } from '../../src/core/num';

/**
 * The allocation-free helpers of num.ts against decimal.js itself: `cmp` must order exactly as
 * `comparedTo`, `millionths` must be v × 10⁶ exactly or null, `sumPresent` must equal the
 * sequential Decimal sum (a long table's weights and scores go through them).
 */

/** Decimals as a table holds them: short figures, long quotients, tiny and huge, signed zeros, NaN, ±∞. */
const decimal = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).chain((n) => fc.integer({ min: 0, max: 9 }).map((dp) => new Decimal(n).div(10 ** dp))),
  fc.tuple(fc.integer({ min: -500, max: 500 }), fc.integer({ min: 1, max: 700 })).map(([a, b]) => new Decimal(a).div(b)),
  fc.double({ noNaN: true }).map((x) => new Decimal(x)),
  fc.constantFrom('0', '-0', 'NaN', 'Infinity', '-Infinity', '1e-30', '-1e40', '9999999.999999', '10000000', '0.0000001', '1.00000000000001').map((s) => new Decimal(s)),
);

describe('num.ts helpers agree with decimal.js', () => {
  it('cmp(x, y) is x.comparedTo(y)', () => {
    fc.assert(
      fc.property(decimal, decimal, (x, y) => {
        expect(Object.is(cmp(x, y), x.comparedTo(y))).toBe(true);
        expect(Object.is(cmp(x, x), x.comparedTo(x))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('millionths(v) is v × 10⁶ when that is whole and |v| < 10⁷, else null', () => {
    fc.assert(
      fc.property(decimal, (v) => {
        const m = millionths(v);
        const scaled = v.times(1e6);
        const expected = v.isFinite() && scaled.isInteger() && v.abs().lt(1e7) ? scaled.toNumber() : null;
        expect(m === null ? null : m === 0 ? 0 : m).toEqual(expected === null ? null : expected === 0 ? 0 : expected);
      }),
      { numRuns: 3000 },
    );
    expect(millionths(new Decimal('0.01'))).toBe(10000);
    expect(millionths(new Decimal('-4.75'))).toBe(-4750000);
    expect(millionths(new Decimal('9999999.999999'))).toBe(9999999999999);
    expect(millionths(new Decimal('0.0000001'))).toBeNull();
    expect(millionths(new Decimal('10000000'))).toBeNull();
  });

  it('sumPresent equals the sequential Decimal sum, nulls skipped', () => {
    const sequential = (xs: readonly (Decimal | null)[]) => {
      let s: Decimal | null = null;
      for (const v of xs) if (v !== null) s = (s ?? new Decimal(0)).plus(v);
      return s;
    };
    fc.assert(
      fc.property(fc.array(fc.option(decimal, { nil: null }), { maxLength: 40 }), (xs) => {
        const got = sumPresent(xs);
        const want = sequential(xs);
        if (want === null) expect(got).toBeNull();
        else expect(got !== null && (got.isNaN() ? want.isNaN() : got.eq(want) && got.toString() === want.toString())).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // 200,000 weights of 0.01 (the bench table): exactly 2000.
    expect(sumPresent(Array.from({ length: 200_000 }, () => new Decimal('0.01')))!.toString()).toBe('2000');
  });
});
