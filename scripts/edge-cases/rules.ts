/**
 * Edge cases for the scoring rules (issue 6, items 3, 5–10, 13, 17): each workbook is a
 * 项目支出绩效自评表 laid out like seed 002 (columns A–I: title, 项目支出名称, 主管部门, the
 * budget block 其中：当年财政拨款 / 上年结转资金 / 其他资金 / 年度资金总额 on rows 5–8, the
 * 年度总体目标 rows, the indicator header on row 11, indicators from row 12, 总分 last), with
 * one defect written in as a user or a generator would leave it.
 *
 * Default figures: budget 20 of which 财政拨款 15 and 其他资金 5; spent 18 (13.5 + 4.5): rate
 * 90.00%, execution score 9 of 10. Seven indicators weighted 90 in all, every one met: 90.
 * Total 99, grade 优.
 */
import { Workbook, type CellValue } from 'exceljs';
import type { EdgeCase } from './index';

const FIXED = new Date(Date.UTC(2024, 0, 1));
const FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A cell: text, number, a number with a format, a formula (with or without cached result), an error. */
export type Spec =
  | string
  | number
  | null
  | { readonly v: number | string; readonly fmt: string }
  | { readonly formula: string; readonly result?: number; readonly fmt?: string }
  | { readonly error: '#REF!' | '#N/A' | '#DIV/0!' | '#VALUE!' };

const pct = (v: number) => ({ v, fmt: '0.00%' });

export interface Indicator {
  l1: string;
  l2: string;
  l3: string;
  target: Spec;
  actual: Spec;
  weight: Spec;
  score: Spec;
  reason?: Spec;
}

