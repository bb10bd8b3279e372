import Decimal from 'decimal.js';
import { normalizeHeader, normalizeText, parseDeclaredWeight } from '../../src/core/values';

describe('normalizeText', () => {
  it.each([
    ['≥ 735 人次', '≥735人次'],
    ['＞＝98％', '≥98%'],
    ['>=98%', '≥98%'],
    ['≧90％', '≥90%'],
    ['=>90%', '≥90%'],
    ['＜＝4500元', '≤4500元'],
    ['<=0%', '≤0%'],
    ['≦100%', '≤100%'],
    ['=<100%', '≤100%'],
    ['═100%', '=100%'],
    ['＝100%', '=100%'],
    ['==100%', '=100%'],
    ['＞90%', '>90%'],
    ['＜5%', '<5%'],
    ['１２３ＡＢＣ', '123ABC'],
    ['（万元）：', '(万元):'],
    ['甲，乙；丙', '甲,乙;丙'],
    ['215,457.6', '215457.6'],
    ['1,000,000元', '1000000元'],
    ['共计2,879,927.69元', '共计2879927.69元'],
    ['5,10', '5,10'],
    ['总　分', '总分'],
    ['年初预算\n数', '年初预算数'],
    ['\u00a0满意\u200b\u3000', '满意'],
    ['  按时 完成\t\r\n', '按时完成'],
    ['<p>≥90%</p>', '≥90%'],
    ['全面完成&nbsp;', '全面完成'],
    ['<span style="color:red">完成</span>', '完成'],
    ['&lt;=0%', '≤0%'],
    ['[bookmark: OLE_LINK3]工会工作', '工会工作'],
    ['$\\geq 90\\%$', '$≥90%$'],
    ['<5次', '<5次'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('keeps Chinese punctuation outside the full-width ASCII block', () => {
    expect(normalizeText('冀工发〔2005〕35号、《办法》。')).toBe('冀工发〔2005〕35号、《办法》。');
  });

  it('is idempotent on debris that one pass exposes', () => {
    for (const s of ['&lt;p&gt;完成&lt;/p&gt;', '< p>完成', '［bookmark: x］完成', '&amp;nbsp;完成']) {
      const once = normalizeText(s);
      expect(normalizeText(once)).toBe(once);
    }
    expect(normalizeText('&lt;p&gt;完成&lt;/p&gt;')).toBe('完成');
  });
});

describe('normalizeHeader', () => {
  it.each([
    ['年初预算数(万元)', '年初预算数'],
    ['调整后预算数（万元）', '调整后预算数'],
    ['整体支出规模(元)', '整体支出规模'],
    ['绩效指标(90分)', '绩效指标'],
    ['评价结果等次:', '评价结果等次'],
    ['评价结果等次：', '评价结果等次'],
    ['全年执行数(B)', '全年执行数'],
    ['全年预算数(A)', '全年预算数'],
    ['执行率(B/A)', '执行率'],
    ['执行率(%)', '执行率'],
    ['总　分', '总分'],
    ['年初预算\n数', '年初预算数'],
    ['全年执\n行数\n（万元）', '全年执行数'],
    ['年度资金总额：', '年度资金总额'],
    ['实际完值', '实际完值'],
    ['部门(单位名称)', '部门(单位名称)'],
    ['*项目名称', '项目名称'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });
});

describe('parseDeclaredWeight', () => {
  it.each([
    ['产出指标（20分）', '产出指标', '20'],
    ['成本指标(20分)', '成本指标', '20'],
    ['效益指标（40分）', '效益指标', '40'],
    ['满意度指标（10\n分）', '满意度指标', '10'],
    ['产出指标(权重20%)', '产出指标', '20'],
    ['产出指标 20分', '产出指标', '20'],
    ['产出指标(7.5分)', '产出指标', '7.5'],
  ])('%j → %s, %s', (input, name, weight) => {
    const r = parseDeclaredWeight(input);
    expect(r.name).toBe(name);
    expect(r.weight).toEqual(new Decimal(weight));
  });

  it.each([['产出指标'], ['服务对象满意度'], ['部门(单位名称)']])('%j has no weight', (input) => {
    expect(parseDeclaredWeight(input)).toEqual({ name: input, weight: null });
  });
});
