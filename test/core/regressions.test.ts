import { profileFromJson, sheetFromRows } from '../../src/core';
import { analyze, book, projectSheet, type IndicatorSpec } from '../helpers/testbed';

/** Cases a code review confirmed as wrong, kept so they stay fixed. */
const full: IndicatorSpec[] = [{ l1: '产出指标', l3: '人数', target: '≥100人', actual: '100人', weight: 90, score: 90 }];

describe('review regressions', () => {
  it('never writes the execution rate into a 分值 cell merged over the 执行率 column', () => {
    const s = projectSheet({ budget: [['年度资金总额', 10, 10, 8, 10, null, null]], indicators: full });
    const grid = book({ ...s, merges: [...s.merges, { top: 4, left: 6, bottom: 4, right: 7 }] });
    const r = analyze(grid);
    expect(r.plan.filter((e) => e.cell === 'F4' || e.cell === 'G4')).toEqual([]);
    expect(r.tables[0].findings.map((f) => f.rule)).not.toContain('execution-rate-mismatch');
    expect(r.tables[0].execution?.rate).toBe(0.8);
  });

  it('recognises a budget header written as plain 预算数 | 执行数', () => {
    const grid = book(
      sheetFromRows('S', [
        ['项目名称', '培训'],
        ['项目资金', '资金来源', '预算数', '执行数', '分值', '执行率', '得分'],
        ['', '年度资金总额', 10, 8, 10, null, null],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        ['', '产出指标', '数量指标', '人数', '≥100人', '100人', 90, 90],
        ['总分', '', '', '', '', '', '', 98],
      ]),
    );
    const t = analyze(grid).tables[0];
    expect(t.execution).toMatchObject({ budget: 10, executed: 8, rate: 0.8, score: 8 });
    expect(t.total).toMatchObject({ score: 98, stated: 98 });
    expect(t.findings.map((f) => f.rule)).not.toContain('total-mismatch');
  });

  it('reads per-row rates on several sub-rows as theirs, not the block’s', () => {
    const r = analyze(
      book(
        projectSheet({
          budget: [
            ['其中：当年财政拨款', 6, 6, 6, null, 1, 10],
            ['上年结转资金', 4, 4, 3, null, 0.75, 7.5],
            ['年度资金总额', 10, 10, 9, 10, null, null],
          ],
          indicators: full,
        }),
      ),
    );
    const rules = r.tables[0].findings.map((f) => f.rule);
    expect(rules).not.toContain('execution-rate-mismatch');
    expect(rules).not.toContain('execution-score-mismatch');
    expect(rules).toContain('execution-missing');
  });

  it('scores a rate under 成本指标 (资金使用率) as higher-is-better, an amount as lower-is-better', () => {
    const rate = analyze(book(projectSheet({ indicators: [{ l1: '成本指标', l2: '经济成本指标', l3: '资金使用率', target: '95%', actual: '98%', weight: 10 }] })));
    expect(rate.tables[0].indicators[0]).toMatchObject({ score: 10, method: 'positive' });
    const amount = analyze(book(projectSheet({ indicators: [{ l1: '成本指标', l2: '经济成本指标', l3: '人均培训费', target: '450元', actual: '500元', weight: 10 }] })));
    expect(amount.tables[0].indicators[0]).toMatchObject({ score: 9, method: 'negative' });
  });

  it('groups a declared level-1 weight typed on every row as one group', () => {
    const r = analyze(
      book(
        projectSheet({
          indicators: [
            { l1: '产出指标（20分）', l3: 'a', target: '≥1次', actual: '1次', weight: 10, score: 10 },
            { l1: '产出指标（20分）', l3: 'b', target: '≥1次', actual: '1次', weight: 10, score: 10 },
          ],
        }),
      ),
    );
    expect(r.tables[0].findings.map((f) => f.rule)).not.toContain('level1-weight-mismatch');
  });

  it('reads a stated grade with a note (优(90分以上)) and leaves an unreadable one alone', () => {
    const noted = analyze(book(projectSheet({ budget: [['年度资金总额', 2, 2, 2, 10, 1, 10]], indicators: full, total: 100, grade: '优(90分以上)' })));
    expect(noted.tables[0].findings.map((f) => f.rule)).not.toContain('grade-mismatch');
    expect(noted.plan).toEqual([]);
    const odd = analyze(book(projectSheet({ budget: [['年度资金总额', 2, 2, 2, 10, 1, 10]], indicators: full, total: 100, grade: '见附件' })));
    expect(odd.plan.filter((e) => e.role === 'grade')).toEqual([]);
  });

  it('reads a fraction typed against a percentage target (0.95 for ≥90%)', () => {
    const r = analyze(book(projectSheet({ indicators: [{ l3: '合格率', target: '≥90%', actual: 0.95, weight: 10 }] })));
    expect(r.tables[0].indicators[0]).toMatchObject({ score: 10, method: 'positive' });
    const low = analyze(book(projectSheet({ indicators: [{ l3: '合格率', target: '≥90%', actual: 0.81, weight: 10 }] })));
    expect(low.tables[0].indicators[0].score).toBe(9);
  });

  it('reports a late date as a date row scored in the partial band', () => {
    const r = analyze(book(projectSheet({ indicators: [{ l3: '完成时间', target: '2023年6月30日之前', actual: '2023年9月30日', weight: 10 }] })));
    expect(r.tables[0].indicators[0]).toMatchObject({ score: 7, method: 'date' });
  });

  it('keeps line breaks out of finding messages', () => {
    const r = analyze(book(projectSheet({ indicators: [{ l3: '培训\n人次', target: '≥100人次', actual: '50人次', weight: 10, score: 12 }] })));
    for (const f of r.tables[0].findings) expect(f.message).not.toMatch(/\n/);
  });

  it.each([
    [{ grades: [] }, 'grades 应为非空'],
    [{ decimals: 2.5 }, 'decimals 应为 0 到 6 的整数'],
    [{ year: '2023' }, 'year 应为 2000 到 2100 的整数'],
    [{ bands: { lower: 0.9 } }, 'bands 应满足'],
  ])('refuses a bad profile %j with a Chinese message', (data, words) => {
    expect(() => profileFromJson(data, 'p.json')).toThrow(words);
  });

  it('merges a partial profile over its base', () => {
    const p = profileFromJson({ base: 'hubei', bands: { lower: 0.5 } }, 'p.json');
    expect([p.executionWeight, p.bands.upper, p.bands.lower, p.bandDefaults.partial]).toEqual([20, 0.8, 0.5, 0.7]);
  });
});

