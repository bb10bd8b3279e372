import Decimal from 'decimal.js';
import { address } from '../grid';
import { normalizeText } from '../values/normalize';
import type { NumberCell, TextCell } from './types';
import { trimNumber, type SheetView } from './view';

/** Unit and score suffixes tolerated after a number typed as text: `20分`, `6万元`, `10 元`. */
const NUMBER_TEXT = /^([+-]?\d+(?:\.\d+)?)(%|分|万元|元)?$/;

/**
 * Read the cell at (r, c) (merged areas resolve to their top-left) as a number.
 * Numbers typed as text are accepted and flagged `fromText`; anything else (dates,
 * booleans, errors, prose) reads as null but keeps its raw value for the findings.
 */
export function readNumber(view: SheetView, r: number, c: number): NumberCell {
  const a = view.anchor(r, c);
  const cell = view.raw(a.row, a.col);
  const raw = cell?.value ?? { t: 'empty' as const };
  const base = {
    row: a.row,
    col: a.col,
    cell: address(a.row, a.col),
    raw,
    formula: cell?.formula,
    numFmt: cell?.numFmt,
  };
  if (raw.t === 'number') {
    return {
      ...base,
      value: Number.isFinite(raw.v) ? new Decimal(trimNumber(raw.v)) : null,
      fromText: false,
      percent: !!cell?.numFmt?.includes('%'),
    };
  }
  if (raw.t === 'text') {
    const s = normalizeText(raw.v);
    const m = NUMBER_TEXT.exec(s);
    if (m) return { ...base, value: new Decimal(m[1]), fromText: true, percent: m[2] === '%' };
  }
  return { ...base, value: null, fromText: false, percent: false };
}

/** True when the cell holds nothing a person would read (empty or whitespace). */
export function isBlankNumber(n: NumberCell | null | undefined): boolean {
  return !n || (n.raw.t === 'empty' || (n.raw.t === 'text' && normalizeText(n.raw.v) === ''));
}

export function readText(view: SheetView, r: number, c: number): TextCell {
  const a = view.anchor(r, c);
  return { text: view.text(r, c), cell: address(a.row, a.col) };
}
