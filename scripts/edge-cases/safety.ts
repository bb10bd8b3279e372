/**
 * Write-safety edge cases (issue 12, items 1, 3–8): every cell the plan writes must be
 * justified; where it is not, nothing is written and a finding says what would have been.
 *
 * Each workbook holds one small 项目支出绩效自评表 (columns A–I, like scripts/edge-cases/layout.ts):
 * rows 1 title, 2 项目名称, 3 budget header, 4–6 budget (年度资金总额 on row 4: 100 budgeted, 90
 * spent, weight 10, 90%, score 9), 7 indicator header, 8–10 three indicators weighted 30 each,
 * 11 总分 (H11), 12 评价等级 (H12). With nothing wrong: 9 + 30 + 30 + 30 = 99, 优.
 */
import { type CellValue, type Worksheet } from 'exceljs';
import type { EdgeCase } from './index';
import { bytes, workbook } from './book';


/** A cell: text, number, a number with a format, or a formula with its cached result. */
type V = string | number | null | { readonly v: number | string; readonly fmt: string } | { readonly formula: string; readonly result?: number };

interface Indicator {
  l3: string;
  target: V;
  actual: V;
  weight: V;
  score: V;
}

interface TableSpec {
  name: string;
  /** Row 4 (年度资金总额): [年初, 全年, 执行, 分值, 执行率, 得分]. */
  budget?: readonly V[];
  indicators: readonly Indicator[];
  total: V;
  grade: V;
}

const L1 = ['产出指标', '效益指标', '满意度指标'];
const L2 = ['数量指标', '社会效益指标', '服务对象满意度指标'];

const INDICATORS: readonly Indicator[] = [
  { l3: '培训人数', target: '≥100人', actual: '100人', weight: 30, score: 30 },
  { l3: '职工技能', target: '显著提升', actual: '显著提升', weight: 30, score: 30 },
  { l3: '学员满意度', target: '≥90%', actual: '95%', weight: 30, score: 30 },
];

const BASE: TableSpec = { name: '职工培训', indicators: INDICATORS, total: 99, grade: '优' };

/** `INDICATORS` with row `k` (0: row 8, 1: row 9, 2: row 10) changed. */
const withRow = (k: number, over: Partial<Indicator>): Indicator[] => INDICATORS.map((ind, i) => (i === k ? { ...ind, ...over } : ind));

type Merge = readonly [number, number, number, number];

/** Write the table with its top-left at (row0, col0); `extraMerges` are relative to the table. */
function writeTable(ws: Worksheet, t: TableSpec, row0 = 1, col0 = 1, extraMerges: readonly Merge[] = []): void {
  const rows: V[][] = [
    ['项目支出绩效自评表'],
    ['项目名称', t.name],
    ['项目资金（万元）', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', ...(t.budget ?? [100, 100, 90, 10, '90%', 9])],
    [null, '其中：当年财政拨款', 100, 100, 90, null, null, null],
    [null, '其他资金', 0, 0, 0, null, null, null],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ...t.indicators.map((i, k): V[] => [null, L1[k] ?? L1[2], L2[k] ?? L2[2], i.l3, i.target, i.actual, i.weight, i.score, null]),
    ['总分', null, null, null, null, null, null, t.total],
    ['评价等级', null, null, null, null, null, null, t.grade],
  ];
  const last = rows.length;
  const merges: Merge[] = [[1, 1, 1, 9], [3, 1, 6, 1], [7, 1, last - 2, 1], [last - 1, 1, last - 1, 7], [last, 1, last, 7], ...extraMerges];
  rows.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) return;
      const cell = ws.getCell(row0 + i, col0 + j);
      if (typeof v === 'object' && 'formula' in v) {
        cell.value = (v.result === undefined ? { formula: v.formula } : { formula: v.formula, result: v.result }) as CellValue;
      } else if (typeof v === 'object') {
        cell.value = v.v;
        cell.numFmt = v.fmt;
      } else cell.value = v;
    }),
  );
  for (const [top, left, bottom, right] of merges) ws.mergeCells(row0 + top - 1, col0 + left - 1, row0 + bottom - 1, col0 + right - 1);
}

function one(t: TableSpec, extraMerges: readonly Merge[] = []): () => Promise<Buffer> {
  return async () => {
    const wb = workbook();
    writeTable(wb.addWorksheet('自评表'), t, 1, 1, extraMerges);
    return bytes(wb);
  };
}

