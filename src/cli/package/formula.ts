/**
 * Formula references for clean-up's structural edits, on a real Excel formula tokenizer
 * (@borgar/fx, "utilities for working with Excel formulas": strings, quoted and unquoted
 * sheet prefixes, 3-D and external references, whole rows and columns, `$`, structured
 * and defined names). Only the reference tokens are rewritten; every other character of
 * the formula stays as written.
 *
 * Row deletion follows Excel: a reference below a deleted row moves up, a range loses the
 * deleted rows (and is `#REF!` when none is left), a reference to a deleted cell is
 * `#REF!`. Whole columns (`A:A`) do not change; whole rows (`$4:$6`) do.
 */
import { parseA1Ref, tokenize, translateFormulaToA1, translateFormulaToR1C1 } from '@borgar/fx';

import { cleanup, columnLetters } from '../../core';

/** Rows deleted per sheet: lower-cased sheet name → ascending row numbers (1-based). */
export type Deletions = ReadonlyMap<string, readonly number[]>;

/** The new number of row `r` after deleting `deleted` (ascending); null when `r` itself is deleted. */
export const shiftRow = cleanup.shiftRow;

/** The rows `top..bottom` after deletion, or null when every one of them is deleted. */
export function shiftSpan(top: number, bottom: number, deleted: readonly number[]): { top: number; bottom: number } | null {
  let t = top;
  let b = bottom;
  while (t <= b && shiftRow(t, deleted) === null) t++;
  while (b >= t && shiftRow(b, deleted) === null) b--;
  if (t > b) return null;
  return { top: shiftRow(t, deleted)!, bottom: shiftRow(b, deleted)! };
}

interface Range {
  top: number | null;
  left: number | null;
  bottom: number | null;
  right: number | null;
  $top: boolean;
  $left: boolean;
  $bottom: boolean;
  $right: boolean;
}

/** A reference token: where it sits in the formula, what it names. */
export interface RefToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Everything up to and including `!` as written (`'项目 1'!`), or ''. */
  readonly prefix: string;
  /** The sheet it names (the formula's own when unqualified); `a:b` for a 3-D reference. */
  readonly sheet: string;
  readonly external: boolean;
  /** 0-based, as the tokenizer gives them; null for an open side (`A:A` has no rows). */
  readonly range: Range;
}

