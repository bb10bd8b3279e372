/**
 * The parts around a worksheet that name its rows or cells, as clean-up patches them:
 * notes (`comments*.xml`) and their VML shapes, threaded comments, drawing anchors, table
 * ranges, chart series formulas and defined names. Each function takes a part's text and
 * returns the new text (the same string when nothing changes).
 */
import { shiftFormula, shiftRow, type Deletions } from './formula';
import { cellRef, escapeText, parseCell, setAttr, shiftArea, survivorRow, unescapeXml } from './refs';
import { applySplices, walkXml, type Splice, type XmlElement } from './xml';

/** One span of text with its start tag, as the walkers collect them. */
interface Span {
  readonly el: XmlElement;
  closeStart: number;
  end: number;
}

/** Walk `xml`, keeping the elements `want` selects with their ends. */
function collect(xml: string, want: (el: XmlElement, ancestors: readonly string[]) => boolean): Span[] {
  const out: Span[] = [];
  const frames: (Span | null)[] = [];
  const names: string[] = [];
  walkXml(xml, {
    open(el) {
      const span = want(el, names) ? { el, closeStart: el.openEnd, end: el.openEnd } : null;
      if (span) out.push(span);
      frames.push(span);
      names.push(el.name);
    },
    close(_el, closeStart, end) {
      names.pop();
      const f = frames.pop();
      if (f) {
        f.closeStart = closeStart;
        f.end = end;
      }
    },
  });
  return out;
}

function textOf(xml: string, s: Span): string {
  return unescapeXml(xml.slice(s.el.openEnd, s.closeStart));
}

// ---------------------------------------------------------------------------------------
// Notes

/** A legacy comments part: notes at `remove` (A1 refs before deletion) go, the rest follow their rows. */
export function patchComments(xml: string, remove: ReadonlySet<string>, deleted: readonly number[]): { xml: string; left: number } {
  const comments = collect(xml, (el) => el.name === 'comment' && el.parent === 'commentList');
  const splices: Splice[] = [];
  let left = 0;
  comments.forEach((c, i) => {
    const ref = c.el.attributes.ref ?? '';
    const at = parseCell(ref);
    if (remove.has(ref.toUpperCase()) || (at && shiftRow(at.row, deleted) === null)) {
      splices.push({ start: c.el.start, end: c.end, text: '', order: i });
      return;
    }
    left++;
    const next = at ? cellRef(shiftRow(at.row, deleted)!, at.col) : ref;
    if (next !== ref) splices.push({ start: c.el.start, end: c.el.openEnd, text: setAttr(xml.slice(c.el.start, c.el.openEnd), 'ref', next), order: i });
  });
  return { xml: applySplices(xml, splices), left };
}

/**
 * The VML drawing of a sheet's notes: the shapes of removed notes go (`remove`: A1 refs
 * before deletion), the others follow their rows (`x:Row`, and the rows of `x:Anchor`).
 * Returns how many shapes are left.
 */
export function patchVml(xml: string, remove: ReadonlySet<string>, deleted: readonly number[]): { xml: string; left: number } {
  // VML is not always well-formed XML (legacy `<br>`): shapes are found by text, under any
  // prefix (Excel writes `v:`/`x:`, openpyxl `ns0:`/`ns2:`).
  const splices: Splice[] = [];
  let left = 0;
  const shape = /<([\w.-]+:)?shape\b[\s\S]*?<\/\1shape>/g;
  const tag = (name: string): RegExp => new RegExp(`(<([\\w.-]+:)?${name}>\\s*)([^<]*?)(\\s*<\\/\\2${name}>)`);
  let order = 0;
  for (let m = shape.exec(xml); m; m = shape.exec(xml)) {
    const text = m[0];
    const row = tag('Row').exec(text);
    const col = tag('Column').exec(text);
    if (!row || !col || !/^\d+$/.test(row[3]) || !/^\d+$/.test(col[3])) {
      left++;
      continue;
    }
    const r = Number(row[3]) + 1;
    const ref = cellRef(r, Number(col[3]) + 1);
    if (remove.has(ref) || shiftRow(r, deleted) === null) {
      splices.push({ start: m.index, end: m.index + text.length, text: '', order: order++ });
      continue;
    }
    left++;
    if (!deleted.length) continue;
    let next = text.replace(tag('Row'), (_a, p: string, _q: string, n: string, end: string) => `${p}${shiftRow(Number(n) + 1, deleted)! - 1}${end}`);
    next = next.replace(tag('Anchor'), (all: string, p: string, _q: string, body: string, end: string) => {
      const v = body.split(',').map((x) => x.trim());
      if (v.length !== 8) return all;
      v[2] = String(survivorRow(Number(v[2]) + 1, deleted) - 1);
      v[6] = String(survivorRow(Number(v[6]) + 1, deleted) - 1);
      return `${p}${v.join(', ')}${end}`;
    });
    if (next !== text) splices.push({ start: m.index, end: m.index + text.length, text: next, order: order++ });
  }
  return { xml: applySplices(xml, splices), left };
}

