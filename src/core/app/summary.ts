/**
 * What a check found, in the words every host shows: counts by severity, the sheets, and
 * the calm "no tables" state (not an error: an empty or unrelated workbook is a fact, and
 * the user needs to know what the add-in looks for). Also the one-line outcome of a write.
 */
import Decimal from 'decimal.js';
import type { WorkbookResult } from '../engine';
import { fmt, fmtPct } from '../num';
import type { Severity } from '../rules/types';

/** Sheet as the check saw it. */
export interface SheetSummary {
  readonly name: string;
  readonly tables: number;
  readonly protected: boolean;
}

/** A workbook without a recognisable table: what to tell the user. */
export interface EmptyState {
  readonly title: string;
  /** What the add-in looks for, so the user can tell whether this workbook should match. */
  readonly guidance: string;
  /** Sheets read. */
  readonly sheets: number;
}

export const NO_TABLES_TITLE = '未找到可识别的绩效自评表';

export const NO_TABLES_GUIDANCE =
  '加载项查找的是：标题含“绩效自评表”或“绩效评价”的表格，带有“一级指标/二级指标/三级指标、年度指标值、实际完成值、分值、得分”等表头，以及“年初预算数、全年执行数、执行率”等预算执行栏目。';

/** One line, for a CLI message or a status bar: `未找到可识别的绩效自评表（已检查 3 个工作表）`. */
export function noTablesLine(sheets: number): string {
  return `${NO_TABLES_TITLE}（已检查 ${sheets} 个工作表）`;
}

export function emptyState(sheets: number): EmptyState {
  return { title: noTablesLine(sheets), guidance: NO_TABLES_GUIDANCE, sheets };
}

export function countFindings(result: Pick<WorkbookResult, 'tables'>): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const t of result.tables) for (const f of t.findings) counts[f.severity]++;
  return counts;
}

export interface CheckSummary {
  readonly sheets: readonly SheetSummary[];
  readonly counts: Readonly<Record<Severity, number>>;
  /** Null when at least one table was recognised. */
  readonly empty: EmptyState | null;
}

export function summarize(result: WorkbookResult, sheets: ReadonlyArray<{ readonly name: string; readonly protected: boolean }>): CheckSummary {
  return {
    sheets: sheets.map((s) => ({ name: s.name, tables: result.tables.filter((t) => t.sheet === s.name).length, protected: s.protected })),
    counts: countFindings(result),
    empty: result.tables.length ? null : emptyState(sheets.length),
  };
}

/** A figure as an accountant writes it (2 decimals at most, half-up; null → —). */
export function formatNumber(v: number | null | undefined): string {
  return v == null || !Number.isFinite(v) ? '—' : fmt(new Decimal(v));
}

/** A fraction as a percentage with 2 decimals: 0.5667 → `56.67%` (null → —). */
export function formatPercent(v: number | null | undefined): string {
  return v == null || !Number.isFinite(v) ? '—' : fmtPct(new Decimal(v));
}
