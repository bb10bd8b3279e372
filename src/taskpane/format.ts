/** Words, number formats and derived views of a report for the pane (简体中文). */
import Decimal from 'decimal.js';
import {
  describeMethod,
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
  type WriteReport,
} from '../core';
import type { ProfileName, Stage } from '../core';

export { SEVERITIES, SEVERITY_LABEL, KIND_LABEL };

export const PROFILE_LABEL: Readonly<Record<ProfileName, string>> = {
  'mof-2020': '财政部 2020 版（默认）',
  'mof-2017': '财政部 2017 版（定性档次 80/50）',
  'linear-reverse': '反向指标线性扣分',
  hubei: '湖北（预算执行 20 分）',
};

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

/** Every finding of a report, in the order the pane lists them (most severe first, then tables). */
export interface Problem {
  readonly key: string;
  readonly table: TableResult;
  readonly tableIndex: number;
  readonly finding: Finding;
  /** Sheet!cell it points at. */
  readonly place: string;
  readonly sheet: string;
  readonly cell: string;
  /** The write fixed it: shown as 已更正, not as a problem. */
  readonly corrected: boolean;
  /** The engine knows the value that fixes it and it has not been written yet (更正此项). */
  readonly fixable: boolean;
}

/** Cells a write report's write fixed (left out: cells changed since the read, protected sheets). */
export function correctedCells(report: CheckReport | null): ReadonlySet<string> {
  if (!report || !('written' in report)) return new Set();
  const w = report as WriteReport;
  if (w.written === 0) return new Set();
  const skipped = new Set(w.changedSinceRead.map((c) => cellKey(c.sheet, c.cell)));
  const blocked = new Set(w.protectedSheets);
  return new Set(w.result.plan.filter((e) => !blocked.has(e.sheet)).map((e) => cellKey(e.sheet, e.cell)).filter((k) => !skipped.has(k)));
}

export function problemsOf(report: CheckReport | null): Problem[] {
  if (!report) return [];
  const corrected = correctedCells(report);
  const planned = new Set(report.result.plan.map((e) => cellKey(e.sheet, e.cell)));
  const blocked = new Set(report.result.blockedByProtection.map((e) => cellKey(e.sheet, e.cell)));
  const all = report.result.tables.flatMap((table, tableIndex) =>
    table.findings.map((finding, i) => {
      const cell = findingCell(table, finding);
      const place = cellKey(table.sheet, cell);
      const isCorrected = finding.cell !== null && corrected.has(place);
      return {
        key: `${tableIndex}-${i}`,
        table,
        tableIndex,
        finding,
        place,
        sheet: table.sheet,
        cell,
        corrected: isCorrected,
        fixable: finding.cell !== null && !isCorrected && planned.has(place) && !blocked.has(place),
      };
    }),
  );
  const rank = (s: Severity): number => SEVERITIES.indexOf(s);
  return all.sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity) || a.tableIndex - b.tableIndex);
}

/** Counts by severity of the problems still open (corrected ones apart). */
export function openCounts(problems: readonly Problem[]): Record<Severity | 'corrected', number> {
  const c = { error: 0, warning: 0, info: 0, corrected: 0 };
  for (const p of problems) c[p.corrected ? 'corrected' : p.finding.severity]++;
  return c;
}
