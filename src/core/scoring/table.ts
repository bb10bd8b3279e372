import Decimal from 'decimal.js';
import { parseAddress, type CellValue } from '../grid';
import { cmp, decimalOf, roundTo, sumPresent, ZERO } from '../num';
import { gradeLabelLike, gradeOf, gradeRank, isBareGrade, type Profile } from '../profiles';
import { isUserText } from '../layout/cells';
import { isDateFormat } from '../host-values';
import type { IndicatorRow, NumberCell, TableLayout } from '../layout/types';
import type { EditRole } from '../plan';
import { analyzeExecution, type ExecutionAnalysis } from './execution';
import { annotatedNumber, scoreIndicator, type ScoredIndicator } from './indicator';

/** A value the engine wants in a cell; the plan keeps those that need writing. */
export interface DesiredWrite {
  readonly role: EditRole;
  readonly row: number;
  readonly col: number;
  readonly cell: string;
  readonly value: Decimal | string;
  readonly numFmt?: string;
  readonly current: CellValue;
  readonly formula?: string;
  /** The formula was never calculated: its cell shows nothing yet (SPEC bad input). */
  readonly formulaWithoutResult?: boolean;
  /** The current value already says this (within tolerance, or same grade): no write. */
  readonly agrees: boolean;
  /**
   * The cell holds the user's words (`扣2分`, `良（自评）`), not a figure nor a blank
   * placeholder: never written (`agrees` is true); `text-kept` / `grade-mismatch` say what
   * would have been (issue 12 item 5).
   */
  readonly keptText?: boolean;
}

export interface TableAnalysis {
  readonly layout: TableLayout;
  readonly profile: Profile;
  /** Scored indicator rows (placeholders left out). */
  readonly indicators: readonly ScoredIndicator[];
  readonly execution: ExecutionAnalysis | null;
  /** Σ indicator weights (null when no row has one). */
  readonly weightSum: Decimal | null;
  /** Σ scores of the rows that have one; null when no row has one. */
  readonly indicatorScore: Decimal | null;
  /**
   * Execution score + the scored rows. When `unscored` rows remain (or the execution score is
   * missing) it is a partial total: reported, never written, no grade (`total-incomplete`).
   */
  readonly total: Decimal | null;
  /** Rows with a weight (or a typed score) but no score: blank actual, negative weight or score… */
  readonly unscored: readonly ScoredIndicator[];
  /**
   * Every part of the total was computed and the weights are sound: the total and grade may
   * be written and checked.
   */
  readonly totalComplete: boolean;
  /** Indicator weights + execution weight = 100 (or no weights at all): see `weight-sum`. */
  readonly weightsSound: boolean;
  readonly statedTotal: NumberCell | null;
  /** The 总分 cell holds a number with a remark (`95（扣5分）`): that number; the cell is never written. */
  readonly statedTotalAnnotated: Decimal | null;
  readonly grade: string | null;
  readonly statedGrade: string | null;
  readonly writes: readonly DesiredWrite[];
}

/**
 * Forms without a per-indicator 分值 column (Hubei- and Yunnan-style, issue 12): a section
 * that states its points (产出指标(40分), in the 一级 cell or on a row of its own) and holds one
 * indicator gives that indicator its weight; a section of several rows gives none (no split is
 * guessed: their stated scores are kept). When every row sits in a section that states points,
 * the indicator weights sum to the sections' points (`sum`); otherwise no sum is claimed.
 */
function sectionWeights(layout: TableLayout): { rows: readonly IndicatorRow[]; sum: Decimal | null } {
  if (layout.columns.weight !== undefined || layout.columns.refWeight !== undefined || layout.kind === 'evaluation') return { rows: layout.indicators, sum: null };
  const rows = layout.indicators.filter((r) => !r.placeholder);
  const key = (r: IndicatorRow) => `${r.level1Cell ?? ''}|${r.level1}`;
  const sizes = new Map<string, number>();
  for (const r of rows) if (r.level1Declared !== null) sizes.set(key(r), (sizes.get(key(r)) ?? 0) + 1);
  if (!sizes.size) return { rows: layout.indicators, sum: null };
  const declared = new Map<string, Decimal>();
  for (const r of rows) if (r.level1Declared !== null) declared.set(key(r), r.level1Declared);
  const all = rows.every((r) => r.level1Declared !== null);
  return {
    rows: layout.indicators.map((r) => {
      if (r.placeholder || r.level1Declared === null || sizes.get(key(r)) !== 1 || r.weight) return r;
      const a = parseAddress(r.level1Cell ?? 'A1');
      const weight: NumberCell = { row: a.row, col: a.col, cell: r.level1Cell ?? '', value: r.level1Declared, raw: { t: 'number', v: r.level1Declared.toNumber() }, fromText: false, percent: false };
      return { ...r, weight, weightFromSection: true };
    }),
    sum: all ? sumPresent(declared.values()) : null,
  };
}

