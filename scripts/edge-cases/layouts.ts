/**
 * Real layouts (issue 12: items 1, 2, 9 and "real layouts the engine still misreads"): tables
 * whose top rows differ side by side, rates typed as percent numbers, header wording with
 * formulas and stated weights, count words, section rows, repeated headers, forms without a
 * 分值 column. Every workbook is written by hand here; each table is laid out like the
 * national 项目支出绩效自评表 (columns A–I of the table): title, 项目名称, budget block,
 * indicator header, indicator rows, 总分, 评价等级.
 */
import { type CellValue, type Worksheet } from 'exceljs';
import type { EdgeCase } from './index';
import { bytes, workbook } from './book';


/** A cell: text, number, a number with a format, or a formula with its cached result. */
type V = string | number | null | { readonly n: number; readonly fmt: string } | { readonly f: string; readonly result: number };

/** A merge relative to the table: [top, left, bottom, right], 1-based, A = 1, row 1 = title. */
type Merge = readonly [number, number, number, number];

interface Table {
  readonly title?: string;
  readonly name: string;
  /** Texts of B.. (资金来源, 年初预算数, …). */
  readonly budgetHeader: readonly string[];
  /** Rows of B.. under the budget header. */
  readonly budget: readonly (readonly V[])[];
  /** Texts of B.. (一级指标, …). */
  readonly indicatorHeader: readonly string[];
  /** Rows of B.. under the indicator header (a row may be a section label alone). */
  readonly indicators: readonly (readonly V[])[];
  /** Column of the 总分/评价等级 value, relative (A = 1); the label is merged from A to the one before. */
  readonly totalCol: number;
  readonly total: V;
  readonly grade: V;
  readonly merges?: readonly Merge[];
}

const BUDGET_HEADER = ['资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];

function put(ws: Worksheet, r: number, c: number, v: V): void {
  if (v === null) return;
  const cell = ws.getCell(r, c);
  if (typeof v === 'object' && 'n' in v) {
    cell.value = v.n;
    cell.numFmt = v.fmt;
  } else if (typeof v === 'object') cell.value = { formula: v.f, result: v.result } as CellValue;
  else cell.value = v;
}

/** Write `t` with its title at (row0, col0); returns the sheet row of each part. */
function writeTable(ws: Worksheet, t: Table, row0 = 1, col0 = 1): { total: number; grade: number } {
  const rows: V[][] = [];
  const merges: Merge[] = [[1, 1, 1, 9]];
  rows.push([t.title ?? '项目支出绩效自评表']);
  rows.push(['项目名称', t.name]);
  merges.push([2, 2, 2, 9]);
  const budgetTop = rows.length + 1;
  rows.push(['项目资金（万元）', ...t.budgetHeader]);
  for (const b of t.budget) rows.push([null, ...b]);
  merges.push([budgetTop, 1, rows.length, 1]);
  const indicatorTop = rows.length + 1;
  rows.push(['绩效指标', ...t.indicatorHeader]);
  for (const i of t.indicators) rows.push([null, ...i]);
  merges.push([indicatorTop, 1, rows.length, 1]);
  const total = rows.length + 1;
  rows.push(['总分', ...Array<V>(t.totalCol - 2).fill(null), t.total]);
  merges.push([total, 1, total, t.totalCol - 1]);
  rows.push(['评价等级', ...Array<V>(t.totalCol - 2).fill(null), t.grade]);
  merges.push([total + 1, 1, total + 1, t.totalCol - 1]);
  rows.forEach((row, i) => row.forEach((v, j) => put(ws, row0 + i, col0 + j, v)));
  for (const [top, left, bottom, right] of [...merges, ...(t.merges ?? [])]) {
    ws.mergeCells(row0 + top - 1, col0 + left - 1, row0 + bottom - 1, col0 + right - 1);
  }
  return { total: row0 + total - 1, grade: row0 + total };
}

/**
 * 职工书屋 (A:I): execution 48/50 of 10 → 9.6; indicators 30 + 30 + 30; total 99.6 (优).
 * Rows from its title: 1 title, 2 项目名称, 3 budget header, 4–6 budget, 7 indicator header,
 * 8–10 indicators, 11 总分 (column H), 12 评价等级.
 */
export const LIBRARY: Table = {
  name: '职工书屋建设',
  budgetHeader: BUDGET_HEADER,
  budget: [
    ['年度资金总额', 50, 50, 48, 10, { n: 0.96, fmt: '0.00%' }, 9.6],
    ['其中：当年财政拨款', 50, 50, 48, null, null, null],
    ['其他资金', 0, 0, 0, null, null, null],
  ],
  indicatorHeader: INDICATOR_HEADER,
  indicators: [
    ['产出指标', '数量指标', '新建书屋数', '≥20个', '20个', 30, 30],
    ['效益指标', '社会效益指标', '职工阅读氛围', '明显改善', '明显改善', 30, 30],
    ['满意度指标', '服务对象满意度指标', '职工满意度', '≥90%', '96%', 30, 30],
  ],
  totalCol: 8,
  total: 99.6,
  grade: '优',
};

/**
 * 农民工技能培训 (K:S): execution 90/100 of 10 → 9; 培训人次 450 of ≥500 → 30 × 0.9 = 27
 * (its score is left blank), so 9 + 27 + 30 + 30 = 96 where 99 is written.
 */
export const TRAINING: Table = {
  name: '农民工技能培训',
  budgetHeader: BUDGET_HEADER,
  budget: [
    ['年度资金总额', 100, 100, 90, 10, { n: 0.9, fmt: '0.00%' }, 9],
    ['其中：当年财政拨款', 100, 100, 90, null, null, null],
    ['其他资金', 0, 0, 0, null, null, null],
  ],
  indicatorHeader: INDICATOR_HEADER,
  indicators: [
    ['产出指标', '数量指标', '培训人次', '≥500人次', '450人次', 30, null, '部分学员延期'],
    ['效益指标', '社会效益指标', '就业能力', '有效提升', '有效提升', 30, 30],
    ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '93%', 30, 30],
  ],
  totalCol: 8,
  total: 99,
  grade: '优',
};

