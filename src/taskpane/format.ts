/** Words and number formats of the pane (简体中文), shared by its components. */
import Decimal from 'decimal.js';
import { fmt, fmtPct, type Finding, type Severity, type TableResult } from '../core';
import type { ProfileName, Stage } from '../excel/api';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };

export const KIND_LABEL: Readonly<Record<string, string>> = {
  project: '项目支出绩效自评表',
  department: '部门整体支出绩效自评表',
  evaluation: '部门整体支出绩效评价指标体系',
  target: '绩效目标表',
  'basic-data': '绩效评价基础数据表',
};

export const PROFILE_LABEL: Readonly<Record<ProfileName, string>> = {
  'mof-2020': '财政部 2020 版（默认）',
  'mof-2017': '财政部 2017 版（定性档次 80/50）',
  'linear-reverse': '反向指标线性扣分',
  hubei: '湖北（预算执行 20 分）',
};

export const STAGE_LABEL: Readonly<Record<Stage, string>> = { read: '读取', compute: '计算', write: '写回' };
export const STAGE_UNIT: Readonly<Record<Stage, string>> = { read: '张工作表', compute: '张表', write: '个单元格' };

/** How the engine scored an indicator row (IndicatorResult.method, SPEC §5), in words. */
export const METHOD_TEXT: Readonly<Record<string, string>> = {
  positive: '正向指标：实际值 ÷ 目标值 × 分值，最高得满分',
  negative: '反向指标（越低越好）：不超过目标值得满分，超出按方案扣分',
  equal: '等于型指标：实际值与目标值一致得满分',
  zero: '零目标指标：实际为零得满分，否则不得分',
  date: '时间指标：按期或提前完成得满分，逾期按“部分达成”档计分',
  rule: '按指标中写明的扣分规则：每差一个单位扣相应分数，扣完为止',
  qualitative: '定性指标：按完成情况分档（达成/部分达成/未达成）计分',
  stated: '无法自动计算，保留表中填写的得分',
};

export function methodText(method: string | null): string {
  return method ? (METHOD_TEXT[method] ?? method) : '无法计算：缺少实际完成值或分值';
}

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
