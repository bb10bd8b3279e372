import { classifyQualitative, isNegativeEvent, parseTarget } from '../../src/core/values';

describe('classifyQualitative: seed actuals', () => {
  it.each([
    // seed 002 and 004, with the row's target
    ['完成', '宣传次数大于等于5次得满分，下降一次扣一分'],
    ['未超指标', '是否超指标'],
    ['未超指标', '不超指标'],
    ['按时完成', '是否按时完成'],
    ['按时完成', '2023年12月31日之前'],
    ['全面完成', '按年初计划完成劳模服务任务34人'],
    ['全面完成', '五一劳模慰问，对困难劳模帮扶'],
    ['全面发挥', '是否发挥引领示范作用'],
    ['全面促进', '是否促进和谐发展'],
    ['　满意', '是否满意'],
    ['　完成', '帮扶39人'],
    ['有对社会产生积极、良好社会效应', '有无促会社会稳定发展'],
    ['感受工会的温暖，提升职工幸福感', '是否获得好评'],
    ['全部完成', undefined],
    ['100%-80%(含)', '健全'],
    ['100%-80%(含)', '无'],
  ])('%j (target %j) → achieved', (actual, target) => {
    expect(classifyQualitative(actual, target)).toBe('achieved');
  });

  it('may leave a descriptive actual unknown', () => {
    expect(classifyQualitative('宣传国家政策、开展工会活动，维护职工合法权益', '是否积极开展工会活动、努力维护职工权益')).toBe(
      'unknown',
    );
  });
});

describe('classifyQualitative: word tables', () => {
  it.each([
    ['完成', 'achieved'],
    ['已完成', 'achieved'],
    ['提前完成', 'achieved'],
    ['圆满完成', 'achieved'],
    ['超额完成', 'achieved'],
    ['达成', 'achieved'],
    ['达成预期', 'achieved'],
    ['达成预期指标', 'achieved'],
    ['全部达成', 'achieved'],
    ['全部达成预期', 'achieved'],
    ['达到', 'achieved'],
    ['达到省总目标任务要求', 'achieved'],
    ['及时', 'achieved'],
    ['健全', 'achieved'],
    ['规范', 'achieved'],
    ['合规', 'achieved'],
    ['有效', 'achieved'],
    ['良好', 'achieved'],
    ['准确', 'achieved'],
    ['到位', 'achieved'],
    ['落实', 'achieved'],
    ['符合', 'achieved'],
    ['正常', 'achieved'],
    ['显著', 'achieved'],
    ['效果明显', 'achieved'],
    ['显著提升', 'achieved'],
    ['提高', 'achieved'],
    ['改善', 'achieved'],
    ['不断提升', 'achieved'],
    ['是', 'achieved'],
    ['有', 'achieved'],
    ['优', 'achieved'],
    ['优秀', 'achieved'],
    ['基本完成', 'partial'],
    ['基本达成', 'partial'],
    ['基本达成预期', 'partial'],
    ['部分完成', 'partial'],
    ['部分达成', 'partial'],
    ['基本满意', 'partial'],
    ['较好', 'partial'],
    ['一般', 'partial'],
    ['基本按时完成', 'partial'],
    ['基本上完成', 'partial'],
    ['大部分已完成', 'partial'],
    ['基本完成，效果良好', 'partial'],
    ['80%-60%(含)', 'partial'],
    ['未完成', 'not-achieved'],
    ['未达成', 'not-achieved'],
    ['未达到', 'not-achieved'],
    ['未达到预期', 'not-achieved'],
    ['不满意', 'not-achieved'],
    ['滞后', 'not-achieved'],
    ['进度滞后', 'not-achieved'],
    ['延期', 'not-achieved'],
    ['延期完成', 'not-achieved'],
    ['未按时', 'not-achieved'],
    ['未按时完成', 'not-achieved'],
    ['没有完成', 'not-achieved'],
    ['未能完成', 'not-achieved'],
    ['未全部完成', 'not-achieved'],
    ['较差', 'not-achieved'],
    ['差', 'not-achieved'],
    ['不及时', 'not-achieved'],
    ['不规范', 'not-achieved'],
    ['60%-0%', 'not-achieved'],
  ])('%j → %s', (actual, band) => {
    expect(classifyQualitative(actual)).toBe(band);
  });
});

