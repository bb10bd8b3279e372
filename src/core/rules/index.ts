import type { TableAnalysis } from '../scoring/table';
import { executionDenominator, executionMissing, executionNoBudget, executionOverBudget, executionRateMismatch, executionScoreMismatch, executionWeightFromHeader, ratePercentNumber } from './execution';
import { formulaResultMismatch } from './formulas';
import { scoreAnnotated, scoreExceedsWeight, scoreMismatch, scoreNegative, textKept } from './scores';
import { gradeMismatch, level1WeightMismatch, subtotalMismatch, totalIncomplete, totalMismatch, weightNegative, weightSum } from './totals';
import { dateFormattedNumber, textNumber } from './cells';
import { completionMismatch } from './completion';
import { deadlineYear } from './deadlines';
import { actualNotMeasured, missingActual, missingTarget, unitMismatch } from './indicators';
import { qualitativeBand, qualitativeUnclassified } from './qualitative';
import { lowExecutionNoReason, missingDeviationReason, overAchievement } from './reasons';
import { duplicateIndicator, level2Misplaced, missingLevel1 } from './structure';
import { costDirection, quantityNotQuantified } from './targets';
import { basicDataBreakdown, staffControlRate, threeExpensesOverBudget } from './basic-data';
import { budgetBreakdownMismatch } from './breakdown';
import { fundPlan, targetBudgetSplit } from './target-plan';
import { weightCoveredByMerge } from './merged-weight';
import type { Finding, Rule } from './types';

export type { Finding, Rule, Severity } from './types';

/** Every rule, in report order. Add a rule by adding it here. */
/**
 * Every rule, in report order, one entry per rule id: checks of the same id for different
 * table kinds (budget blocks, 基础数据表, 绩效目标表) are merged. Add a rule by adding it here.
 */
/**
 * Finding ids the engine raises itself, outside the table rules: `write-refused` (the plan
 * check refused an edit, issue 12 item 1).
 */
export const ENGINE_FINDING_IDS: readonly string[] = ['write-refused'];

export const RULES: readonly Rule[] = mergeById([
  totalMismatch,
  totalIncomplete,
  gradeMismatch,
  weightSum,
  weightNegative,
  weightCoveredByMerge,
  level1WeightMismatch,
  subtotalMismatch,
  executionRateMismatch,
  executionScoreMismatch,
  executionNoBudget,
  executionMissing,
  executionOverBudget,
  executionDenominator,
  budgetBreakdownMismatch,
  basicDataBreakdown,
  targetBudgetSplit,
  fundPlan,
  staffControlRate,
  threeExpensesOverBudget,
  lowExecutionNoReason,
  scoreExceedsWeight,
  scoreNegative,
  unitMismatch,
  scoreMismatch,
  scoreAnnotated,
  textKept,
  qualitativeBand,
  formulaResultMismatch,
  missingTarget,
  missingActual,
  actualNotMeasured,
  costDirection,
  deadlineYear,
  overAchievement,
  missingDeviationReason,
  missingLevel1,
  level2Misplaced,
  duplicateIndicator,
  qualitativeUnclassified,
  quantityNotQuantified,
  completionMismatch,
  textNumber,
  dateFormattedNumber,
  ratePercentNumber,
  executionWeightFromHeader,
]);

function mergeById(rules: readonly Rule[]): Rule[] {
  const byId = new Map<string, Rule[]>();
  for (const r of rules) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  return [...byId.values()].map((same) => {
    if (same.length === 1) return same[0];
    if (same.some((r) => r.severity !== same[0].severity)) throw new Error(`rule ${same[0].id}: severities differ`);
    if (same.some((r) => !!r.fixedByWrite !== !!same[0].fixedByWrite)) throw new Error(`rule ${same[0].id}: fixedByWrite differs`);
    return { id: same[0].id, severity: same[0].severity, check: (t) => same.flatMap((r) => r.check(t)), ...(same[0].fixedByWrite ? { fixedByWrite: true } : {}) };
  });
}

/** Ids of the rules whose finding the planned write fixes (`Rule.fixedByWrite`): 更正此项 is offered for those. */
export const FIXED_BY_WRITE: ReadonlySet<string> = new Set(RULES.filter((r) => r.fixedByWrite).map((r) => r.id));

/**
 * Rules that compare a stated figure with the computed one. On a formula cell the cause is the
 * formula: `formula-result-mismatch` reports it (with both figures), these stay silent there.
 */
const SAME_CAUSE_AS_FORMULA = new Set([
  'score-mismatch',
  'qualitative-band',
  'total-mismatch',
  'grade-mismatch',
  'execution-rate-mismatch',
  'execution-score-mismatch',
  'execution-missing',
]);

export function runRules(t: TableAnalysis, rules: readonly Rule[] = RULES): Finding[] {
  const out: Finding[] = [];
  for (const r of rules) {
    for (const h of r.check(t)) out.push({ rule: r.id, severity: r.severity, cell: h.cell, message: h.message });
  }
  // One finding per cause (issue 6): a formula cell gets `formula-result-mismatch` only.
  const formulaCells = new Set(out.filter((f) => f.rule === 'formula-result-mismatch').map((f) => f.cell));
  if (!formulaCells.size) return out;
  return out.filter((f) => !(SAME_CAUSE_AS_FORMULA.has(f.rule) && formulaCells.has(f.cell)));
}
