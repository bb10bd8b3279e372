import { findDates, lastDayOfMonth, onOrBefore, parseDate, yearsMentioned } from '../../src/core/values';

describe('parseDate', () => {
  it.each([
    ['2023年12月31日之前', { year: 2023, month: 12, day: 31, before: true }],
    ['2023年12月31日前', { year: 2023, month: 12, day: 31, before: true }],
    ['2023年12月31号', { year: 2023, month: 12, day: 31 }],
    ['2023年12月底', { year: 2023, month: 12, day: 31 }],
    ['2023年11月底前', { year: 2023, month: 11, day: 30, before: true }],
    ['2024年2月底', { year: 2024, month: 2, day: 29 }],
    ['2023年2月底', { year: 2023, month: 2, day: 28 }],
    ['12月底前', { month: 12, day: 31, before: true }],
    ['12月底', { month: 12, day: 31 }],
    ['2023年12月', { year: 2023, month: 12 }],
    ['2023年底', { year: 2023, month: 12, day: 31 }],
    ['年底前完成', { month: 12, day: 31, before: true }],
    ['2023-12-31', { year: 2023, month: 12, day: 31 }],
    ['2023-12-31T00:00:00.000Z', { year: 2023, month: 12, day: 31 }],
    ['2023.12.31', { year: 2023, month: 12, day: 31 }],
    ['2023/6/30', { year: 2023, month: 6, day: 30 }],
    ['12月20日完成', { month: 12, day: 20 }],
    ['截至2023年12月31日', { year: 2023, month: 12, day: 31, before: true }],
    ['2023年1月1日至2023年12月31日', { year: 2023, month: 12, day: 31 }],
    ['２０２３年１２月３１日', { year: 2023, month: 12, day: 31 }],
  ])('%j', (input, expected) => {
    expect(parseDate(input)).toEqual(expected);
  });

  it.each([['按时完成'], ['2023年'], ['2023年度'], ['2023年13月'], ['2023年2月30日'], ['6个月'], ['冀工发〔2005〕35号'], ['']])(
    '%j is not a date',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );

  it('reports where dates are', () => {
    expect(findDates('于2023年12月31日之前完成')).toEqual([
      { date: { year: 2023, month: 12, day: 31, before: true }, start: 1, end: 14 },
    ]);
  });
});

describe('lastDayOfMonth', () => {
  it.each([
    [2023, 12, 31],
    [2023, 11, 30],
    [2023, 2, 28],
    [2024, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [undefined, 2, 29],
  ])('%s-%s → %s', (y, m, d) => {
    expect(lastDayOfMonth(y, m)).toBe(d);
  });
});

describe('onOrBefore', () => {
  const deadline = { year: 2023, month: 12, day: 31, before: true };
  it.each([
    [{ year: 2023, month: 12, day: 20 }, deadline, undefined, true],
    [{ year: 2023, month: 12, day: 31 }, deadline, undefined, true],
    [{ year: 2024, month: 1, day: 5 }, deadline, undefined, false],
    [{ year: 2023, month: 12 }, deadline, undefined, true],
    [{ month: 11, day: 30 }, { month: 12, day: 31, before: true }, undefined, true],
    [{ month: 12, day: 20 }, deadline, 2023, true],
    [{ month: 12, day: 20 }, deadline, 2024, false],
    [{ year: 2023, month: 12 }, { year: 2023, month: 12, day: 15 }, undefined, null],
    [{ year: 2023, month: 11 }, { year: 2023, month: 12, day: 15 }, undefined, true],
    [{ year: 2023, month: 12, day: 20 }, { year: 2023, month: 12 }, undefined, true],
    [{ year: 2023, month: 12, day: 20 }, { month: 6, day: 30 }, undefined, false],
    [{ month: 6, day: 1 }, { month: 6, day: 30 }, undefined, true],
  ])('%j vs %j (hint %s) → %s', (actual, dl, hint, expected) => {
    expect(onOrBefore(actual, dl, hint)).toBe(expected);
  });
});

describe('yearsMentioned', () => {
  it.each([
    ['2023年12月31日之前', [2023]],
    ['2024年12月31日之前', [2024]],
    ['（2023年度）', [2023]],
    ['2023-12-31', [2023]],
    ['2023年1月1日至2024年3月31日', [2023, 2024]],
    ['冀工发〔2005〕35号', []],
    ['冀财行【2021】102号提前下达2022年困难职工', [2022]],
    ['《河北省职工劳动模范管理规定》', []],
    ['12月底前', []],
    ['按时完成', []],
    ['帮扶39人', []],
    ['2023年2023年', [2023]],
  ])('%j → %j', (input, expected) => {
    expect(yearsMentioned(input)).toEqual(expected);
  });
});