describe('classifyQualitative: negation and negative events', () => {
  it.each([
    ['未超指标', '是否超指标', 'achieved'],
    ['超指标', '是否超指标', 'not-achieved'],
    ['未超指标', '不超指标', 'achieved'],
    ['超指标', '不超指标', 'not-achieved'],
    ['未超支', undefined, 'achieved'],
    ['超支', undefined, 'not-achieved'],
    ['无违规违纪', '有无违规违纪', 'achieved'],
    ['没有发生安全事故', '是否发生安全事故', 'achieved'],
    ['未发生重大安全事故', undefined, 'achieved'],
    ['发生一起安全事故', undefined, 'not-achieved'],
    ['零投诉', undefined, 'achieved'],
    ['避免资金浪费', undefined, 'achieved'],
    ['未滞后', undefined, 'achieved'],
    ['未超指标，全面完成', undefined, 'achieved'],
    ['未超支、浪费', undefined, 'achieved'],
    ['无违规和违纪', undefined, 'achieved'],
    ['完成，但进度滞后', undefined, 'unknown'],
    ['超额完成', '是否超指标', 'achieved'],
  ])('%j (target %j) → %s', (actual, target, band) => {
    expect(classifyQualitative(actual, target)).toBe(band);
  });
});

describe('classifyQualitative: answers to yes/no questions', () => {
  it.each([
    ['是', '是否按时完成', 'achieved'],
    ['否', '是否按时完成', 'not-achieved'],
    ['有', '有无促会社会稳定发展', 'achieved'],
    ['无', '有无促会社会稳定发展', 'not-achieved'],
    ['否', '是否超指标', 'achieved'],
    ['是', '是否超指标', 'not-achieved'],
    ['无', '有无违规违纪', 'achieved'],
    ['有', '有无违规违纪', 'not-achieved'],
    ['未发生', '是否发生安全事故', 'achieved'],
    ['是。', '是否满意', 'achieved'],
    // statements that rule out a negative event
    ['无', '事故事件为零', 'achieved'],
    ['未发生', '安全无事故', 'achieved'],
    ['有', '安全无事故', 'not-achieved'],
    ['否', '不超指标', 'unknown'],
    // plain statements: 是 / 有 count, 否 / 无 say nothing
    ['是', '健全', 'achieved'],
    ['有', undefined, 'achieved'],
    ['否', '健全', 'unknown'],
    ['无', undefined, 'unknown'],
  ])('%j to %j → %s', (actual, target, band) => {
    expect(classifyQualitative(actual, target)).toBe(band);
  });

  it('accepts a parsed target', () => {
    expect(classifyQualitative('否', parseTarget('是否超指标'))).toBe('achieved');
    expect(classifyQualitative('未超指标', parseTarget('不超指标'))).toBe('achieved');
  });
});

describe('classifyQualitative: repeating the target word', () => {
  it.each([
    ['有效', '有效'],
    ['健全', '健全'],
    ['全天候可用', '全天候可用'],
    ['无', '无'],
    ['按月支付', '按月支付'],
  ])('%j for target %j → achieved', (actual, target) => {
    expect(classifyQualitative(actual, target)).toBe('achieved');
  });
});

describe('classifyQualitative: never guesses', () => {
  it.each([
    [''],
    ['   '],
    ['宣传国家政策、开展工会活动，维护职工合法权益'],
    ['有待提高'],
    ['服务水平有待进一步提升'],
    ['完成率'],
    ['满意度'],
    ['及时性'],
    ['一般公共预算'],
    ['差旅费'],
    ['按月支付'],
    ['100'],
    ['全天候可用'],
    ['未基本完成'],
  ])('%j → unknown', (actual) => {
    expect(classifyQualitative(actual)).toBe('unknown');
  });

  it('a low satisfaction is not achieved, a mixed report is partial', () => {
    expect(classifyQualitative('满意度较低')).toBe('not-achieved');
    expect(classifyQualitative('部分完成，部分未完成')).toBe('partial');
  });
});

describe('isNegativeEvent', () => {
  it.each([
    ['是否超指标', true],
    ['不超指标', true],
    ['未超指标', true],
    ['事故事件为零', true],
    ['是否有违规违纪', true],
    ['有无投诉', true],
    ['资金挪用', true],
    ['超额完成', false],
    ['超预期', false],
    ['是否按时完成', false],
    ['满意', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isNegativeEvent(text)).toBe(expected);
  });
});
