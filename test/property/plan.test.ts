/**
 * Property 3 (SPEC §10): the plan writes only the cells the layout names for its role
 * (indicator 得分, the budget block's 执行率/得分/扣分, the 总分 cell, the grade cell), never a
 * target/actual/weight/reason/label, never a formula, never outside the used range, never
 * a covered cell of a merged area, and `previous` is the grid's current value.
 */
import fc from 'fast-check';
import { analyzeWorkbook } from '../../src/core';
import { profileArb, structuredArb } from './arbitraries';
import { mutatedBook, randomBook } from './books';
import { assertPlanRoles, assertPlanSafe } from './invariants';

describe('the plan only touches score, rate, deduction, total and grade cells', () => {
  it('on structured 自评表 sheets: every edit is a cell of its role', () => {
    fc.assert(
      fc.property(structuredArb(), fc.integer({ min: 0, max: 9 }), profileArb, ({ sheet, meta }, p, profile) => {
        const grid = { sheets: [p === 0 ? { ...sheet, protected: true } : sheet] };
        const r = analyzeWorkbook(grid, { profile });
        assertPlanSafe(grid, r);
        assertPlanRoles(r.plan, meta);
        assertPlanRoles(r.blockedByProtection, meta);
      }),
      { numRuns: 2000 },
    );
  });

  it('on structured sheets with random cells overwritten: range, formulas, merges, previous', () => {
    fc.assert(
      fc.property(mutatedBook, profileArb, (grid, profile) => {
        assertPlanSafe(grid, analyzeWorkbook(grid, { profile }));
      }),
      { numRuns: 800 },
    );
  });

  it('on fully random grids: range, formulas, merges, previous', () => {
    fc.assert(
      fc.property(randomBook, profileArb, (grid, profile) => {
        assertPlanSafe(grid, analyzeWorkbook(grid, { profile }));
      }),
      { numRuns: 500 },
    );
  });
});
