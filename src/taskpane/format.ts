/** Words, number formats and derived views of a report for the pane (简体中文). */
import Decimal from 'decimal.js';
import {
  describeMethod,
  FIXED_BY_WRITE,
  fmt,
  fmtPct,
  KIND_LABEL,
  ruleName,
  SEVERITIES,
  SEVERITY_LABEL,
  type CheckReport,
  type Finding,
  type Severity,
  type TableResult,
  type WorkbookResult,
  type WriteReport,
} from '../core';
import type { Stage } from '../core';

export { SEVERITIES, SEVERITY_LABEL, KIND_LABEL };

export const STAGE_LABEL: Readonly<Record<Stage, string>> = { read: '读取', compute: '计算', write: '写回' };
export const STAGE_UNIT: Readonly<Record<Stage, string>> = { read: '张工作表', compute: '张表', write: '个单元格' };

/** The engine's own explanation of how a row was scored. */
export const methodText = describeMethod;

/** A rule's Chinese name; the id itself is only ever shown in a tooltip. */
export const ruleLabel = ruleName;
/** The tooltip that keeps a rule's id (as in `jixiao --json`) for whoever needs it. */
export const ruleTip = (rule: string): string => `规则编号：${rule}`;

// Figures are formatted with the engine's decimal helpers: 2.675 prints 2.68, as it scores.
export const num = (v: number | null | undefined): string => (v == null ? '—' : fmt(new Decimal(v)));
export const pct = (v: number | null | undefined): string => (v == null ? '—' : fmtPct(new Decimal(v)));

/** An amount with thousands separators, as a table states money: 2879927.69 → `2,879,927.69`. */
export function amount(v: number | null | undefined): string {
  if (v == null) return '—';
  const [int, frac] = fmt(new Decimal(v)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

/** Tables that carry a 总分 and a grade. */
export const isScored = (t: TableResult): boolean => t.kind !== 'target' && t.kind !== 'basic-data';

/** The table's name for lists: its title, or its kind. */
export function tableName(t: TableResult): string {
  return t.title ?? KIND_LABEL[t.kind] ?? t.kind;
}

/** `劳模服务!A1:I30`. */
export function tablePlace(t: TableResult): string {
  return `${t.sheet}!${t.range}`;
}

/** The cell a finding points at; a finding about a whole table goes to the table's first cell. */
export function findingCell(t: TableResult, f: Finding): string {
  return (f.cell ?? t.range).split(':')[0];
}

export const cellKey = (sheet: string, cell: string): string => `${sheet}!${cell}`;

/** A finding still open, in the order the pane lists them (most severe first, then tables). */
export interface Problem {
  readonly key: string;
  readonly table: TableResult;
  readonly tableIndex: number;
  readonly finding: Finding;
  /** Sheet!cell it points at. */
  readonly place: string;
  readonly sheet: string;
  readonly cell: string;
  /** The engine plans the value that fixes this cell (更正此项 writes it; the rule is `fixedByWrite`). */
  readonly fixable: boolean;
}

/** A cell the last write corrected (no finding left on it), with what was wrong before. */
export interface Corrected {
  readonly key: string;
  readonly place: string;
  readonly sheet: string;
  readonly cell: string;
  /** The findings that were on the cell when the write read it. */
  readonly was: readonly Finding[];
}

const isWrite = (r: CheckReport | null): r is WriteReport => r !== null && 'written' in r;

/**
 * What the pane shows of a report: after a write, the workbook as written (`after`: the
 * findings the write fixed are gone, the plan holds only what was not written); otherwise the
 * workbook as read.
 */
export function shownResult(report: CheckReport): WorkbookResult {
  return isWrite(report) && report.after ? report.after.result : report.result;
}

/** `Sheet!A1` of the cells the report's write wrote, and of those it corrected. */
export function writeSets(report: CheckReport | null): { written: ReadonlySet<string>; corrected: ReadonlySet<string> } {
  if (!isWrite(report)) return { written: new Set(), corrected: new Set() };
  const keys = (refs: ReadonlyArray<{ sheet: string; cell: string }> | undefined): Set<string> => new Set((refs ?? []).map((r) => cellKey(r.sheet, r.cell)));
  return { written: keys(report.writtenCells), corrected: keys(report.corrected) };
}

/** The open problems of a report (after a write: those the write left). */
export function problemsOf(report: CheckReport | null): Problem[] {
  if (!report) return [];
  const result = shownResult(report);
  const planned = new Set(result.plan.map((e) => cellKey(e.sheet, e.cell)));
  const blocked = new Set(result.blockedByProtection.map((e) => cellKey(e.sheet, e.cell)));
  const all = result.tables.flatMap((table, tableIndex) =>
    table.findings.map((finding, i): Problem => {
      const cell = findingCell(table, finding);
      const place = cellKey(table.sheet, cell);
      return { key: `${tableIndex}-${i}`, table, tableIndex, finding, place, sheet: table.sheet, cell, fixable: finding.cell !== null && FIXED_BY_WRITE.has(finding.rule) && planned.has(place) && !blocked.has(place) };
    }),
  );
  const rank = (s: Severity): number => SEVERITIES.indexOf(s);
  return all.sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity) || a.tableIndex - b.tableIndex);
}

/** The cells a write corrected, each with the findings it had when the write read it. */
export function correctedOf(report: CheckReport | null): Corrected[] {
  if (!isWrite(report)) return [];
  const was = new Map<string, Finding[]>();
  for (const t of report.result.tables)
    for (const f of t.findings) {
      if (!f.cell) continue;
      const k = cellKey(t.sheet, findingCell(t, f));
      was.set(k, [...(was.get(k) ?? []), f]);
    }
  return (report.corrected ?? []).map((r) => {
    const place = cellKey(r.sheet, r.cell);
    return { key: `c-${place}`, place, sheet: r.sheet, cell: r.cell, was: was.get(place) ?? [] };
  });
}

/**
 * After a write: what each written cell held before it, in words (`90`, `56.67%`, `空白`), from
 * the write's own plan (each edit keeps the value it replaced). Null for a cell not written.
 */
export function previousOf(report: CheckReport | null): (sheet: string, cell: string) => string | null {
  if (!isWrite(report)) return () => null;
  const byCell = new Map(report.result.plan.map((e) => [cellKey(e.sheet, e.cell), e] as const));
  return (sheet, cell) => {
    const e = byCell.get(cellKey(sheet, cell));
    if (!e) return null;
    const v = e.previous;
    if (v.t === 'empty') return '空白';
    if (v.t === 'number') return e.role === 'execution-rate' && Math.abs(v.v) <= 10 ? pct(v.v) : num(v.v);
    return String(v.v);
  };
}

/** Counts by severity of the open problems. */
export function openCounts(problems: readonly Problem[]): Record<Severity, number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const p of problems) c[p.finding.severity]++;
  return c;
}