/** Threaded comments (Excel 365): their `ref` follows the rows; those on deleted rows go. */
export function patchThreadedComments(xml: string, deleted: readonly number[]): string {
  if (!deleted.length) return xml;
  const splices: Splice[] = [];
  collect(xml, (el) => el.name === 'threadedComment').forEach((c, i) => {
    const ref = c.el.attributes.ref ?? '';
    const at = parseCell(ref);
    if (!at) return;
    const n = shiftRow(at.row, deleted);
    if (n === null) splices.push({ start: c.el.start, end: c.end, text: '', order: i });
    else if (n !== at.row) splices.push({ start: c.el.start, end: c.el.openEnd, text: setAttr(xml.slice(c.el.start, c.el.openEnd), 'ref', cellRef(n, at.col)), order: i });
  });
  return applySplices(xml, splices);
}

// ---------------------------------------------------------------------------------------
// Drawings

/**
 * A drawing part (`xdr:wsDr`): each anchor's `from`/`to` rows (0-based) follow the rows;
 * an edge on a deleted row moves to the next row that stays. `absoluteAnchor`s and
 * anchors set to `editAs="absolute"` do not move, as in Excel.
 */
export function patchDrawing(xml: string, deleted: readonly number[]): string {
  if (!deleted.length) return xml;
  const rows = collect(xml, (el, anc) => el.name === 'row' && (el.parent === 'from' || el.parent === 'to') && anc.includes('wsDr') && !anc.includes('absoluteAnchor'));
  const absolute = collect(xml, (el) => el.name === 'twoCellAnchor' && el.attributes.editAs === 'absolute');
  const splices: Splice[] = [];
  rows.forEach((s, i) => {
    if (absolute.some((a) => s.el.start > a.el.start && s.el.start < a.end)) return;
    const r = Number(textOf(xml, s).trim());
    if (!Number.isInteger(r)) return;
    const n = survivorRow(r + 1, deleted) - 1;
    if (n !== r) splices.push({ start: s.el.openEnd, end: s.closeStart, text: String(n), order: i });
  });
  return applySplices(xml, splices);
}

/** Rows (1-based) the anchors of a drawing start and end on, for the review. */
export function drawingSpans(xml: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const anchors = collect(xml, (el) => el.name === 'twoCellAnchor');
  const rows = collect(xml, (el) => el.name === 'row' && (el.parent === 'from' || el.parent === 'to'));
  for (const a of anchors) {
    const inside = rows.filter((r) => r.el.start > a.el.start && r.el.start < a.end).map((r) => Number(textOf(xml, r).trim()) + 1);
    if (inside.length === 2) out.push({ from: inside[0], to: inside[1] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Tables, charts, names

/** A table part (`xl/tables/tableN.xml`) on a sheet losing rows: its ranges shrink and move. */
export function patchTable(xml: string, deleted: readonly number[]): string {
  if (!deleted.length) return xml;
  const splices: Splice[] = [];
  collect(xml, (el) => (el.name === 'table' || el.name === 'autoFilter' || el.name === 'sortState' || el.name === 'sortCondition') && el.attributes.ref !== undefined).forEach((s, i) => {
    const ref = s.el.attributes.ref!;
    const next = shiftArea(ref, deleted) ?? ref;
    if (next !== ref) splices.push({ start: s.el.start, end: s.el.openEnd, text: setAttr(xml.slice(s.el.start, s.el.openEnd), 'ref', next), order: i });
  });
  return applySplices(xml, splices);
}

/** Formulas in elements named `f` (chart series `c:f`, `cx:f`): references follow the deleted rows. */
export function patchFormulaTexts(xml: string, deletions: Deletions, home = ''): string {
  const splices: Splice[] = [];
  collect(xml, (el) => el.name === 'f' && !el.selfClosing).forEach((s, i) => {
    const text = textOf(xml, s);
    const next = shiftFormula(text, home, deletions);
    if (next !== text) splices.push({ start: s.el.openEnd, end: s.closeStart, text: escapeText(next, xml.slice(s.el.openEnd, s.closeStart)), order: i });
  });
  return applySplices(xml, splices);
}

/** The references in `f` texts of a part, for the review (chart series naming a sheet). */
export function formulaTexts(xml: string): string[] {
  return collect(xml, (el) => el.name === 'f' && !el.selfClosing).map((s) => textOf(xml, s));
}

