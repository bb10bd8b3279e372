/**
 * Issue 12 (items 1, 2, 9 and the real layouts), each on a real .xlsx built by
 * scripts/edge-cases/layouts.ts; figures checked through the engine and `jixiao check --json`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { analyzeWorkbook, type TableResult, type WorkbookResult } from '../../src/core';
import { readWorkbook } from '../../src/cli/workbook';
import { jixiao } from '../helpers/cli';
import { fixture, rules } from '../helpers/fixtures';

async function analyzeEdge(file: string): Promise<WorkbookResult> {
  const { grid } = await readWorkbook(fixture(`edge/${file}`));
  return analyzeWorkbook(grid);
}

async function checkJson(file: string): Promise<{ code: number; tables: TableResult[] }> {
  const r = await jixiao('check', fixture(`edge/${file}`), '--json');
  const doc = JSON.parse(r.out) as { files: Array<{ tables: TableResult[] }> };
  return { code: r.code, tables: doc.files[0].tables };
}

const summary = (t: TableResult) => [t.range, t.title, t.execution?.rate, t.execution?.score, t.total.score, t.total.stated, t.total.cell];
const planOf = (r: WorkbookResult) => r.plan.map((e) => [e.cell, e.role, e.value]);

describe('item 1: side-by-side tables whose top rows differ', () => {
  it('right table two rows lower: both found, the right one’s total checked in its own cell', async () => {
    const r = await analyzeEdge('layouts-offset-right-lower.xlsx');
    expect(r.tables.map(summary)).toEqual([
      ['A1:I12', '职工书屋建设', 0.96, 9.6, 99.6, 99.6, 'H11'],
      // 培训人次 450 of ≥500 → 30 × 0.9 = 27; 9 + 27 + 30 + 30 = 96.
      ['K3:S14', '农民工技能培训', 0.9, 9, 96, 99, 'R13'],
    ]);
    expect(rules(r.tables[0])).toEqual([]);
    expect(rules(r.tables[1])).toEqual(['total-mismatch@R13']);
    expect(planOf(r)).toEqual([
      ['R10', 'score', 27],
      ['R13', 'total', 96],
    ]);
  });

  it('right table one row lower (headers on consecutive rows, not one two-row header)', async () => {
    const r = await analyzeEdge('layouts-offset-one-row.xlsx');
    expect(r.tables.map(summary)).toEqual([
      ['A1:I12', '职工书屋建设', 0.96, 9.6, 99.6, 99.6, 'H11'],
      ['K2:S13', '农民工技能培训', 0.9, 9, 96, 99, 'R12'],
    ]);
    expect(planOf(r)).toEqual([
      ['R9', 'score', 27],
      ['R12', 'total', 96],
    ]);
  });

  it('left table five rows lower: both found, nothing written into the neighbour', async () => {
    const r = await analyzeEdge('layouts-offset-left-lower.xlsx');
    expect(r.tables.map(summary)).toEqual([
      ['K1:S12', '农民工技能培训', 0.9, 9, 96, 99, 'R11'],
      ['A6:I17', '职工书屋建设', 0.96, 9.6, 99.6, 99.6, 'H16'],
    ]);
    expect(planOf(r)).toEqual([
      ['R8', 'score', 27],
      ['R11', 'total', 96],
    ]);
    const { code, tables } = await checkJson('layouts-offset-left-lower.xlsx');
    expect(code).toBe(1);
    expect(tables.map((t) => [t.range, t.total.score, t.total.stated])).toEqual([
      ['K1:S12', 96, 99],
      ['A6:I17', 99.6, 99.6],
    ]);
  });

  it('a wide table below the pair is read on its whole width, not cut at the band edge', async () => {
    const r = await analyzeEdge('layouts-wide-below-pair.xlsx');
    expect(r.tables.map(summary)).toEqual([
      ['A1:I12', '职工书屋建设', 0.96, 9.6, 99.6, 99.6, 'H11'],
      ['K3:S14', '农民工技能培训', 0.9, 9, 96, 99, 'R13'],
      ['A18:K27', '困难职工慰问', 1, 10, 100, 100, 'J26'],
    ]);
    expect(r.tables[2].indicators.map((i) => [i.level3, i.weight, i.score])).toEqual([
      ['慰问户数', 30, 30],
      ['困难职工生活', 30, 30],
      ['受慰问职工满意度', 30, 30],
    ]);
    expect(rules(r.tables[2])).toEqual([]);
    expect(planOf(r)).toEqual([
      ['R10', 'score', 27],
      ['R13', 'total', 96],
    ]);
  });
});

describe('item 2: rates typed as percent numbers (95.93 in a General cell)', () => {
  it('writes the computed rate in the same convention, from the table’s own cells or else its sheet’s', async () => {
    const r = await analyzeEdge('layouts-rate-percent-number.xlsx');
    expect(r.tables.map((t) => [t.title, t.execution?.rate, t.execution?.statedRate, t.execution?.score, t.execution?.rateConvention, t.total.score])).toEqual([
      ['工会驿站运维', 0.9593, 0.9593, 9.59, 'percent-number', 99.59],
      ['户外劳动者服务', 0.92, null, 9.2, 'percent-number', 99.2],
    ]);
    expect(r.plan.map((e) => [e.cell, e.role, e.value, e.numFmt])).toEqual([
      ['G4', 'execution-rate', 95.93, undefined],
      ['H4', 'execution-score', 9.59, undefined],
      ['H11', 'total', 99.59, undefined],
      ['H12', 'grade', '优', undefined],
      ['G18', 'execution-rate', 92, undefined],
      ['H24', 'total', 99.2, undefined],
      ['H25', 'grade', '优', undefined],
    ]);
    const said = r.tables.map((t) => t.findings.find((f) => f.rule === 'rate-percent-number'));
    expect(said.map((f) => [f?.severity, f?.cell])).toEqual([
      ['info', 'G4'],
      ['info', 'G18'],
    ]);
    expect(said[0]?.message).toBe('执行率以百分数数值填写（依据：本表 G5，如 95.93 即 95.93%）；计算所得执行率按同一写法写入 95.93（不加 % 格式），引用该单元格并除以 100 的公式仍然正确');
    expect(said[1]?.message).toContain('依据：同一工作表其他表格的 G5');
  });

  it('jixiao score writes 95.93 with no % format, and a second run changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-layouts-'));
    const file = path.join(dir, 'rates.xlsx');
    fs.copyFileSync(fixture('edge/layouts-rate-percent-number.xlsx'), file);
    const out = path.join(dir, 'rates.scored.xlsx');
    expect((await jixiao('score', file, '-o', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('自评表')!;
    expect([ws.getCell('G4').value, ws.getCell('G4').numFmt ?? 'General']).toEqual([95.93, 'General']);
    expect([ws.getCell('G18').value, ws.getCell('G18').numFmt ?? 'General']).toEqual([92, 'General']);
    const again = JSON.parse((await jixiao('score', out, '--in-place', '--json')).out);
    expect(again.files[0].edits).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a %-formatted table keeps fractions: 0.9 written as 90.00%', async () => {
    const r = await analyzeEdge('layouts-offset-right-lower.xlsx');
    expect(r.tables.map((t) => t.execution?.rateConvention)).toEqual(['fraction', 'fraction']);
  });
});

describe('item 9: header wording 执行率(B/A×100%), 得分(20分*执行率), 年初目标值(A)', () => {
  it('reads the stated rate and score, takes the weight 20 from the header and says so', async () => {
    const r = await analyzeEdge('layouts-header-wording.xlsx');
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(t.execution).toMatchObject({ budget: 200, executed: 180, rate: 0.9, weight: 20, score: 18, statedRate: 0.92, statedScore: 18.4, rateCell: 'F4', scoreCell: 'G4' });
    expect(t.indicators.map((i) => [i.level3, i.target, i.weight, i.score, i.method])).toEqual([
      ['疗休养人数', '≥200人', 30, 30, 'positive'],
      ['职工身心健康', '有效改善', 30, 30, 'qualitative'],
      ['职工满意度', '≥90%', 20, 20, 'positive'],
    ]);
    expect(t.total).toEqual({ score: 98, stated: 98.4, cell: 'H10' });
    expect(rules(t)).toEqual(['total-mismatch@H10', 'execution-rate-mismatch@F4', 'execution-score-mismatch@G4', 'execution-weight-from-header@G3']);
    const info = t.findings.find((f) => f.rule === 'execution-weight-from-header');
    expect([info?.severity, info?.message]).toEqual(['info', '预算执行率分值按表头「得分(20分*执行率)」取 20 分（未用默认的 10 分）']);
    expect(planOf(r)).toEqual([
      ['F4', 'execution-rate', 0.9],
      ['G4', 'execution-score', 18],
      ['H10', 'total', 98],
    ]);
    const { code, tables } = await checkJson('layouts-header-wording.xlsx');
    expect(code).toBe(1);
    expect([tables[0].execution?.weight, tables[0].execution?.statedRate, tables[0].execution?.score, tables[0].total.score]).toEqual([20, 0.92, 18, 98]);
  });
});

describe('real layouts: count words after a number are units', () => {
  it('scores 192只, 80头, 300亩, 12户, 5套, 3个 and 50罐 as quantities; no quantity-not-quantified', async () => {
    const r = await analyzeEdge('layouts-count-units.xlsx');
    const t = r.tables[0];
    expect(t.indicators.slice(0, 7).map((i) => [i.level3, i.target, i.actual, i.score, i.method])).toEqual([
      ['发放种羊', '192只', '192只', 10, 'positive'],
      ['出栏生猪', '80头', '72头', 9, 'positive'],
      ['流转土地', '300亩', '300亩', 10, 'positive'],
      ['帮扶农户', '12户', '12户', 10, 'positive'],
      ['配发农机', '5套', '5套', 10, 'positive'],
      ['建成合作社', '3个', '3个', 10, 'positive'],
      ['发放饲料', '50罐', '45罐', 9, 'positive'],
    ]);
    expect(t.total).toEqual({ score: 98, stated: 100, cell: 'H15' });
    expect(rules(t)).toEqual(['total-mismatch@H15', 'score-mismatch@H7', 'score-mismatch@H12', 'missing-deviation-reason@I7', 'missing-deviation-reason@I12']);
    expect(planOf(r)).toEqual([
      ['H7', 'score', 9],
      ['H12', 'score', 9],
      ['H15', 'total', 98],
    ]);
    const { code, tables } = await checkJson('layouts-count-units.xlsx');
    expect(code).toBe(1);
    expect([tables[0].total.score, tables[0].findings.some((f) => f.rule === 'quantity-not-quantified')]).toEqual([98, false]);
  });
});

describe('real layouts: section rows inside one table', () => {
  it('a level-1 label alone on its row opens a section; the rows after it stay in the table', async () => {
    const r = await analyzeEdge('layouts-level1-rows.xlsx');
    expect(r.tables.map(summary)).toEqual([['A1:I14', '职工法律援助', 0.9, 9, 99, 99, 'H13']]);
    expect(r.tables[0].indicators.map((i) => [i.row, i.level1, i.level3, i.weight, i.score])).toEqual([
      [7, '产出指标', '援助案件数', 20, 20],
      [8, '产出指标', '结案率', 10, 10],
      [10, '效益指标', '职工合法权益保障', 30, 30],
      [12, '满意度指标', '受援职工满意度', 30, 30],
    ]);
    expect(rules(r.tables[0])).toEqual([]);
    expect(planOf(r)).toEqual([['H12', 'score', 30]]);
    const { code, tables } = await checkJson('layouts-level1-rows.xlsx');
    expect([code, tables.length, tables[0].total.score]).toEqual([0, 1, 99]);
  });

  it('年度绩效目标2(45分) and the header row repeated continue the table: one total, checked', async () => {
    const r = await analyzeEdge('layouts-repeated-sections.xlsx');
    expect(r.tables.map(summary)).toEqual([['A1:I14', '职工创新工作室', 1, 10, 98.89, 100, 'H13']]);
    expect(r.tables[0].indicators.map((i) => [i.row, i.level3, i.weight, i.score])).toEqual([
      [7, '命名工作室', 25, 25],
      [8, '创新成果转化', 20, 20],
      [11, '成果获奖率', 25, 25],
      [12, '职工满意度', 20, 18.89],
    ]);
    expect(rules(r.tables[0])).toEqual(['total-mismatch@H13', 'score-mismatch@H12', 'missing-deviation-reason@I12']);
    expect(planOf(r)).toEqual([
      ['H12', 'score', 18.89],
      ['H13', 'total', 98.89],
    ]);
    const { code, tables } = await checkJson('layouts-repeated-sections.xlsx');
    expect([code, tables.length, tables[0].total.score, tables[0].total.stated]).toEqual([1, 1, 98.89, 100]);
  });
});

describe('real layouts: forms without a per-indicator 分值 column (20-point execution)', () => {
  const bySheet = (r: WorkbookResult, sheet: string) => r.tables.find((t) => t.sheet === sheet)!;

  it('湖北式: a one-row section takes its points as weight; several rows keep their stated scores', async () => {
    const r = await analyzeEdge('layouts-no-weight-column.xlsx');
    const t = bySheet(r, '湖北式');
    expect(t.execution).toMatchObject({ rate: 0.9, weight: 20, score: 18 });
    expect(t.indicators.map((i) => [i.level1, i.level3, i.weight, i.score, i.method])).toEqual([
      ['产出指标', '接待来访职工', null, 15, 'stated'],
      ['产出指标', '诉求办结率', null, 15, 'stated'],
      ['产出指标', '诉求响应时间', null, 10, 'stated'],
      ['效益指标', '劳动关系和谐', 30, 28, 'qualitative'],
      ['满意度指标', '来访职工满意度', 10, 10, 'positive'],
    ]);
    expect(t.total).toEqual({ score: 96, stated: 95, cell: 'G11' });
    expect(rules(t)).toEqual(['total-mismatch@G11', 'score-mismatch@G10']);
  });

  it('湖北式超分: stated scores above the section’s points are reported', async () => {
    const t = bySheet(await analyzeEdge('layouts-no-weight-column.xlsx'), '湖北式超分');
    expect(t.total).toEqual({ score: 98, stated: 98, cell: 'G11' });
    expect(t.findings.map((f) => [f.rule, f.cell, f.message])).toEqual([['level1-weight-mismatch', 'B6', '「产出指标」标注 40 分，其下指标得分合计 42，超过标注分值']]);
  });

  it('云南式: no points anywhere — stated scores kept and summed, no weight-sum, nothing written there', async () => {
    const r = await analyzeEdge('layouts-no-weight-column.xlsx');
    const t = bySheet(r, '云南式');
    expect(t.indicators.map((i) => [i.weight, i.score, i.method])).toEqual([
      [null, 38, 'stated'],
      [null, 27, 'stated'],
      [null, 9, 'stated'],
    ]);
    expect(t.total).toEqual({ score: 92, stated: 92, cell: 'G9' });
    expect(rules(t)).toEqual([]);
    expect(r.plan.map((e) => [e.sheet, e.cell, e.role, e.value])).toEqual([
      ['湖北式', 'G10', 'score', 10],
      ['湖北式', 'G11', 'total', 96],
    ]);
    const { code, tables } = await checkJson('layouts-no-weight-column.xlsx');
    expect(code).toBe(1);
    expect(tables.map((x) => [x.sheet, x.total.score, x.total.stated])).toEqual([
      ['湖北式', 96, 95],
      ['湖北式超分', 98, 98],
      ['云南式', 92, 92],
    ]);
  });
});

describe('real layouts: evaluation frameworks and ★ breakdown rows', () => {
  it('评分标准 and 扣分原因 with weights in 一级 and 二级 cells: an evaluation table, no 参考分值 needed', async () => {
    const r = await analyzeEdge('layouts-evaluation-framework.xlsx');
    expect(r.tables.map((t) => [t.range, t.kind, t.total.score, t.total.stated, t.total.cell])).toEqual([['A1:G14', 'evaluation', 96, 95, 'F14']]);
    const t = r.tables[0];
    expect(t.indicators.map((i) => [i.level1, i.level2, i.weight, i.score, i.method])).toEqual([
      ['决策', '项目立项', 5, 5, 'stated'],
      ['决策', '项目立项', 5, 5, 'stated'],
      ['决策', '绩效目标', 5, 4, 'stated'],
      ['决策', '绩效目标', 5, 5, 'stated'],
      ['过程', '资金管理', 10, 10, 'stated'],
      ['过程', '资金管理', 10, 9, 'stated'],
      ['过程', '组织实施', 10, 10, 'stated'],
      ['产出', '产出数量', 15, 15, 'stated'],
      ['产出', '产出质量', 10, 8, 'stated'],
      ['效益', '社会效益', 15, 15, 'stated'],
      ['效益', '满意度', 10, 10, 'stated'],
    ]);
    expect(t.findings.map((f) => [f.rule, f.cell, f.message])).toEqual([
      ['total-mismatch', 'F14', '总分应为 96（指标得分合计 96），表中为 95'],
      ['level1-weight-mismatch', 'B9', '「组织实施」标注 8 分，其下指标分值合计 10'],
    ]);
    expect(planOf(r)).toEqual([['F14', 'total', 96]]);
    const { code, tables } = await checkJson('layouts-evaluation-framework.xlsx');
    expect([code, tables[0].kind, tables[0].total.score]).toEqual([1, 'evaluation', 96]);
  });

  it('其中… rows under a weighted ★ indicator are its breakdown: not scored, weight not counted twice', async () => {
    const r = await analyzeEdge('layouts-starred-breakdown.xlsx');
    const t = r.tables[0];
    expect(t.indicators.map((i) => [i.row, i.level3, i.weight, i.score])).toEqual([
      [6, '★培训职工人数', 20, 20],
      [9, '★职业技能提升', 30, 30],
      [10, '职工就业稳定性', 20, 20],
      [11, '参训职工满意度', 20, 20],
    ]);
    expect(t.total).toEqual({ score: 100, stated: 100, cell: 'H12' });
    expect(rules(t)).toEqual([]);
    expect(r.plan).toEqual([]);
    const { code, tables } = await checkJson('layouts-starred-breakdown.xlsx');
    expect([code, tables[0].total.score, tables[0].findings.length]).toEqual([0, 100, 0]);
  });
});
