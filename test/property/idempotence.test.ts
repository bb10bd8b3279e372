/**
 * Property 4 (SPEC §10 "running twice changes nothing the second time"): applying the plan
 * and analysing again plans nothing, and raises no mismatch finding on a cell it wrote.
 */
import fc from 'fast-check';
import { analyzeWorkbook } from '../../src/core';
import { applyPlan } from '../helpers/testbed';
import { profileArb } from './arbitraries';
import { structuredBook } from './books';

const MISMATCHES = new Set(['total-mismatch', 'score-mismatch', 'execution-rate-mismatch', 'execution-score-mismatch', 'grade-mismatch']);

describe('scoring a scored sheet changes nothing', () => {
  it('on structured 自评表 grids', () => {
    fc.assert(
      fc.property(structuredBook, profileArb, (grid, profile) => {
        const first = analyzeWorkbook(grid, { profile });
        const scored = applyPlan(grid, first.plan);
        const second = analyzeWorkbook(scored, { profile });
        expect(second.plan).toEqual([]);
        const written = new Set(first.plan.map((e) => `${e.sheet}!${e.cell}`));
        const left = second.tables.flatMap((t) => t.findings.filter((f) => MISMATCHES.has(f.rule) && f.cell !== null && written.has(`${t.sheet}!${f.cell}`)));
        expect(left).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
