import Decimal from 'decimal.js';
import { HUNDRED, pctMatches, sumPresent } from '../num';
import type { Profile } from '../profiles';
import { roundWithin } from './indicator';
import { isBlankNumber, percentReadings } from '../layout/cells';
import type { BudgetBlock, BudgetRow, NumberCell } from '../layout/types';

/** Everything SPEC §6 derives from a budget block. Amounts in the block's own unit. */
export interface ExecutionAnalysis {
  readonly block: BudgetBlock;
  readonly budget: Decimal | null;
  readonly executed: Decimal | null;
  readonly initialBudget: Decimal | null;
  /** 年初预算数 was the denominator because 全年预算数 was empty. */
  readonly usedInitial: boolean;
  /** The total row was blank: amounts are the sum of its sub-rows. */
  readonly fromSubRows: boolean;
  /** Amounts the total row leaves blank (others given) that were summed from its sub-rows. */
  readonly filledFromSubRows: ReadonlyArray<'initialBudget' | 'budget' | 'executed'>;
  /** The total row said 0 while its sub-rows carry money. */
  readonly zeroTotal: boolean;
  /** Spending against a zero or empty budget: no rate. */
  readonly noBudget: boolean;
  /** Unrounded rate (fraction); null without a budget. */
  readonly rate: Decimal | null;
  readonly weight: Decimal;
  readonly weightSource: 'cell' | 'header' | 'remainder' | 'profile';
  readonly score: Decimal | null;
  readonly deduction: Decimal | null;
  /** The stated rate as a fraction, the cell it sits in, and whether it agrees (SPEC §8). */
  readonly statedRate: { readonly value: Decimal; readonly cell: NumberCell; readonly matches: boolean } | null;
  readonly statedScore: NumberCell | null;
  readonly statedDeduction: NumberCell | null;
  /** Cells a write would go to: on the total row. */
  readonly rateCell: NumberCell | null;
  readonly scoreCell: NumberCell | null;
  readonly deductionCell: NumberCell | null;
  /** Sub-rows summed into the total (its direct children). */
  readonly children: readonly BudgetRow[];
  /** How a rate is written in this table (issue 12 item 2): see `RateConvention`. */
  readonly rateConvention: RateConvention;
}

/**
 * How a table writes its 执行率: `fraction` — 0.9593 shown with a `%` format, or `95.93%` as
 * text (the default); `percent-number` — the percentage as a plain number, 95.93 in a General
 * cell, which dependent formulas divide by 100 (`=G5*F5/100`). `source` says where the
 * convention was read: the table's own stated rates, the other tables of its sheet, or neither.
 */
export interface RateConvention {
  readonly kind: 'fraction' | 'percent-number';
  readonly source: 'table' | 'sheet' | 'default';
  /** The stated cells that decided it (the table's own, else the sheet's). */
  readonly cells: readonly string[];
}

/**
 * What a stated rate cell says about its table's convention: a `%` format or `%` text is a
 * fraction; a plain number (or number typed as text) above 1.5 can only be a percent number;
 * one up to 1 is a fraction; 0, formulas and (1, 1.5] (an over-spent fraction or a tiny
 * percentage) say nothing.
 */
function rateVote(c: NumberCell | undefined): RateConvention['kind'] | null {
  if (!c || c.offColumn || c.value === null || c.formula !== undefined || c.value.isZero()) return null;
  if (c.percent) return 'fraction';
  const v = c.value.abs();
  if (v.gt(1.5)) return 'percent-number';
  return v.lte(1) && !c.fromText ? 'fraction' : null;
}

/** The stated rate cells of a budget block that say something about its convention. */
export function rateVotes(block: BudgetBlock): Array<{ cell: string; kind: RateConvention['kind'] }> {
  const out: Array<{ cell: string; kind: RateConvention['kind'] }> = [];
  for (const r of block.rows) {
    const c = r.amounts.rate;
    const kind = rateVote(c);
    if (c && kind) out.push({ cell: c.cell, kind });
  }
  return out;
}

/**
 * The table's rate convention: its own stated rates when they agree, else those of the other
 * budget blocks on its sheet when they agree, else `fraction`. Mixed votes fall back to
 * `fraction`, the template's own format.
 */