/** Seven indicators, 90 points, each met in full. */
export function standardIndicators(): Indicator[] {
  return [
    { l1: '产出指标（50分）', l2: '数量指标', l3: '培训职工人数', target: '≥100人', actual: '120人', weight: 20, score: 20 },
    { l1: '产出指标（50分）', l2: '质量指标', l3: '培训合格率', target: '≥95%', actual: '96%', weight: 15, score: 15 },
    { l1: '产出指标（50分）', l2: '时效指标', l3: '培训完成时间', target: '2023年12月31日前', actual: '按时完成', weight: 10, score: 10 },
    { l1: '产出指标（50分）', l2: '成本指标', l3: '人均培训成本', target: '≤500元', actual: '480元', weight: 5, score: 5 },
    { l1: '效益指标（30分）', l2: '社会效益指标', l3: '技能鉴定通过率', target: '≥90%', actual: '92%', weight: 20, score: 20 },
    { l1: '效益指标（30分）', l2: '可持续影响指标', l3: '培训覆盖率', target: '≥80%', actual: '85%', weight: 10, score: 10 },
    { l1: '满意度指标（10分）', l2: '服务对象满意度指标', l3: '参训职工满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
  ];
}

export interface Project {
  name: string;
  /** Rows 5–8 (当年财政拨款, 上年结转资金, 其他资金, 年度资金总额), columns C..H. */
  budget: [Spec[], Spec[], Spec[], Spec[]];
  indicators: Indicator[];
  total: Spec;
}

export function project(over: Partial<Project> & { name: string }): Project {
  return {
    budget: [
      [15, 15, 13.5, null, null, null],
      [null, null, null, null, null, null],
      [5, 5, 4.5, null, null, null],
      [20, 20, 18, 10, pct(0.9), 9],
    ],
    indicators: standardIndicators(),
    total: 99,
    ...over,
  };
}

/** Write one project sheet as seed 002 lays it out; returns the sheet. */
export function addProject(wb: Workbook, sheet: string, p: Project): void {
  const ws = wb.addWorksheet(sheet, { pageSetup: { paperSize: 9, orientation: 'landscape' } });
  [12, 20, 22, 24, 24, 14, 10, 10, 18].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const rows: Spec[][] = [
    ['项目支出绩效自评表（2023年度）'],
    ['项目支出\n名称', p.name],
    ['主管部门', '石鼓区总工会', null, null, null, '实施\n单位', '石鼓区总工会'],
    ['项目资金\n(万元)', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '其中：当年财政拨款', ...p.budget[0]],
    [null, '上年结转资金', ...p.budget[1]],
    [null, '其他资金', ...p.budget[2]],
    [null, '年度资金总额', ...p.budget[3]],
    ['年度总体目标', '预期目标', null, null, null, null, '实际完成情况'],
    [null, '组织职工技能培训，提升职工技能水平。', null, null, null, null, '完成'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ];
  const merges = ['A1:I1', 'B2:I2', 'B3:E3', 'G3:I3', 'A4:A8', 'A9:A10', 'B9:F9', 'G9:I9', 'B10:F10', 'G10:I10'];
  const first = rows.length + 1;
  let groupStart = first;
  p.indicators.forEach((ind, k) => {
    const prev = p.indicators[k - 1];
    const sameGroup = prev && prev.l1 === ind.l1;
    rows.push([null, sameGroup ? null : ind.l1, ind.l2, ind.l3, ind.target, ind.actual, ind.weight, ind.score, ind.reason ?? null]);
    const r = rows.length;
    const next = p.indicators[k + 1];
    if (!sameGroup) groupStart = r;
    if ((!next || next.l1 !== ind.l1) && r > groupStart) merges.push(`B${groupStart}:B${r}`);
  });
  merges.push(`A${first - 1}:A${rows.length}`);
  rows.push(['总分', null, null, null, null, null, null, p.total, null]);
  merges.push(`A${rows.length}:G${rows.length}`);

  rows.forEach((row, ri) => {
    for (let ci = 0; ci < 9; ci++) {
      const spec = row[ci] ?? null;
      const cell = ws.getCell(ri + 1, ci + 1);
      let numFmt: string | undefined;
      if (spec !== null) {
        let value: CellValue;
        if (typeof spec === 'string' || typeof spec === 'number') value = spec;
        else if ('error' in spec) value = { error: spec.error };
        else if ('formula' in spec) {
          // No `result`: a file written by a generator and never opened in Excel.
          value = spec.result === undefined ? ({ formula: spec.formula } as CellValue) : { formula: spec.formula, result: spec.result };
          numFmt = spec.fmt;
        } else {
          value = spec.v;
          numFmt = spec.fmt;
        }
        cell.value = value;
      }
      const header = ri === 3 || ri === 10;
      cell.style = {
        font: { name: FONT, size: ri === 0 ? 16 : 10, bold: ri === 0 || header },
        alignment: { horizontal: ri === 0 || header ? 'center' : 'left', vertical: 'middle', wrapText: true },
        ...(ri === 0 ? {} : { border: BORDER }),
        ...(numFmt ? { numFmt } : {}),
      };
    }
  });
  for (const m of merges) ws.mergeCells(m);
}

export async function bookOf(sheet: string, p: Project): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '绩效自评助手 fixtures';
  wb.lastModifiedBy = '绩效自评助手 fixtures';
  wb.created = FIXED;
  wb.modified = FIXED;
  addProject(wb, sheet, p);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Row numbers of the default layout: total row 8, indicators 12–18, 总分 19. */
export const ROWS = { budgetTotal: 8, firstIndicator: 12, total: 19 } as const;

const withRow = (k: number, over: Partial<Indicator>): Indicator[] => standardIndicators().map((ind, i) => (i === k ? { ...ind, ...over } : ind));

/** 2,500 characters: a report pasted into the actual cell by mistake. */
export const LONG_ACTUAL = `培训工作总体情况说明：${'各基层工会按照年度计划组织职工参加技能培训，培训内容涵盖安全生产、岗位技能等方面；'.repeat(70)}`.slice(0, 2500);

export const CASES: EdgeCase[] = [
  {
    file: 'rules-total-executed-blank.xlsx',
    description:
      'Item 3: 年度资金总额 gives 年初/全年预算数 20 but leaves 全年执行数 blank; 财政拨款 spent 13.5 and 其他资金 4.5. Executed 18 from the sub-rows, rate 90%, score 9, total 99 against a stated 100.',
    build: () =>
      bookOf('职工培训', project({ name: '职工技能培训', budget: [[15, 15, 13.5, null, null, null], [null, null, null, null, null, null], [5, 5, 4.5, null, null, null], [20, 20, null, 10, pct(0.9), 9]], total: 100 })),
  },
  {
    file: 'rules-negative-weight-score.xlsx',
    description:
      'Item 5: 培训合格率 weighted -15 (typo for 15) and 培训覆盖率 with no actual and a stated score of -2. Neither is summed into a written total.',
    build: () =>
      bookOf(
        '职工培训',
        project({
          name: '职工技能培训',
          indicators: standardIndicators().map((ind, i) => (i === 1 ? { ...ind, weight: -15 } : i === 5 ? { ...ind, actual: null, score: -2 } : ind)),
          total: 81,
        }),
      ),
  },
  {
    file: 'rules-score-annotation.xlsx',
    description:
      'Item 6: 培训职工人数 80 of ≥100 (score 16 of 20) with the score cell reading `17（扣3分）`, and the execution score H8 reading `10（满分）` (9 computed): kept, never overwritten.',
    build: () =>
      bookOf(
        '职工培训',
        project({
          name: '职工技能培训',
          budget: [[15, 15, 13.5, null, null, null], [null, null, null, null, null, null], [5, 5, 4.5, null, null, null], [20, 20, 18, 10, pct(0.9), '10（满分）']],
          indicators: withRow(0, { actual: '80人', score: '17（扣3分）' }),
          total: 95,
        }),
      ),
  },
  {
    file: 'rules-actual-error.xlsx',
    description: 'Item 7: 技能鉴定通过率 actual `#REF!` (score 20 stated) and 培训覆盖率 actual `#N/A` (score 10 stated): both blank actuals.',
    build: () =>
      bookOf(
        '职工培训',
        project({ name: '职工技能培训', indicators: standardIndicators().map((ind, i) => (i === 4 ? { ...ind, actual: { error: '#REF!' } } : i === 5 ? { ...ind, actual: { error: '#N/A' } } : ind)) }),
      ),
  },
  {
    file: 'rules-formula-no-result.xlsx',
    description:
      'Item 8: a generator wrote =E8/D8 in 执行率, =F8*G8 in 得分 and =SUM(H8,H12:H18) in 总分 without cached results; never opened in Excel.',
    build: () =>
      bookOf(
        '职工培训',
        project({
          name: '职工技能培训',
          budget: [[15, 15, 13.5, null, null, null], [null, null, null, null, null, null], [5, 5, 4.5, null, null, null], [20, 20, 18, 10, { formula: 'E8/D8', fmt: '0.00%' }, { formula: 'F8*G8' }]],
          total: { formula: 'SUM(H8,H12:H18)' },
        }),
      ),
  },
  {
    file: 'rules-date-score.xlsx',
    description: 'Item 9: 培训合格率 90% of ≥95% (score 14.21 of 15) in a score cell formatted yyyy/m/d holding 15 (shows 1900/1/15).',
    build: () => bookOf('职工培训', project({ name: '职工技能培训', indicators: withRow(1, { actual: '90%', score: { v: 15, fmt: 'yyyy/m/d' } }), total: 98.21 })),
  },
  {
    file: 'rules-long-text.xlsx',
    description: 'Item 10: a 2,500-character report pasted into the actual of 技能鉴定通过率 (≥90%).',
    build: () => bookOf('职工培训', project({ name: '职工技能培训', indicators: withRow(4, { actual: LONG_ACTUAL }) })),
  },
  {
    file: 'rules-formula-cached-wrong.xlsx',
    description:
      'Item 13: formulas with stale cached results: 得分 H13 =G13*0.9 caching 13.5 (should be 15), 执行率 G8 =E8/D8 caching 0.75 (90%), 总分 =SUM(H8,H12:H18) caching 96.5 (99).',
    build: () =>
      bookOf(
        '职工培训',
        project({
          name: '职工技能培训',
          budget: [[15, 15, 13.5, null, null, null], [null, null, null, null, null, null], [5, 5, 4.5, null, null, null], [20, 20, 18, 10, { formula: 'E8/D8', result: 0.75, fmt: '0.00%' }, 9]],
          indicators: withRow(1, { score: { formula: 'G13*0.9', result: 13.5 } }),
          total: { formula: 'SUM(H8,H12:H18)', result: 96.5 },
        }),
      ),
  },
  {
    file: 'rules-actuals-blank.xlsx',
    description:
      'Item 17: every actual and score left blank except 培训职工人数 (120 of ≥100, 20 points); stated 总分 90. Partial total 29 = execution 9 + 20.',
    build: () =>
      bookOf(
        '职工培训',
        project({
          name: '职工技能培训',
          budget: [[15, 15, 13.5, null, null, null], [null, null, null, null, null, null], [5, 5, 4.5, null, null, null], [20, 20, 18, 10, pct(0.9), 9]],
          indicators: standardIndicators().map((ind, i) => (i === 0 ? { ...ind, score: null } : { ...ind, actual: null, score: null })),
          total: 90,
        }),
      ),
  },
  {
    file: 'rules-target-error.xlsx',
    description: 'Item 7 (targets too): 人均培训成本 target `#REF!` with actual 480元 and score 5 stated: a blank target, not text to classify.',
    build: () => bookOf('职工培训', project({ name: '职工技能培训', indicators: withRow(3, { target: { error: '#REF!' } }) })),
  },
  {
    file: 'rules-total-annotation.xlsx',
    description: 'Item 6 (总分 too): the 总分 cell reads `95（扣5分）` where the total is 99: read as 95, never overwritten.',
    build: () => bookOf('职工培训', project({ name: '职工技能培训', total: '95（扣5分）' })),
  },
  {
    file: 'rules-baseline.xlsx',
    description: 'The default table with no defect: total 99, no finding. Guards the builder itself.',
    build: () => bookOf('职工培训', project({ name: '职工技能培训' })),
  },
];
