import type Decimal from 'decimal.js';
import type { CellValue } from '../grid';
import type { BasicData } from './basic-data';
import type { BudgetRole, IndicatorRole } from './headers';
import type { TargetInfo } from './target-info';

export type TableKind = 'project' | 'department' | 'evaluation' | 'target' | 'basic-data';

/** A cell read as a number: where it is, what it holds, and how it was written. */
export interface NumberCell {
  readonly row: number;
  readonly col: number;
  /** A1 address of the merged area's top-left (where a write would go). */
  readonly cell: string;
  readonly value: Decimal | null;
  readonly raw: CellValue;
  readonly formula?: string;
  /** A formula whose result was never calculated (a generated file never opened in Excel). */
  readonly formulaWithoutResult?: boolean;
  readonly numFmt?: string;
  /** Written as text (` 6`, `56.67%`) rather than as a number. */
  readonly fromText: boolean;
  /** Written as a percentage (text with `%`, or a `%` number format). */
  readonly percent: boolean;
  /** The merged area holding the cell starts in another column (a label merged across). */
  readonly offColumn?: boolean;
}

export interface BudgetRow {
  readonly row: number;
  readonly label: string;
  /** Outline depth from its marker: 0 for (一)/一、, 1 for 1./其中, 2 for (1)…; -1 unmarked. */
  readonly depth: number;
  readonly amounts: Readonly<Partial<Record<BudgetRole, NumberCell>>>;
}

export interface BreakdownItem {
  readonly label: string;
  readonly row: number;
  readonly amount: NumberCell | null;
}

/** A side-by-side list inside a budget block (按收入性质分 / 按支出性质分, seed 002). */
export interface BreakdownList {
  readonly name: string;
  readonly cell: string;
  readonly items: readonly BreakdownItem[];
}

export interface BudgetBlock {
  readonly headerRow: number;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly columns: Readonly<Partial<Record<BudgetRole, number>>>;
  readonly rows: readonly BudgetRow[];
  readonly totalRow: BudgetRow;
  /** True when the total row carries a total label (年度资金总额…), not just first place. */
  readonly totalLabelled: boolean;
  readonly breakdowns: readonly BreakdownList[];
  readonly reason: { readonly cell: string; readonly text: string } | null;
  /** The execution weight stated in the 得分/分值 header (`得分(20分*执行率)` → 20), if any. */
  readonly headerWeight?: { readonly value: Decimal; readonly cell: string; readonly text: string } | null;
}

export interface TextCell {
  readonly text: string;
  readonly cell: string;
}

/** The text columns an indicator row may have, in the order a row's texts list them (and JSON writes them). */
export const INDICATOR_TEXT_ROLES = ['description', 'operator', 'target', 'unit', 'actual', 'reason', 'analysis', 'basis'] as const;
export type IndicatorTextRole = (typeof INDICATOR_TEXT_ROLES)[number];

export interface IndicatorRow {
  readonly row: number;
  readonly level1: string;
  /** Declared weight from `产出指标（20分）`, when written. */
  readonly level1Declared: Decimal | null;
  readonly level1Cell: string | null;
  readonly level2: string;
  /** Declared weight from `项目立项(10分)` in the 二级 cell, when written. */
  readonly level2Declared?: Decimal | null;
  readonly level2Cell?: string | null;
  readonly level3: string;
  /** The indicator's name: 三级 if present, else 二级. */
  readonly name: string;
  /**
   * The row's text cells, one per text column of its table (undefined for a column the table
   * lacks). Read through getters that build the cell when asked: enumerate with
   * INDICATOR_TEXT_ROLES, not `for…in` or `Object.keys`.
   */
  readonly texts: Readonly<Partial<Record<IndicatorTextRole, TextCell>>>;
  readonly weight: NumberCell | null;
  readonly refWeight: NumberCell | null;
  readonly score: NumberCell | null;
  readonly completion: NumberCell | null;
  /** Empty/`无` indicator with no weight, target or score (SPEC §3): skipped when scoring. */
  readonly placeholder: boolean;
  /**
   * Number cells of this row covered by a merged area anchored in another column (an actual
   * merged across 分值 and 得分, issue 6 item 4): the cell's address → the merge's range. Such
   * a cell reads as empty; the value belongs to the merge's top-left column only.
   */
  readonly covered?: Readonly<Partial<Record<'weight' | 'score' | 'refWeight' | 'completion', { readonly cell: string; readonly merge: string }>>>;
  /**
   * The weight is its section's points (`效益指标(30分)` over this one row) in a form without a
   * 分值 column (issue 12); `weight.cell` is the section label's cell.
   */
  readonly weightFromSection?: boolean;
  /** A `其中…` row breaking down the indicator on this sheet row (issue 12); see `TableLayout.breakdowns`. */
  readonly breakdownOf?: number;
}

/** A level-1 subtotal row of an `evaluation` table (seed 003: 投入 … 16.00). */
export interface SubtotalRow {
  readonly row: number;
  readonly label: string;
  readonly weight: NumberCell | null;
  readonly refWeight: NumberCell | null;
  readonly score: NumberCell | null;
  /** Indicator rows (by sheet row) belonging to this subtotal. */
  readonly members: readonly number[];
}

export interface TableLayout {
  readonly sheet: string;
  readonly kind: TableKind;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly title: string | null;
  readonly year: number | null;
  readonly headerRows: readonly [number, number];
  readonly columns: Readonly<Partial<Record<IndicatorRole, number>>>;
  readonly budget: BudgetBlock | null;
  readonly indicators: readonly IndicatorRow[];
  readonly subtotals: readonly SubtotalRow[];
  readonly total: { readonly row: number; readonly score: NumberCell | null } | null;
  readonly grade: { readonly row: number; readonly cell: string; readonly text: string; readonly raw: CellValue; readonly formula?: string } | null;
  /**
   * `其中…` rows under an indicator that has a weight (★培训职工人数 → 其中：女职工): a breakdown
   * of it, not indicators — not scored, not summed, never written (issue 12).
   */
  readonly breakdowns?: readonly IndicatorRow[];
  /** `basic-data` tables: staff control and expense lists. */
  readonly basicData?: BasicData;
  /** `target` tables: budget split and fund plan. */
  readonly targetInfo?: TargetInfo;
}
