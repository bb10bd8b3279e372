import type Decimal from 'decimal.js';

/** Comparison operator after normalisation. */
export type Operator = '≥' | '≤' | '=' | '>' | '<';

/** Qualitative band of an actual (SPEC §4.2). */
export type Band = 'achieved' | 'partial' | 'not-achieved';

/**
 * A unit after normalisation: `base` is the comparable unit (`元`, `人`, `%`, `次` …) and
 * `factor` converts the written unit into it (`万元` → base 元, factor 10000; `‰` → base %,
 * factor 0.1; `百分比` → %, 1). Units with different bases cannot be compared.
 */
export interface Unit {
  readonly written: string;
  readonly base: string;
  readonly factor: Decimal;
}

/** A date given as a deadline or as an actual. Missing parts are undefined. */
export interface DateValue {
  readonly year?: number;
  readonly month: number;
  /** Day of month; for `12月底` the last day of the month. */
  readonly day?: number;
  /** `…之前` / `…前`: the date is an upper bound. */
  readonly before?: boolean;
}

/**
 * A parsed 年度指标值 (target), SPEC §4. `value` is always expressed in `unit.base`
 * (万/亿 multiplied out), so `1.5万人` is value 15000, unit base 人.
 */
export type ParsedTarget =
  | { readonly kind: 'empty'; readonly text: string }
  /** A number with an optional operator (from a symbol, a word such as 不少于, or the operator column). */
  | {
      readonly kind: 'quantity';
      readonly text: string;
      readonly op: Operator | null;
      readonly value: Decimal;
      readonly unit: Unit | null;
    }
  /** Zero target: 为零, 事故事件为零, `<=0%`, `0`. Lower is better; actual ≤ 0 → full. */
  | { readonly kind: 'zero'; readonly text: string; readonly unit: Unit | null }
  /** Deadline: 2023年12月31日之前, 12月底前. */
  | { readonly kind: 'date'; readonly text: string; readonly date: DateValue }
  /** A band label given directly: `100%-80%(含)`. */
  | { readonly kind: 'band'; readonly text: string; readonly band: Band }
  /** Embedded per-unit rule: `宣传次数大于等于5次得满分，下降一次扣一分`. */
  | {
      readonly kind: 'rule';
      readonly text: string;
      readonly op: Operator;
      readonly value: Decimal;
      readonly unit: Unit | null;
      /** Points lost per unit short of `value` (for a ≤ rule: per unit over it). */
      readonly pointsPerUnit: Decimal;
    }
  /** Yes/no question: 是否按时完成, 有无…; `desired` is the answer that counts as achieved. */
  | { readonly kind: 'question'; readonly text: string; readonly desired: 'yes' | 'no' }
  /** Anything else without a number: 健全, 规范, 效果明显, 五一劳模慰问…. */
  | { readonly kind: 'qualitative'; readonly text: string };

/** A parsed 实际完成值 (actual). */
export type ParsedActual =
  | { readonly kind: 'empty'; readonly text: string }
  /**
   * A number. `value` is in `unit.base` when `unit` is set, else as written (the scorer
   * applies the target unit's factor). `op` is set when the actual repeats an operator
   * (`≥266米`): the value is still read, and the caller raises `actual-not-measured`.
   */
  | {
      readonly kind: 'quantity';
      readonly text: string;
      readonly value: Decimal;
      readonly unit: Unit | null;
      readonly op: Operator | null;
    }
  | { readonly kind: 'date'; readonly text: string; readonly date: DateValue }
  | { readonly kind: 'band'; readonly text: string; readonly band: Band }
  /** Text without a usable number: 全面完成, 按时完成, 满意, 未超指标…. */
  | { readonly kind: 'qualitative'; readonly text: string };
