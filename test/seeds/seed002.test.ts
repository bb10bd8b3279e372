import type { WorkbookResult } from '../../src/core';
import { analyzeFixture, rules, table } from '../helpers/fixtures';

/** Seed 002 (石鼓区总工会, 2023): SPEC §13 figures. */
describe('seed 002 石鼓区总工会', () => {
  let r: WorkbookResult;
  beforeAll(async () => {
    r = await analyzeFixture('seed002-shigu.xlsx');
  });

  it('recognises the department table, the three project tables and the basic-data table', () => {
    expect(r.tables.map((t) => [t.sheet, t.kind, t.title, t.range])).toEqual([
      ['部门整体', 'department', '石鼓区总工会', 'A1:I23'],
      ['劳模服务', 'project', '劳模服务', 'A1:I23'],
      ['双联工作', 'project', '双联工作', 'A1:I23'],
      ['省级困难帮扶和送温暖', 'project', '省级困难帮扶和送温暖', 'A1:I23'],
      ['基础数据表', 'basic-data', '部门整体支出绩效评价基础数据表', 'A1:F22'],
    ]);
    expect(r.sheetsWithoutTables).toEqual([]);
  });

  it('劳模服务: rate 56.67%, score 5.67, deduction 4.33, total 95.67 against a stated 90', () => {
    const t = table(r, '劳模服务');
    expect(t.execution).toEqual({
      budget: 6,
      executed: 3.4,
      rate: 0.5667,
      weight: 10,
      score: 5.67,
      deduction: 4.33,
      statedRate: 0.5667,
      statedScore: null,
      rateCell: 'G8',
      scoreCell: 'H8',
      rateConvention: 'fraction',
    });
    expect(t.indicators.map((i) => i.score)).toEqual([5, 10, 5, 40, 20, 10]);
    expect(t.total).toEqual({ score: 95.67, stated: 90, cell: 'H23' });
    expect(t.grade).toEqual({ value: '优', stated: null, cell: null });
    expect(rules(t)).toEqual([
      'total-mismatch@H23',
      'execution-missing@E8',
      'execution-missing@H8',
      // 56.67% spent, no reason; 全面完成 for a 34人 target; ` 6` typed as text (SPEC §9)
      'low-execution-no-reason@G8',
      'actual-not-measured@F12',
      'text-number@C5',
    ]);
    expect(t.findings[0]).toEqual({
      rule: 'total-mismatch',
      severity: 'error',
      cell: 'H23',
      message: '总分应为 95.67（指标得分 90 + 预算执行率得分 5.67），表中为 90',
    });
  });

  it('劳模服务: the first indicator matches the SPEC §14 example', () => {
    expect(table(r, '劳模服务').indicators[0]).toEqual({
      row: 12,
      level1: '产出指标',
      level2: '数量指标',
      level3: '完成劳模服务任务',
      target: '按年初计划完成劳模服务任务34人',
      actual: '全面完成',
      weight: 5,
      score: 5,
      statedScore: 5,
      method: 'qualitative',
      scoreCell: 'H12',
    });
  });

  it.each(['双联工作', '省级困难帮扶和送温暖'])('%s: rate 100%%, score 10, total 100 against a stated 90', (sheet) => {
    const t = table(r, sheet);
    expect(t.execution).toMatchObject({ rate: 1, score: 10, deduction: 0, weight: 10, statedScore: 10 });
    expect(t.total).toEqual({ score: 100, stated: 90, cell: 'H23' });
    expect(rules(t)).toContain('total-mismatch@H23');
  });

  it('department table: 118.67 / 118.67, rate 100%, score 10, empty rate cell → execution-missing', () => {
    const t = table(r, '部门整体');
    expect(t.execution).toMatchObject({ budget: 118.67, executed: 118.67, rate: 1, score: 10, deduction: 0, statedRate: null, rateCell: 'G4' });
    expect(t.indicators.map((i) => i.row)).toEqual([13, 16, 17, 18, 20, 23]);
    expect(t.total).toEqual({ score: 100, stated: null, cell: null });
    // 完成 for the 5-times rule is not a count; row 17's actual fits no band (SPEC §9)
    expect(rules(t)).toEqual(['execution-missing@G4', 'actual-not-measured@F16', 'qualitative-unclassified@F17']);
  });

  it('basic data: 项目支出 2022决算 15.75 against items summing to 5.15, and 5 staff on 3 posts', () => {
    const t = table(r, '基础数据表');
    expect(t.findings.map((f) => [f.rule, f.cell, f.message])).toEqual([
      ['budget-breakdown-mismatch', 'B11', '「项目支出」2022决算数 15.75，其明细（业务工作经费、运行维护经费、专项资金：劳模服务、省级困难职工补助和送温暖、双联工作经费）合计 5.15，不符'],
      ['staff-control-rate', 'F3', '在职人员控制率 166.67%（实际在职人数 5 ÷ 编制数 3），超过 100%'],
    ]);
    expect(r.plan.filter((e) => e.sheet === '基础数据表')).toEqual([]);
  });

  it('plans the execution rate and score on the total row, and the corrected totals', () => {
    const edits = r.plan.filter((e) => e.sheet === '劳模服务').map((e) => [e.cell, e.role, e.value, e.numFmt ?? null]);
    expect(edits).toEqual([
      ['G8', 'execution-rate', 0.5667, '0.00%'],
      ['H8', 'execution-score', 5.67, null],
      ['H23', 'total', 95.67, null],
    ]);
    expect(r.plan.filter((e) => e.sheet === '部门整体').map((e) => [e.cell, e.value])).toEqual([['G4', 1]]);
  });
});
