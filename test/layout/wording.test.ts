/** Issue 6 items 14 and 16 (label and header wording), on real .xlsx built by scripts/edge-cases/layout.ts. */
import { analyzeWorkbook, type WorkbookResult } from '../../src/core';
import { detectTables } from '../../src/core/layout/detect';
import { levelStem } from '../../src/core/rules/describe';
import { readGrid } from '../../src/cli/read';
import { fixture, rules } from '../helpers/fixtures';

async function analyzeEdge(file: string): Promise<WorkbookResult> {
  const { grid } = await readGrid(fixture(`edge/${file}`));
  return analyzeWorkbook(grid);
}

describe('item 14: 二级 labels copied from the template with its suffixes', () => {
  it('服务对象满意度指标等, 数量指标等, 社会效益指标（如有） are the standard 二级 labels', async () => {
    const r = await analyzeEdge('template-suffix-labels.xlsx');
    expect(r.tables.map((t) => [t.total.score, t.total.stated])).toEqual([[99, 99]]);
    expect(rules(r.tables[0])).toEqual([]);
  });

  it('stems drop （如有）, 等 and 指标等', () => {
    expect(['服务对象满意度指标等', '数量指标等', '社会效益指标（如有）', '经济效益等', '满意度指标'].map(levelStem)).toEqual([
      '服务对象满意度',
      '数量',
      '社会效益',
      '经济效益',
      '满意度',
    ]);
  });
});

describe('item 16: header wording of the central transfer-payment form', () => {
  it('年初预算, 预算执行数, 预算执行率 and 未完成原因及拟采取的改进措施 are recognised', async () => {
    const { grid } = await readGrid(fixture('edge/transfer-payment-headers.xlsx'));
    const [layout] = detectTables(grid.sheets[0]);
    expect(layout.budget?.columns).toEqual({ initialBudget: 3, budget: 4, executed: 5, weight: 6, rate: 7, score: 8 });
    expect(layout.columns.actual).toBe(6);
    expect(layout.columns.reason).toBe(9);
    const r = analyzeWorkbook(grid);
    const t = r.tables[0];
    expect([t.execution?.budget, t.execution?.executed, t.execution?.rate, t.execution?.score, t.total.score, t.total.stated]).toEqual([100, 90, 0.9, 9, 99, 99]);
    expect(rules(t)).toEqual([]);
  });
});