export function rateConventionOf(block: BudgetBlock, sheetBlocks: readonly BudgetBlock[] = []): RateConvention {
  const decide = (votes: Array<{ cell: string; kind: RateConvention['kind'] }>, source: 'table' | 'sheet'): RateConvention | null => {
    if (!votes.length) return null;
    const kinds = new Set(votes.map((v) => v.kind));
    const kind = kinds.size === 1 ? votes[0].kind : 'fraction';
    return { kind, source, cells: votes.map((v) => v.cell) };
  };
  const own = decide(rateVotes(block), 'table');
  if (own) return own;
  // A block with no 执行率 column writes no rate: its sheet's convention is not its own.
  const sheet = block.columns.rate !== undefined ? decide(sheetBlocks.filter((b) => b !== block).flatMap(rateVotes), 'sheet') : null;
  return sheet ?? { kind: 'fraction', source: 'default', cells: [] };
}

/** Outline depth of each row; unmarked rows inherit the depth of the row above. */
function effectiveDepths(rows: readonly BudgetRow[]): number[] {
  const effective: number[] = [];
  rows.forEach((r, i) => {
    effective[i] = r.depth >= 0 ? r.depth : i > 0 ? effective[i - 1] : 1;
  });
  return effective;
}

/** The rows one outline level below `parent`, up to the next row at its level or above. */
export function rowsBelow(block: BudgetBlock, parent: BudgetRow): BudgetRow[] {
  const rows = block.rows;
  const effective = effectiveDepths(rows);
  const pi = rows.indexOf(parent);
  const d = effective[pi];
  const out: BudgetRow[] = [];
  for (let i = pi + 1; i < rows.length && effective[i] > d; i++) {
    if (effective[i] === d + 1) out.push(rows[i]);
  }
  return out;
}

/** Direct children of the total row, by outline depth (unmarked rows inherit). */
export function childrenOf(block: BudgetBlock): BudgetRow[] {
  const rows = block.rows;
  const effective = effectiveDepths(rows);
  // First data row as total: its children are the following deeper rows.
  if (!block.totalLabelled) return rowsBelow(block, block.totalRow);
  const others = rows.map((r, i) => ({ r, d: effective[i] })).filter((x) => x.r !== block.totalRow);
  if (!others.length) return [];
  const min = others.reduce((m, x) => Math.min(m, x.d), Infinity);
  return others.filter((x) => x.d === min).map((x) => x.r);
}

function amount(row: BudgetRow, role: 'initialBudget' | 'budget' | 'executed'): Decimal | null {
  return row.amounts[role]?.value ?? null;
}

export function sum(rows: readonly BudgetRow[], role: 'initialBudget' | 'budget' | 'executed'): Decimal | null {
  return sumPresent(rows.map((r) => amount(r, role)));
}

/**
 * The block's stated figure for `role`: the total row's own cell, else — when the total row
 * leaves it blank and exactly one row of the block carries one (seed 002 writes 56.67% on
 * 当年财政拨款) — that row's. Several sub-rows with their own rates are per-row figures, not
 * the block's. A cell merged in from another column is never read as this role.
 */
function firstStated(block: BudgetBlock, role: 'rate' | 'score' | 'deduction' | 'weight'): NumberCell | null {
  const usable = (c: NumberCell | undefined): c is NumberCell => !!c && !c.offColumn && !isBlankNumber(c);
  const own = block.totalRow.amounts[role];
  if (usable(own)) return own;
  const others = block.rows.map((r) => r.amounts[role]).filter(usable);
  return others.length === 1 ? others[0] : null;
}

/**
 * Read a stated rate as a fraction (SPEC §6): `95.93%` text, 0.9593 with a `%` format, or
 * 95.93 typed in a 执行率 column — whichever reading agrees with the computed rate.
 */
export function readStatedRate(cell: NumberCell, computed: Decimal | null): { value: Decimal; matches: boolean } | null {
  const readings = percentReadings(cell);
  if (!readings.length) return null;
  if (computed === null) return { value: readings[0].div(HUNDRED), matches: false };
  const pct = computed.times(HUNDRED);
  for (const r of readings) if (pctMatches(r, pct)) return { value: r.div(HUNDRED), matches: true };
  return { value: readings[0].div(HUNDRED), matches: false };
}

