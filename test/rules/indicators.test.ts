import { analyze, book, findingsOf, projectSheet, type IndicatorSpec } from '../helpers/testbed';

const one = (i: Partial<IndicatorSpec>) => analyze(book(projectSheet({ indicators: [{ l3: '人数', target: '≥100人', actual: '100人', weight: 10, score: 10, ...i }] })));

describe('missing-actual', () => {
  it('fires on the actual cell of a weighted row without an actual', () => {
    expect(findingsOf(one({ actual: null, score: null }), 'missing-actual')).toEqual([
      { rule: 'missing-actual', severity: 'warning', cell: 'F4', message: '第 4 行「人数」有分值 10，实际完成值为空，无法计算得分' },
    ]);
    expect(findingsOf(one({ actual: null, weight: null, score: 8 }), 'missing-actual').map((f) => f.message)).toEqual([
      '第 4 行「人数」有得分 8，实际完成值为空',
    ]);
  });

  it('stays quiet with an actual, on a row weighted 0, and when the target is itself a band label', () => {
    expect(findingsOf(one({}), 'missing-actual')).toEqual([]);
    expect(findingsOf(one({ actual: null, weight: 0, score: 0 }), 'missing-actual')).toEqual([]);
    expect(findingsOf(one({ target: '100%-80%(含)', actual: null, score: null }), 'missing-actual')).toEqual([]);
  });
});

describe('missing-target', () => {
  it('fires on the target cell of a weighted row without a target', () => {
    expect(findingsOf(one({ target: null }), 'missing-target')).toEqual([
      { rule: 'missing-target', severity: 'warning', cell: 'E4', message: '第 4 行「人数」有分值 10，年度指标值为空' },
    ]);
  });

  it('stays quiet with a target, and on an unweighted row', () => {
    expect(findingsOf(one({}), 'missing-target')).toEqual([]);
    expect(findingsOf(one({ target: null, weight: null, score: null }), 'missing-target')).toEqual([]);
  });
});

describe('actual-not-measured', () => {
  it('fires when a numeric target gets words, and says which band scored it', () => {
    expect(findingsOf(one({ actual: '全面完成' }), 'actual-not-measured')).toEqual([
      {
        rule: 'actual-not-measured',
        severity: 'warning',
        cell: 'F4',
        message: '第 4 行「人数」年度指标值「≥100人」是数值指标，实际完成值「全面完成」不是实际数值，已按「达成」档计 10 分；应填写实际完成的数值',
      },
    ]);
  });

  it('fires when the actual repeats the operator (≥266米)', () => {
    expect(findingsOf(one({ l3: '修缮长度', target: '≥266米', actual: '≥266米' }), 'actual-not-measured').map((f) => [f.cell, f.message])).toEqual([
      ['F4', '第 4 行「修缮长度」实际完成值「≥266米」带有比较关系，只说明达到指标值，应填写实际完成的数值'],
    ]);
  });

  it('stays quiet on a measured actual and on a qualitative target', () => {
    expect(findingsOf(one({ actual: '105人' }), 'actual-not-measured')).toEqual([]);
    expect(findingsOf(one({ l2: '质量指标', target: '规范', actual: '全面完成' }), 'actual-not-measured')).toEqual([]);
  });
});

describe('unit-mismatch', () => {
  it('is an error on the actual when the units cannot be compared', () => {
    expect(findingsOf(one({ actual: '95%' }), 'unit-mismatch')).toEqual([
      {
        rule: 'unit-mismatch',
        severity: 'error',
        cell: 'F4',
        message: '第 4 行「人数」年度指标值的单位「人」与实际完成值的单位「%」无法比较，保留表中得分 10；请统一计量单位',
      },
    ]);
  });

  it('stays quiet on units of one base (1.5万人 / 12000人) and on a bare actual', () => {
    expect(findingsOf(one({ target: '达到1.5万人', actual: '12000人', score: 8 }), 'unit-mismatch')).toEqual([]);
    expect(findingsOf(one({ actual: '100' }), 'unit-mismatch')).toEqual([]);
  });
});
