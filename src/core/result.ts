import { rangeAddress } from './grid';
import type { NumberCell, TableKind } from './layout/types';
import { roundTo, toNum, trimNumber } from './num';
import type { Finding } from './rules';
import { annotatedNumber } from './scoring/indicator';
import type { TableAnalysis } from './scoring/table';

/** SPEC §14 result of one table: numbers are JSON numbers, absent values null. */
export interface TableResult {
  readonly sheet: string;
  readonly kind: TableKind;
  readonly range: string;
  readonly title: string | null;
  readonly execution: ExecutionResult | null;
  readonly indicators: readonly IndicatorResult[];
  readonly total: { readonly score: number | null; readonly stated: number | null; readonly cell: string | null };
  readonly grade: { readonly value: string | null; readonly stated: string | null; readonly cell: string | null };
  readonly findings: readonly Finding[];
}

export interface ExecutionResult {
  readonly budget: number | null;
  readonly executed: number | null;
  readonly rate: number | null;
  readonly weight: number;
  readonly score: number | null;
  readonly deduction: number | null;
  readonly statedRate: number | null;
  readonly statedScore: number | null;
  readonly rateCell: string | null;
  readonly scoreCell: string | null;
  /** How rates are written in this table (issue 12 item 2): `0.9593` (%) or `95.93`. */
  readonly rateConvention: 'fraction' | 'percent-number';
}

export interface IndicatorResult {
  readonly row: number;
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly target: string;
  readonly actual: string;
  readonly weight: number | null;
  readonly score: number | null;
  readonly statedScore: number | null;
  readonly method: string | null;
  readonly scoreCell: string | null;
}

/** A figure typed as a number is reported as that number: no round trip through Decimal. */
function cellNumber(c: NumberCell | null): number | null {
  if (!c || c.raw.t !== 'number' || c.value === null || !Number.isFinite(c.raw.v)) return null;
  return Number(trimNumber(c.raw.v)); // the same digits the Decimal was built from
}

export function toTableResult(t: TableAnalysis, findings: readonly Finding[]): TableResult {
  const l = t.layout;
  const e = t.execution;
  return {
    sheet: l.sheet,
    kind: l.kind,
    range: rangeAddress(l.top, l.left, l.bottom, l.right),
    title: l.title,
    execution: e
      ? {
          budget: toNum(e.budget),
          executed: toNum(e.executed),
          rate: e.rate === null ? null : toNum(roundTo(e.rate, 4)),
          weight: e.weight.toNumber(),
          score: toNum(e.score),
          deduction: toNum(e.deduction),
          statedRate: e.statedRate ? toNum(roundTo(e.statedRate.value, 4)) : null,
          statedScore: toNum(e.statedScore?.value ?? annotatedNumber(e.statedScore)),
          rateCell: e.rateCell?.cell ?? e.statedRate?.cell.cell ?? null,
          scoreCell: e.scoreCell?.cell ?? e.statedScore?.cell ?? null,
          rateConvention: e.rateConvention.kind,
        }
      : null,
    indicators: t.indicators.map((i) => ({
      row: i.row.row,
      level1: i.row.level1,
      level2: i.row.level2,
      level3: i.row.level3,
      target: i.row.texts.target?.text.trim() ?? '',
      actual: i.row.texts.actual?.text.trim() ?? '',
      weight: cellNumber(i.row.weight) ?? toNum(i.weight),
      score: i.score === i.stated ? cellNumber(i.row.score) ?? toNum(i.score) : toNum(i.score),
      statedScore: cellNumber(i.row.score) ?? toNum(i.stated),
      method: i.method,
      scoreCell: i.row.score?.cell ?? null,
    })),
    total: { score: toNum(t.total), stated: toNum(t.statedTotal?.value ?? t.statedTotalAnnotated), cell: l.total?.score?.cell ?? null },
    grade: { value: t.grade, stated: t.statedGrade, cell: l.grade?.cell ?? null },
    findings,
  };
}
