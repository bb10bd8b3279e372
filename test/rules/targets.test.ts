import { analyze, book, findingsOf, projectSheet, targetSheet, type IndicatorSpec } from '../helpers/testbed';

const one = (i: Partial<IndicatorSpec>) => analyze(book(projectSheet({ indicators: [{ l3: '人数', target: '≥100人', actual: '100人', weight: 10, score: 10, ...i }] })));
const cost: Partial<IndicatorSpec> = { l1: '产出指标', l2: '成本指标', l3: '人均体检费', actual: '200元' };

describe('cost-direction', () => {
  it('fires on the target of a cost indicator written with ≥', () => {
    expect(findingsOf(one({ ...cost, target: '≥200元' }), 'cost-direction')).toEqual([
      {
        rule: 'cost-direction',
        severity: 'warning',
        cell: 'E4',
        message: '第 4 行「人均体检费」是成本指标，年度指标值「≥200元」按「≥」（越高越好）填写；成本应控制上限，宜写作「≤」',
      },
    ]);
    expect(findingsOf(one({ ...cost, target: '不少于200元' }), 'cost-direction').map((f) => f.cell)).toEqual(['E4']);
  });

  it('lints target tables too (seed 001: 人均体检费 ≥200)', () => {
    const r = analyze(book(targetSheet([{ l2: '成本指标', l3: '人均体检费', target: '≥200 人均标准 200 元 /人' }])));
    expect(findingsOf(r, 'cost-direction').map((f) => [f.cell, f.message])).toEqual([
      ['D3', '第 3 行「人均体检费」是成本指标，年度指标值「≥200 人均标准 200 元 /人」按「≥」（越高越好）填写；成本应控制上限，宜写作「≤」'],
    ]);
  });

  it('stays quiet on ≤ and unmarked costs, on savings and on rates under 成本指标', () => {
    expect(findingsOf(one({ ...cost, target: '≤200元' }), 'cost-direction')).toEqual([]);
    expect(findingsOf(one({ ...cost, target: '200元' }), 'cost-direction')).toEqual([]);
    expect(findingsOf(one({ ...cost, l3: '成本节约率', target: '≥5%', actual: '6%' }), 'cost-direction')).toEqual([]);
    expect(findingsOf(one({ ...cost, l3: '资金使用率', target: '≥95%', actual: '96%' }), 'cost-direction')).toEqual([]);
  });
});

describe('quantity-not-quantified', () => {
  it('is info on the target of a 数量指标 without a number', () => {
    expect(findingsOf(one({ l3: '救助人数', target: '在档管理困难职工及劳模', actual: '完成' }), 'quantity-not-quantified')).toEqual([
      {
        rule: 'quantity-not-quantified',
        severity: 'info',
        cell: 'E4',
        message: '第 4 行「救助人数」是数量指标，年度指标值「在档管理困难职工及劳模」没有数值，应写明数量（如「≥100人」）',
      },
    ]);
    const r = analyze(book(targetSheet([{ l3: '救助人数', target: '在档管理困难职工及劳模' }])));
    expect(findingsOf(r, 'quantity-not-quantified').map((f) => f.cell)).toEqual(['D3']);
  });

  it('stays quiet on a quantified 数量指标 and on a qualitative 质量指标', () => {
    expect(findingsOf(one({}), 'quantity-not-quantified')).toEqual([]);
    expect(findingsOf(one({ l2: '质量指标', l3: '帮扶质量', target: '规范', actual: '规范' }), 'quantity-not-quantified')).toEqual([]);
  });
});
