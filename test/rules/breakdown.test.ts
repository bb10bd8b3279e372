import { sheetFromRows } from '../../src/core';
import { analyze, book, projectSheet, type IndicatorSpec } from '../helpers/testbed';

const indicators: IndicatorSpec[] = [{ l1: '产出指标', l3: '人数', target: '≥100人', actual: '100人', weight: 90, score: 90 }];
const findings = (r: ReturnType<typeof analyze>, id: string) => r.tables.flatMap((t) => t.findings).filter((f) => f.rule === id);

describe('budget-breakdown-mismatch in budget blocks', () => {
  it('fires when 年度资金总额 ≠ the sum of its 其中 rows', () => {
    const r = analyze(
      book(
        projectSheet({
          budget: [
            ['其中：当年财政拨款', 6, 6, 5, null, null, null],
            ['上年结转资金', 1, 1, 1, null, null, null],
            ['年度资金总额', 8, 8, 6, 10, 0.75, 7.5],
          ],
          indicators,
        }),
      ),
    );
    expect(findings(r, 'budget-breakdown-mismatch')).toEqual([
      {
        rule: 'budget-breakdown-mismatch',
        severity: 'error',
        cell: 'C6',
        message: '「年度资金总额」与其明细（其中：当年财政拨款、上年结转资金）不符：年初预算数 8，明细合计 7；全年预算数 8，明细合计 7',
      },
    ]);
  });

  it('stays quiet when the rows add up, or when the total row is blank (execution-missing covers that)', () => {
    const ok = analyze(
      book(projectSheet({ budget: [['其中：当年财政拨款', 6, 6, 5], ['上年结转资金', 2, 2, 1], ['年度资金总额', 8, 8, 6, 10, 0.75, 7.5]], indicators })),
    );
    expect(findings(ok, 'budget-breakdown-mismatch')).toEqual([]);
    const blank = analyze(book(projectSheet({ budget: [['其中：当年财政拨款', 6, 6, 5], ['年度资金总额']], indicators })));
    expect(findings(blank, 'budget-breakdown-mismatch')).toEqual([]);
  });

  it('checks (一)基本支出 against 1.人员经费 + 2.公用经费 when the first row is the total (seed 004 layout)', () => {
    const r = analyze(
      book(projectSheet({ budget: [['(一)基本支出', 10, 10, 9, 10], ['1.人员经费', 6, 6, 5], ['2.公用经费', 4, 4, 3]], indicators })),
    );
    expect(findings(r, 'budget-breakdown-mismatch').map((f) => [f.cell, f.message])).toEqual([
      ['E4', '「(一)基本支出」与其明细（1.人员经费、2.公用经费）不符：全年执行数 9，明细合计 8'],
    ]);
  });
});

/** The standard 基础数据表 layout of seed 002, shortened. */
function basicSheet(opts: { posts: number; staff: number; project2022: number }) {
  return sheetFromRows('基础', [
    ['部门整体支出绩效评价基础数据表'],
    ['财政供养人员情况', '编制数', '2023年实际在职人数', '控制率'],
    ['', opts.posts, opts.staff, null],
    ['经费控制情况(万元)', '2022决算数', '2023预算数', '2023决算数'],
    ['三公经费', 0, 0.5, 0.6],
    ['1、公务用车购置和维护经费', 0, 0, 0],
    ['其中：公车购置', 0, 0, 0],
    ['公车运行维护', 0, 0, 0],
    ['2、出国经费', 0, 0, 0],
    ['3、公务接待', 0, 0.5, 0.6],
    ['项目支出', opts.project2022, 14, 11.4],
    ['1、业务工作经费', 0, 0, 0],
    ['2、运行维护经费', 0.15, 0, 0],
    ['3、专项资金：劳模服务', 3, 6, 3.4],
    ['省级困难职工补助和送温暖', 2, 6, 6],
    ['双联工作经费', 0, 2, 2],
    ['公用经费', 9.35, 4.26, 10.23],
    ['其中：办公经费', 1.05, 3.76, 3.01],
    ['水费、电费、差旅费', 0.3, 0, 0],
    ['政府采购金额', null, 0, 21.42],
  ]);
}

describe('basic-data tables', () => {
  it('cross-foots the lists per year column, computes 控制率 and flags 三公 决算 above 预算', () => {
    const r = analyze(book(basicSheet({ posts: 3, staff: 5, project2022: 15.75 })));
    expect(r.tables.map((t) => [t.kind, t.range])).toEqual([['basic-data', 'A1:D20']]);
    expect(r.tables[0].findings.map((f) => [f.rule, f.severity, f.cell, f.message])).toEqual([
      ['execution-over-budget', 'warning', 'D5', '三公经费2023决算数 0.6 超过2023预算数 0.5'],
      ['execution-over-budget', 'warning', 'D10', '三公经费「公务接待」2023决算数 0.6 超过2023预算数 0.5'],
      ['budget-breakdown-mismatch', 'error', 'B11', '「项目支出」2022决算数 15.75，其明细（业务工作经费、运行维护经费、专项资金：劳模服务、省级困难职工补助和送温暖、双联工作经费）合计 5.15，不符'],
      ['staff-control-rate', 'warning', 'D3', '在职人员控制率 166.67%（实际在职人数 5 ÷ 编制数 3），超过 100%'],
    ]);
    expect(r.plan).toEqual([]);
  });

  it('near miss: consistent lists, 控制率 at 100%, partial 其中 lists below their parent', () => {
    const sheet = basicSheet({ posts: 5, staff: 5, project2022: 5.15 });
    const r = analyze(book(sheet));
    expect(r.tables[0].findings.filter((f) => f.rule !== 'execution-over-budget')).toEqual([]);
  });
});

describe('target tables (绩效目标表)', () => {
  const target = (budget: number, fiscal: number, plan: number[]) =>
    sheetFromRows('目标', [
      ['1. 测试项目绩效目标表'],
      ['项目编码', '123', '', '项目名称', '测试项目'],
      ['预算规模及资金用途', '预算数', budget, '其中：财政资金', fiscal, '其他资金', null],
      ['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底'],
      ['', ...plan.map((p) => ({ value: { t: 'number' as const, v: p }, numFmt: '0%' }))],
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
      ['产出指标', '数量指标', '救助人数', '救助人数', '≥100人', '文件要求'],
    ]);

  it('checks 预算数 = 财政资金 + 其他资金 and the fund plan', () => {
    const r = analyze(book(target(10.09, 9, [0.25, 0.5, 0.4, 0.9])));
    const t = r.tables[0];
    expect([t.kind, t.title]).toEqual(['target', '测试项目']);
    expect(t.findings.map((f) => [f.rule, f.cell, f.message])).toEqual([
      ['budget-breakdown-mismatch', 'C3', '预算数 10.09 不等于财政资金 9 + 其他资金 0 = 9'],
      ['fund-plan', 'D5', '资金支出计划 10月底 40% 低于 6月底 的 50%（累计进度不应下降）'],
      ['fund-plan', 'E5', '资金支出计划 12月底 为 90%，年底应达到 100%'],
    ]);
  });

  it('near miss: a consistent head raises nothing of its own', () => {
    const r = analyze(book(target(10.09, 10.09, [0.25, 0.5, 0.75, 1])));
    expect(r.tables[0].findings.filter((f) => ['budget-breakdown-mismatch', 'fund-plan'].includes(f.rule))).toEqual([]);
  });
});
