import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { TableResult, WorkbookResult } from '../../src/core';
import { jixiao } from '../helpers/cli';
import { analyzeFixture, fixture } from '../helpers/fixtures';

/**
 * Issue 6 items 3, 5–10, 13 and 17, each on a real workbook built by
 * scripts/edge-cases/rules.ts (a seed-002 project table: budget rows 5–8, 年度资金总额 on row 8,
 * indicators on rows 12–18, 总分 in H19). Default figures: budget 20, spent 18, rate 90%,
 * execution 9 of 10, indicators 90 of 90, total 99.
 */
const edge = (file: string) => `edge/${file}`;

async function only(file: string): Promise<{ r: WorkbookResult; t: TableResult }> {
  const r = await analyzeFixture(edge(file));
  expect(r.tables).toHaveLength(1);
  return { r, t: r.tables[0] };
}

const rulesAt = (t: TableResult, cell: string) => t.findings.filter((f) => f.cell === cell).map((f) => f.rule);
const messageOf = (t: TableResult, rule: string, cell: string | null) => t.findings.find((f) => f.rule === rule && f.cell === cell)?.message;

async function checkJson(file: string) {
  const r = await jixiao('check', fixture(edge(file)), '--json');
  return { code: r.code, doc: JSON.parse(r.out) as { files: Array<{ tables: TableResult[]; notes?: string[] }> } };
}

describe('the fixture itself', () => {
  it('a table with no defect scores 99 with no finding', async () => {
    const { r, t } = await only('rules-baseline.xlsx');
    expect(t.execution).toMatchObject({ budget: 20, executed: 18, rate: 0.9, score: 9, statedRate: 0.9, statedScore: 9 });
    expect(t.total).toEqual({ score: 99, stated: 99, cell: 'H19' });
    expect(t.findings).toEqual([]);
    expect(r.plan).toEqual([]);
  });
});

describe('issue 6 item 3: 全年执行数 blank on the total row, spending on the sub-rows', () => {
  it('sums the sub-rows, raises execution-missing and checks the total', async () => {
    const { r, t } = await only('rules-total-executed-blank.xlsx');
    expect(t.execution).toMatchObject({ budget: 20, executed: 18, rate: 0.9, score: 9, deduction: 1 });
    expect(t.total).toEqual({ score: 99, stated: 100, cell: 'H19' });
    expect(messageOf(t, 'execution-missing', 'E8')).toBe('资金总额行未填写全年执行数，已按明细行合计计算：全年执行数 18（当年财政拨款 13.5 + 其他资金 4.5）');
    expect(messageOf(t, 'total-mismatch', 'H19')).toBe('总分应为 99（指标得分 90 + 预算执行率得分 9），表中为 100');
    expect(r.plan.map((e) => [e.cell, e.role, e.value])).toEqual([['H19', 'total', 99]]);
  });

  it('exits 1 end to end', async () => {
    const { code, doc } = await checkJson('rules-total-executed-blank.xlsx');
    expect(code).toBe(1);
    expect(doc.files[0].tables[0].total.score).toBe(99);
  });
});

describe('issue 6 item 5: negative weights and scores', () => {
  it('reports each, leaves both rows unscored and writes no total', async () => {
    const { r, t } = await only('rules-negative-weight-score.xlsx');
    expect(messageOf(t, 'weight-negative', 'G13')).toBe(
      '第 13 行「培训合格率」分值 -15 为负数，分值不能为负；该行不计分、不计入总分，总分未写入，请更正分值',
    );
    expect(messageOf(t, 'score-negative', 'H17')).toBe('第 17 行「培训覆盖率」得分 -2 为负数，得分不能低于 0；该得分不计入总分，总分未写入');
    // Against -15 every score "exceeds" the weight: that is the negative weight's finding.
    expect(t.findings.map((f) => f.rule)).not.toContain('score-exceeds-weight');
    const rows = Object.fromEntries(t.indicators.map((i) => [i.row, i.score]));
    expect(rows[13]).toBeNull();
    expect(rows[17]).toBeNull();
    // 9 + 20 + 10 + 5 + 20 + 10: reported as a partial total, not written, no grade.
    expect(t.total).toEqual({ score: 74, stated: 81, cell: 'H19' });
    expect(t.grade.value).toBeNull();
    expect(messageOf(t, 'total-incomplete', 'H19')).toBe(
      '总分不完整：2 个指标未计分（分值为负数：第 13 行；得分为负数：第 17 行）。按已计分部分合计为 74（预算执行率得分 9 + 已计分指标 65）；表中总分 81 未核对，计算结果未写入',
    );
    expect(t.findings.map((f) => f.rule)).not.toContain('total-mismatch');
    expect(r.plan).toEqual([]);
  });
});

