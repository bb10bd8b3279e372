/**
 * Layout edge cases (issue 6, items 1, 2, 4, 14, 16): where tables are, which column a
 * value belongs to, and which header wording is recognised.
 *
 * Every workbook holds a standard 项目支出绩效自评表 laid out like the national template
 * (columns A–I): title, 项目名称, budget block, indicator header, indicator rows, 总分, 评价等级.
 */
import { type Worksheet } from 'exceljs';
import type { EdgeCase } from './index';
import { bytes, workbook } from './book';


type V = string | number | null;

interface Indicator {
  l1: string;
  l2: string;
  l3: string;
  target: V;
  actual: V;
  weight: V;
  score: V;
  reason?: V;
}

interface TableSpec {
  name: string;
  /** Budget header texts for B..H (资金来源, 年初, 全年, 执行, 分值, 执行率, 得分). */
  budgetHeader?: readonly string[];
  /** Budget rows: [label, 年初, 全年, 执行, 分值, 执行率, 得分]. */
  budget: readonly V[][];
  /** Indicator header texts for B..I. */
  indicatorHeader?: readonly string[];
  indicators: readonly Indicator[];
  total: V;
  grade: V;
}

const BUDGET_HEADER = ['资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];

/** A cell to merge, relative to the table's first column: [top, left, bottom, right] (1-based, A = 1). */
type Merge = readonly [number, number, number, number];

/**
 * Write one table with its first column at `col0` (1 = A), plus `extraMerges` (relative to
 * the table, like its own merges).
 */
function writeTable(ws: Worksheet, t: TableSpec, col0 = 1, extraMerges: readonly Merge[] = []): void {
  const rows: V[][] = [];
  const merges: Merge[] = [[1, 1, 1, 9]];
  rows.push(['项目支出绩效自评表']);
  rows.push(['项目名称', t.name]);
  const budgetTop = rows.length + 1;
  rows.push(['项目资金（万元）', ...(t.budgetHeader ?? BUDGET_HEADER)]);
  for (const b of t.budget) rows.push([null, ...b]);
  merges.push([budgetTop, 1, rows.length, 1]);
  const indicatorTop = rows.length + 1;
  rows.push(['绩效指标', ...(t.indicatorHeader ?? INDICATOR_HEADER)]);
  for (const i of t.indicators) rows.push([null, i.l1, i.l2, i.l3, i.target, i.actual, i.weight, i.score, i.reason ?? null]);
  merges.push([indicatorTop, 1, rows.length, 1]);
  rows.push(['总分', null, null, null, null, null, null, t.total]);
  merges.push([rows.length, 1, rows.length, 7]);
  rows.push(['评价等级', null, null, null, null, null, null, t.grade]);
  merges.push([rows.length, 1, rows.length, 7]);

  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v === null) return;
      ws.getCell(i + 1, col0 + j).value = v;
    });
  });
  for (const [top, left, bottom, right] of [...merges, ...extraMerges]) ws.mergeCells(top, col0 + left - 1, bottom, col0 + right - 1);
}

/**
 * The base table: execution 90/100 of weight 10 → 9; indicators 30 + 30 + 30 → total 99 (优).
 * Rows: 1 title, 2 项目名称, 3 budget header, 4–6 budget, 7 indicator header, 8–10 indicators,
 * 11 总分 (H11), 12 评价等级 (H12).
 */
export const BASE: TableSpec = {
  name: '职工培训',
  budget: [
    ['年度资金总额', 100, 100, 90, 10, '90%', 9],
    ['其中：当年财政拨款', 100, 100, 90, null, null, null],
    ['其他资金', 0, 0, 0, null, null, null],
  ],
  indicators: [
    { l1: '产出指标', l2: '数量指标', l3: '培训人数', target: '≥100人', actual: '100人', weight: 30, score: 30 },
    { l1: '效益指标', l2: '社会效益指标', l3: '职工技能', target: '显著提升', actual: '显著提升', weight: 30, score: 30 },
    { l1: '满意度指标', l2: '服务对象满意度指标', l3: '学员满意度', target: '≥90%', actual: '95%', weight: 30, score: 30 },
  ],
  total: 99,
  grade: '优',
};