/** Item 1: A:I from row `leftTop`, K:S from row `rightTop`. */
function offsetPair(leftTop: number, rightTop: number): () => Promise<Buffer> {
  return async () => {
    const wb = workbook();
    const ws = wb.addWorksheet('自评表');
    writeTable(ws, LIBRARY, leftTop, 1);
    writeTable(ws, TRAINING, rightTop, 11);
    return bytes(wb);
  };
}

/**
 * Item 1 (noted earlier): the offset pair, then below both a wide table over A:K (目标值 and
 * 计量单位 in columns of their own) — across the band edge. 困难职工慰问 (rows 18–27):
 * execution 10 of 10; 30 + 30 + 30; total 100 in J26.
 */
async function wideBelow(): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet('自评表');
  writeTable(ws, LIBRARY, 1, 1);
  writeTable(ws, TRAINING, 3, 11);
  writeTable(
    ws,
    {
      name: '困难职工慰问',
      budgetHeader: BUDGET_HEADER,
      budget: [['年度资金总额', 30, 30, 30, 10, { n: 1, fmt: '0.00%' }, 10]],
      indicatorHeader: ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '计量单位', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      indicators: [
        ['产出指标', '数量指标', '慰问户数', '≥', 300, '户', 300, 30, 30],
        ['效益指标', '社会效益指标', '困难职工生活', null, '有效改善', null, '有效改善', 30, 30],
        ['满意度指标', '服务对象满意度指标', '受慰问职工满意度', '≥', 90, '%', 95, 30, 30],
      ],
      totalCol: 10,
      total: 100,
      grade: '优',
    },
    18,
    1,
  );
  return bytes(wb);
}

/**
 * Item 2: rates typed as percent numbers (General format). Two tables stacked on one sheet.
 * 工会驿站运维 (rows 1–12) states 95.93 on its 当年财政拨款 row and leaves the total row's
 * 执行率 blank; 户外劳动者服务 (rows 15–27) states no rate at all. Both are written as
 * percent numbers (95.93 / 92), the convention of the sheet; H18 holds `=G18*F18/100`.
 */
