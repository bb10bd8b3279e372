/**
 * Cell references inside formulas, for row deletion: which rows a formula names, and the
 * formula text after rows are deleted (what Excel does itself when rows are deleted; the
 * CLI's ExcelJS does not, so it calls `shiftFormula`).
 *
 * Handles A1 references and ranges, absolute or not, optionally qualified by a sheet
 * (`Sheet1!A1`, `'项目 1'!A1:B2`); text in double quotes is left alone. Whole-column and
 * whole-row references (`A:A`, `3:5`) are not shifted.
 */

export interface FormulaRef {
  /** Sheet named in the reference, or null for the formula's own sheet. */
  readonly sheet: string | null;
  readonly top: number;
  readonly bottom: number;
  /** A range (`A1:B3`) rather than one cell. */
  readonly range: boolean;
  readonly start: number;
  readonly end: number;
  /** The parts to rebuild the text. */
  readonly prefix: string;
  readonly a: { readonly col: string; readonly absRow: boolean; readonly row: number };
  readonly b: { readonly col: string; readonly absRow: boolean; readonly row: number } | null;
}

const REF =
  /(?:('(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)!)?(\$?[A-Za-z]{1,3})(\$?)(\d+)(?::(\$?[A-Za-z]{1,3})(\$?)(\d+))?(?![\w(!])/g;

/** References in `formula` (without its leading `=`). */
export function formulaRefs(formula: string): FormulaRef[] {
  const out: FormulaRef[] = [];
  // Blank out string literals so their contents never match.
  const masked = formula.replace(/"(?:[^"]|"")*"/g, (m) => ' '.repeat(m.length));
  REF.lastIndex = 0;
  for (let m = REF.exec(masked); m; m = REF.exec(masked)) {
    const before = m.index > 0 ? masked[m.index - 1] : '';
    if (before && /[\w.$\u4e00-\u9fff]/.test(before) && !m[1]) continue; // inside a name (LOG10, A1B2)
    const sheetPart = m[1];
    const sheet = sheetPart ? (sheetPart.startsWith("'") ? sheetPart.slice(1, -1).replace(/''/g, "'") : sheetPart) : null;
    const a = { col: m[2], absRow: m[3] === '$', row: Number(m[4]) };
    const b = m[5] ? { col: m[5], absRow: m[6] === '$', row: Number(m[7]) } : null;
    out.push({
      sheet,
      top: Math.min(a.row, b?.row ?? a.row),
      bottom: Math.max(a.row, b?.row ?? a.row),
      range: b !== null,
      start: m.index,
      end: m.index + m[0].length,
      prefix: sheetPart ? `${sheetPart}!` : '',
      a,
      b,
    });
  }
  return out;
}

/** True when `ref` points at `sheet` for a formula living on `home`. */
export function refersTo(ref: FormulaRef, sheet: string, home: string): boolean {
  return (ref.sheet ?? home).toLowerCase() === sheet.toLowerCase();
}

/** Rows after deleting `deleted` (sorted ascending): the new number of row r, or null if deleted. */
export function shiftRow(r: number, deleted: readonly number[]): number | null {
  let below = 0;
  for (const d of deleted) {
    if (d === r) return null;
    if (d < r) below++;
    else break;
  }
  return r - below;
}

/**
 * The formula after deleting rows `deleted` (sorted ascending) of sheet `sheet`, for a
 * formula living on sheet `home`. A range loses the deleted rows; a reference to a deleted
 * cell becomes `#REF!` (clean-up never deletes such a row).
 */
export function shiftFormula(formula: string, home: string, sheet: string, deleted: readonly number[]): string {
  if (!deleted.length) return formula;
  const refs = formulaRefs(formula).filter((r) => refersTo(r, sheet, home));
  if (!refs.length) return formula;
  let out = '';
  let at = 0;
  for (const ref of refs) {
    out += formula.slice(at, ref.start);
    at = ref.end;
    if (!ref.b) {
      const n = shiftRow(ref.a.row, deleted);
      out += n === null ? '#REF!' : `${ref.prefix}${ref.a.col}${ref.a.absRow ? '$' : ''}${n}`;
      continue;
    }
    let top = ref.top;
    let bottom = ref.bottom;
    while (top <= bottom && shiftRow(top, deleted) === null) top++;
    while (bottom >= top && shiftRow(bottom, deleted) === null) bottom--;
    if (top > bottom) {
      out += '#REF!';
      continue;
    }
    const upper = ref.a.row <= ref.b.row ? ref.a : ref.b;
    const lower = upper === ref.a ? ref.b : ref.a;
    out += `${ref.prefix}${upper.col}${upper.absRow ? '$' : ''}${shiftRow(top, deleted)}:${lower.col}${lower.absRow ? '$' : ''}${shiftRow(bottom, deleted)}`;
  }
  return out + formula.slice(at);
}
