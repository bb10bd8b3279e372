import { parseTarget } from '../../src/core/values';
import { plain } from './helpers';

const q = (op: string | null, value: string, unit: string | null) => ({ kind: 'quantity', op, value, unit });

describe('parseTarget: operator + number + unit', () => {
  it.each([
    ['≥90%', q('≥', '90', '%')],
    ['≤4500元', q('≤', '4500', '元')],
    ['=100%', q('=', '100', '%')],
    ['>=98%', q('≥', '98', '%')],
    ['＞＝98％', q('≥', '98', '%')],
    ['≥ 735 人次', q('≥', '735', '人次')],
    ['≥100%', q('≥', '100', '%')],
    ['<=100%', q('≤', '100', '%')],
    ['>90%', q('>', '90', '%')],
    ['<5%', q('<', '5', '%')],
    ['≥1.5万人', q('≥', '15000', '万人→人×10000')],
    ['≤90万元', q('≤', '900000', '万元→元×10000')],
    ['≤5‰', q('≤', '0.5', '‰→%×0.1')],
    ['≥266米', q('≥', '266', '米')],
    ['≤-5%', q('≤', '-5', '%')],
    ['≥=95%', q('≥', '95', '%')],
    ['≥95%（含）', q('≥', '95', '%')],
    ['≤10个工作日', q('≤', '10', '个工作日→工作日×1')],
    ['1次/年', q(null, '1', '次/年→次×1')],
  ])('%j', (input, expected) => {
    expect(plain(parseTarget(input))).toEqual(expected);
  });
});

describe('parseTarget: Chinese comparison words', () => {
  it.each([
    ['大于150场', q('≥', '150', '场')],
    ['全年政治性会议举办场次大于 150 场', q('≥', '150', '场')],
    ['大于等于5次', q('≥', '5', '次')],
    ['不少于400人', q('≥', '400', '人')],
    ['人数不少于400人', q('≥', '400', '人')],
    ['不低于85%', q('≥', '85', '%')],
    ['达到1.5万人', q('≥', '15000', '万人→人×10000')],
    ['会议参加人数达到1.5万人', q('≥', '15000', '万人→人×10000')],
    ['85%以上', q('≥', '85', '%')],
    ['满意度达到85%以上', q('≥', '85', '%')],
    ['90%及以上', q('≥', '90', '%')],
    ['至少3次', q('≥', '3', '次')],
    ['超过90%', q('>', '90', '%')],
    ['高于90%', q('>', '90', '%')],
    ['小于等于4500元', q('≤', '4500', '元')],
    ['人均救助标准控制在每人小于等于4500元', q('≤', '4500', '元')],
    ['小于10%', q('≤', '10', '%')],
    ['不超过5%', q('≤', '5', '%')],
    ['不高于3000元', q('≤', '3000', '元')],
    ['控制在450元内', q('≤', '450', '元')],
    ['人均每天控制在450元内', q('≤', '450', '元')],
    ['3天以内', q('≤', '3', '天')],
    ['5%以下', q('≤', '5', '%')],
    ['低于5%', q('<', '5', '%')],
    ['不少于两次', q('≥', '2', '次')],
    ['不少于十五人', q('≥', '15', '人')],
    ['百分之九十五', q(null, '95', '%')],
  ])('%j', (input, expected) => {
    expect(plain(parseTarget(input))).toEqual(expected);
  });
});

describe('parseTarget: bare numbers', () => {
  it.each([
    ['帮扶39人', q(null, '39', '人')],
    ['帮扶35人', q(null, '35', '人')],
    ['按年初计划完成劳模服务任务34人', q(null, '34', '人')],
    ['100', q(null, '100', null)],
    ['43.2', q(null, '43.2', null)],
    ['20万元', q(null, '200000', '万元→元×10000')],
    ['100%', q(null, '100', '%')],
    ['1,000,000元', q(null, '1000000', '元')],
    ['<p>200人</p>', q(null, '200', '人')],
    ['5000余人', q(null, '5000', '人')],
    ['2.1万余人', q(null, '21000', '人')],
    // several numbers: the one with the operator wins, and borrows the unit of its twin
    ['≥200 人均标准 200 元 /人', q('≥', '200', '元/人→元×1')],
    // a date and a counted quantity: the quantity is what is measured
    ['12月底前完成3次培训', q(null, '3', '次')],
  ])('%j', (input, expected) => {
    expect(plain(parseTarget(input))).toEqual(expected);
  });
});

