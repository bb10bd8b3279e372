import { analyze, book, evaluationSheet, findingsOf, projectSheet, withBudgetReason, type IndicatorSpec, type ProjectSpec } from '../helpers/testbed';

const full: IndicatorSpec[] = [
  { l1: '产出指标', l3: '人数', target: '≥100人', actual: '100人', weight: 50, score: 50 },
  { l1: '效益指标', l2: '社会效益指标', l3: '效果', target: '效果明显', actual: '效果明显', weight: 30, score: 30 },
  { l1: '满意度指标', l2: '服务对象满意度指标', l3: '满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
];

describe('missing-deviation-reason', () => {
  const row = (extra: Partial<IndicatorSpec>): ProjectSpec => ({
    indicators: [{ l3: '人数', target: '≥100人', actual: '80人', weight: 10, score: 8, ...extra }],
  });

  it('fires on the reason cell when a row loses points and its reason is empty or 无', () => {
    expect(findingsOf(analyze(book(projectSheet(row({})))), 'missing-deviation-reason')).toEqual([
      {
        rule: 'missing-deviation-reason',
        severity: 'warning',
        cell: 'I4',
        message: '第 4 行「人数」得分 8 低于分值 10，偏差原因分析为空，应说明偏差原因及改进措施',
      },
    ]);
    expect(findingsOf(analyze(book(projectSheet(row({ reason: '无' })))), 'missing-deviation-reason').map((f) => f.message)).toEqual([
      '第 4 行「人数」得分 8 低于分值 10，偏差原因分析填写为「无」，应说明偏差原因及改进措施',
    ]);
  });

  it('stays quiet with a reason, at full score, and for a qualitative row scored inside the achieved band', () => {
    expect(findingsOf(analyze(book(projectSheet(row({ reason: '部分职工外出务工，未能联系' })))), 'missing-deviation-reason')).toEqual([]);
    expect(findingsOf(analyze(book(projectSheet(row({ actual: '100人', score: 10 })))), 'missing-deviation-reason')).toEqual([]);
    const band = projectSheet({ indicators: [{ l2: '质量指标', l3: '制度健全', target: '健全', actual: '100%-80%(含)', weight: 2, score: 1.8 }] });
    expect(findingsOf(analyze(book(band)), 'missing-deviation-reason')).toEqual([]);
  });

  it('reads 计算分析情况 in an evaluation table', () => {
    const sheet = (analysis: string | null) =>
      evaluationSheet([{ label: '过程', weight: 8, score: 6, rows: [
        { l2: '预算执行', l3: '支付进度', weight: 4, analysis, score: 2 },
        { l2: '预算执行', l3: '结转结余率', weight: 4, analysis: null, score: 4 },
      ] }]);
    expect(findingsOf(analyze(book(sheet(null))), 'missing-deviation-reason')).toEqual([
      { rule: 'missing-deviation-reason', severity: 'warning', cell: 'F5', message: '第 5 行「支付进度」得分 2 低于分值 4，计算分析情况为空，应说明扣分原因' },
    ]);
    expect(findingsOf(analyze(book(sheet('四个节点的支出进度分别为20%、45%、70%、90%'))), 'missing-deviation-reason')).toEqual([]);
  });
});

describe('low-execution-no-reason', () => {
  const spec = (rate: [number, number]): ProjectSpec => ({
    budget: [['年度资金总额', rate[0], rate[0], rate[1], 10, rate[1] / rate[0], (10 * rate[1]) / rate[0]]],
    indicators: full,
  });

  it('fires on the rate cell when the block has no reason cell and no row explains it', () => {
    expect(findingsOf(analyze(book(projectSheet(spec([10, 8])))), 'low-execution-no-reason')).toEqual([
      {
        rule: 'low-execution-no-reason',
        severity: 'warning',
        cell: 'G4',
        message: '预算执行率 80.00%（全年执行数 8 ÷ 全年预算数 10）低于 90%，表中未说明原因，应在偏差原因分析中说明执行率偏低的原因及改进措施',
      },
    ]);
  });

  it('fires on the block’s own reason cell when it is empty', () => {
    expect(findingsOf(analyze(book(projectSheet(withBudgetReason(spec([10, 8]), null)))), 'low-execution-no-reason')).toEqual([
      {
        rule: 'low-execution-no-reason',
        severity: 'warning',
        cell: 'J4',
        message: '预算执行率 80.00%（全年执行数 8 ÷ 全年预算数 10）低于 90%，偏差原因分析为空，应说明执行率偏低的原因及改进措施',
      },
    ]);
  });

  it('stays quiet at 90%, with a reason in the block, or (no block cell) with a reason on a row', () => {
    expect(findingsOf(analyze(book(projectSheet(spec([10, 9])))), 'low-execution-no-reason')).toEqual([]);
    expect(findingsOf(analyze(book(projectSheet(withBudgetReason(spec([10, 8]), '年末资金到账，次年初支付')))), 'low-execution-no-reason')).toEqual([]);
    const withRowReason = { ...spec([10, 8]), indicators: [{ ...full[0], reason: '部分活动因资金年末到账顺延至次年' }, ...full.slice(1)] };
    expect(findingsOf(analyze(book(projectSheet(withRowReason))), 'low-execution-no-reason')).toEqual([]);
  });
});

describe('over-achievement', () => {
  const one = (extra: Partial<IndicatorSpec>) =>
    analyze(book(projectSheet({ indicators: [{ l3: '人数', target: '≥100人', actual: '150人', weight: 10, score: 10, ...extra }] })));

  it('fires on the actual when a positive target is exceeded by 30% or more without a reason', () => {
    expect(findingsOf(one({}), 'over-achievement')).toEqual([
      {
        rule: 'over-achievement',
        severity: 'warning',
        cell: 'F4',
        message: '第 4 行「人数」实际完成值「150人」为年度指标值「≥100人」的 150.00%，达到 130% 以上且未说明原因，指标值可能设定偏低',
      },
    ]);
  });

  it('stays quiet below 130%, with a reason, and for a negative indicator', () => {
    expect(findingsOf(one({ actual: '129人' }), 'over-achievement')).toEqual([]);
    expect(findingsOf(one({ reason: '新增帮扶对象，上级追加任务' }), 'over-achievement')).toEqual([]);
    expect(findingsOf(one({ target: '≤100元', actual: '150元', score: 6.67 }), 'over-achievement')).toEqual([]);
  });
});
