/**
 * Rule metadata the hosts read instead of keeping their own lists: `fixedByWrite` (the pane
 * offers 更正此项 only for those findings). The flag must be true to what the write does: on
 * every example, a flagged finding on a cell the plan writes is gone once the plan is applied.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeWorkbook, FIXED_BY_WRITE, RULES } from '../../src/core';
import { readGrid } from '../../src/cli/read';
import { applyPlan } from '../helpers/testbed';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

test('the rules that declare fixedByWrite are the figures a write corrects', () => {
  expect([...FIXED_BY_WRITE].sort()).toEqual([
    'execution-missing',
    'execution-rate-mismatch',
    'execution-score-mismatch',
    'grade-mismatch',
    'qualitative-band',
    'score-exceeds-weight',
    'score-mismatch',
    'score-negative',
    'total-mismatch',
  ]);
  expect(RULES.filter((r) => r.fixedByWrite).map((r) => r.id).sort()).toEqual([...FIXED_BY_WRITE].sort());
});

test('on every example, a fixedByWrite finding on a planned cell is gone after the write', async () => {
  let checked = 0;
  for (const f of fs.readdirSync(EXAMPLES).filter((x) => x.endsWith('.xlsx'))) {
    const { grid } = await readGrid(path.join(EXAMPLES, f));
    const before = analyzeWorkbook(grid);
    const planned = new Set(before.plan.map((e) => `${e.sheet}!${e.cell}`));
    const after = analyzeWorkbook(applyPlan(grid, before.plan));
    const left = new Set(after.tables.flatMap((t) => t.findings.map((x) => `${t.sheet}!${x.cell}:${x.rule}`)));
    for (const t of before.tables)
      for (const x of t.findings) {
        if (!x.cell || !FIXED_BY_WRITE.has(x.rule) || !planned.has(`${t.sheet}!${x.cell}`)) continue;
        checked++;
        expect(`${f} ${t.sheet}!${x.cell}:${x.rule} ${left.has(`${t.sheet}!${x.cell}:${x.rule}`) ? 'left' : 'fixed'}`).toBe(`${f} ${t.sheet}!${x.cell}:${x.rule} fixed`);
      }
  }
  expect(checked).toBeGreaterThan(10);
});