describe('issue 6 item 6: a score cell with a remark', () => {
  it('reads 17 from `17（扣3分）` (and 10 from `10（满分）`), keeps the cells and says what it would write', async () => {
    const { r, t } = await only('rules-score-annotation.xlsx');
    const row = t.indicators.find((i) => i.row === 12)!;
    expect(row).toMatchObject({ score: 16, statedScore: 17, method: 'positive' });
    expect(rulesAt(t, 'H12')).toEqual(['score-annotated']);
    expect(messageOf(t, 'score-annotated', 'H12')).toBe(
      '第 12 行「培训职工人数」得分单元格为「17（扣3分）」，按 17 分读取；计算得分为 16（分值 20），应写入 16。单元格含文字说明，未改写，请核对后手工修改',
    );
    expect(t.total).toEqual({ score: 95, stated: 95, cell: 'H19' });
    // The execution score cell is the user's too.
    expect(t.execution).toMatchObject({ score: 9, statedScore: 10, scoreCell: 'H8' });
    expect(rulesAt(t, 'H8')).toEqual(['execution-score-mismatch']);
    expect(messageOf(t, 'execution-score-mismatch', 'H8')).toBe(
      '预算执行率得分应为 9（分值 10 × 执行率 90.00%），表中为「10（满分）」（按 10 读取）；单元格含文字说明，未改写，请核对后手工修改',
    );
    expect(r.plan).toEqual([]);
  });

  it('`score` leaves the cell as typed', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'issue6-')), 'annotated.xlsx');
    const res = await jixiao('score', fixture(edge('rules-score-annotation.xlsx')), '-o', out);
    expect(res.code).toBe(1); // execution-score-mismatch is an error
    // Nothing else to write: a writer may skip the file altogether (issue 6 item 12); if it
    // writes one, the remark is there as typed.
    if (fs.existsSync(out)) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      expect(wb.worksheets[0].getCell('H12').value).toBe('17（扣3分）');
      expect(wb.worksheets[0].getCell('H8').value).toBe('10（满分）');
    }
  });
});

describe('issue 6 item 7: error values in an actual', () => {
  it('reads `#REF!` and `#N/A` as blank actuals (missing-actual), not as qualitative text', async () => {
    const { t } = await only('rules-actual-error.xlsx');
    expect(t.findings.map((f) => `${f.rule}@${f.cell}`)).toEqual(['missing-actual@F16', 'missing-actual@F17']);
    expect(messageOf(t, 'missing-actual', 'F16')).toBe('第 16 行「技能鉴定通过率」有分值 20，实际完成值为错误值 #REF!（按空白处理）');
    expect(messageOf(t, 'missing-actual', 'F17')).toBe('第 17 行「培训覆盖率」有分值 10，实际完成值为错误值 #N/A（按空白处理）');
    expect(t.indicators.filter((i) => i.row >= 16 && i.row <= 17).map((i) => [i.score, i.method])).toEqual([
      [20, 'stated'],
      [10, 'stated'],
    ]);
    expect(t.total).toEqual({ score: 99, stated: 99, cell: 'H19' });
  });
});

describe('issue 6 item 7 (targets): an error value in a 年度指标值', () => {
  it('reads `#REF!` as a blank target (missing-target)', async () => {
    const { r, t } = await only('rules-target-error.xlsx');
    expect(rulesAt(t, 'E15')).toEqual(['missing-target']);
    expect(messageOf(t, 'missing-target', 'E15')).toBe('第 15 行「人均培训成本」有分值 5，年度指标值为错误值 #REF!（按空白处理）');
    expect(t.indicators.find((i) => i.row === 15)).toMatchObject({ score: 5, statedScore: 5, method: 'stated' });
    expect(t.total).toEqual({ score: 99, stated: 99, cell: 'H19' });
    expect(r.plan).toEqual([]);
  });
});

describe('issue 6 item 6 (总分): a total cell with a remark', () => {
  it('reads 95 from `95（扣5分）`, reports the mismatch and never overwrites the cell', async () => {
    const { r, t } = await only('rules-total-annotation.xlsx');
    expect(t.total).toEqual({ score: 99, stated: 95, cell: 'H19' });
    expect(t.findings.map((f) => `${f.rule}@${f.cell}`)).toEqual(['total-mismatch@H19']);
    expect(messageOf(t, 'total-mismatch', 'H19')).toBe(
      '总分应为 99（指标得分 90 + 预算执行率得分 9），表中为「95（扣5分）」（按 95 读取）；单元格含文字说明，未改写，请核对后手工修改',
    );
    expect(r.plan).toEqual([]);
  });
});

