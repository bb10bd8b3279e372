/** Workbook-level generators shared by the property tests. */
import fc from 'fast-check';
import type { SheetGrid, WorkbookGrid } from '../../src/core';
import { mutatedStructuredArb, randomSheet, structuredArb } from './arbitraries';

const NAMES = ['Sheet1', '2023年度', '自评表'];

/** 1–3 sheets built by `sheet(name)`, a few of them protected; shrinks towards one sheet. */
export function bookOf(sheet: (name: string) => fc.Arbitrary<SheetGrid>): fc.Arbitrary<WorkbookGrid> {
  const one = fc.tuple(fc.nat(NAMES.length - 1), fc.integer({ min: 0, max: 9 })).chain(([n, p]) =>
    sheet(NAMES[n]).map((s) => (p === 0 ? { ...s, protected: true } : s)),
  );
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((sheets) => ({
    // Sheet names must be unique in a workbook.
    sheets: sheets.map((s, i) => (sheets.findIndex((x) => x.name === s.name) === i ? s : { ...s, name: `${s.name}(${i + 1})` })),
  }));
}

export const randomBook = bookOf((n) => randomSheet(n));
export const mutatedBook = bookOf((n) => mutatedStructuredArb(n));
export const structuredBook = bookOf((n) => structuredArb(n).map((s) => s.sheet));
