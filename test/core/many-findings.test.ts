import { analyzeWorkbook, sheetFromRows } from '../../src/core';
import { MANY_FINDINGS_ROWS, manyFindingsRows } from '../../scripts/edge-cases/large';

// Issue 12: 150,000+ findings overflowed the stack (`findings.push(...found)` in
// analyzeWorkbook). Not timed: the run must complete and keep every finding.
describe('analyzeWorkbook on a table with one finding per row', () => {
  it(`completes on ${MANY_FINDINGS_ROWS.toLocaleString('en')} rows and keeps every finding, mark and write`, () => {
    const r = analyzeWorkbook({ sheets: [sheetFromRows('问题', manyFindingsRows())] });
    expect(r.tables).toHaveLength(1);
    const findings = r.tables[0].findings;
    const byRule = new Map<string, number>();
    for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    // One per row; the table-wide findings (weights summing to 150,001 …) are other rules' business.
    expect(byRule.get('score-mismatch')).toBe(150001);
    expect(findings.length - 150001).toBeLessThan(10);
    expect(findings.find((f) => f.rule === 'score-mismatch')).toEqual({
      rule: 'score-mismatch',
      severity: 'warning',
      cell: 'H4',
      message: '第 4 行「指标1」得分应为 1（正向指标，实际 ÷ 目标 × 分值，分值 1），表中为 0.5',
    });
    expect(findings.filter((f) => f.rule === 'score-mismatch').map((f) => f.cell)[150000]).toBe('H150004');
    // Every stated score is rewritten to 1; the findings on those cells travel with the writes.
    const scores = r.plan.filter((e) => e.role === 'score');
    expect(scores).toHaveLength(150001);
    expect(scores[150000]).toMatchObject({ cell: 'H150004', value: 1, previous: { t: 'number', v: 0.5 }, severity: 'warning' });
    expect(r.marks).toHaveLength(0);
  }, 300000);
});