async function ratePercentNumber(): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet('自评表');
  writeTable(ws, {
    name: '工会驿站运维',
    budgetHeader: BUDGET_HEADER,
    budget: [
      ['年度资金总额', 100, 100, 95.93, 10, null, null],
      ['其中：当年财政拨款', 100, 100, 95.93, null, 95.93, null],
      ['其他资金', 0, 0, 0, null, null, null],
    ],
    indicatorHeader: INDICATOR_HEADER,
    indicators: [
      ['产出指标', '数量指标', '驿站数量', '≥10个', '10个', 30, 30],
      ['效益指标', '社会效益指标', '户外劳动者获得感', '明显增强', '明显增强', 30, 30],
      ['满意度指标', '服务对象满意度指标', '使用者满意度', '≥90%', '95%', 30, 30],
    ],
    totalCol: 8,
    total: null,
    grade: null,
  });
  writeTable(
    ws,
    {
      name: '户外劳动者服务',
      budgetHeader: BUDGET_HEADER,
      budget: [
        ['年度资金总额', 50, 50, 46, 10, null, { f: 'G18*F18/100', result: 0 }],
        ['其中：当年财政拨款', 50, 50, 46, null, null, null],
      ],
      indicatorHeader: INDICATOR_HEADER,
      indicators: [
        ['产出指标', '数量指标', '服务人次', '≥1000人次', '1000人次', 30, 30],
        ['效益指标', '社会效益指标', '服务可及性', '明显提高', '明显提高', 30, 30],
        ['满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', '92%', 30, 30],
      ],
      totalCol: 8,
      total: null,
      grade: null,
    },
    15,
    1,
  );
  return bytes(wb);
}

/**
 * Item 9: header wording with formulas and a weight: 全年预算数（A）, 全年执行数（B）,
 * 执行率(B/A×100%), 得分(20分*执行率) — no 分值 column: the execution weight is the header's 20.
 * Indicators: 年初目标值(A), 实际完成值(B); weights 30 + 30 + 20 = 80. Budget 200, spent 180:
 * 90% due where 92.00% is stated (F4), 18 due where 18.4 is stated (G4); total 98 due, 98.4
 * stated (H10). Row 4 is the budget total row.
 */
async function headerWording(): Promise<Buffer> {
  const wb = workbook();
  writeTable(wb.addWorksheet('自评表'), {
    name: '职工疗休养',
    budgetHeader: ['资金来源', '年初预算数', '全年预算数（A）', '全年执行数（B）', '执行率(B/A×100%)', '得分(20分*执行率)'],
    budget: [
      ['年度资金总额', 200, 200, 180, { n: 0.92, fmt: '0.00%' }, 18.4],
      ['其中：当年财政拨款', 200, 200, 180, null, null],
    ],
    indicatorHeader: ['一级指标', '二级指标', '三级指标', '年初目标值(A)', '实际完成值(B)', '分值', '得分', '偏差原因分析及改进措施'],
    indicators: [
      ['产出指标', '数量指标', '疗休养人数', '≥200人', '200人', 30, 30],
      ['效益指标', '社会效益指标', '职工身心健康', '有效改善', '有效改善', 30, 30],
      ['满意度指标', '服务对象满意度指标', '职工满意度', '≥90%', '97%', 20, 20],
    ],
    totalCol: 8,
    total: 98.4,
    grade: '优',
  });
  return bytes(wb);
}

/**
 * Count words after a number: 192只, 80头, 300亩, 12户, 5套, 3个, and 50罐 (a word no list
 * holds), targets without an operator. Execution 10 of 10; seven 数量指标 rows of 10 each;
 * 出栏生猪 72头 of 80头 → 9, 发放饲料 45罐 of 50罐 → 9; 效益 10, 满意度 10: total 98 where 100
 * is written (H15). Rows 6–14 are the indicators.
 */
async function countUnits(): Promise<Buffer> {
  const wb = workbook();
  writeTable(wb.addWorksheet('自评表'), {
    name: '职工帮扶农场',
    budgetHeader: BUDGET_HEADER,
    budget: [['年度资金总额', 60, 60, 60, 10, { n: 1, fmt: '0.00%' }, 10]],
    indicatorHeader: INDICATOR_HEADER,
    indicators: [
      ['产出指标', '数量指标', '发放种羊', '192只', '192只', 10, 10],
      ['产出指标', '数量指标', '出栏生猪', '80头', '72头', 10, 10],
      ['产出指标', '数量指标', '流转土地', '300亩', '300亩', 10, 10],
      ['产出指标', '数量指标', '帮扶农户', '12户', '12户', 10, 10],
      ['产出指标', '数量指标', '配发农机', '5套', '5套', 10, 10],
      ['产出指标', '数量指标', '建成合作社', '3个', '3个', 10, 10],
      ['产出指标', '数量指标', '发放饲料', '50罐', '45罐', 10, 10],
      ['效益指标', '经济效益指标', '农户增收', '明显增加', '明显增加', 10, 10],
      ['满意度指标', '服务对象满意度指标', '农户满意度', '≥90%', '95%', 10, 10],
    ],
    totalCol: 8,
    total: 100,
    grade: '优',
  });
  return bytes(wb);
}

