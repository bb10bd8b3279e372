/**
 * One cell through the WPS object model: read the aspects a change names (value, formula,
 * number format, fill, note) and write them. Conversions live here and only here: BGR colours
 * (`Interior.Color`) ⇄ ARGB, comments (批注) ⇄ notes, text that WPS would parse (a number, a
 * date, a formula) written with a leading apostrophe so it stays text.
 */
import { bgrToHex, hexToBgr, normalFormat, rawValue, type RawValue } from './read';
import { XL, type WpsRange } from './types';

/** The aspects of a cell a change can name (core/changes.ts `CellState`). */
export interface CellAspects {
  readonly value?: RawValue;
  readonly formula?: string | null;
  readonly numFmt?: string;
  /** ARGB, null for none. */
  readonly fill?: string | null;
  readonly note?: string | null;
}

export type AspectName = keyof CellAspects;

/** ARGB (`FFFFCCD1`) or `#RRGGBB` → BGR integer. */
export const argbToBgr = (argb: string): number => hexToBgr(argb);

/** BGR integer → ARGB (`FFRRGGBB`). */
export const bgrToArgb = (bgr: number): string => 'FF' + bgrToHex(bgr).slice(1);

/**
 * Text WPS would turn into something else when assigned to `Value2` (as typing it would): a
 * formula, a number, a percentage, a date, a boolean. Such text is written after an apostrophe,
 * which WPS keeps out of the value (VBA `PrefixCharacter`).
 */
export function wouldParse(text: string): boolean {
  const t = text.trim();
  if (/^[=+\-@']/.test(text)) return true;
  if (/^[(（]?[-+]?[$¥￥]?\s*[\d,，]*\.?\d+([eE][-+]?\d+)?\s*[%％]?[)）]?$/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  if (/^\d{1,4}\s*[-/.年]\s*\d{1,2}\s*(月|[-/.]\s*\d{1,2}|月\s*\d{1,2}\s*日?)?$/.test(t) || /^\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(t)) return true;
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(t)) return true;
  return false;
}

/** The value to assign to `Value2` so that the cell holds exactly `v`. */
export function toValue2(v: RawValue): RawValue {
  return typeof v === 'string' && v !== '' && wouldParse(v) ? `'${v}` : v;
}

/** The aspects asked for, as the cell holds them now. */
export function readAspects(range: WpsRange, aspects: readonly AspectName[]): CellAspects {
  const out: { -readonly [K in AspectName]?: CellAspects[K] } = {};
  if (aspects.includes('value') || aspects.includes('formula')) {
    const f = range.Formula;
    const v = rawValue(range.Value2);
    const formula = typeof f === 'string' && f.startsWith('=') && f.length > 1 && f !== v ? f : null;
    if (aspects.includes('value')) out.value = v;
    if (aspects.includes('formula')) out.formula = formula;
  }
  if (aspects.includes('numFmt')) out.numFmt = normalFormat(range.NumberFormat);
  if (aspects.includes('fill')) {
    const interior = range.Interior;
    out.fill = interior.Pattern === XL.none ? null : bgrToArgb(Number(interior.Color));
  }
  if (aspects.includes('note')) {
    const c = range.Comment;
    out.note = c ? c.Text() : null;
  }
  return out;
}

/** Write the aspects `after` names; the others are left as they are. */
export function writeAspects(range: WpsRange, after: CellAspects): void {
  if (after.numFmt !== undefined) range.NumberFormat = after.numFmt || 'General';
  if (after.formula !== undefined && after.formula !== null) range.Formula = after.formula;
  else if (after.value !== undefined) range.Value2 = toValue2(after.value);
  if (after.fill !== undefined) {
    if (after.fill === null) range.Interior.Pattern = XL.none;
    else range.Interior.Color = argbToBgr(after.fill);
  }
  if (after.note !== undefined) {
    const existing = range.Comment;
    if (existing) existing.Delete();
    if (after.note !== null) range.AddComment(after.note);
  }
}
