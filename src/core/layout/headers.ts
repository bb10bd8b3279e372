/**
 * Header synonyms (SPEC §3), matched after `normalizeHeader` (whitespace, full-width and
 * unit/weight suffixes removed). Declarative: add a synonym here, nowhere else.
 */

export type IndicatorRole =
  | 'level1'
  | 'level2'
  | 'level3'
  | 'description'
  | 'operator'
  | 'target'
  | 'unit'
  | 'actual'
  | 'weight'
  | 'refWeight'
  | 'score'
  | 'completion'
  | 'reason'
  | 'analysis'
  | 'basis'
  | 'criteria';

export type BudgetRole = 'initialBudget' | 'budget' | 'executed' | 'weight' | 'rate' | 'score' | 'deduction' | 'reason';

/**
 * Reason-column wording of other published forms (issue 6 item 16; docs/decisions/layout.md):
 * the central transfer-payment form (中央对地方转移支付区域绩效自评表) and provincial variants.
 */
const REASON_WORDING = ['未完成原因及拟采取的改进措施', '未完成原因和改进措施', '未完成原因及改进措施', '偏差原因及改进措施', '原因分析及改进措施', '偏差原因分析及整改措施'];

/** Synonyms in priority order: an earlier synonym wins when two columns claim one role. */
export const INDICATOR_HEADERS: Readonly<Record<IndicatorRole, readonly string[]>> = {
  level1: ['一级指标'],
  level2: ['二级指标'],
  level3: ['三级指标', '指标名称'],
  description: ['绩效指标描述', '指标内容'],
  operator: ['指标性质', '指标方向'],
  target: ['调整指标值', '年度指标值', '指标值', '目标值', '预期指标值', '年初指标值', '全年指标值', '年度目标值', '年初目标值'],
  unit: ['计量单位', '度量单位', '单位'],
  actual: ['实际完成值', '实际完值', '全年实际值', '全年完成值', '完成值', '全年实际完成值', '实际完成指标值'],
  weight: ['设定分值', '分值', '指标分值', '权重', '指标权重'],
  refWeight: ['参考分值'],
  score: ['得分', '评价得分', '自评得分', '指标得分', '实际得分'],
  completion: ['完成率', '得分系数'],
  reason: ['偏差原因分析及改进措施', '偏差原因', '偏差原因分析', '未完成原因分析', '原因分析', ...REASON_WORDING, '扣分原因', '扣分理由', '扣分说明'],
  analysis: ['计算分析情况'],
  basis: ['指标值确定依据'],
  /** 评分标准 of an evaluation framework (issue 12): with no actual column, the table is an `evaluation`. */
  criteria: ['评分标准', '评分要点', '评分细则', '评分办法'],
};

export const BUDGET_HEADERS: Readonly<Record<BudgetRole, readonly string[]>> = {
  initialBudget: ['年初预算数', '年初预算'],
  budget: ['全年预算数', '调整后预算数', '调整预算数', '全年预算', '预算数', '预算'],
  executed: ['全年执行数', '执行数', '实际支出', '全年实际支出', '预算执行数', '实际执行数', '全年实际执行数'],
  weight: ['分值', '权重'],
  rate: ['执行率', '预算执行率', '全年执行率', '资金执行率'],
  score: ['得分', '执行率得分', '预算执行率得分'],
  deduction: ['扣分'],
  reason: ['偏差原因分析及改进措施', '偏差原因分析', '偏差原因', '未完成原因分析', '原因分析', ...REASON_WORDING],
};

/** Total-row labels (SPEC §3). */
export const TOTAL_LABELS: readonly string[] = ['总分', '合计', '综合得分', '自评总分', '总计', '总得分'];
/** Grade-row labels. */
export const GRADE_LABELS: readonly string[] = ['评价等级', '评价结果等次', '自评等级', '等级', '等次', '评价结果'];
/** Budget total-row labels (SPEC §6). */
export const BUDGET_TOTAL_LABELS: readonly string[] = ['年度资金总额', '资金总额', '总额', '合计', '总计'];
/** Labels whose neighbour names the table (SPEC §14 `title`). */
export const PROJECT_NAME_LABELS: readonly string[] = ['项目名称', '项目支出名称'];
export const DEPARTMENT_NAME_LABELS: readonly string[] = ['预算部门名称', '部门(单位名称)', '部门（单位名称）', '单位名称', '部门名称', '预算单位名称'];
/** Side-by-side breakdown markers in Hunan budget blocks (seed 002). */
export const INCOME_LIST_LABEL = '按收入性质分';
export const EXPENSE_LIST_LABEL = '按支出性质分';

/** Level-1 names that head `evaluation` subtotal rows (seed 003) or standard project tables. */
export const LEVEL1_NAMES: readonly string[] = [
  '决策',
  '投入',
  '过程',
  '产出',
  '效果',
  '效益',
  '满意度',
  '成本',
  '管理',
  '产出指标',
  '效益指标',
  '满意度指标',
  '成本指标',
  '效果指标',
  '过程指标',
  '投入指标',
  '决策指标',
];

/** Synonym → (role, rank) index per table, built once: lookups run for every cell. */
const indexes = new WeakMap<object, Map<string, { role: string; rank: number }>>();

/** The index of the table looked up last: lookups come in long runs on one table (a row's cells). */
let lastTable: object | null = null;
let lastIndex: Map<string, { role: string; rank: number }> | null = null;

function indexOf<R extends string>(table: Readonly<Record<R, readonly string[]>>): Map<string, { role: string; rank: number }> {
  if (table === lastTable && lastIndex) return lastIndex;
  let idx = indexes.get(table);
  if (!idx) {
    idx = new Map();
    for (const role of Object.keys(table) as R[]) {
      table[role].forEach((syn, rank) => {
        if (!idx!.has(syn)) idx!.set(syn, { role, rank });
      });
    }
    indexes.set(table, idx);
  }
  lastTable = table;
  lastIndex = idx;
  return idx;
}

export function roleOf<R extends string>(table: Readonly<Record<R, readonly string[]>>, header: string): R | null {
  return (indexOf(table).get(header)?.role as R | undefined) ?? null;
}

/** Priority of `header` within its role's synonyms (lower wins). */
export function synonymRank<R extends string>(table: Readonly<Record<R, readonly string[]>>, role: R, header: string): number {
  const i = table[role].indexOf(header);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}