export function withinTolerance(a: Decimal, b: Decimal, p: Profile): boolean {
  // Equal figures (most rows of a long table) need no difference built.
  if (cmp(a, b) === 0) return cmp(ZERO, decimalOf(p.tolerance)) <= 0;
  return cmp(a.minus(b).abs(), decimalOf(p.tolerance)) <= 0;
}

/** The number format a number written into `cell` needs: its own, unless that shows a date. */
function numberFormatFor(cell: NumberCell): string | undefined {
  return cell.raw.t === 'date' || isDateFormat(cell.numFmt) ? 'General' : undefined;
}

const AGREES = 1;
const KEPT_TEXT = 2;

/**
 * A figure for a NumberCell: where it goes, what it replaces and its number format are read
 * from the cell itself, so a long table's score writes (one per row) hold four fields, not
 * eleven.
 */
class NumberWrite implements DesiredWrite {
  private readonly bits: number;
  constructor(
    readonly role: EditRole,
    readonly target: NumberCell,
    readonly value: Decimal,
    agrees: boolean,
    keptText: boolean,
  ) {
    this.bits = (agrees ? AGREES : 0) | (keptText ? KEPT_TEXT : 0);
  }
  get agrees(): boolean {
    return (this.bits & AGREES) !== 0;
  }
  get keptText(): boolean {
    return (this.bits & KEPT_TEXT) !== 0;
  }
  get numFmt(): string | undefined {
    return numberFormatFor(this.target);
  }
  get row(): number {
    return this.target.row;
  }
  get col(): number {
    return this.target.col;
  }
  get cell(): string {
    return this.target.cell;
  }
  get current(): CellValue {
    return this.target.raw;
  }
  get formula(): string | undefined {
    return this.target.formula;
  }
  get formulaWithoutResult(): boolean | undefined {
    return this.target.formulaWithoutResult;
  }
}

/** A figure written with a number format of its own (a rate as `0.00%`). */
class FormattedWrite extends NumberWrite {
  constructor(role: EditRole, target: NumberCell, value: Decimal, agrees: boolean, keptText: boolean, private readonly format: string) {
    super(role, target, value, agrees, keptText);
  }
  override get numFmt(): string {
    return this.format;
  }
}

/**
 * The write of `value` into `cell`; `exact`: agreeing means equal (no tolerance). `matches`
 * replaces the comparison: the caller knows whether the cell already says this, and only
 * user text is then kept besides.
 */
function numberWrite(role: EditRole, cell: NumberCell, value: Decimal, p: Profile, numFmt?: string, exact = false, matches?: boolean): NumberWrite {
  const cur = cell.value;
  const annotated = annotatedNumber(cell) !== null;
  const keptText = cur === null && !annotated && isUserText(cell.raw);
  const agrees = cur !== null && !cell.fromText && (cur === value || cmp(cur, value) === 0 || (!exact && withinTolerance(cur, value, p)));
  // A merge starting in another column (a label spread over the 得分 column) is not ours to write.
  // A number with a remark (`9（扣1分）`) is the user's wording: read, never overwritten.
  const settled = matches !== undefined ? matches || keptText : agrees || keptText || !!cell.offColumn || annotated;
  return numFmt === undefined ? new NumberWrite(role, cell, value, settled, keptText) : new FormattedWrite(role, cell, value, settled, keptText, numFmt);
}

/**
 * Why a row's 分值 cell cannot be used, or null: covered by a merge from another column, or
 * holding something that is no figure (spaces, words, an error value). A blank cell is not a
 * problem here: the row simply has no weight.
 */
function weightProblem(r: IndicatorRow): 'covered' | 'unreadable' | null {
  if (r.covered?.weight) return 'covered';
  const w = r.weight;
  if (!w || w.value !== null || w.formulaWithoutResult || w.offColumn) return null;
  return w.raw.t === 'empty' ? null : 'unreadable';
}

/**
 * Score a recognised table: indicators, execution, total and grade (SPEC §5–7). `sheetTables`
 * are the tables of its sheet (the rate convention of a table that states no rate is its
 * sheet's, issue 12 item 2).
 */
