import { analyzeWorkbook } from '../../src/core';
import { readWorkbook } from '../../src/cli/workbook';
import { fixture } from '../helpers/fixtures';
import { stackSheets } from '../helpers/testbed';

/** SPEC §2: a sheet can hold several tables (seed 002 prints the department table, then the projects). */
describe('several tables on one sheet', () => {
  it('finds the four seed 002 tables stacked on one sheet, each with its own figures', async () => {
    const { grid } = await readWorkbook(fixture('seed002-shigu.xlsx'));
    const projects = grid.sheets.filter((s) => s.name !== '基础数据表');
    const one = stackSheets('全部', projects, 3);
    const separate = analyzeWorkbook({ sheets: projects });
    const stacked = analyzeWorkbook({ sheets: [one] });
    expect(stacked.tables.map((t) => [t.kind, t.title, t.range])).toEqual([
      ['department', '石鼓区总工会', 'A1:I23'],
      ['project', '劳模服务', 'A27:I49'],
      ['project', '双联工作', 'A53:I75'],
      ['project', '省级困难帮扶和送温暖', 'A79:I101'],
    ]);
    stacked.tables.forEach((t, i) => {
      const s = separate.tables[i];
      expect([t.execution?.rate, t.execution?.score, t.total.score, t.total.stated, t.indicators.map((x) => x.score)]).toEqual([
        s.execution?.rate,
        s.execution?.score,
        s.total.score,
        s.total.stated,
        s.indicators.map((x) => x.score),
      ]);
      expect(t.findings.map((f) => f.rule)).toEqual(s.findings.map((f) => f.rule));
    });
    expect(stacked.tables[1].total.cell).toBe('H49');
  });

  it('finds the seed 000 projects stacked on one sheet', async () => {
    const { grid } = await readWorkbook(fixture('seed000-shijiazhuang.xlsx'));
    const stacked = analyzeWorkbook({ sheets: [stackSheets('全部', grid.sheets, 1)] });
    expect(stacked.tables.map((t) => t.total.score)).toEqual([98.35, 99.98, 100, 100, 100, 98.16]);
  });
});
