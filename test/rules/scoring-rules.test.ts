import type { Cell } from '../../src/core';
import { analyze, book, evaluationSheet, findingsOf, projectSheet, type IndicatorSpec } from '../helpers/testbed';

/**
 * Trigger and near-miss for each rule that comes straight out of scoring (SPEC §9). The base
 * table is consistent: 产出 50 + 效益 30 + 满意度 10 + 执行率 10 = 100, all achieved, total 100, 优.
 * Layout (projectSheet): budget row 4 (C 年初, D 全年, E 执行, F 分值, G 执行率, H 得分),
 * indicators rows 6–8 (H 得分), 总分 row 9, 评价等级 row 10.
 */
type V = string | number | null | Cell;
interface Spec {
  budget?: V[];
  indicators?: Partial<IndicatorSpec>[];
  total?: V;
  grade?: V;
}

const INDICATORS: IndicatorSpec[] = [
  { l1: '产出指标', l2: '数量指标', l3: '人数', target: '≥100人', actual: '100人', weight: 50, score: 50 },
  { l1: '效益指标', l2: '社会效益指标', l3: '效果', target: '效果明显', actual: '全面完成', weight: 30, score: 30 },
  { l1: '满意度指标', l2: '服务对象满意度指标', l3: '满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
];

function table(spec: Spec = {}) {
  const indicators = INDICATORS.map((base, i) => ({ ...base, ...(spec.indicators?.[i] ?? {}) }));
  const budget = spec.budget ?? ['年度资金总额', 10, 10, 10, 10, 1, 10];
  return book(projectSheet({ budget: [budget], indicators, total: spec.total ?? 100, grade: spec.grade ?? '优' }));
}

const ok = table();
const evaluation = (subtotalWeight: number) =>
  book(
    evaluationSheet(
      [{ label: '投入', weight: subtotalWeight, score: 16, rows: [{ l2: '预算配置', l3: '在职人员控制率', weight: 16, score: 16, analysis: '控制率 75%' }] }],
      16,
    ),
  );

const cases: Array<[string, ReturnType<typeof table>, string | null | string[], ReturnType<typeof table>]> = [
  ['total-mismatch', table({ total: 95 }), 'H9', ok],
  ['score-mismatch', table({ indicators: [{ actual: '80人', score: 50 }], total: 90, grade: '优' }), 'H6', table({ indicators: [{ actual: '80人', score: 40 }], total: 90 })],
  ['score-exceeds-weight', table({ indicators: [{ score: 60 }] }), 'H6', ok],
  ['score-negative', table({ indicators: [{}, { actual: '见附件', score: -1 }] }), 'H7', table({ indicators: [{}, { actual: '见附件', score: 0 }], total: 70, grade: '中' })],
  ['execution-rate-mismatch', table({ budget: ['年度资金总额', 10, 10, 10, 10, 0.9, 10] }), 'G4', ok],
  ['execution-score-mismatch', table({ budget: ['年度资金总额', 10, 10, 10, 10, 1, 9] }), 'H4', ok],
  ['execution-missing', table({ budget: ['年度资金总额', 10, 10, 10, 10, null, 10] }), 'G4', ok],
  ['execution-over-budget', table({ budget: ['年度资金总额', 10, 10, 12, 10, 1.2, 10] }), 'E4', ok],
  ['execution-denominator', table({ budget: ['年度资金总额', 10, null, 10, 10, 1, 10] }), 'D4', ok],
  ['execution-no-budget', table({ budget: ['年度资金总额', 0, 0, 5, 10, null, 0], total: 90 }), 'D4', ok],
  ['grade-mismatch', table({ grade: '良' }), 'H10', ok],
  [
    'formula-result-mismatch',
    table({ total: { value: { t: 'number', v: 95 }, formula: 'SUM(H6:H8)+H4' } }),
    'H9',
    table({ total: { value: { t: 'number', v: 100 }, formula: 'SUM(H6:H8)+H4' } }),
  ],
  ['subtotal-mismatch', evaluation(20), ['E4', 'D4'], evaluation(16)], // 参考分值 and 设定分值 both say 20
  ['level1-weight-mismatch', table({ indicators: [{ l1: '产出指标（40分）' }] }), 'B6', table({ indicators: [{ l1: '产出指标（50分）' }] })],
  ['weight-sum', table({ indicators: [{ weight: 40, score: 40, target: '≥100人' }], total: 90, grade: '优' }), null, ok],
  // Issue 6: a negative weight, a partial total, a score with a remark.
  ['weight-negative', table({ indicators: [{}, { weight: -30 }] }), 'G7', ok],
  ['total-incomplete', table({ indicators: [{}, {}, { actual: null, score: null }] }), 'H9', table({ indicators: [{}, {}, { actual: null }] })],
  ['score-annotated', table({ indicators: [{ actual: '80人', score: '45（扣5分）' }], total: 90, grade: '优' }), 'H6', table({ indicators: [{ actual: '80人', score: '40（扣10分）' }], total: 90, grade: '优' })],
];

describe('rules that come out of scoring: trigger and near miss', () => {
  it('the base table raises nothing', () => {
    expect(analyze(ok).tables[0].findings).toEqual([]);
  });

  it.each(cases)('%s fires on its trigger', (id, trigger, cell) => {
    const hits = findingsOf(analyze(trigger), id);
    expect(hits.map((h) => h.cell)).toEqual(Array.isArray(cell) ? cell : [cell]);
    expect(hits[0].message).toMatch(/\d/); // names the figures
  });

  it.each(cases)('%s stays quiet on the near miss', (id, _trigger, _cell, nearMiss) => {
    expect(findingsOf(analyze(nearMiss), id)).toEqual([]);
  });
});
