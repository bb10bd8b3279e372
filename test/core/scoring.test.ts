import { BUILT_IN_PROFILES } from '../../src/core';
import { analyze, applyPlan, book, projectSheet, type IndicatorSpec } from '../helpers/testbed';

function one(indicator: IndicatorSpec, profile = BUILT_IN_PROFILES['mof-2020']) {
  const r = analyze(book(projectSheet({ indicators: [indicator] })), profile);
  expect(r.tables).toHaveLength(1);
  return r.tables[0].indicators[0];
}

describe('indicator scoring (SPEC §5)', () => {
  it.each([
    // [target, actual, weight, expected score, method]
    ['≥90%', '95%', 10, 10, 'positive'],
    ['≥90%', '81%', 10, 9, 'positive'],
    ['不少于400人', '380人', 20, 19, 'positive'],
    ['达到1.5万人', '12000人', 10, 8, 'positive'],
    ['帮扶39人', '39人', 5, 5, 'positive'],
    ['≤4500元', '5000元', 10, 9, 'negative'],
    ['≤4500元', '4000元', 10, 10, 'negative'],
    ['=100%', '98%', 4, 3.92, 'equal'],
    ['为零', '0', 5, 5, 'zero'],
    ['事故事件为零', '1', 5, 0, 'zero'],
    ['<=0%', '0', 2, 2, 'zero'],
    ['2023年12月31日之前', '按时完成', 5, 5, 'date'],
    ['宣传次数大于等于5次得满分，下降一次扣一分', '3次', 10, 8, 'rule'],
    ['健全', '100%-80%(含)', 2, 2, 'qualitative'],
    ['是否超指标', '未超指标', 20, 20, 'qualitative'],
    ['是否按时完成', '否', 10, 3, 'qualitative'],
  ] as const)('%s / %s, weight %d → %d (%s)', (target, actual, weight, score, method) => {
    const i = one({ l3: '指标', target, actual, weight });
    expect(i.score).toBe(score);
    expect(i.method).toBe(method);
  });

  it('uses the linear reverse rule under the linear-reverse profile', () => {
    const i = one({ l3: '人均成本', target: '≤100元', actual: '150元', weight: 10 }, BUILT_IN_PROFILES['linear-reverse']);
    expect(i.score).toBe(5);
    expect(one({ l3: '人均成本', target: '≤100元', actual: '150元', weight: 10 }).score).toBe(6.67);
  });

  it('treats an unmarked cost indicator as negative', () => {
    const i = one({ l1: '成本指标', l2: '经济成本指标', l3: '人均救助标准', target: '4500元', actual: '5000元', weight: 10 });
    expect(i.method).toBe('negative');
    expect(i.score).toBe(9);
  });

  it('keeps a qualitative score typed inside its band and replaces one outside', () => {
    expect(one({ l3: '质量', target: '规范', actual: '100%-80%(含)', weight: 2, score: 1.8 }).score).toBe(1.8);
    expect(one({ l3: '质量', target: '规范', actual: '80%-60%(含)', weight: 10, score: 9 }).score).toBe(7);
  });

  it('keeps the typed score when a qualitative actual cannot be classified', () => {
    const i = one({ l3: '质量', target: '规范', actual: '宣传国家政策', weight: 20, score: 20 });
    expect(i.method).toBe('stated');
    expect(i.score).toBe(20);
  });

  it('never goes above the weight or below zero', () => {
    expect(one({ l3: 'x', target: '≥10次', actual: '25次', weight: 5 }).score).toBe(5);
    expect(one({ l3: 'x', target: '≥10次', actual: '-3次', weight: 5 }).score).toBe(0);
  });
});

