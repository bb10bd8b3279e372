import type { WorkbookResult } from '../../src/core';
import { analyzeFixture } from '../helpers/fixtures';

/** Seed 001 (博野县总工会 2023 部门预算绩效文本): four 绩效目标表 on one sheet. */
describe('seed 001 博野 target tables', () => {
  let r: WorkbookResult;
  beforeAll(async () => {
    r = await analyzeFixture('seed001-boye.xlsx');
  });

  it('recognises every target table with its title and range', () => {
    expect(r.tables.map((t) => [t.kind, t.title, t.range, t.indicators.length])).toEqual([
      ['target', '冀财行【2021】102号提前下达2022年困难职工及劳模帮扶救助专项资金', 'A1:G18', 8],
      ['target', '冀财行【2022】99号提前下达2023年困难职工及劳模帮扶救助专项资金', 'A20:G37', 8],
      ['target', '劳模体检、劳模慰问、劳模津贴、劳模慰问金', 'A39:G56', 8],
      ['target', '劳务派遣人员工资及保险', 'A58:G76', 9],
    ]);
  });

  it('has nothing to score or write: no execution, no total, no plan', () => {
    for (const t of r.tables) {
      expect([t.execution, t.total.score, t.grade.value]).toEqual([null, null, null]);
      expect(t.indicators.every((i) => i.score === null && i.weight === null)).toBe(true);
    }
    expect(r.plan).toEqual([]);
  });

  it('the budgets split correctly and the fund plans rise to 100% where 12月底 is given', () => {
    const own = r.tables.flatMap((t) => t.findings).filter((f) => ['budget-breakdown-mismatch', 'fund-plan'].includes(f.rule));
    expect(own).toEqual([]);
  });

  it('keeps the targets verbatim for the linting rules', () => {
    const t = r.tables[2];
    expect(t.indicators.find((i) => i.level3 === '人均体检费')).toMatchObject({ level1: '产出指标', level2: '成本指标', target: '≥200 人均标准 200 元 /人' });
  });
});
