/** Issue 6 item 4, on a real .xlsx built by scripts/edge-cases/layout.ts. */
import { analyzeWorkbook, type WorkbookResult } from '../../src/core';
import { readGrid } from '../../src/cli/read';
import { fixture, rules } from '../helpers/fixtures';

async function analyzeEdge(file: string): Promise<WorkbookResult> {
  const { grid } = await readGrid(fixture(`edge/${file}`));
  return analyzeWorkbook(grid);
}

describe('item 4: an actual merged across the 分值 and 得分 columns (F18:I18)', () => {
  it('is not read as a weight or a score: the row has no weight and raises weight-covered-by-merge', async () => {
    const r = await analyzeEdge('merged-actual-over-weight.xlsx');
    const t = r.tables[0];
    const row18 = t.indicators.find((i) => i.row === 18)!;
    expect([row18.level3, row18.actual, row18.weight, row18.score, row18.statedScore]).toEqual(['基层工会满意度', '98%', null, null, null]);
    // 85 of weight on the other rows, all full; execution 9: 94, a partial figure (issue 12
    // item 4: a weight hidden under a merge leaves the total incomplete, never written).
    expect([t.total.score, t.total.stated]).toEqual([94, 94]);
    expect(rules(t)).toEqual(['total-incomplete@H20', 'weight-sum@-', 'weight-covered-by-merge@G18']);
    const f = t.findings.find((x) => x.rule === 'weight-covered-by-merge')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('F18:I18');
    expect(r.plan).toEqual([]);
  });
});