export interface FormulaToken {
  readonly type: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** The formula's tokens with their offsets (the values concatenate back to the formula). */
export function tokens(formula: string): FormulaToken[] {
  const out: FormulaToken[] = [];
  let at = 0;
  for (const t of tokenize(formula, { mergeRefs: true, allowTernary: false, negativeNumbers: false })) {
    out.push({ type: t.type, value: t.value, start: at, end: at + t.value.length });
    at += t.value.length;
  }
  if (at !== formula.length) throw new Error(`formula tokens do not cover the formula: ${formula}`);
  return out;
}

const REF_TYPES = new Set(['range', 'range_beam']);

/** The references of `formula`, a formula living on sheet `home`. */
export function references(formula: string, home: string): RefToken[] {
  const out: RefToken[] = [];
  for (const t of tokens(formula)) {
    if (!REF_TYPES.has(t.type)) continue;
    // `context`: [] (own sheet), [sheet] or [workbook, sheet] (an external reference).
    const ref = parseA1Ref(t.value, { allowTernary: false }) as { context?: string[]; range?: Range } | undefined;
    if (!ref || !ref.range) continue;
    const context = ref.context ?? [];
    const bang = t.value.lastIndexOf('!');
    out.push({
      start: t.start,
      end: t.end,
      text: t.value,
      prefix: bang < 0 ? '' : t.value.slice(0, bang + 1),
      sheet: context.length ? context[context.length - 1] : home,
      external: context.length > 1,
      range: ref.range,
    });
  }
  return out;
}

function rowText(row: number, abs: boolean): string {
  return `${abs ? '$' : ''}${row + 1}`;
}

function colText(col: number, abs: boolean): string {
  return `${abs ? '$' : ''}${columnLetters(col + 1)}`;
}

/** A1 text of a range (0-based, open sides null) with its `$` flags. */
export function rangeText(r: Range): string {
  if (r.top === null || r.bottom === null) return `${colText(r.left!, r.$left)}:${colText(r.right!, r.$right)}`;
  if (r.left === null || r.right === null) return `${rowText(r.top, r.$top)}:${rowText(r.bottom, r.$bottom)}`;
  const a = `${colText(r.left, r.$left)}${rowText(r.top, r.$top)}`;
  if (r.top === r.bottom && r.left === r.right) return a;
  return `${a}:${colText(r.right, r.$right)}${rowText(r.bottom, r.$bottom)}`;
}

function is3d(sheet: string): boolean {
  return sheet.includes(':');
}

/**
 * The anchor of a conditional format or data validation formula: relative references in it
 * are offsets from the top-left cell of the area it applies to, which moves from row `from`
 * to row `to` (ECMA-376 Part 1 §18.3.1.10).
 */
export interface Anchor {
  readonly from: number;
  readonly to: number;
}

/** What a reference becomes after `deleted` rows of its sheet go: new text, or '#REF!'. */
function shiftedRef(ref: RefToken, deleted: readonly number[], anchor?: Anchor): string {
  const r = ref.range;
  if (anchor && r.top !== null && r.bottom !== null && (!r.$top || !r.$bottom)) {
    // Relative rows keep their offset from the anchor; absolute rows move as any reference.
    const at = (row: number, abs: boolean): number | null => (abs ? shiftRow(row + 1, deleted) : anchor.to + (row + 1 - anchor.from));
    const top = at(r.top, r.$top);
    const bottom = at(r.bottom, r.$bottom);
    if (top === null || bottom === null || top < 1 || bottom < 1) return `${ref.prefix}#REF!`;
    if (top === r.top + 1 && bottom === r.bottom + 1) return ref.text;
    return `${ref.prefix}${rangeText({ ...r, top: top - 1, bottom: bottom - 1 })}`;
  }
  if (r.top === null || r.bottom === null) return ref.text; // whole columns
  const single = r.top === r.bottom && (r.left === null || r.left === r.right);
  const top = Math.min(r.top, r.bottom) + 1;
  const bottom = Math.max(r.top, r.bottom) + 1;
  if (single && r.left !== null) {
    const n = shiftRow(top, deleted);
    if (n === null) return `${ref.prefix}#REF!`;
    return n === top ? ref.text : `${ref.prefix}${rangeText({ ...r, top: n - 1, bottom: n - 1 })}`;
  }
  const span = shiftSpan(top, bottom, deleted);
  if (!span) return `${ref.prefix}#REF!`;
  if (span.top === top && span.bottom === bottom) return ref.text;
  return `${ref.prefix}${rangeText({ ...r, top: span.top - 1, bottom: span.bottom - 1 })}`;
}

/**
 * The formula after rows are deleted (`deletions`, any sheets), for a formula living on
 * sheet `home`. 3-D and external references are left alone (the review refuses deletions
 * a 3-D reference spans). A single-cell range written with the range operator between two
 * tokens (`H12 : H18`, `Sheet1!A1:Sheet1!B2`) is shifted as one range.
 */
export function shiftFormula(formula: string, home: string, deletions: Deletions, anchor?: Anchor): string {
  if (!deletions.size) return formula;
  const toks = tokens(formula);
  const out: string[] = [];
  let at = 0;
  const refOf = (t: FormulaToken): RefToken | undefined => (REF_TYPES.has(t.type) ? references(t.value, home)[0] : undefined);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const ref = refOf(t);
    if (!ref || ref.external || is3d(ref.sheet)) continue;
    const deleted = deletions.get(ref.sheet.toLowerCase());
    if (!deleted) continue;
    const own = anchor && ref.sheet.toLowerCase() === home.toLowerCase() ? anchor : undefined;
    // `A1 : B2` joined by the range operator: one range.
    let j = i + 1;
    while (j < toks.length && toks[j].type === 'whitespace') j++;
    if (toks[j]?.type === 'operator' && toks[j].value === ':') {
      let k = j + 1;
      while (k < toks.length && toks[k].type === 'whitespace') k++;
      const other = toks[k] ? refOf(toks[k]) : undefined;
      if (!own && other && !other.external && other.sheet.toLowerCase() === ref.sheet.toLowerCase() && ref.range.left !== null && other.range.left !== null && ref.range.top !== null && other.range.top !== null) {
        const top = Math.min(ref.range.top, other.range.top!) + 1;
        const bottom = Math.max(ref.range.bottom!, other.range.bottom!) + 1;
        const span = shiftSpan(top, bottom, deleted);
        out.push(formula.slice(at, t.start));
        if (!span) out.push(`${ref.prefix}#REF!`);
        else {
          const upperIsFirst = ref.range.top <= other.range.top!;
          const first = { ...ref.range, top: (upperIsFirst ? span.top : span.bottom) - 1, bottom: (upperIsFirst ? span.top : span.bottom) - 1 };
          const second = { ...other.range, top: (upperIsFirst ? span.bottom : span.top) - 1, bottom: (upperIsFirst ? span.bottom : span.top) - 1 };
          out.push(`${ref.prefix}${rangeText(first)}${formula.slice(t.end, toks[k].start)}${other.prefix}${rangeText(second)}`);
        }
        at = toks[k].end;
        i = k;
        continue;
      }
    }
    const next = shiftedRef(ref, deleted, own);
    if (next === ref.text) continue;
    out.push(formula.slice(at, t.start), next);
    at = t.end;
  }
  if (!out.length) return formula;
  return out.join('') + formula.slice(at);
}