/** Item 1: one stray cell far from the table. */
function farStray(address: string): () => Promise<Buffer> {
  return async () => {
    const wb = workbook();
    const ws = wb.addWorksheet('自评表');
    writeTable(ws, BASE);
    ws.getCell(address).value = 'x';
    return bytes(wb);
  };
}

/**
 * Item 2: the base table in A:I and a second one in K:S on the same rows. The right-hand
 * table's 疗休养人数 is 80 of 100 (score left blank), so its total is below the 99 written.
 */
export const RIGHT: TableSpec = {
  ...BASE,
  name: '劳模疗休养',
  indicators: [
    { l1: '产出指标', l2: '数量指标', l3: '疗休养人数', target: '≥100人', actual: '80人', weight: 30, score: null },
    { l1: '效益指标', l2: '社会效益指标', l3: '劳模身心健康', target: '有效改善', actual: '有效改善', weight: 30, score: 30 },
    { l1: '满意度指标', l2: '服务对象满意度指标', l3: '劳模满意度', target: '≥90%', actual: '95%', weight: 30, score: 30 },
  ],
  total: 99,
  grade: '优',
};

async function sideBySide(): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet('自评表');
  writeTable(ws, BASE, 1);
  writeTable(ws, RIGHT, 11);
  return bytes(wb);
}

/**
 * Item 4: twelve indicators (rows 8–19, weights 10×4, 5×4, 10×2, 5×2 = 90); the actual of
 * row 18 (`98%`) is merged across F18:I18, over the 分值, 得分 and reason columns.
 */
export const MERGED_ACTUAL: TableSpec = {
  ...BASE,
  name: '困难职工帮扶',
  indicators: [
    { l1: '产出指标', l2: '数量指标', l3: '帮扶人数', target: '≥100人', actual: '100人', weight: 10, score: 10 },
    { l1: '产出指标', l2: '数量指标', l3: '走访户数', target: '≥50户', actual: '50户', weight: 10, score: 10 },
    { l1: '产出指标', l2: '质量指标', l3: '资金发放准确率', target: '100%', actual: '100%', weight: 10, score: 10 },
    { l1: '产出指标', l2: '质量指标', l3: '建档覆盖率', target: '≥95%', actual: '96%', weight: 10, score: 10 },
    { l1: '产出指标', l2: '时效指标', l3: '发放及时率', target: '100%', actual: '100%', weight: 5, score: 5 },
    { l1: '产出指标', l2: '时效指标', l3: '完成时间', target: '≤12月', actual: '12月', weight: 5, score: 5 },
    { l1: '产出指标', l2: '成本指标', l3: '人均帮扶标准', target: '≤2000元', actual: '2000元', weight: 5, score: 5 },
    { l1: '效益指标', l2: '社会效益指标', l3: '困难职工生活改善', target: '有效改善', actual: '有效改善', weight: 5, score: 5 },
    { l1: '效益指标', l2: '可持续影响指标', l3: '帮扶机制长效运行', target: '长期', actual: '长期', weight: 10, score: 10 },
    { l1: '满意度指标', l2: '服务对象满意度指标', l3: '困难职工满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
    { l1: '满意度指标', l2: '服务对象满意度指标', l3: '基层工会满意度', target: '≥90%', actual: '98%', weight: null, score: null },
    { l1: '满意度指标', l2: '服务对象满意度指标', l3: '社会满意度', target: '≥90%', actual: '92%', weight: 5, score: 5 },
  ],
  total: 94,
  grade: '优',
};

async function mergedActual(): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet('自评表');
  // Row 18 = 11th indicator; F:I is columns 6..9 of the table.
  writeTable(ws, MERGED_ACTUAL, 1, [[18, 6, 18, 9]]);
  return bytes(wb);
}