describe('execution, total and grade (SPEC §6–7)', () => {
  const indicators: IndicatorSpec[] = [
    { l1: '产出指标', l3: '人数', target: '≥100人', actual: '100人', weight: 50, score: 50 },
    { l1: '效益指标', l2: '社会效益指标', l3: '效果', target: '效果明显', actual: '全面完成', weight: 30, score: 30 },
    { l1: '满意度指标', l2: '服务对象满意度指标', l3: '满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
  ];

  it('computes rate, score, deduction and total from the total row (seed 000 专项业务培训)', () => {
    const r = analyze(book(projectSheet({ budget: [['年度资金总额', 10.42, 10.42, 8.7, 10, 0.8347, 8.35]], indicators, total: 98.35 })));
    const t = r.tables[0];
    expect(t.execution).toMatchObject({ budget: 10.42, executed: 8.7, rate: 0.8349, weight: 10, score: 8.35, deduction: 1.65 });
    expect(t.total.score).toBe(98.35);
    expect(t.grade.value).toBe('优');
    // 83.49% is below 90% and no row gives a reason: low-execution-no-reason (SPEC §9).
    expect(t.findings.map((f) => f.rule)).toEqual(['execution-rate-mismatch', 'low-execution-no-reason']);
    expect(t.findings[0].message).toBe('预算执行率应为 83.49%（全年执行数 8.7 ÷ 全年预算数 10.42），表中为 83.47%');
  });

  it('sums the sub-rows when the total row is blank and writes on the total row (seed 002 劳模服务)', () => {
    const r = analyze(
      book(
        projectSheet({
          budget: [
            ['其中：当年财政拨款', ' 6', 6, 3.4, null, '56.67%', null],
            ['上年结转资金'],
            ['其他资金'],
            ['年度资金总额'],
          ],
          indicators,
          total: 90,
        }),
      ),
    );
    const t = r.tables[0];
    expect(t.execution).toMatchObject({ budget: 6, executed: 3.4, rate: 0.5667, score: 5.67, deduction: 4.33, statedRate: 0.5667, rateCell: 'G7' });
    expect(t.total).toEqual({ score: 95.67, stated: 90, cell: 'H12' });
    expect(t.findings.find((f) => f.rule === 'total-mismatch')?.message).toBe('总分应为 95.67（指标得分 90 + 预算执行率得分 5.67），表中为 90');
    expect(r.plan.map((e) => [e.cell, e.role, e.value])).toEqual([
      ['G7', 'execution-rate', 0.5667],
      ['H7', 'execution-score', 5.67],
      ['H12', 'total', 95.67],
    ]);
  });

  it('flags a wrong grade and writes the computed one in the sheet’s own label set', () => {
    const r = analyze(book(projectSheet({ budget: [['年度资金总额', 2, 2, 2, 10, 1, 10]], indicators, total: 100, grade: '良好' })));
    const t = r.tables[0];
    expect(t.findings.map((f) => f.rule)).toEqual(['grade-mismatch']);
    expect(r.plan).toEqual([expect.objectContaining({ role: 'grade', value: '优秀', cell: 'H10' })]);
  });

  it('uses 年初预算数 when 全年预算数 is empty, and refuses to divide by zero', () => {
    const a = analyze(book(projectSheet({ budget: [['年度资金总额', 8, null, 6, 10, null, null]], indicators })));
    expect(a.tables[0].execution?.rate).toBe(0.75);
    expect(a.tables[0].findings.map((f) => f.rule)).toContain('execution-denominator');
    const b = analyze(book(projectSheet({ budget: [['年度资金总额', 0, 0, 6, 10, null, null]], indicators })));
    expect(b.tables[0].execution?.rate).toBeNull();
    expect(b.tables[0].findings.map((f) => f.rule)).toContain('execution-no-budget');
  });

  it('flags weight sums, declared level-1 weights and scores above the weight', () => {
    const r = analyze(
      book(
        projectSheet({
          budget: [['年度资金总额', 2, 2, 2, 10, 1, 10]],
          indicators: [
            { l1: '产出指标（40分）', l3: 'a', target: '≥1次', actual: '1次', weight: 30, score: 35 },
            { l1: '效益指标', l3: 'b', target: '≥1次', actual: '1次', weight: 50, score: 50 },
          ],
        }),
      ),
    );
    const rules = r.tables[0].findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['weight-sum', 'level1-weight-mismatch', 'score-exceeds-weight', 'score-mismatch']));
    expect(r.tables[0].findings.find((f) => f.rule === 'weight-sum')?.message).toBe('指标分值合计 80 + 预算执行率分值 10 = 90，应为 100');
  });
});

describe('the plan (SPEC §10)', () => {
  it('fills empty cells, and a second run plans nothing', () => {
    const grid = book(
      projectSheet({
        budget: [['年度资金总额', 6, 6, 3.4, 10, null, null]],
        indicators: [
          { l1: '产出指标', l3: '人数', target: '≥100人', actual: '90人', weight: 50 },
          { l1: '效益指标', l3: '效果', target: '效果明显', actual: '基本完成', weight: 40 },
        ],
        total: null,
        grade: null,
      }),
    );
    const first = analyze(grid);
    expect(first.plan.map((e) => [e.cell, e.value])).toEqual([
      ['H6', 45],
      ['H7', 28],
      ['G4', 0.5667],
      ['H4', 5.67],
      ['H8', 78.67],
      ['H9', '中'],
    ]);
    const second = analyze(applyPlan(grid, first.plan));
    expect(second.plan).toEqual([]);
    expect(second.tables[0].total.score).toBe(78.67);
  });

  it('never overwrites a formula: it reports the difference instead', () => {
    const sheet = projectSheet({
      budget: [['年度资金总额', 6, 6, 3.4, 10, null, null]],
      indicators: [{ l1: '产出指标', l3: '人数', target: '≥100人', actual: '100人', weight: 90, score: 90 }],
      total: { value: { t: 'number', v: 99 }, formula: 'SUM(H5:H6)' },
    });
    const r = analyze(book(sheet));
    expect(r.plan.find((e) => e.role === 'total')).toBeUndefined();
    // One finding per cause (issue 6 item 13): the formula's, not also total-mismatch.
    const onTotal = r.tables[0].findings.filter((f) => f.cell === r.tables[0].total.cell).map((f) => f.rule);
    expect(onTotal).toEqual(['formula-result-mismatch']);
  });

  it('plans nothing on a protected sheet but reports what it would write', () => {
    const sheet = { ...projectSheet({ indicators: [{ l3: '人数', target: '≥100人', actual: '50人', weight: 100 }] }), protected: true };
    const r = analyze(book(sheet));
    expect(r.plan).toEqual([]);
    expect(r.blockedByProtection.map((e) => e.value)).toEqual([50]);
  });
});

describe('writes stay in their own column', () => {
  it('does not write a score into a label merged across the 得分 column', () => {
    const s = projectSheet({ indicators: [{ l3: '人数', target: '≥100人', actual: '50人', weight: 100 }] });
    // C4:H4: the 二级 label spread over 三级…得分 (a messy template); its top-left is C4.
    const grid = book({ ...s, merges: [...s.merges, { top: 4, left: 3, bottom: 4, right: 8 }] });
    const r = analyze(grid);
    expect(r.plan.filter((e) => e.row === 4)).toEqual([]);
  });
});