/**
 * A formula written relative to `from` (row/col 1-based) as it reads at `to`: how a shared
 * formula's master text applies to the other cells of its range (ECMA-376 §18.3.1.40).
 */
export function translateFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  if (from.row === to.row && from.col === to.col) return formula;
  const a1 = (p: { row: number; col: number }): string => `${columnLetters(p.col)}${p.row}`;
  return translateFormulaToA1(translateFormulaToR1C1(formula, a1(from)), a1(to));
}

// ---------------------------------------------------------------------------------------
// What cannot be adjusted

/** A reference made of text or offsets, which no rewrite of the formula can follow. */
export interface OpaqueRef {
  readonly fn: 'INDIRECT' | 'OFFSET';
  /** The call as written (for messages). */
  readonly text: string;
  /** The sheet it points into, or null when it cannot be known. */
  readonly sheet: string | null;
  /** Rows whose deletion moves what it points at: deleting a row ≤ this changes its target; Infinity when unknown. */
  readonly lastRow: number;
  /** For OFFSET: the first row of its reach (a deleted row at or after it, up to lastRow, breaks it). */
  readonly firstRow: number;
}

/** The INDIRECT and OFFSET calls of a formula and what they reach. */
export function opaqueRefs(formula: string, home: string): OpaqueRef[] {
  if (!/INDIRECT|OFFSET/i.test(formula)) return [];
  const toks = tokens(formula).filter((t) => t.type !== 'whitespace');
  const out: OpaqueRef[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.type !== 'func') continue;
    const fn = t.value.toUpperCase().replace(/^_XLFN\./, '');
    if (fn !== 'INDIRECT' && fn !== 'OFFSET') continue;
    // Arguments at depth 1 of this call.
    const args: FormulaToken[][] = [[]];
    let depth = 0;
    let end = i + 1;
    for (let j = i + 1; j < toks.length; j++) {
      const v = toks[j];
      if (v.type === 'operator' && (v.value === '(' || v.value === '{')) depth++;
      else if (v.type === 'operator' && (v.value === ')' || v.value === '}')) {
        depth--;
        if (depth === 0) {
          end = j;
          break;
        }
      } else if (depth === 1 && v.type === 'operator' && v.value === ',') {
        args.push([]);
        continue;
      }
      if (depth >= 1 && !(depth === 1 && v.value === '(' && j === i + 1)) args[args.length - 1].push(v);
    }
    const text = formula.slice(t.start, toks[end]?.end ?? formula.length);
    if (fn === 'INDIRECT') out.push(indirect(args, home, text));
    else out.push(offset(args, home, text));
  }
  return out;
}

