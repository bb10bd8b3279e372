import { BUILT_IN_PROFILES, type TableResult, type WorkbookResult } from '../../src/core';
import { analyzeFixture, table } from '../helpers/fixtures';

/**
 * The SPEC §9 defects the seeds carry, at their cells: the indicator, reason, structure and
 * cell rules (test/rules has one minimal sheet per rule). Only these rules are listed here;
 * the figures' own findings are asserted in the seed's test file.
 */
const RULES = new Set([
  'missing-deviation-reason',
  'low-execution-no-reason',
  'over-achievement',
  'missing-actual',
  'missing-target',
  'actual-not-measured',
  'unit-mismatch',
  'cost-direction',
  'quantity-not-quantified',
  'deadline-year',
  'level2-misplaced',
  'missing-level1',
  'duplicate-indicator',
  'qualitative-band',
  'qualitative-unclassified',
  'completion-mismatch',
  'text-number',
]);

const ours = (t: TableResult) => t.findings.filter((f) => RULES.has(f.rule)).map((f) => `${f.rule}@${f.cell ?? '-'}`);
const message = (t: TableResult, rule: string, cell: string) => t.findings.find((f) => f.rule === rule && f.cell === cell)?.message;

describe('seed 002 石鼓区总工会 (2023 report; the sheets name no year)', () => {
  let r: WorkbookResult;
  let y2023: WorkbookResult;
  beforeAll(async () => {
    r = await analyzeFixture('seed002-shigu.xlsx');
    y2023 = await analyzeFixture('seed002-shigu.xlsx', { ...BUILT_IN_PROFILES['mof-2020'], year: 2023 });
  });

  it('department table: 完成 for the 5-times rule is not measured; row 17’s actual fits no band', () => {
    const t = table(r, '部门整体');
    expect(ours(t)).toEqual(['actual-not-measured@F16', 'qualitative-unclassified@F17']);
    expect(message(t, 'qualitative-unclassified', 'F17')).toBe(
      '第 17 行「落实工会政策；开展工会活动、维护职工权益」实际完成值「宣传国家政策、开展工会活动，维护职工合法权益」无法判定为达成、部分达成或未达成，保留表中得分 20，请人工核对',
    );
  });

  it('劳模服务: 56.67% spent with no reason, 全面完成 for 34人, ` 6` stored as text in C5', () => {
    const t = table(r, '劳模服务');
    expect(ours(t)).toEqual(['low-execution-no-reason@G8', 'actual-not-measured@F12', 'text-number@C5']);
    expect(message(t, 'low-execution-no-reason', 'G8')).toBe(
      '预算执行率 56.67%（全年执行数 3.4 ÷ 全年预算数 6）低于 90%，表中未说明原因，应在偏差原因分析中说明执行率偏低的原因及改进措施',
    );
    expect(message(t, 'actual-not-measured', 'F12')).toBe(
      '第 12 行「完成劳模服务任务」年度指标值「按年初计划完成劳模服务任务34人」是数值指标，实际完成值「全面完成」不是实际数值，已按「达成」档计 5 分；应填写实际完成的数值',
    );
    expect(message(t, 'text-number', 'C5')).toBe('年初预算数单元格 C5 的「 6」是以文本存储的数字，应改为数值 6');
  });

  it.each([
    ['双联工作', '帮扶39人', ' 2'],
    ['省级困难帮扶和送温暖', '帮扶35人', ' 6'],
  ])('%s: 完成 for %s, %j stored as text in C5; no deadline-year without a year', (sheet, target, text) => {
    const t = table(r, sheet);
    expect(ours(t)).toEqual(['actual-not-measured@F12', 'text-number@C5']);
    expect(message(t, 'actual-not-measured', 'F12')).toContain(`年度指标值「${target}」是数值指标`);
    expect(message(t, 'text-number', 'C5')).toContain(`「${text}」`);
  });

  it('with the evaluation year 2023 from the profile: the 2024 deadlines of 双联工作 and 省级 row 14', () => {
    expect(y2023.tables.map((t) => [t.sheet, t.findings.filter((f) => f.rule === 'deadline-year').map((f) => f.cell)])).toEqual([
      ['部门整体', []],
      ['劳模服务', []],
      ['双联工作', ['E14']],
      ['省级困难帮扶和送温暖', ['E14']],
      ['基础数据表', []],
    ]);
    expect(message(table(y2023, '双联工作'), 'deadline-year', 'E14')).toBe(
      '第 14 行「及时开展」年度指标值「2024年12月31日之前」中的日期在 2024 年，不在评价年度 2023 年内',
    );
  });
});

