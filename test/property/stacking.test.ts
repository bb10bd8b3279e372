/**
 * Property 5 (SPEC §2 "a sheet can hold several tables"): a table's figures do not depend
 * on the other tables on its sheet. Two random structured tables stacked with `stackSheets`
 * score exactly as each does alone, and the plan is the two plans, the second shifted down —
 * except for the one figure shared by design: the rate convention of a table stating no rate
 * is its sheet's (issue 12 item 2), so pairs where a table states percent numbers are skipped.
 */
import fc from 'fast-check';
import { analyzeWorkbook, type CellEdit, type Profile, type TableResult } from '../../src/core';
import { stackSheets } from '../helpers/testbed';
import { buildStructured, profileArb, structuredSpecArb, type Structured } from './arbitraries';

/** The figures of a table, without addresses (they shift when stacked). */
function figures(t: TableResult) {
  return {
    kind: t.kind,
    title: t.title,
    execution: t.execution && { ...t.execution, rateCell: undefined, scoreCell: undefined },
    indicators: t.indicators.map((i) => ({ ...i, row: undefined, scoreCell: undefined })),
    total: { score: t.total.score, stated: t.total.stated },
    grade: { value: t.grade.value, stated: t.grade.stated },
    findings: t.findings.map((f) => f.rule),
  };
}

const edit = (e: CellEdit, offset = 0) => [e.row + offset, e.col, e.role, e.value, e.numFmt ?? null];

function checkStacked(a: Structured, b: Structured, gap: number, profile: Profile) {
  const alone = [a, b].map((s) => analyzeWorkbook({ sheets: [s.sheet] }, { profile }));
  const stacked = analyzeWorkbook({ sheets: [stackSheets('Sheet1', [a.sheet, b.sheet], gap)] }, { profile });
  expect(alone.map((r) => r.tables.length)).toEqual([1, 1]);
  // By design (issue 12 item 2, docs/decisions/layout.md) a table that states no rate writes
  // one in its sheet's convention: a neighbour stating percent numbers (95.93) changes it.
  fc.pre(!alone.some((r) => r.tables[0].execution?.rateConvention === 'percent-number'));
  expect(stacked.tables.map(figures)).toEqual(alone.map((r) => figures(r.tables[0])));
  const offset = a.sheet.rowCount + gap;
  expect(stacked.plan.map((e) => edit(e))).toEqual([...alone[0].plan.map((e) => edit(e)), ...alone[1].plan.map((e) => edit(e, offset))]);
}

describe('tables on one sheet are independent', () => {
  it('two stacked structured tables each score as when analysed alone, and plan the same edits', () => {
    const titled = structuredSpecArb.map((s) => ({ ...s, title: s.title ?? '项目支出绩效自评表' }));
    fc.assert(
      fc.property(titled, titled, fc.integer({ min: 0, max: 3 }), profileArb, (a, b, gap, profile) => {
        checkStacked(buildStructured(a), buildStructured(b), gap, profile);
      }),
      { numRuns: 1200 },
    );
  });

  it('also when the second table has no title or 项目名称 line and the first has no 总分 row', () => {
    const noTotal = structuredSpecArb.map((s) => ({ ...s, total: null, grade: null }));
    const bare = structuredSpecArb.map((s) => ({ ...s, title: null, name: null }));
    fc.assert(
      fc.property(noTotal, bare, fc.integer({ min: 0, max: 3 }), profileArb, (a, b, gap, profile) => {
        checkStacked(buildStructured(a), buildStructured(b), gap, profile);
      }),
      { numRuns: 300 },
    );
  });
});