/**
 * A level-1 label alone on its row opens a section (产出指标 / 效益指标 / 满意度指标 each on a
 * row of their own, the indicator rows below leave 一级 blank). Execution 9 of 10 (90%);
 * 30 + 30 + 30; total 99 stated 99; the 满意度 row's score is blank → written 30.
 */
async function level1Rows(): Promise<Buffer> {
  const wb = workbook();
  writeTable(wb.addWorksheet('自评表'), {
    name: '职工法律援助',
    budgetHeader: BUDGET_HEADER,
    budget: [['年度资金总额', 40, 40, 36, 10, { n: 0.9, fmt: '0.00%' }, 9]],
    indicatorHeader: INDICATOR_HEADER,
    indicators: [
      ['产出指标'],
      [null, '数量指标', '援助案件数', '≥50件', '52件', 20, 20],
      [null, '质量指标', '结案率', '≥95%', '98%', 10, 10],
      ['效益指标'],
      [null, '社会效益指标', '职工合法权益保障', '有效保障', '有效保障', 30, 30],
      ['满意度指标'],
      [null, '服务对象满意度指标', '受援职工满意度', '≥90%', '94%', 30, null],
    ],
    totalCol: 8,
    total: 99,
    grade: '优',
  });
  return bytes(wb);
}

/**
 * Repeated section rows: 年度绩效目标1(45分) (merged B:I) over its rows, then 年度绩效目标2(45分)
 * and the column header row repeated, then its rows; one table, one total. Execution 10 of 10;
 * 25 + 20 + 25 + 20; 职工满意度 85% of ≥90% → 20 × 85 / 90 = 18.89; total 98.89 where 100 is
 * written (H13). Rows: 5 header, 6 section 1, 7–8, 9 section 2, 10 header again, 11–12.
 */
async function repeatedSections(): Promise<Buffer> {
  const wb = workbook();
  writeTable(wb.addWorksheet('自评表'), {
    name: '职工创新工作室',
    budgetHeader: BUDGET_HEADER,
    budget: [['年度资金总额', 80, 80, 80, 10, { n: 1, fmt: '0.00%' }, 10]],
    indicatorHeader: INDICATOR_HEADER,
    indicators: [
      ['年度绩效目标1(45分)'],
      ['产出指标', '数量指标', '命名工作室', '≥8个', '8个', 25, 25],
      ['效益指标', '社会效益指标', '创新成果转化', '≥5项', '6项', 20, 20],
      ['年度绩效目标2(45分)'],
      INDICATOR_HEADER,
      ['产出指标', '质量指标', '成果获奖率', '≥30%', '35%', 25, 25],
      ['满意度指标', '服务对象满意度指标', '职工满意度', '≥90%', '85%', 20, 20],
    ],
    totalCol: 8,
    total: 100,
    grade: '优',
    merges: [
      [6, 2, 6, 9],
      [9, 2, 9, 9],
    ],
  });
  return bytes(wb);
}