export function analyzeExecution(block: BudgetBlock, indicatorWeights: Decimal | null, p: Profile, sheetBlocks: readonly BudgetBlock[] = []): ExecutionAnalysis {
  const total = block.totalRow;
  const children = childrenOf(block);
  const roles = ['initialBudget', 'budget', 'executed'] as const;
  const totalBlank = roles.every((k) => isBlankNumber(total.amounts[k]));
  const totalZero = !totalBlank && roles.every((k) => (amount(total, k) ?? new Decimal(0)).isZero());
  const childMoney = roles.some((k) => !(sum(children, k) ?? new Decimal(0)).isZero());
  const fromSubRows = (totalBlank || totalZero) && children.length > 0 && childMoney;
  // A total row that gives some amounts and leaves others blank (全年执行数 empty, the spending
  // on 财政拨款/其他资金): each blank amount is the sum of the sub-rows (SPEC §6).
  // 年初预算数 only matters as the denominator of last resort: not summed when 全年预算数 is known.
  const fillable = (k: (typeof roles)[number]) =>
    isBlankNumber(total.amounts[k]) && block.columns[k] !== undefined && !(sum(children, k) ?? new Decimal(0)).isZero();
  const filled = fromSubRows ? [] : roles.filter((k) => fillable(k) && (k !== 'initialBudget' || (amount(total, 'budget') === null && !fillable('budget'))));
  const pick = (k: (typeof roles)[number]) => (fromSubRows || filled.includes(k) ? sum(children, k) : amount(total, k));
  const initialBudget = pick('initialBudget');
  let budget = pick('budget');
  const executed = pick('executed');
  let usedInitial = false;
  const budgetCell = block.columns.budget;
  if ((budget === null || budgetCell === undefined) && initialBudget !== null) {
    budget = initialBudget;
    usedInitial = true;
  }
  const noBudget = (budget === null || budget.isZero()) && executed !== null && !executed.isZero();
  const rate = budget !== null && !budget.isZero() && executed !== null ? executed.div(budget) : null;

  const weightCell = firstStated(block, 'weight');
  let weight: Decimal;
  let weightSource: ExecutionAnalysis['weightSource'];
  if (weightCell?.value) {
    weight = weightCell.value;
    weightSource = 'cell';
  } else if (block.headerWeight) {
    // The header's own figure (`得分(20分*执行率)`) is this table's execution weight (issue 12 item 9).
    weight = block.headerWeight.value;
    weightSource = 'header';
  } else if (block.columns.weight === undefined && indicatorWeights !== null && new Decimal(100).minus(indicatorWeights).gt(0)) {
    weight = new Decimal(100).minus(indicatorWeights);
    weightSource = 'remainder';
  } else {
    weight = new Decimal(p.executionWeight);
    weightSource = 'profile';
  }
  // A negative 分值 is a typing error: no score from it (`weight-negative`), the total stays incomplete.
  const score = weight.lt(0) ? null : rate !== null ? roundWithin(weight.times(Decimal.min(Decimal.max(rate, 0), 1)), weight, p) : noBudget ? new Decimal(0) : null;
  const deduction = score !== null ? weight.minus(score) : null;

  const rateStatedCell = firstStated(block, 'rate');
  const stated = rateStatedCell ? readStatedRate(rateStatedCell, rate) : null;
  const cellOf = (role: 'rate' | 'score' | 'deduction'): NumberCell | null => {
    const c = total.amounts[role];
    return c && !c.offColumn ? c : null;
  };
  return {
    block,
    budget,
    executed,
    initialBudget,
    usedInitial,
    fromSubRows: fromSubRows && totalBlank,
    filledFromSubRows: filled,
    zeroTotal: fromSubRows && totalZero,
    noBudget,
    rate,
    weight,
    weightSource,
    score,
    deduction,
    statedRate: stated && rateStatedCell ? { ...stated, cell: rateStatedCell } : null,
    statedScore: firstStated(block, 'score'),
    statedDeduction: firstStated(block, 'deduction'),
    rateCell: cellOf('rate'),
    scoreCell: cellOf('score'),
    deductionCell: cellOf('deduction'),
    children,
    rateConvention: rateConventionOf(block, sheetBlocks),
  };
}
