import { analyze, book, completionSheet, evaluationSheet, findingsOf, projectSheet, targetSheet, type IndicatorSpec } from '../helpers/testbed';

const standard: IndicatorSpec[] = [
  { l1: '产出指标', l2: '数量指标', l3: '人数', target: '≥100人', actual: '100人', weight: 50, score: 50 },
  { l1: '效益指标', l2: '社会效益指标', l3: '效果', target: '效果明显', actual: '效果明显', weight: 30, score: 30 },
  { l1: '满意度指标', l2: '服务对象满意度指标', l3: '满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
];
const run = (indicators: IndicatorSpec[]) => analyze(book(projectSheet({ indicators })));

describe('level2-misplaced', () => {
  it('fires once on the 二级 cell that does not belong to its 一级, and says where it belongs', () => {
    const r = run([
      standard[0],
      { ...standard[1], l2: '数量指标', l3: '受益人数' },
      { ...standard[1], l2: '数量指标', l3: '受益户数' },
      standard[2],
    ]);
    expect(findingsOf(r, 'level2-misplaced')).toEqual([
      {
        rule: 'level2-misplaced',
        severity: 'warning',
        cell: 'C5',
        message: '二级指标「数量指标」不属于一级指标「效益指标」的标准二级指标（经济效益、社会效益、生态效益、可持续影响），应归入「产出指标」',
      },
    ]);
  });

  it('lints target tables too', () => {
    const r = analyze(book(targetSheet([{ l1: '满意度指标', l2: '社会效益指标', l3: '满意度', target: '≥90%' }])));
    expect(findingsOf(r, 'level2-misplaced').map((f) => [f.cell, f.message])).toEqual([
      ['B3', '二级指标「社会效益指标」不属于一级指标「满意度指标」的标准二级指标（服务对象满意度），应归入「效益指标」'],
    ]);
  });

  it('stays quiet on the standard set (with or without 指标, spaces), same-meaning spellings and other frameworks', () => {
    expect(findingsOf(run(standard), 'level2-misplaced')).toEqual([]);
    expect(findingsOf(run([{ ...standard[0], l2: '时效 ' }, { ...standard[2], l2: '社会公众或服务对象满意度指标' }]), 'level2-misplaced')).toEqual([]);
    expect(findingsOf(run([{ ...standard[0], l1: '成本指标', l2: '经济成本指标' }]), 'level2-misplaced')).toEqual([]);
    const gansu = analyze(book(completionSheet([{ l1: '部门管理', l2: '资金投入', l3: '基本支出预算执行', target: '=100%', actual: 100, unit: '%', weight: 2, score: 2 }])));
    expect(findingsOf(gansu, 'level2-misplaced')).toEqual([]);
  });
});

describe('missing-level1', () => {
  it('fires on the table when 效益 or 满意度 indicators are missing', () => {
    const r = run([standard[0], { ...standard[0], l1: '成本指标', l2: '经济成本指标', l3: '人均成本', target: '≤100元', actual: '90元' }]);
    expect(findingsOf(r, 'missing-level1')).toEqual([
      {
        rule: 'missing-level1',
        severity: 'warning',
        cell: null,
        message: '表中没有效益指标、满意度指标（现有一级指标：产出指标、成本指标）；项目和部门整体自评表应设置产出、效益、满意度指标',
      },
    ]);
  });

  it('counts a group whose rows are all placeholders (无) as missing', () => {
    const r = run([standard[0], { l1: '效益指标', l2: '经济效益指标', l3: '无' }, standard[2]]);
    expect(findingsOf(r, 'missing-level1').map((f) => f.message)).toEqual([
      '表中没有效益指标（现有一级指标：产出指标、满意度指标）；项目和部门整体自评表应设置产出、效益、满意度指标',
    ]);
  });

  it('stays quiet on a complete table and on another framework (seed 004: 部门管理/履职效果/能力建设)', () => {
    expect(findingsOf(run(standard), 'missing-level1')).toEqual([]);
    const gansu = analyze(
      book(
        completionSheet([
          { l1: '部门管理', l2: '资金投入', l3: '基本支出预算执行', target: '=100%', actual: 100, unit: '%', weight: 50, score: 50 },
          { l1: '能力建设', l2: '档案管理', l3: '档案管理完备性', target: '全部达成预期', actual: '100%-80%(含)', weight: 40, score: 40 },
        ]),
      ),
    );
    expect(findingsOf(gansu, 'missing-level1')).toEqual([]);
  });
});

describe('duplicate-indicator', () => {
  it('fires on the repeated 三级 cell under the same 二级', () => {
    const r = run([standard[0], { ...standard[0], l3: ' 人数', weight: 0, score: 0 }, standard[1], standard[2]]);
    expect(findingsOf(r, 'duplicate-indicator')).toEqual([
      { rule: 'duplicate-indicator', severity: 'warning', cell: 'D5', message: '第 5 行「人数」与第 4 行重复（同在二级指标「数量指标」下）' },
    ]);
  });

  it('checks evaluation tables too', () => {
    const r = analyze(
      book(evaluationSheet([{ label: '过程', weight: 8, score: 8, rows: [
        { l2: '预算执行', l3: '支付进度', weight: 4, score: 4 },
        { l2: '预算执行', l3: '支付进度', weight: 4, score: 4 },
      ] }])),
    );
    expect(findingsOf(r, 'duplicate-indicator').map((f) => f.cell)).toEqual(['C6']);
  });

  it('stays quiet on the same name under different 二级', () => {
    expect(findingsOf(run([standard[0], { ...standard[0], l2: '质量指标', weight: 0, score: 0 }, standard[1], standard[2]]), 'duplicate-indicator')).toEqual([]);
  });

  it('names the first row under the same 二级 when the name also appears under another', () => {
    // 人数 under 数量指标 (row 4), under 质量指标 (row 5), again under 质量指标 (row 6): only row 6 repeats, row 5's.
    const quality = { ...standard[0], l2: '质量指标', weight: 0, score: 0 };
    const r = run([standard[0], quality, quality, standard[1], standard[2]]);
    expect(findingsOf(r, 'duplicate-indicator').map((f) => [f.cell, f.message])).toEqual([['D6', '第 6 行「人数」与第 5 行重复（同在二级指标「质量指标」下）']]);
  });
});