/** Columns of the 20-point-execution forms: no 分值 column (issue 12). */
const NO_WEIGHT_HEADER = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '得分', '偏差原因分析及改进措施'];
const BUDGET_20 = ['资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];

/**
 * Forms without a per-indicator 分值 column (Hubei- and Yunnan-style; execution 20 points).
 * Rows: 3 budget header, 4 budget, 5 indicator header, 6–10 indicators, 11 总分 (G11), 12 等级.
 * Sheet 湖北式: sections state points in the 一级 cell — 产出指标(40分) merged over rows 6–8
 * (stated 15 + 15 + 10, kept), 效益指标(30分) over row 9 (one row: its weight is 30; 有效改善
 * achieved, stated 28 kept), 满意度指标(10分) over row 10 (one row: 95% of ≥90% → 10, stated 9).
 * Execution 18 of 20 (90%). Total 18 + 40 + 28 + 10 = 96, stated 95.
 * Sheet 湖北式超分: the same with 诉求响应时间 stated 12: 产出指标 scores 42 above its 40 points.
 * Sheet 云南式 (rows 6–8): plain 一级 names; stated scores 38 + 27 + 9 kept and summed; total
 * 18 + 74 = 92, stated 92 (G9); nothing written.
 */
async function noWeightColumn(): Promise<Buffer> {
  const wb = workbook();
  const base = {
    name: '工会帮扶中心运行',
    budgetHeader: BUDGET_20,
    budget: [['年度资金总额', 100, 100, 90, 20, { n: 0.9, fmt: '0.00%' }, 18] as V[]],
    indicatorHeader: NO_WEIGHT_HEADER,
    totalCol: 7,
    grade: '优',
  };
  writeTable(wb.addWorksheet('湖北式'), {
    ...base,
    indicators: [
      ['产出指标(40分)', '数量指标', '接待来访职工', '≥2000人次', '2100人次', 15],
      [null, '质量指标', '诉求办结率', '≥95%', '97%', 15],
      [null, '时效指标', '诉求响应时间', '≤3天', '2天', 10],
      ['效益指标(30分)', '社会效益指标', '劳动关系和谐', '有效改善', '有效改善', 28],
      ['满意度指标(10分)', '服务对象满意度指标', '来访职工满意度', '≥90%', '95%', 9],
    ],
    total: 95,
    merges: [[6, 2, 8, 2]],
  });
  writeTable(wb.addWorksheet('湖北式超分'), {
    ...base,
    indicators: [
      ['产出指标(40分)', '数量指标', '接待来访职工', '≥2000人次', '2100人次', 15],
      [null, '质量指标', '诉求办结率', '≥95%', '97%', 15],
      [null, '时效指标', '诉求响应时间', '≤3天', '2天', 12],
      ['效益指标(30分)', '社会效益指标', '劳动关系和谐', '有效改善', '有效改善', 28],
      ['满意度指标(10分)', '服务对象满意度指标', '来访职工满意度', '≥90%', '95%', 10],
    ],
    total: 98,
    merges: [[6, 2, 8, 2]],
  });
  writeTable(wb.addWorksheet('云南式'), {
    ...base,
    indicators: [
      ['产出指标', '数量指标', '接待来访职工', '≥2000人次', '2100人次', 38],
      ['效益指标', '社会效益指标', '劳动关系和谐', '有效改善', '有效改善', 27],
      ['满意度指标', '服务对象满意度指标', '来访职工满意度', '≥90%', '95%', 9],
    ],
    total: 92,
  });
  return bytes(wb);
}

/**
 * An evaluation framework (部门整体支出绩效评价指标体系): weights in the 一级 cell (决策(20分)) and
 * the 二级 cell (项目立项(10分)), a 分值 column for 三级 rows, 评分标准 and 扣分原因 columns, no
 * 参考分值 header. Rows: 1 title, 2 header, 3–13 indicators, 14 合计 (F14).
 * Scores 5 + 5 + 4 + 5 + 10 + 9 + 10 + 15 + 8 + 15 + 10 = 96; 95 stated. 组织实施(8分) (B9) is
 * over one row of 分值 10: its label is wrong.
 */
async function evaluationFramework(): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet('评价指标体系');
  const rows: V[][] = [
    ['2024年度职工服务中心部门整体支出绩效评价指标体系'],
    ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '得分', '扣分原因'],
    ['决策(20分)', '项目立项(10分)', '立项依据充分性', 5, '依据充分得5分，否则酌情扣分', 5, null],
    [null, null, '立项程序规范性', 5, '程序规范得5分，否则酌情扣分', 5, null],
    [null, '绩效目标(10分)', '绩效目标合理性', 5, '目标合理得5分，否则酌情扣分', 4, '部分目标值偏低'],
    [null, null, '绩效指标明确性', 5, '指标明确得5分，否则酌情扣分', 5, null],
    ['过程(30分)', '资金管理(20分)', '资金到位率', 10, '到位率×10分', 10, null],
    [null, null, '预算执行率', 10, '执行率×10分', 9, '执行率90%'],
    [null, '组织实施(8分)', '管理制度健全性', 10, '制度健全得10分', 10, null],
    ['产出(25分)', '产出数量(15分)', '服务人次完成率', 15, '完成率×15分', 15, null],
    [null, '产出质量(10分)', '服务质量达标率', 10, '达标率×10分', 8, '抽查两次不合格'],
    ['效益(25分)', '社会效益(15分)', '职工获得感', 15, '显著提升得15分', 15, null],
    [null, '满意度(10分)', '服务对象满意度', 10, '满意度×10分', 10, null],
    ['合计', null, null, 100, null, 95, null],
  ];
  rows.forEach((row, i) => row.forEach((v, j) => put(ws, i + 1, j + 1, v)));
  for (const [t, l, b, r] of [
    [1, 1, 1, 7],
    [3, 1, 6, 1],
    [3, 2, 4, 2],
    [5, 2, 6, 2],
    [7, 1, 9, 1],
    [7, 2, 8, 2],
    [10, 1, 11, 1],
    [12, 1, 13, 1],
    [14, 1, 14, 3],
  ] as const) ws.mergeCells(t, l, b, r);
  return bytes(wb);
}