describe('issue 6 item 8: formulas with no cached result', () => {
  const PHRASE = '公式未计算（请在 Excel 中打开并保存）';

  it('says the formula was not calculated, in findings and notes; never 空 nor 未填写', async () => {
    const { code, doc } = await checkJson('rules-formula-no-result.xlsx');
    const t = doc.files[0].tables[0];
    expect(code).toBe(0);
    expect(t.findings.map((f) => `${f.rule}@${f.cell}`)).toEqual(['formula-result-mismatch@G8', 'formula-result-mismatch@H8', 'formula-result-mismatch@H19']);
    expect(t.findings.map((f) => f.message)).toEqual([
      `单元格公式 =E8/D8 尚无结果：${PHRASE}；计算值应为 90%，公式未改写`,
      `单元格公式 =F8*G8 尚无结果：${PHRASE}；计算值应为 9，公式未改写`,
      `单元格公式 =SUM(H8,H12:H18) 尚无结果：${PHRASE}；计算值应为 99，公式未改写`,
    ]);
    for (const f of t.findings) {
      expect(f.message).not.toContain('空');
      expect(f.message).not.toContain('未填写');
    }
    expect(doc.files[0].notes).toEqual([
      `工作表「职工培训」G8：公式 =E8/D8 没有计算结果：${PHRASE}，按空白处理`,
      `工作表「职工培训」H8：公式 =F8*G8 没有计算结果：${PHRASE}，按空白处理`,
      `工作表「职工培训」H19：公式 =SUM(H8,H12:H18) 没有计算结果：${PHRASE}，按空白处理`,
    ]);
    expect(t.total).toEqual({ score: 99, stated: null, cell: 'H19' });
  });
});

describe('issue 6 item 9: a date-formatted score cell', () => {
  it('plans the score with a number format, and `score` writes a number that is not a date', async () => {
    const { r } = await only('rules-date-score.xlsx');
    expect(r.plan.map((e) => [e.cell, e.role, e.value, e.numFmt])).toEqual([['H13', 'score', 14.21, 'General']]);

    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'issue6-')), 'date.xlsx');
    const res = await jixiao('score', fixture(edge('rules-date-score.xlsx')), '-o', out);
    expect(res.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cell = wb.worksheets[0].getCell('H13');
    // A number under General (numFmtId 0, which ExcelJS reads back as no format), not a date.
    expect(cell.value).toBe(14.21);
    expect(cell.numFmt ?? 'General').toBe('General');
  });
});

describe('issue 6 item 10: text over 2,000 characters', () => {
  it('is quoted by its first 40 characters and its length', async () => {
    const { t } = await only('rules-long-text.xlsx');
    const head = '培训工作总体情况说明：各基层工会按照年度计划组织职工参加技能培训，培训内容涵盖安';
    expect([...head]).toHaveLength(40);
    const quoting = t.findings.filter((f) => f.cell === 'F16');
    expect(quoting.map((f) => f.rule)).toEqual(['actual-not-measured', 'qualitative-unclassified']);
    for (const f of quoting) {
      expect(f.message).toContain(`「${head}…（共 2500 个字符）」`);
      expect(f.message.length).toBeLessThan(200);
    }
    expect(Math.max(...t.findings.map((f) => f.message.length))).toBeLessThan(200);
  });
});

describe('issue 6 item 13: one finding per cause on formula cells', () => {
  it('a formula with a stale result gets formula-result-mismatch only (score, rate, total)', async () => {
    const { r, t } = await only('rules-formula-cached-wrong.xlsx');
    expect(rulesAt(t, 'H13')).toEqual(['formula-result-mismatch']);
    expect(rulesAt(t, 'G8')).toEqual(['formula-result-mismatch']);
    expect(rulesAt(t, 'H19')).toEqual(['formula-result-mismatch']);
    expect(t.findings.map((f) => f.message)).toEqual([
      '单元格公式 =G13*0.9 的结果为 13.5，计算值应为 15；公式未改写，请核对',
      '单元格公式 =E8/D8 的结果为 0.75，计算值应为 90%；公式未改写，请核对',
      '单元格公式 =SUM(H8,H12:H18) 的结果为 96.5，计算值应为 99；公式未改写，请核对',
    ]);
    expect(r.plan).toEqual([]);
  });
});

describe('issue 6 item 17: no indicator scorable (actuals blank)', () => {
  it('reports a partial total (execution + the scorable row) with missing-actual on each blank row, and does not write it', async () => {
    const { r, t } = await only('rules-actuals-blank.xlsx');
    expect(t.total).toEqual({ score: 29, stated: 90, cell: 'H19' });
    expect(t.grade.value).toBeNull();
    expect(t.findings.filter((f) => f.rule === 'missing-actual').map((f) => f.cell)).toEqual(['F13', 'F14', 'F15', 'F16', 'F17', 'F18']);
    expect(messageOf(t, 'total-incomplete', 'H19')).toBe(
      '总分不完整：6 个指标未计分（实际完成值为空：第 13、14、15、16、17、18 行）。按已计分部分合计为 29（预算执行率得分 9 + 已计分指标 20）；表中总分 90 未核对，计算结果未写入',
    );
    expect(t.findings.map((f) => f.rule)).not.toContain('total-mismatch');
    // The scorable row's own score is written; the partial total is not.
    expect(r.plan.map((e) => [e.cell, e.role, e.value])).toEqual([['H12', 'score', 20]]);
  });
});