describe('parseTarget: zero targets', () => {
  it.each([
    ['为零', null],
    ['事故事件为零', null],
    ['治安、消防、维稳事故事件为零', null],
    ['<=0%', '%'],
    ['≤0%', '%'],
    ['=0', null],
    ['0', null],
    ['0%', '%'],
    ['零', null],
    ['零事故', null],
    ['安全事故为0', null],
    ['0起', '起'],
  ])('%j', (input, unit) => {
    expect(plain(parseTarget(input))).toEqual({ kind: 'zero', unit });
  });

  it('≥0 is a quantity, not a zero target', () => {
    expect(plain(parseTarget('≥0'))).toEqual(q('≥', '0', null));
  });
});

describe('parseTarget: separate operator and unit columns', () => {
  it.each([
    ['95', { operatorColumn: '≥', unitColumn: '%' }, q('≥', '95', '%')],
    ['95', { operatorColumn: '＞＝', unitColumn: '百分比' }, q('≥', '95', '百分比→%×1')],
    ['20', { operatorColumn: '≤', unitColumn: '万元' }, q('≤', '200000', '万元→元×10000')],
    ['100', { operatorColumn: '=', unitColumn: '%' }, q('=', '100', '%')],
    ['98', { operatorColumn: '正向', unitColumn: '%' }, q('≥', '98', '%')],
    ['3', { operatorColumn: '反向', unitColumn: '天' }, q('≤', '3', '天')],
    ['150', { operatorColumn: '大于等于', unitColumn: '场' }, q('≥', '150', '场')],
    // the value's own unit and operator are more specific than the columns
    ['≤90%', { operatorColumn: '≥', unitColumn: '元' }, q('≤', '90', '%')],
    ['95', { unitColumn: '%' }, q(null, '95', '%')],
    ['95', { operatorColumn: '≥' }, q('≥', '95', null)],
    // an unknown unit column still names the unit
    ['12', { operatorColumn: '≥', unitColumn: '盏' }, q('≥', '12', '盏')],
    ['0', { operatorColumn: '≤', unitColumn: '%' }, { kind: 'zero', unit: '%' }],
    ['优', { operatorColumn: '定性' }, { kind: 'qualitative' }],
    ['90', { operatorColumn: '定性' }, { kind: 'qualitative' }],
    ['≥90%', { operatorColumn: '定性' }, q('≥', '90', '%')],
    ['健全', { operatorColumn: '定性', unitColumn: '' }, { kind: 'qualitative' }],
  ])('%j with %j', (input, opts, expected) => {
    expect(plain(parseTarget(input, opts))).toEqual(expected);
  });
});

describe('parseTarget: dates', () => {
  it.each([
    ['2023年12月31日之前', { year: 2023, month: 12, day: 31, before: true }],
    ['2024年12月31日之前', { year: 2024, month: 12, day: 31, before: true }],
    ['2023年12月底', { year: 2023, month: 12, day: 31 }],
    ['12月底前', { month: 12, day: 31, before: true }],
    ['2023年12月', { year: 2023, month: 12 }],
    ['2023-12-31', { year: 2023, month: 12, day: 31 }],
    ['2023.12.31', { year: 2023, month: 12, day: 31 }],
    ['项目于2023年11月底前完成', { year: 2023, month: 11, day: 30, before: true }],
  ])('%j', (input, date) => {
    expect(plain(parseTarget(input))).toEqual({ kind: 'date', date });
  });
});

describe('parseTarget: band labels', () => {
  it.each([
    ['100%-80%(含)', 'achieved'],
    ['100%-80%（含）', 'achieved'],
    ['80%-60%(含)', 'partial'],
    ['60%-0%', 'not-achieved'],
    ['80%-50%(含)', 'partial'],
    ['50%-0%', 'not-achieved'],
    ['80%(含)-100%', 'achieved'],
  ])('%j', (input, band) => {
    expect(plain(parseTarget(input))).toEqual({ kind: 'band', band });
  });

  it('a range that is no band label reads its first bound', () => {
    expect(plain(parseTarget('90%-100%'))).toEqual(q(null, '90', '%'));
  });
});

