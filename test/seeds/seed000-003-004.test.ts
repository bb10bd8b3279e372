import type { WorkbookResult } from '../../src/core';
import { analyzeFixture, rules, table } from '../helpers/fixtures';

/** Seed 000 (石家庄市总工会, 2023): the project figures of SPEC §13. */
describe('seed 000 石家庄市总工会', () => {
  let r: WorkbookResult;
  beforeAll(async () => {
    r = await analyzeFixture('seed000-shijiazhuang.xlsx');
  });

  it('专项业务培训 10.42 / 8.70: rate 83.49% (stated 83.47% → mismatch), deduction 1.65, total 98.35', () => {
    const t = table(r, '专项业务培训');
    expect(t.execution).toMatchObject({ budget: 10.42, executed: 8.7, rate: 0.8349, score: 8.35, deduction: 1.65, statedRate: 0.8347 });
    expect(t.total).toMatchObject({ score: 98.35, stated: 98.35 });
    // 83.49% < 90% with no reason anywhere in the table (SPEC §9 low-execution-no-reason).
    expect(rules(t)).toEqual(['execution-rate-mismatch@G8', 'low-execution-no-reason@G8']);
    expect(t.findings[0].message).toBe('预算执行率应为 83.49%（全年执行数 8.7 ÷ 全年预算数 10.42），表中为 83.47%');
  });

  it('市本级困难职工 154.72 / 126.22: rate 81.58%, deduction 1.84, total 98.16', () => {
    const t = table(r, '市本级困难职工帮扶');
    expect(t.execution).toMatchObject({ rate: 0.8158, score: 8.16, deduction: 1.84 });
    expect(t.total).toMatchObject({ score: 98.16, stated: 98.16 });
    // 81.58% < 90% and the report gives no reason (SPEC §9 low-execution-no-reason).
    expect(rules(t)).toEqual(['low-execution-no-reason@G8']);
  });

  it('劳模体检 20 / 19.95: rate 99.75%, score 9.98 half-up, deduction 0.02, total 99.98; the stated 99.97 is within tolerance', () => {
    const t = table(r, '劳模体检');
    expect(t.execution).toMatchObject({ rate: 0.9975, score: 9.98, deduction: 0.02 });
    expect(t.total).toMatchObject({ score: 99.98, stated: 99.97 });
    // 体检质量 `高于90%` repeats the operator instead of a measured value (SPEC §9 actual-not-measured).
    expect(rules(t)).toEqual(['actual-not-measured@F14']);
  });

  it('the fully spent projects score 100 with no finding', () => {
    for (const sheet of ['省提前下达困难职工帮扶', '省级困难职工帮扶', '市级下达县区救助']) {
      const t = table(r, sheet);
      expect([sheet, t.execution?.rate, t.total.score, t.findings]).toEqual([sheet, 1, 100, []]);
    }
  });
});

/** Seed 003 (晋中市总工会, 2021): the evaluation table is consistent. */
describe('seed 003 晋中 evaluation', () => {
  let r: WorkbookResult;
  beforeAll(async () => {
    r = await analyzeFixture('seed003-jinzhong.xlsx');
  });

  it('reads subtotals 16/33/22/20, total 91.00, grade 优, and raises nothing', () => {
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(t.kind).toBe('evaluation');
    expect(t.title).toBe('晋中市总工会');
    expect(t.execution).toBeNull();
    expect(t.indicators).toHaveLength(26);
    const byGroup = new Map<string, number>();
    for (const i of t.indicators) byGroup.set(i.level1, Math.round(((byGroup.get(i.level1) ?? 0) + (i.score ?? 0)) * 100) / 100);
    expect([...byGroup]).toEqual([
      ['投入', 16],
      ['过程', 33],
      ['产出', 22],
      ['效果', 20],
    ]);
    expect(t.total).toEqual({ score: 91, stated: 91, cell: 'G46' });
    expect(t.grade).toEqual({ value: '优', stated: '优', cell: 'D47' });
    expect(t.findings).toEqual([]);
    expect(t.indicators.every((i) => i.method === 'stated')).toBe(true);
  });

  it('plans no write on a consistent table', () => {
    expect(r.plan).toEqual([]);
  });
});

/** Seed 004 (凉州区总工会, 2024): the Gansu block without 分值. */
describe('seed 004 凉州', () => {
  let r: WorkbookResult;
  beforeAll(async () => {
    r = await analyzeFixture('seed004-liangzhou.xlsx');
  });

  it('rate 2879927.69 / 3002094.97 = 95.93%, score 9.59 with weight 100 − 90; total 92.62 matches', () => {
    const t = table(r, '凉州');
    expect(t.kind).toBe('department');
    expect(t.title).toBe('凉州区总工会');
    expect(t.execution).toEqual({
      budget: 3002094.97,
      executed: 2879927.69,
      rate: 0.9593,
      weight: 10,
      score: 9.59,
      deduction: 0.41,
      statedRate: 0.9593,
      statedScore: 9.59,
      rateCell: 'F5',
      scoreCell: 'G5',
      rateConvention: 'percent-number',
    });
    expect(t.indicators).toHaveLength(21);
    expect(t.indicators.reduce((s, i) => s + (i.weight ?? 0), 0)).toBeCloseTo(90, 10);
    expect(t.total).toEqual({ score: 92.62, stated: 92.62, cell: 'I37' });
    // The one real defect (SPEC §13): 基本支出 ≠ 人员经费 + 公用经费; 项目支出 ≠ its items too.
    expect(t.findings.filter((f) => f.severity !== 'info').map((f) => [f.rule, f.cell])).toEqual([
      ['budget-breakdown-mismatch', 'C5'],
      ['budget-breakdown-mismatch', 'C8'],
    ]);
    expect(t.findings[0].message).toBe(
      '「(一)基本支出」与其明细（1.人员经费、2.公用经费）不符：年初预算数 2672546.6，明细合计 3559825.92；全年预算数 3002094.97，明细合计 3198534.44；全年执行数 2879927.69，明细合计 3144067.16',
    );
    expect(r.plan).toEqual([]);
  });

  it('keeps the typed band scores (1.8 of 2, 6.43 of 7.14) as the user’s judgement', () => {
    const t = table(r, '凉州');
    expect(t.indicators.filter((i) => i.method === 'qualitative').map((i) => i.score)).toEqual([
      1.8, 1.8, 1.8, 1.8, 1.8, 6.43, 6.43, 6.43, 6.43, 6.43, 6.43, 6.44, 3, 3, 3.01,
    ]);
  });
});
