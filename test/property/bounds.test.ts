/**
 * Property 2 (SPEC §5–§8): computed scores stay within [0, weight] for a positive weight,
 * the execution score within [0, execution weight], and every number in the result is
 * finite or null (no NaN, no Infinity, no undefined in place of null).
 */
import fc from 'fast-check';
import { analyzeWorkbook, type WorkbookGrid } from '../../src/core';
import { profileArb } from './arbitraries';
import { mutatedBook, randomBook, structuredBook } from './books';
import { assertFiniteNumbers, assertScoreBounds } from './invariants';

function check(grid: WorkbookGrid, profile: Parameters<typeof analyzeWorkbook>[1]) {
  const r = analyzeWorkbook(grid, profile);
  assertFiniteNumbers(r);
  assertScoreBounds(r);
}

describe('scores and rates stay in range, numbers stay finite', () => {
  it('on structured 自评表 grids', () => {
    fc.assert(
      fc.property(structuredBook, profileArb, (grid, profile) => check(grid, { profile })),
      { numRuns: 1500 },
    );
  });

  it('on structured grids with random cells overwritten', () => {
    fc.assert(
      fc.property(mutatedBook, profileArb, (grid, profile) => check(grid, { profile })),
      { numRuns: 800 },
    );
  });

  it('on fully random grids', () => {
    fc.assert(
      fc.property(randomBook, profileArb, (grid, profile) => check(grid, { profile })),
      { numRuns: 800 },
    );
  });
});