describe('parseTarget: yes/no questions', () => {
  it.each([
    ['是否按时完成', 'yes'],
    ['是否超指标', 'no'],
    ['有无促会社会稳定发展', 'yes'],
    ['是否获得好评', 'yes'],
    ['是否满意', 'yes'],
    ['是否发挥引领示范作用', 'yes'],
    ['　 是否发挥引领示范作用', 'yes'],
    ['是否积极开展工会活动、努力维护职工权益', 'yes'],
    ['能否按期完成', 'yes'],
    ['是否有违规违纪', 'no'],
    ['有无违规违纪', 'no'],
    ['是否发生安全事故', 'no'],
    ['是否超支', 'no'],
    ['是否超预算', 'no'],
    ['是否存在挪用截留', 'no'],
    ['有无投诉', 'no'],
    ['是否延误', 'no'],
    ['是否未超支', 'yes'],
    ['是否超额完成', 'yes'],
    ['是否于2023年12月31日前完成', 'yes'],
  ])('%j desires %s', (input, desired) => {
    expect(plain(parseTarget(input))).toEqual({ kind: 'question', desired });
  });

  it('a question that writes an operator and number is that quantity', () => {
    expect(plain(parseTarget('是否达到95%'))).toEqual(q('≥', '95', '%'));
  });
});

describe('parseTarget: embedded rules', () => {
  it.each([
    ['宣传次数大于等于5次得满分，下降一次扣一分', '≥', '5', '次', '1'],
    ['开展活动不少于4次，每少一次扣0.5分', '≥', '4', '次', '0.5'],
    ['宣传次数不少于10次，每少2次扣1分', '≥', '10', '次', '0.5'],
    ['培训≥5期得满分，每少一期扣两分', '≥', '5', '期', '2'],
    ['满意度≥90%，每降低1个百分点扣1分', '≥', '90', '%', '1'],
    ['投诉不超过2次，每多一次扣1分', '≤', '2', '次', '1'],
    ['开展5次得满分，少一次扣1分', '≥', '5', '次', '1'],
    ['大于等于5次得满分每少1次扣1分', '≥', '5', '次', '1'],
    ['资金≥10万元，每少1万元扣1分', '≥', '100000', '万元→元×10000', '0.0001'],
    ['举办培训不少于3场，每少一场减2分', '≥', '3', '场', '2'],
  ])('%j', (input, op, value, unit, pointsPerUnit) => {
    expect(plain(parseTarget(input))).toEqual({ kind: 'rule', op, value, unit, pointsPerUnit });
  });

  it('a penalty clause without a threshold is no rule and no quantity', () => {
    expect(plain(parseTarget('每少一次扣0.5分'))).toEqual({ kind: 'qualitative' });
    expect(plain(parseTarget('按时完成得满分，每延迟一天扣1分'))).toEqual({ kind: 'qualitative' });
  });
});

describe('parseTarget: qualitative and near misses', () => {
  it.each([
    ['健全'],
    ['规范'],
    ['及时'],
    ['有效'],
    ['良好'],
    ['准确'],
    ['合规'],
    ['显著提升'],
    ['效果明显'],
    ['全天候可用'],
    ['基本达成预期'],
    ['全部达成预期'],
    ['无'],
    ['不超指标'],
    ['五一劳模慰问，对困难劳模帮扶'],
    ['落实帮扶政策，改善帮扶对象。'],
    ['在档管理困难职工及劳模'],
    ['按照市总相关文件执行'],
    ['按月支付'],
    ['宣传国家政策、开展工会活动'],
    ['冀工发〔2005〕35号'],
    ['依据冀财规〔2022〕27 号执行'],
    ['《关于建立省部级以上劳动模范定期健康体检机制的通知》（冀工发〔2005〕35号）'],
    ['完善“12351”接诉即办工作机制'],
    ['13063723P004287100744'],
    ['2023年完成'],
    ['2023年度目标'],
    ['第3名'],
    ['保证每年的两会顺利完成'],
    ['拨款执行进度（%）'],
  ])('%j', (input) => {
    expect(plain(parseTarget(input))).toEqual({ kind: 'qualitative' });
  });

  it('a number inside a date is not a quantity', () => {
    const t = parseTarget('2023年12月31日之前');
    expect(t.kind).toBe('date');
  });

  it.each([[''], ['   '], ['/'], ['-'], ['——'], ['\u3000'], ['<p></p>']])('%j is empty', (input) => {
    expect(plain(parseTarget(input))).toEqual({ kind: 'empty' });
  });

  it('keeps the normalised text', () => {
    expect(parseTarget(' ≥ 90 ％ ').text).toBe('≥90%');
  });
});
