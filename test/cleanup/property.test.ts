/**
 * Property tests (issue 8) over generated tables with generated debris: clean-up never
 * changes a formula or a number's value, never deletes a row holding a target, actual,
 * score or reason, leaves parsed targets and actuals unchanged, and is idempotent.
 */
import fc from 'fast-check';
import { cleanup, type Cell, type SheetGrid, type WorkbookGrid } from '../../src/core';
import { detectTables } from '../../src/core/layout/detect';
import { parseActual, parseTarget } from '../../src/core/values';
import { structuredArb } from '../property/arbitraries';

const DEBRIS: ReadonlyArray<(s: string) => string> = [
  (s) => `<p>${s}</p>`,
  (s) => `${s}&nbsp;`,
  (s) => `[bookmark: OLE_LINK3]${s}`,
  (s) => ` ${s}\u3000`,
  (s) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/%/g, '％').replace(/≥/g, '＞＝'),
  (s) => `${s}\u200B`,
];

/** A structured sheet with debris applied to some text cells, and a hint or two. */
const dirtyArb = structuredArb('表1').chain(({ sheet }) =>
  fc.record({ picks: fc.array(fc.tuple(fc.nat(), fc.nat(DEBRIS.length - 1)), { maxLength: 12 }), hint: fc.boolean() }).map(({ picks, hint }) => {
    const cells = sheet.cells.map((r) => (r ? [...r] : r)) as (Cell | undefined)[][];
    const texts: [number, number][] = [];
    cells.forEach((row, r) => row?.forEach((cell, c) => cell?.value.t === 'text' && !cell.formula && texts.push([r, c])));
    for (const [i, d] of picks) {
      if (!texts.length) break;
      const [r, c] = texts[i % texts.length];
      const cell = cells[r][c]!;
      if (cell.value.t === 'text') cells[r][c] = { ...cell, value: { t: 'text', v: DEBRIS[d](cell.value.v) } };
    }
    if (hint) {
      const r = sheet.rowCount + 1;
      cells[r] = [];
      cells[r][9] = { value: { t: 'text', v: '请填写偏差原因' } };
    }
    const out: SheetGrid = { ...sheet, cells, rowCount: hint ? sheet.rowCount + 1 : sheet.rowCount };
    return { sheets: [out] } as WorkbookGrid;
  }),
);

const strip = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x) => (k === 'text' ? undefined : x)));

function holds(sheet: SheetGrid, row: number): boolean {
  for (const t of detectTables(sheet)) {
    const ind = t.indicators.find((i) => i.row === row);
    if (!ind) continue;
    const real = (s: string | undefined) => !!s && !['', '无', '/', '-', '—', '——'].includes(s.replace(/\s/g, ''));
    if (real(ind.texts.target?.text) || real(ind.texts.actual?.text) || real(ind.texts.reason?.text)) return true;
    if (ind.score && ind.score.raw.t !== 'empty') return true;
  }
  return false;
}

describe('clean-up properties', () => {
  it('never changes a formula or a number, never deletes a row with content, keeps parsed targets/actuals, is idempotent', () => {
    fc.assert(
      fc.property(dirtyArb, (grid) => {
        const plan = cleanup.planCleanup(grid);
        const sheet = grid.sheets[0];
        const tables = detectTables(sheet);
        for (const ch of plan.changes) {
          if (ch.op === 'set') {
            const cell = sheet.cells[ch.place.row]?.[ch.place.col];
            expect(cell?.formula).toBeUndefined();
            if (ch.kind !== 'placeholder-row') expect(cell?.value.t === 'number').toBe(false);
            if (ch.kind === 'text' || ch.kind === 'notation') {
              for (const t of tables) {
                for (const ind of t.indicators) {
                  for (const [role, parse] of [['target', parseTarget], ['actual', parseActual]] as const) {
                    const tc = ind.texts[role];
                    if (tc?.cell !== ch.place.address || ch.after.value.t !== 'text' || ch.before.value.t !== 'text') continue;
                    expect(strip(parse(ch.after.value.v))).toEqual(strip(parse(ch.before.value.v)));
                  }
                }
              }
            }
          }
          if (ch.op === 'delete-row') {
            expect(holds(sheet, ch.place.row)).toBe(false);
            const row = sheet.cells[ch.place.row] ?? [];
            for (const cell of row) expect(cell?.formula).toBeUndefined();
          }
        }
        const after = cleanup.applyCleanup(grid, plan);
        // Numbers and formulas that survive are the same, in order.
        const figures = (g: WorkbookGrid) =>
          g.sheets.flatMap((s) => s.cells.flatMap((row) => (row ?? []).filter((c) => c && (c.value.t === 'number' || c.formula)).map((c) => [c!.value, c!.formula ?? null])));
        const converted = plan.changes.filter((c) => c.op === 'set' && c.after.value.t === 'number').length;
        const before = figures(grid);
        const now = figures(after);
        expect(now.length).toBe(before.length + converted);
        for (const f of before) expect(now).toContainEqual(f);
        expect(cleanup.planCleanup(after).changes).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
