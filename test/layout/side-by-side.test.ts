/** Issue 6 item 2, on a real .xlsx built by scripts/edge-cases/layout.ts. */
import { analyzeWorkbook, type WorkbookResult } from '../../src/core';
import { readWorkbook } from '../../src/cli/workbook';
import { fixture, rules } from '../helpers/fixtures';

async function analyzeEdge(file: string): Promise<WorkbookResult> {
  const { grid } = await readWorkbook(fixture(`edge/${file}`));
  return analyzeWorkbook(grid);
}

describe('item 2: two project tables side by side on the same rows (A:I and K:S)', () => {
  it('finds both, scores each on its own, and reports the right-hand table’s wrong total', async () => {
    const r = await analyzeEdge('side-by-side.xlsx');
    expect(r.tables.map((t) => [t.range, t.title, t.execution?.rate, t.execution?.score, t.total.score, t.total.stated, t.total.cell])).toEqual([
      ['A1:I12', '职工培训', 0.9, 9, 99, 99, 'H11'],
      // 疗休养人数 80 of ≥100 → 30 × 0.8 = 24; 9 + 24 + 30 + 30 = 93.
      ['K1:S12', '劳模疗休养', 0.9, 9, 93, 99, 'R11'],
    ]);
    expect(r.tables[1].indicators.map((i) => [i.level3, i.weight, i.score, i.scoreCell])).toEqual([
      ['疗休养人数', 30, 24, 'R8'],
      ['劳模身心健康', 30, 30, 'R9'],
      ['劳模满意度', 30, 30, 'R10'],
    ]);
    expect(rules(r.tables[0])).toEqual([]);
    expect(rules(r.tables[1])).toEqual(['total-mismatch@R11', 'missing-deviation-reason@S8']);
    expect(r.plan.map((e) => [e.cell, e.role, e.value])).toEqual([
      ['R8', 'score', 24],
      ['R11', 'total', 93],
    ]);
  });
});