describe('blank amounts on the total row (issue 6 item 3)', () => {
  const ind: IndicatorSpec[] = [{ l1: '产出指标', l3: '人数', target: '≥100人', actual: '100人', weight: 90, score: 90 }];
  const sub = (total: Array<number | null>) =>
    analyze(book(projectSheet({ budget: [['其中：当年财政拨款', 8, 8, 6, null, null, null], ['其他资金', 2, 2, 2, null, null, null], ['年度资金总额', ...total, 10, 0.8, 8]], indicators: ind, total: 98 }))).tables[0];

  it('does not sum 年初预算数 when 全年预算数 is given: it is not used', () => {
    const t = sub([null, 10, 8]);
    expect(t.execution).toMatchObject({ budget: 10, executed: 8, rate: 0.8, score: 8 });
    expect(t.findings.filter((f) => f.rule === 'execution-missing')).toEqual([]);
  });

  it('takes a blank 全年预算数 from the sub-rows before falling back to 年初预算数', () => {
    const t = sub([10, null, 8]);
    expect(t.execution).toMatchObject({ budget: 10, executed: 8, rate: 0.8, score: 8 });
    expect(t.findings.map((f) => `${f.rule}@${f.cell}`)).toContain('execution-missing@D6');
    expect(t.findings.map((f) => f.rule)).not.toContain('execution-denominator');
  });

  it('a blank 全年执行数 is summed and checked: the total is compared', () => {
    const t = sub([10, 10, null]);
    expect(t.execution).toMatchObject({ executed: 8, rate: 0.8, score: 8 });
    expect(t.total).toMatchObject({ score: 98, stated: 98 });
    expect(t.findings.find((f) => f.rule === 'execution-missing')?.message).toBe('资金总额行未填写全年执行数，已按明细行合计计算：全年执行数 8（当年财政拨款 6 + 其他资金 2）');
  });
});

describe('a negative execution 分值 (issue 6 item 5)', () => {
  it('gives no execution score, raises weight-negative, and leaves the total unwritten', () => {
    const ind: IndicatorSpec[] = [{ l1: '产出指标', l3: '人数', target: '≥100人', actual: '100人', weight: 90, score: 90 }];
    const r = analyze(book(projectSheet({ budget: [['年度资金总额', 10, 10, 8, -10, 0.8, 8]], indicators: ind, total: 98 })));
    const t = r.tables[0];
    expect(t.execution).toMatchObject({ weight: -10, score: null });
    expect(t.findings.find((f) => f.rule === 'weight-negative')).toEqual({
      rule: 'weight-negative',
      severity: 'error',
      cell: 'F4',
      message: '预算执行率分值 -10 为负数，分值不能为负；未计算执行率得分，总分未写入，请更正分值',
    });
    expect(t.total).toMatchObject({ score: 90, stated: 98 });
    expect(t.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['total-incomplete']));
    expect(t.findings.map((f) => f.rule)).not.toContain('total-mismatch');
    expect(r.plan.filter((e) => e.role === 'total')).toEqual([]);
  });
});