/**
 * Item 14: 二级 labels copied from the template with its suffixes (`等`, `指标等`, `（如有）`).
 * Execution 9 + 30 + 30 + 30 = 99.
 */
export const TEMPLATE_SUFFIXES: TableSpec = {
  ...BASE,
  name: '职工文体活动',
  indicators: [
    { l1: '产出指标', l2: '数量指标等', l3: '活动场次', target: '≥10场', actual: '10场', weight: 30, score: 30 },
    { l1: '效益指标', l2: '社会效益指标（如有）', l3: '职工参与度', target: '显著提高', actual: '显著提高', weight: 30, score: 30 },
    { l1: '满意度指标', l2: '服务对象满意度指标等', l3: '职工满意度', target: '≥90%', actual: '95%', weight: 30, score: 30 },
  ],
  total: 99,
  grade: '优',
};

async function templateSuffixes(): Promise<Buffer> {
  const wb = workbook();
  writeTable(wb.addWorksheet('自评表'), TEMPLATE_SUFFIXES);
  return bytes(wb);
}

/**
 * Item 16: header wording of the central transfer-payment form (中央对地方转移支付区域绩效自评表)
 * and of department forms: 年初预算 / 预算执行数 / 预算执行率, 未完成原因及拟采取的改进措施.
 * Execution 90/100 → 9; indicators 30 × 3; total 99.
 */
export const TRANSFER_WORDING: TableSpec = {
  ...BASE,
  name: '中央补助职工服务',
  budgetHeader: ['资金来源', '年初预算', '全年预算数（A）', '预算执行数（B）', '分值', '预算执行率（B/A）', '得分'],
  indicatorHeader: ['一级指标', '二级指标', '三级指标', '年度指标值', '全年实际完成值', '分值', '得分', '未完成原因及拟采取的改进措施'],
  indicators: [
    { l1: '产出指标', l2: '数量指标', l3: '服务人次', target: '≥100人次', actual: '100人次', weight: 30, score: 30, reason: '无' },
    { l1: '效益指标', l2: '社会效益指标', l3: '职工获得感', target: '明显增强', actual: '明显增强', weight: 30, score: 30, reason: '无' },
    { l1: '满意度指标', l2: '服务对象满意度指标', l3: '职工满意度', target: '≥90%', actual: '95%', weight: 30, score: 30, reason: '无' },
  ],
};

async function transferWording(): Promise<Buffer> {
  const wb = workbook();
  writeTable(wb.addWorksheet('自评表'), TRANSFER_WORDING);
  return bytes(wb);
}

export const CASES: EdgeCase[] = [
  {
    file: 'far-stray-xfd.xlsx',
    description: 'issue 6 item 1: a normal table and one stray `x` at XFD1048576 (the last cell of a sheet); must not hang',
    build: farStray('XFD1048576'),
  },
  {
    file: 'far-stray-amj.xlsx',
    description: 'issue 6 item 1: a normal table and one stray `x` at AMJ1048576 (LibreOffice’s last cell); must not hang',
    build: farStray('AMJ1048576'),
  },
  {
    file: 'side-by-side.xlsx',
    description: 'issue 6 item 2: two project tables on the same rows (A:I and K:S); the right one states 99 where 90 is due',
    build: sideBySide,
  },
  {
    file: 'merged-actual-over-weight.xlsx',
    description: 'issue 6 item 4: an actual `98%` merged across F18:I18, over the 分值 and 得分 columns; not a weight of 98',
    build: mergedActual,
  },
  {
    file: 'template-suffix-labels.xlsx',
    description: 'issue 6 item 14: 二级 labels with template suffixes (数量指标等, 社会效益指标（如有）, 服务对象满意度指标等)',
    build: templateSuffixes,
  },
  {
    file: 'transfer-payment-headers.xlsx',
    description: 'issue 6 item 16: central transfer-payment wording (年初预算, 预算执行数, 预算执行率, 未完成原因及拟采取的改进措施)',
    build: transferWording,
  },
];