/**
 * ★-marked indicators followed by `其中…` breakdown rows. ★培训职工人数 (weight 20) is broken
 * down into 其中：女职工 and 其中：农民工, which repeat the parent's weight split (10 + 10) and
 * leave their scores blank. Execution 10; ★培训职工人数 1050 of ≥1000 → 20; ★职业技能提升 30;
 * 其他 20 + 20: total 100, stated 100. Rows 7–12 indicators, 13 总分 (H13).
 */
async function starredBreakdown(): Promise<Buffer> {
  const wb = workbook();
  writeTable(wb.addWorksheet('自评表'), {
    name: '职工技能提升行动',
    budgetHeader: BUDGET_HEADER,
    budget: [
      ['年度资金总额', 100, 100, 100, 10, { n: 1, fmt: '0.00%' }, 10],
    ],
    indicatorHeader: INDICATOR_HEADER,
    indicators: [
      ['产出指标', '数量指标', '★培训职工人数', '≥1000人', '1050人', 20, 20],
      [null, null, '其中：女职工', '≥400人', '430人', 10, null],
      [null, null, '其中：农民工', '≥300人', '320人', 10, null],
      ['产出指标', '质量指标', '★职业技能提升', '明显提升', '明显提升', 30, 30],
      ['效益指标', '社会效益指标', '职工就业稳定性', '有效增强', '有效增强', 20, 20],
      ['满意度指标', '服务对象满意度指标', '参训职工满意度', '≥90%', '96%', 20, 20],
    ],
    totalCol: 8,
    total: 100,
    grade: '优',
  });
  return bytes(wb);
}

export const CASES: EdgeCase[] = [
  {
    file: 'layouts-offset-right-lower.xlsx',
    description: 'issue 12 item 1: side-by-side tables, A:I from row 1 and K:S from row 3; the right one states 99 where 96 is due',
    build: offsetPair(1, 3),
  },
  {
    file: 'layouts-offset-one-row.xlsx',
    description: 'issue 12 item 1: side-by-side tables, A:I from row 1 and K:S from row 2 (the headers on consecutive rows)',
    build: offsetPair(1, 2),
  },
  {
    file: 'layouts-offset-left-lower.xlsx',
    description: 'issue 12 item 1: side-by-side tables, A:I from row 6 and K:S from row 1',
    build: offsetPair(6, 1),
  },
  {
    file: 'layouts-wide-below-pair.xlsx',
    description: 'issue 12 item 1: an offset side-by-side pair and, below both, a table over A:K across the band edge',
    build: wideBelow,
  },
  {
    file: 'layouts-rate-percent-number.xlsx',
    description: 'issue 12 item 2: rates typed as percent numbers (95.93, General format); computed rates written the same way',
    build: ratePercentNumber,
  },
  {
    file: 'layouts-header-wording.xlsx',
    description: 'issue 12 item 9: 执行率(B/A×100%), 得分(20分*执行率) (execution weight 20 from the header), 年初目标值(A)',
    build: headerWording,
  },
  {
    file: 'layouts-count-units.xlsx',
    description: 'issue 12 real layouts: count words after a number (192只, 80头, 300亩, 12户, 5套, 3个) are units',
    build: countUnits,
  },
  {
    file: 'layouts-level1-rows.xlsx',
    description: 'issue 12 real layouts: 产出指标 / 效益指标 / 满意度指标 alone on a row open sections inside one table',
    build: level1Rows,
  },
  {
    file: 'layouts-repeated-sections.xlsx',
    description: 'issue 12 real layouts: 年度绩效目标1(45分) … 年度绩效目标2(45分) and the header row repeated inside one table',
    build: repeatedSections,
  },
  {
    file: 'layouts-no-weight-column.xlsx',
    description: 'issue 12 real layouts: forms without a 分值 column (湖北式 section points in the 一级 cell, 云南式 none)',
    build: noWeightColumn,
  },
  {
    file: 'layouts-evaluation-framework.xlsx',
    description: 'issue 12 real layouts: an evaluation framework with weights in 一级 and 二级 cells, 评分标准 and 扣分原因, no 参考分值',
    build: evaluationFramework,
  },
  {
    file: 'layouts-starred-breakdown.xlsx',
    description: 'issue 12 real layouts: ★ indicators followed by 其中… breakdown rows repeating the parent’s weight',
    build: starredBreakdown,
  },
];
