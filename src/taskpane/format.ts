/** Words and number formats of the pane (简体中文), shared by its components. */
import Decimal from 'decimal.js';
import { describeMethod, fmt, fmtPct, KIND_LABEL, SEVERITIES, SEVERITY_LABEL, type Finding, type TableResult } from '../core';
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

// Figures are formatted with the engine's decimal helpers: 2.675 prints 2.68, as it scores.
export const num = (v: number | null | undefined): string => (v == null ? '—' : fmt(new Decimal(v)));
export const pct = (v: number | null | undefined): string => (v == null ? '—' : fmtPct(new Decimal(v)));

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
  return f.cell ?? t.range.split(':')[0];
}