describe('seed 000 石家庄市总工会', () => {
  let r: WorkbookResult;
  beforeAll(async () => {
    r = await analyzeFixture('seed000-shijiazhuang.xlsx');
  });

  it('the two projects spent below 90% give no reason; 体检质量 `高于90%` is not a measured value', () => {
    expect(r.tables.map((t) => [t.sheet, ours(t)])).toEqual([
      ['专项业务培训', ['low-execution-no-reason@G8']],
      ['劳模体检', ['actual-not-measured@F14']],
      ['省提前下达困难职工帮扶', []],
      ['省级困难职工帮扶', []],
      ['市级下达县区救助', []],
      ['市本级困难职工帮扶', ['low-execution-no-reason@G8']],
    ]);
    expect(message(table(r, '劳模体检'), 'actual-not-measured', 'F14')).toBe(
      '第 14 行「体检质量」实际完成值「高于90%」带有比较关系，只说明达到指标值，应填写实际完成的数值',
    );
    expect(message(table(r, '市本级困难职工帮扶'), 'low-execution-no-reason', 'G8')).toBe(
      '预算执行率 81.58%（全年执行数 126.22 ÷ 全年预算数 154.72）低于 90%，表中未说明原因，应在偏差原因分析中说明执行率偏低的原因及改进措施',
    );
  });
});

describe('seed 003 晋中 evaluation', () => {
  it('raises no error and no warning: every row below its weight explains why in 计算分析情况', async () => {
    const r = await analyzeFixture('seed003-jinzhong.xlsx');
    expect(r.tables.flatMap((t) => t.findings)).toEqual([]);
  });
});

describe('seed 004 凉州', () => {
  it('完成率 100 on the band rows whose score is 90% of the weight; no warning of these rules', async () => {
    const t = table(await analyzeFixture('seed004-liangzhou.xlsx'), '凉州');
    const rows = [20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36];
    expect(ours(t)).toEqual(rows.map((n) => `completion-mismatch@H${n}`));
    expect(t.findings.filter((f) => RULES.has(f.rule) && f.severity !== 'info')).toEqual([]);
    expect(message(t, 'completion-mismatch', 'H20')).toBe('第 20 行「财务管理制度健全」完成率应为 90.00%（得分 1.8 ÷ 分值 2），表中为 100');
    expect(message(t, 'completion-mismatch', 'H26')).toBe('第 26 行「产出数量指标」完成率应为 90.06%（得分 6.43 ÷ 分值 7.14），表中为 100');
  });
});

describe('seed 001 博野 target tables', () => {
  it('人均体检费 ≥200 is a cost written upwards; 救助人数 and 人员数量 have no number', async () => {
    const r = await analyzeFixture('seed001-boye.xlsx');
    expect(r.tables.map(ours)).toEqual([
      ['quantity-not-quantified@E11'],
      ['quantity-not-quantified@E30'],
      ['cost-direction@E52'],
      ['quantity-not-quantified@E68'],
    ]);
    expect(message(r.tables[0], 'quantity-not-quantified', 'E11')).toBe(
      '第 11 行「救助人数」是数量指标，年度指标值「在档管理困难职工及劳模」没有数值，应写明数量（如「≥100人」）',
    );
  });
});
