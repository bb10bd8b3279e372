/**
 * The Chinese words every host shows for the engine's ids: severities, table kinds and rule
 * names. One table each, here; the CLI's report, the summary workbook, the pane, the notes
 * and the WPS host all read them from the core. Adding a rule adds its name here (a test
 * checks that every rule in RULES has one).
 */
import type { Severity } from './rules/types';

/** Most severe first: the order of every report's groups. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };

export const KIND_LABEL: Readonly<Record<string, string>> = {
  project: '项目支出绩效自评表',
  department: '部门整体支出绩效自评表',
  evaluation: '部门整体支出绩效评价指标体系',
  target: '绩效目标表',
  'basic-data': '绩效评价基础数据表',
};

/** Each rule id's name in Chinese (SPEC §9), as a reviewer would call the problem. */
export const RULE_NAMES: Readonly<Record<string, string>> = {
  'total-mismatch': '总分不符',
  'total-incomplete': '总分无法完整计算',
  'grade-mismatch': '评价等级不符',
  'weight-sum': '分值合计不为 100',
  'weight-negative': '分值为负数',
  'weight-covered-by-merge': '分值被合并单元格遮盖',
  'level1-weight-mismatch': '一级指标分值与明细不符',
  'subtotal-mismatch': '小计不符',
  'execution-rate-mismatch': '预算执行率不符',
  'execution-score-mismatch': '执行率得分不符',
  'execution-no-budget': '无预算却有支出',
  'execution-missing': '执行率或得分未填写',
  'execution-over-budget': '执行数超过预算数',
  'execution-denominator': '以年初预算数计算执行率',
  'rate-percent-number': '执行率按百分数数值填写',
  'execution-weight-from-header': '执行率分值取自表头',
  'budget-breakdown-mismatch': '资金合计与明细不符',
  'fund-plan': '资金支出计划不符',
  'staff-control-rate': '人员控制率超过 100%',
  'low-execution-no-reason': '执行率偏低未说明原因',
  'score-exceeds-weight': '得分超过分值',
  'score-negative': '得分为负数',
  'unit-mismatch': '计量单位不一致',
  'score-mismatch': '指标得分不符',
  'score-annotated': '得分单元格含文字',
  'text-kept': '待写单元格为文字，未改写',
  'write-refused': '写入位置不属于本表，未写入',
  'qualitative-band': '定性得分超出档次',
  'formula-result-mismatch': '公式结果与计算值不符',
  'missing-target': '缺少指标值',
  'missing-actual': '缺少实际完成值',
  'actual-not-measured': '完成值未量化',
  'cost-direction': '成本指标方向有误',
  'deadline-year': '日期不在评价年度',
  'missing-deviation-reason': '未完成未说明原因',
  'over-achievement': '超额完成过多未说明',
  'qualitative-unclassified': '定性完成值无法判断',
  'completion-mismatch': '完成率与得分不符',
  'quantity-not-quantified': '数量指标未量化',
  'level2-misplaced': '二级指标归类不当',
  'missing-level1': '缺少一级指标',
  'duplicate-indicator': '指标重复',
  'text-number': '文本格式的数字',
  'date-formatted-number': '数字设置了日期格式',
};

/** A rule's Chinese name; an unknown id (a newer engine's) shows as itself. */
export function ruleName(id: string): string {
  return RULE_NAMES[id] ?? id;
}