const UNKNOWN = (fn: OpaqueRef['fn'], text: string): OpaqueRef => ({ fn, text, sheet: null, lastRow: Infinity, firstRow: 1 });

function indirect(args: FormulaToken[][], home: string, text: string): OpaqueRef {
  const a = args[0] ?? [];
  // A literal A1 reference (second argument absent or TRUE): we know exactly where it points.
  const a1 = args.length < 2 || (args[1].length === 1 && /^(TRUE|1)$/i.test(args[1][0].value));
  if (a.length === 1 && a[0].type === 'string' && a1) {
    const literal = a[0].value.slice(1, -1).replace(/""/g, '"');
    const ref = references(literal, home)[0];
    if (ref && ref.text === literal && !ref.external && !is3d(ref.sheet)) {
      const r = ref.range;
      if (r.top === null || r.bottom === null) return { fn: 'INDIRECT', text, sheet: ref.sheet, lastRow: 0, firstRow: 1 };
      return { fn: 'INDIRECT', text, sheet: ref.sheet, lastRow: Math.max(r.top, r.bottom) + 1, firstRow: 1 };
    }
  }
  return UNKNOWN('INDIRECT', text);
}

function literalNumber(arg: FormulaToken[] | undefined, fallback: number | null): number | null {
  if (!arg || arg.length === 0) return fallback;
  if (arg.length === 1 && arg[0].type === 'number') return Number(arg[0].value);
  if (arg.length === 2 && arg[0].value === '-' && arg[1].type === 'number') return -Number(arg[1].value);
  return null;
}

function offset(args: FormulaToken[][], home: string, text: string): OpaqueRef {
  const base = args[0] ?? [];
  const ref = base.length === 1 && REF_TYPES.has(base[0].type) ? references(base[0].value, home)[0] : undefined;
  if (!ref || ref.external || is3d(ref.sheet) || ref.range.top === null || ref.range.bottom === null) return UNKNOWN('OFFSET', text);
  const rows = literalNumber(args[1], 0);
  const baseTop = Math.min(ref.range.top, ref.range.bottom) + 1;
  const baseHeight = Math.abs(ref.range.bottom - ref.range.top) + 1;
  const height = literalNumber(args[3], baseHeight);
  if (rows === null || height === null) return { fn: 'OFFSET', text, sheet: ref.sheet, lastRow: Infinity, firstRow: baseTop };
  const top = baseTop + rows;
  const bottom = top + height - 1;
  // Deleting a row strictly between the base and the far end of the reach moves the target
  // relative to the base; a row outside that span shifts both alike.
  const first = Math.min(baseTop, top);
  const last = Math.max(baseTop + baseHeight - 1, bottom);
  if (rows === 0 && height === baseHeight) return { fn: 'OFFSET', text, sheet: ref.sheet, lastRow: 0, firstRow: first };
  return { fn: 'OFFSET', text, sheet: ref.sheet, lastRow: last, firstRow: first };
}

/** True when deleting `rows` of `sheet` changes what `o` points at. */
export function breaks(o: OpaqueRef, sheet: string, rows: readonly number[]): boolean {
  if (o.sheet !== null && o.sheet.toLowerCase() !== sheet.toLowerCase()) return false;
  return rows.some((r) => r >= o.firstRow && r <= o.lastRow);
}
