import Decimal from 'decimal.js';
import { PERCENT, fromBase, matchUnit, parseUnit, sameBase, toBase } from '../../src/core/values';
import { unitStr } from './helpers';

describe('parseUnit', () => {
  it.each([
    ['%', '%'],
    ['％', '%'],
    ['百分比', '百分比→%×1'],
    ['‰', '‰→%×0.1'],
    ['元', '元'],
    ['万元', '万元→元×10000'],
    ['亿元', '亿元→元×100000000'],
    ['千元', '千元→元×1000'],
    ['人', '人'],
    ['万人', '万人→人×10000'],
    ['人次', '人次'],
    ['万人次', '万人次→人次×10000'],
    ['名', '名→人×1'],
    ['场', '场'],
    ['场次', '场次→场×1'],
    ['次', '次'],
    ['个', '个'],
    ['家', '家'],
    ['户', '户'],
    ['篇', '篇'],
    ['条', '条'],
    ['期', '期'],
    ['份', '份'],
    ['项', '项'],
    ['件', '件'],
    ['所', '所'],
    ['台', '台'],
    ['套', '套'],
    ['种', '种'],
    ['例', '例'],
    ['天', '天'],
    ['日', '日→天×1'],
    ['月', '月'],
    ['年', '年'],
    ['小时', '小时'],
    ['米', '米'],
    ['公里', '公里→米×1000'],
    ['平方米', '平方米→㎡×1'],
    ['㎡', '㎡'],
    ['(万元)', '万元→元×10000'],
    ['单位：万元', '万元→元×10000'],
    ['元/人', '元/人→元×1'],
    ['个百分点', '个百分点→%×1'],
  ])('%j → %s', (input, expected) => {
    expect(unitStr(parseUnit(input))).toBe(expected);
  });

  it.each([[''], ['万'], ['指标'], ['人均'], ['5元']])('%j is not a unit', (input) => {
    expect(parseUnit(input)).toBeNull();
  });
});

describe('matchUnit', () => {
  it('takes the longest match: 万人次 before 人次 before 人', () => {
    expect(matchUnit('万人次参加', 0)).toMatchObject({ length: 3, unit: { written: '万人次' } });
    expect(matchUnit('人次参加', 0)).toMatchObject({ length: 2, unit: { written: '人次' } });
    expect(matchUnit('人参加', 0)).toMatchObject({ length: 1, unit: { written: '人' } });
    expect(matchUnit('场次', 0)).toMatchObject({ length: 2, unit: { base: '场' } });
  });

  it('rejects a unit character that starts another word', () => {
    expect(matchUnit('人均标准', 0)).toBeNull();
    expect(matchUnit('项目支出', 0)).toBeNull();
    expect(matchUnit('年度', 0)).toBeNull();
  });

  it('extends a unit by its denominator', () => {
    expect(matchUnit('元/人以内', 0)).toMatchObject({ length: 3, unit: { written: '元/人', base: '元' } });
  });
});

describe('sameBase / toBase / fromBase', () => {
  it('compares bases', () => {
    expect(sameBase(parseUnit('万元'), parseUnit('元'))).toBe(true);
    expect(sameBase(parseUnit('‰'), PERCENT)).toBe(true);
    expect(sameBase(parseUnit('百分比'), parseUnit('%'))).toBe(true);
    expect(sameBase(parseUnit('平方米'), parseUnit('㎡'))).toBe(true);
    expect(sameBase(parseUnit('人'), parseUnit('人次'))).toBe(false);
    expect(sameBase(parseUnit('元'), PERCENT)).toBe(false);
    expect(sameBase(null, PERCENT)).toBe(false);
    expect(sameBase(null, null)).toBe(false);
  });

  it('converts to and from base units exactly', () => {
    expect(toBase(new Decimal('1.5'), parseUnit('万人')).toString()).toBe('15000');
    expect(toBase(new Decimal('20'), parseUnit('万元')).toString()).toBe('200000');
    expect(toBase(new Decimal('5'), parseUnit('‰')).toString()).toBe('0.5');
    expect(toBase(new Decimal('7'), null).toString()).toBe('7');
    expect(fromBase(new Decimal('15000'), parseUnit('万人')).toString()).toBe('1.5');
  });
});
