import { BUILT_IN_PROFILES, type Profile } from '../../src/core';
import { analyze, book, findingsOf, projectSheet, type IndicatorSpec } from '../helpers/testbed';

const y2023: Profile = { ...BUILT_IN_PROFILES['mof-2020'], year: 2023 };
const one = (i: Partial<IndicatorSpec>, profile = y2023) =>
  analyze(book(projectSheet({ indicators: [{ l2: '时效指标', l3: '及时开展', target: '2023年12月31日之前', actual: '按时完成', weight: 5, score: 5, ...i }] })), profile);

describe('deadline-year', () => {
  it('fires on a target dated outside the evaluation year (seed 002: 2024年12月31日之前 in 2023)', () => {
    expect(findingsOf(one({ target: '2024年12月31日之前' }), 'deadline-year')).toEqual([
      {
        rule: 'deadline-year',
        severity: 'warning',
        cell: 'E4',
        message: '第 4 行「及时开展」年度指标值「2024年12月31日之前」中的日期在 2024 年，不在评价年度 2023 年内',
      },
    ]);
  });

  it('fires on an actual dated outside the year', () => {
    expect(findingsOf(one({ actual: '2024年1月15日完成', score: 3.5 }), 'deadline-year').map((f) => [f.cell, f.message])).toEqual([
      ['F4', '第 4 行「及时开展」实际完成值「2024年1月15日完成」中的日期在 2024 年，不在评价年度 2023 年内'],
    ]);
  });

  it('takes the year from the sheet before the profile, and is skipped without any year', () => {
    const sheet = projectSheet({ indicators: [{ l2: '时效指标', l3: '及时开展', target: '2024年12月31日之前', actual: '按时完成', weight: 5, score: 5 }] }, '2024年度');
    expect(findingsOf(analyze(book(sheet), y2023), 'deadline-year')).toEqual([]);
    expect(findingsOf(one({ target: '2024年12月31日之前' }, BUILT_IN_PROFILES['mof-2020']), 'deadline-year')).toEqual([]);
  });

  it('stays quiet on dates in the year, dates without a year, and a baseline year', () => {
    expect(findingsOf(one({}), 'deadline-year')).toEqual([]);
    expect(findingsOf(one({ target: '12月底前' }), 'deadline-year')).toEqual([]);
    expect(findingsOf(one({ l2: '数量指标', l3: '会员人数', target: '较2022年增长10%', actual: '12%' }), 'deadline-year')).toEqual([]);
  });
});