export function analyzeTable(layout: TableLayout, profile: Profile, sheetTables: readonly TableLayout[] = []): TableAnalysis {
  const p = profile;
  const scorable = layout.kind === 'project' || layout.kind === 'department' || layout.kind === 'evaluation';
  const sections = sectionWeights(layout);
  const ctx = { profile, year: layout.year ?? profile.year ?? null };
  const indicators: ScoredIndicator[] = [];
  for (const r of sections.rows) {
    if (r.placeholder) continue;
    // `evaluation` tables carry no target/actual: the typed score is the score (SPEC §2).
    const typedOnly = layout.kind === 'evaluation' || !scorable;
    // Scored as typed, but the row keeps its texts (targets, reasons) for results and rules.
    const i = scoreIndicator(r, ctx, typedOnly);
    const problem = weightProblem(i.row);
    if (problem) {
      i.score = null;
      i.method = null;
      i.weightProblem = problem;
    }
    indicators.push(i);
  }
  const weightSum = sections.sum ?? sumPresent(indicators.map((i) => i.weight));
  const unscored = indicators.filter((i) => i.score === null && ((i.weight !== null && !i.weight.isZero()) || i.stated !== null || !!i.weightProblem));
  const indicatorScore = sumPresent(indicators.map((i) => i.score));
  const sheetBlocks = sheetTables.flatMap((t) => (t.budget ? [t.budget] : []));
  const execution = layout.budget && scorable ? analyzeExecution(layout.budget, weightSum, p, sheetBlocks) : null;
  // A partial total (SPEC §7 with parts missing) is still reported, with `total-incomplete`.
  let total: Decimal | null = scorable ? sumPresent([indicatorScore, execution?.score]) : null;
  if (total !== null) total = roundTo(total, p.decimals, p.rounding);
  // Weights summing to 110 make every figure built on them doubtful: `weight-sum` reports the
  // computed total, nothing is written (issue 12 item 4).
  const weightsSound = weightSum === null || layout.kind === 'target' || weightSum.plus(execution?.weight ?? 0).eq(100);
  const totalComplete = total !== null && unscored.length === 0 && (!execution || execution.score !== null) && weightsSound;
  const grade = total !== null && totalComplete ? gradeOf(total, p) : null;
  const statedTotalAnnotated = annotatedNumber(layout.total?.score ?? null);
  const statedGrade = layout.grade?.text ? layout.grade.text : null;

  const writes: DesiredWrite[] = [];
  if (scorable) {
    for (const ind of indicators) {
      if (ind.score === null || !ind.row.score || ind.method === 'stated' && ind.stated !== null && ind.score.eq(ind.stated)) continue;
      // `9（扣1分）`: the user's remark stays; `score-annotated` says what would be written.
      if (ind.statedAnnotated) continue;
      writes.push(numberWrite('score', ind.row.score, ind.score, p, undefined, ind.method === 'qualitative'));
    }
    if (execution) {
      if (execution.rate !== null && execution.rateCell) {
        // Written in the table's own convention: 95.93 where its rates are percent numbers.
        // A stated rate agrees at its own precision (SPEC §8), not within the score tolerance.
        const stated = execution.statedRate;
        const matches = stated !== null && stated.matches && stated.cell.cell === execution.rateCell.cell;
        writes.push(
          execution.rateConvention.kind === 'percent-number'
            ? numberWrite('execution-rate', execution.rateCell, roundTo(execution.rate.times(100), 2), p, undefined, false, matches)
            : numberWrite('execution-rate', execution.rateCell, roundTo(execution.rate, 4), p, '0.00%', false, matches),
        );
      }
      if (execution.score !== null && execution.scoreCell) writes.push(numberWrite('execution-score', execution.scoreCell, execution.score, p));
      if (execution.deduction !== null && execution.deductionCell) {
        writes.push(numberWrite('deduction', execution.deductionCell, execution.deduction, p));
      }
    }
    // A partial total is never written over the table's own (`total-incomplete` says so), nor
    // is a total over a 总分 with a remark (`total-mismatch` says what it would be).
    if (total !== null && totalComplete && layout.total?.score && statedTotalAnnotated === null) writes.push(numberWrite('total', layout.total.score, total, p));
    if (grade !== null && layout.grade) {
      const rank = gradeRank(grade) ?? 0;
      const statedRank = statedGrade ? gradeRank(statedGrade) : null;
      const label = gradeLabelLike(rank, statedGrade, p);
      const g = layout.grade;
      // A stated grade we cannot read (not 优/良/中/差 or 优秀/良好/一般/较差) is left alone.
      const unreadable = !!statedGrade && statedRank === null;
      // `良（自评）`: a grade with the user's remark stays as written (`grade-mismatch` says so).
      const keptText = !!statedGrade && !isBareGrade(statedGrade) && isUserText(g.raw);
      const a = parseAddress(g.cell);
      writes.push({
        role: 'grade',
        row: a.row,
        col: a.col,
        cell: g.cell,
        value: label,
        current: g.raw,
        formula: g.formula,
        agrees: statedRank === rank || unreadable || keptText,
        ...(keptText ? { keptText } : {}),
      });
    }
  }
  return {
    layout,
    profile,
    indicators,
    execution,
    weightSum,
    indicatorScore,
    total,
    unscored,
    totalComplete,
    weightsSound,
    statedTotal: layout.total?.score ?? null,
    statedTotalAnnotated,
    grade,
    statedGrade,
    writes,
  };
}

