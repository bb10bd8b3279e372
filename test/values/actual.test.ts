import { parseActual, parseTarget, parseUnit } from '../../src/core/values';
import { plain } from './helpers';

const q = (value: string, unit: string | null, op: string | null = null) => ({ kind: 'quantity', value, unit, op });

describe('parseActual: numbers', () => {
  it.each([
    ['98%', q('98', '%')],
    ['98.5％', q('98.5', '%')],
    ['100', q('100', null)],
    ['0.95', q('0.95', null)],
    ['0', q('0', null)],
    ['426人', q('426', '人')],
    ['735 人次', q('735', '人次')],
    ['1.5万人', q('15000', '万人→人×10000')],
    ['2.1万余人', q('21000', '人')],
    ['5000余人', q('5000', '人')],
    ['8700多个', q('8700', '个')],
    ['挽回经济损失14.39万元', q('143900', '万元→元×10000')],
    ['215,457.6元', q('215457.6', '元')],
    ['满意度达到95%', q('95', '%')],
    ['满意度达100%', q('100', '%')],
    ['全年完成值100%', q('100', '%')],
    ['完成3次', q('3', '次')],
    ['零', q('0', null)],
    ['为零', q('0', null)],
    ['事故事件为零', q('0', null)],
    ['-5%', q('-5', '%')],
    ['5个内设股室', q('5', '个')],
    ['3天内完成', q('3', '天', '≤')],
    ['1e-7', q('1e-7', null)],
    ['1.5E+21', q('1.5e+21', null)],
  ])('%j', (input, expected) => {
    expect(plain(parseActual(input))).toEqual(expected);
  });

  it.each([
    ['≥266米', q('266', '米', '≥')],
    ['>=98%', q('98', '%', '≥')],
    ['85%以上', q('85', '%', '≥')],
    ['不少于400人', q('400', '人', '≥')],
    ['≤4500元', q('4500', '元', '≤')],
  ])('%j keeps the written bound in op', (input, expected) => {
    expect(plain(parseActual(input))).toEqual(expected);
  });

  it('a unit column applies when the actual has no unit', () => {
    expect(plain(parseActual('100', { unitColumn: '%' }))).toEqual(q('100', '%'));
    expect(plain(parseActual('98', { unitColumn: '百分比' }))).toEqual(q('98', '百分比→%×1'));
    expect(plain(parseActual('0.95', { unitColumn: '%' }))).toEqual(q('0.95', '%'));
    expect(plain(parseActual('20', { unitColumn: '万元' }))).toEqual(q('200000', '万元→元×10000'));
    expect(plain(parseActual('20元', { unitColumn: '万元' }))).toEqual(q('20', '元'));
    expect(plain(parseActual('0', { unitColumn: '%' }))).toEqual(q('0', '%'));
    expect(plain(parseActual('430', { unitColumn: '元/人·天' }))).toEqual(q('430', '元/人·天→元×1'));
    expect(plain(parseActual('12', { unitColumn: '盏' }))).toEqual(q('12', '盏'));
    expect(plain(parseActual('12', { unitColumn: '/' }))).toEqual(q('12', null));
  });

  it('without a unit the value stays as written for the scorer (target ≤90万元 / actual 90)', () => {
    const target = parseTarget('≤90万元');
    const unit = target.kind === 'quantity' ? target.unit : null;
    expect(plain(parseActual('90', { targetUnit: unit }))).toEqual(q('90', null));
  });

  it('prefers the number in the target unit when there are several', () => {
    const pct = parseUnit('%');
    expect(plain(parseActual('培训3次，合格率100%', { targetUnit: pct }))).toEqual(q('100', '%'));
    expect(plain(parseActual('培训3次，合格率100%'))).toEqual(q('3', '次'));
    expect(plain(parseActual('举办4场，参与5000余人', { targetUnit: parseUnit('人') }))).toEqual(q('5000', '人'));
  });
});

describe('parseActual: other kinds', () => {
  it.each([
    ['100%-80%(含)', { kind: 'band', band: 'achieved' }],
    ['80%-60%(含)', { kind: 'band', band: 'partial' }],
    ['60%-0%', { kind: 'band', band: 'not-achieved' }],
    ['2023年12月20日', { kind: 'date', date: { year: 2023, month: 12, day: 20 } }],
    ['2023-12-20', { kind: 'date', date: { year: 2023, month: 12, day: 20 } }],
    ['2023年11月完成', { kind: 'date', date: { year: 2023, month: 11 } }],
    ['12月底前完成', { kind: 'date', date: { month: 12, day: 31, before: true } }],
    ['全面完成', { kind: 'qualitative' }],
    ['完成', { kind: 'qualitative' }],
    ['　完成', { kind: 'qualitative' }],
    ['按时完成', { kind: 'qualitative' }],
    ['未超指标', { kind: 'qualitative' }],
    ['满意', { kind: 'qualitative' }],
    ['是', { kind: 'qualitative' }],
    ['无', { kind: 'qualitative' }],
    ['宣传国家政策、开展工会活动，维护职工合法权益', { kind: 'qualitative' }],
    ['依据冀财规〔2022〕27号执行', { kind: 'qualitative' }],
    ['', { kind: 'empty' }],
    ['/', { kind: 'empty' }],
    ['——', { kind: 'empty' }],
  ])('%j', (input, expected) => {
    expect(plain(parseActual(input))).toEqual(expected);
  });
});
