/**
 * Cell references outside formulas (`ref`, `sqref`, `activeCell`, `topLeftCell` attributes,
 * drawing anchors) after rows are deleted, and the XML helpers the structural writer uses
 * to change one attribute or one text without touching the rest of an element.
 */
import { columnLetters } from '../../core';
import { shiftRow, shiftSpan } from './formula';
import { escapeXml } from './xml';

const END = /^(\$?[A-Za-z]{1,3})?(\$?)(\d+)?$/;

/**
 * One area of an `sqref`/`ref` (`B12`, `A1:I40`, `$4:$6`) after `deleted` rows go: the same
 * text when nothing moves, null when every row of it is deleted. Whole columns do not move.
 */
export function shiftArea(text: string, deleted: readonly number[]): string | null {
  if (!deleted.length) return text;
  const [a, b, extra] = text.split(':');
  if (extra !== undefined) return text;
  const ma = END.exec(a);
  const mb = b === undefined ? ma : END.exec(b);
  if (!ma || !mb || !ma[3] || !mb[3]) return text;
  const r1 = Number(ma[3]);
  const r2 = Number(mb[3]);
  const span = shiftSpan(Math.min(r1, r2), Math.max(r1, r2), deleted);
  if (!span) return null;
  const n1 = r1 <= r2 ? span.top : span.bottom;
  const n2 = r1 <= r2 ? span.bottom : span.top;
  if (n1 === r1 && n2 === r2) return text;
  const first = `${ma[1] ?? ''}${ma[2]}${n1}`;
  return b === undefined ? first : `${first}:${mb[1] ?? ''}${mb[2]}${n2}`;
}

/** A space-separated list of areas after deletion; '' when none is left. */
export function shiftSqref(sqref: string, deleted: readonly number[]): string {
  if (!deleted.length) return sqref;
  const parts = sqref.trim().split(/\s+/);
  const out: string[] = [];
  for (const p of parts) {
    const s = shiftArea(p, deleted);
    if (s !== null) out.push(s);
  }
  return out.join(' ');
}

/** One cell (`B12`) after deletion: a deleted cell moves to the next surviving row (clamped). */
export function shiftCellToSurvivor(cell: string, deleted: readonly number[]): string {
  const m = /^(\$?[A-Za-z]{1,3}\$?)(\d+)$/.exec(cell);
  if (!m) return cell;
  const r = Number(m[2]);
  const n = survivorRow(r, deleted);
  return n === r ? cell : `${m[1]}${n}`;
}

/** Where row `r` lands: its new number, or the next surviving row's (the last row's when none follows). */
export function survivorRow(r: number, deleted: readonly number[]): number {
  let x = r;
  const set = new Set(deleted);
  while (set.has(x)) x++;
  const n = shiftRow(x, deleted);
  return n === null ? Math.max(1, r - deleted.filter((d) => d < r).length) : n;
}

/** `(row, col)` → `H12`. */
export function cellRef(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** Column and row of a cell reference (`$AB$12`), or undefined. */
export function parseCell(ref: string | undefined): { row: number; col: number } | undefined {
  if (!ref) return undefined;
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

// ---------------------------------------------------------------------------------------
// Raw tag edits: change one attribute and leave every other byte of the tag as written.

const PATTERNS = new Map<string, RegExp>();

function attrPattern(name: string): RegExp {
  let re = PATTERNS.get(name);
  if (!re) {
    re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)(["'])([^"']*)\\2`);
    PATTERNS.set(name, re);
  }
  return re;
}

/** The start tag with attribute `name` set to `value` (added before the tag's end when absent). */
export function setAttr(tag: string, name: string, value: string): string {
  const re = attrPattern(name);
  const escaped = escapeXml(value);
  if (re.test(tag)) return tag.replace(re, (_m, pre: string, q: string) => `${pre}${q}${escaped}${q}`);
  return tag.replace(/(\s*\/?>)$/, ` ${name}="${escaped}"$1`);
}

/** The start tag without attribute `name`. */
export function dropAttr(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(["'])[^"']*\\1`), '');
}

/** XML text content as characters (the five entities and character references decoded). */
export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/**
 * Text content for an element (`<`, `>`, `&` escaped). Quotes stay as they are, unless the
 * text it replaces (`like`, as written) spelt them as entities: then so does the new text,
 * so a rewritten name or formula differs from the old only where its references do.
 */
export function escapeText(s: string, like = ''): string {
  const apos = like.includes('&apos;');
  const quot = like.includes('&quot;');
  return s.replace(/[&<>'"]/g, (c) => {
    if (c === '&') return '&amp;';
    if (c === '<') return '&lt;';
    if (c === '>') return '&gt;';
    if (c === "'") return apos ? '&apos;' : c;
    return quot ? '&quot;' : c;
  });
}
