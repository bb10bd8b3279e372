/**
 * Property 1: the engine never throws, on fully random grids and on structured
 * 自评表 grids with random contents (SPEC §3–§10 must hold for whatever a host hands over).
 */
import fc from 'fast-check';
import { analyzeWorkbook } from '../../src/core';
import { profileArb } from './arbitraries';
import { mutatedBook, randomBook, structuredBook } from './books';

describe('the engine never throws', () => {
  it('on fully random grids (any cell kind, random merges)', () => {
    fc.assert(
      fc.property(randomBook, profileArb, (grid, profile) => {
        analyzeWorkbook(grid, { profile });
      }),
      { numRuns: 2500 },
    );
  });

  it('on structured 自评表 grids with random cells overwritten and random merges', () => {
    fc.assert(
      fc.property(mutatedBook, profileArb, (grid, profile) => {
        analyzeWorkbook(grid, { profile });
      }),
      { numRuns: 1500 },
    );
  });

  it('on structured 自评表 grids with random targets, actuals, weights, scores and budgets', () => {
    fc.assert(
      fc.property(structuredBook, profileArb, (grid, profile) => {
        analyzeWorkbook(grid, { profile });
      }),
      { numRuns: 1000 },
    );
  });
});