/** The right-hand table of the side-by-side case: 疗休养人数 80 of ≥100 (24 of 30), score 10 stated. */
const RIGHT: TableSpec = {
  name: '劳模疗休养',
  indicators: [
    { l3: '疗休养人数', target: '≥100人', actual: '80人', weight: 30, score: 10 },
    { l3: '劳模身心健康', target: '有效改善', actual: '有效改善', weight: 30, score: 30 },
    { l3: '劳模满意度', target: '≥90%', actual: '95%', weight: 30, score: 30 },
  ],
  total: 79,
  grade: '中',
};

export const CASES: EdgeCase[] = [
  {
    file: 'safety-baseline.xlsx',
    description: 'The safety builder with no defect: total 99, grade 优, nothing to write.',
    build: one(BASE),
  },
  // Item 1: side-by-side tables whose top rows differ.
  {
    file: 'safety-offset-tables.xlsx',
    description:
      'Item 1: A:I from row 1 and K:S from row 3 (two rows lower). Whatever the detection finds, no edit may land outside its own table or on a cell another table reads (R10 holds a score 10 of the right table).',
    build: async () => {
      const wb = workbook();
      const ws = wb.addWorksheet('自评表');
      writeTable(ws, { ...BASE, total: 95 }, 1, 1);
      writeTable(ws, RIGHT, 3, 11);
      return bytes(wb);
    },
  },
  // Item 3: formulas reading written cells.
  {
    file: 'safety-formulas-read-writes.xlsx',
    description:
      'Item 3: 培训人数 80 of ≥100 with 30 stated (24 is written to H8); 总分 =SUM(H4,H8:H10) caches 99; sheet 汇总 reads =自评表!H8, =SUM(自评表!H8:H10) and =自评表!H9. Three formulas read a written cell (H11, 汇总!B2, 汇总!B3).',
    build: async () => {
      const wb = workbook();
      writeTable(wb.addWorksheet('自评表'), { ...BASE, indicators: withRow(0, { actual: '80人' }), total: { formula: 'SUM(H4,H8:H10)', result: 99 } });
      const s = wb.addWorksheet('汇总');
      s.getCell('A1').value = '汇总';
      s.getCell('B2').value = { formula: '自评表!H8', result: 30 } as CellValue;
      s.getCell('B3').value = { formula: 'SUM(自评表!H8:H10)', result: 90 } as CellValue;
      s.getCell('B4').value = { formula: '自评表!H9', result: 30 } as CellValue;
      return bytes(wb);
    },
  },
  // Item 4: totals only from sound weights.
  {
    file: 'safety-weight-spaces.xlsx',
    description: 'Item 4: 培训人数 weight G8 is three spaces, score blank; stated total 95. Partial 69 (9 + 30 + 30) — nothing written to H11/H12.',
    build: one({ ...BASE, indicators: withRow(0, { weight: '   ', score: null }), total: 95 }),
  },
  {
    file: 'safety-weight-merged.xlsx',
    description: 'Item 4: 培训人数 actual 100人 merged across F8:G8, over its weight; score blank; stated total 95. Partial 69 — nothing written to H11/H12.',
    build: one({ ...BASE, indicators: withRow(0, { weight: null, score: null }), total: 95 }, [[8, 6, 8, 7]]),
  },
  {
    file: 'safety-weight-words.xlsx',
    description: 'Item 4: 培训人数 weight `三十`, 80人 of ≥100, score blank; stated total 95. Weight read as 30: score 24 (H8), total 93 (H11), grade 优 kept.',
    build: one({ ...BASE, indicators: withRow(0, { actual: '80人', weight: '三十', score: null }), total: 95 }),
  },
  {
    file: 'safety-weight-unreadable.xlsx',
    description: 'Item 4: 培训人数 weight `三十左右` (no single figure), score blank; stated total 95. Flagged; partial 69 — nothing written to H11/H12.',
    build: one({ ...BASE, indicators: withRow(0, { weight: '三十左右', score: null }), total: 95 }),
  },
  {
    file: 'safety-weight-sum-110.xlsx',
    description: 'Item 4: 培训人数 weighted 40 (weights 100 + 10 = 110), 100人 of ≥100, score 30 stated; stated total 99. Computed 109 reported, not written to H11/H12.',
    build: one({ ...BASE, indicators: withRow(0, { weight: 40 }), total: 99 }),
  },
  {
    file: 'safety-amount-words.xlsx',
    description: 'Item 4 (amounts): 年度资金总额 全年执行数 `九十` (90 in words), rate 90%, score 9: read as 90, total 99 agrees, nothing written.',
    build: one({ ...BASE, budget: [100, 100, '九十', 10, '90%', 9] }),
  },
  // Item 5: the user's words in a cell the plan would write.
  {
    file: 'safety-score-words.xlsx',
    description: 'Item 5: 培训人数 80 of ≥100 (24) with the score cell reading `扣6分`; 学员满意度 score `—` (30 due, a placeholder: written). H8 stays; total 93 written.',
    build: one({ ...BASE, indicators: [{ ...INDICATORS[0], actual: '80人', score: '扣6分' }, INDICATORS[1], { ...INDICATORS[2], score: '—' }], total: 93 }),
  },
  {
    file: 'safety-grade-words.xlsx',
    description: 'Item 5: total 99 (优) with the grade cell reading `良（自评）`: kept, a finding says 优 would be written.',
    build: one({ ...BASE, grade: '良（自评）' }),
  },
  // Item 6: date- and time-formatted numbers.
  {
    file: 'safety-date-total.xlsx',
    description: 'Item 6: stated total 95 in a yyyy-mm-dd cell (true 99): read as 95, total-mismatch; 99 written with General.',
    build: one({ ...BASE, total: { v: 95, fmt: 'yyyy-mm-dd' } }),
  },
  {
    file: 'safety-date-score.xlsx',
    description: 'Item 6: 学员满意度 score 8 in a yyyy-mm-dd cell (95% of ≥90%: 30 due), 培训人数 score 30 in a [h]:mm:ss cell (shows 720:00:00), total 69 stated. 30 written to H10 with General; total 99.',
    build: one({ ...BASE, indicators: [{ ...INDICATORS[0], score: { v: 30, fmt: '[h]:mm:ss' } }, INDICATORS[1], { ...INDICATORS[2], score: { v: 8, fmt: 'yyyy-mm-dd' } }], total: 69 }),
  },
  {
    file: 'safety-time-format-written.xlsx',
    description: 'Item 6: 培训人数 80 of ≥100 with score 8 in an h:mm cell: 24 written with General (never 576:00:00 or 0:00); total 93.',
    build: one({ ...BASE, indicators: withRow(0, { actual: '80人', score: { v: 8, fmt: 'h:mm' } }), total: 93 }),
  },
  // Item 7: hidden sheets and the add-in's own.
  {
    file: 'safety-hidden-sheets.xlsx',
    description:
      'Item 7: 可见 (visible, total 95 of 99), 隐藏 (hidden), 深度隐藏 (veryHidden), 绩效助手清理备份_20240101 (veryHidden backup) and 绩效助手数据 (the store), each holding the same table stating 95. Only 可见 is written by default.',
    build: async () => {
      const wb = workbook();
      const sheets: Array<[string, 'visible' | 'hidden' | 'veryHidden']> = [
        ['可见', 'visible'],
        ['隐藏', 'hidden'],
        ['深度隐藏', 'veryHidden'],
        ['绩效助手清理备份_20240101', 'veryHidden'],
        ['绩效助手数据', 'veryHidden'],
      ];
      for (const [name, state] of sheets) {
        const ws = wb.addWorksheet(name, { state });
        writeTable(ws, { ...BASE, total: 95 });
      }
      return bytes(wb);
    },
  },
  // Long quoted text: under the old 2,000-character threshold, quoted whole.
  {
    file: 'safety-long-texts.xlsx',
    description:
      'Quoting: a 1,500-character report as the actual of 学员满意度 (≥90%, 30 stated) and a 1,200-character 一级指标-like name in 三级指标 of 培训人数; every message quoting them stays under 300 characters.',
    build: one({
      ...BASE,
      indicators: [
        { ...INDICATORS[0], l3: `培训人数${'（含线上线下各类培训班次及人次统计口径说明）'.repeat(60)}`.slice(0, 1200), actual: '80人' },
        INDICATORS[1],
        { ...INDICATORS[2], actual: `满意度调查情况：${'本年度共发放问卷若干份，回收有效问卷若干份，学员对培训内容、师资和组织安排总体满意；'.repeat(40)}`.slice(0, 1500) },
      ],
    }),
  },
  // Item 8: text that only looks like data.
  {
    file: 'safety-text-formula-actual.xlsx',
    description: 'Item 8: 培训人数 actual is the text `=1+1` (not a formula) against ≥100人, score 30 stated: no figure, the stated 30 kept, total 99 agrees.',
    build: one({ ...BASE, indicators: withRow(0, { actual: '=1+1' }) }),
  },
  {
    file: 'safety-actual-no-figure.xlsx',
    description:
      'Item 8: 学员满意度 actual `已完成（详见报告）` against ≥90%, score blank; 培训人数 likewise `达标` with 30 stated; total 99 stated. No figure: no full score made up for H10, 30 kept in H8, total incomplete (69), nothing written.',
    build: one({ ...BASE, indicators: [{ ...INDICATORS[0], actual: '达标' }, INDICATORS[1], { ...INDICATORS[2], actual: '已完成（详见报告）', score: null }] }),
  },
];
