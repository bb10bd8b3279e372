/**
 * One worksheet part under clean-up: cell values and formats, fills removed, merges undone
 * and redone, and rows deleted, by splicing the part's text. Rows below a deleted row move
 * up with everything that names them inside the part: cell and row `r`, formulas (shared
 * ones are expanded when they no longer translate from their master), merges, conditional
 * formats and data validations (their areas and formulas, x14 extensions included),
 * hyperlinks, row breaks, ignored errors, the dimension, panes and selections, auto
 * filters. Formulas that name rows deleted on other sheets are adjusted too.
 *
 * Every element nothing happens to keeps its bytes.
 */
import { dateToSerial, type CellValue } from '../../core';
import { shiftFormula, shiftRow, translateFormula, type Anchor, type Deletions } from './formula';
import { cellRef, dropAttr, escapeText, parseCell, setAttr, shiftArea, shiftCellToSurvivor, shiftSqref, survivorRow, unescapeXml } from './refs';
import type { StylePatcher } from './styles';
import { applySplices, escapeXml, walkXml, type Splice, type XmlElement } from './xml';

/** What a cell becomes: its value, and its number format when that changes. */
export interface CellSet {
  readonly value: CellValue;
  /** The format code to set (`General` for none); undefined: the format stays. */
  readonly numFmt?: string;
}

export interface SheetEdits {
  /** Rows of this sheet to delete, ascending. */
  readonly deleted: readonly number[];
  /** New content per cell (`row:col`, coordinates before deletion). */
  readonly sets: ReadonlyMap<string, CellSet>;
  /** Cells whose fill goes (`row:col`, before deletion). */
  readonly fills: ReadonlySet<string>;
  /** Merged areas undone (A1, before deletion). */
  readonly unmerge: ReadonlySet<string>;
  /** Merged areas made (A1, after deletion). */
  readonly merge: readonly string[];
}

export const NO_EDITS: SheetEdits = { deleted: [], sets: new Map(), fills: new Set(), unmerge: new Set(), merge: [] };

export interface SheetContext {
  readonly name: string;
  /** Rows deleted on every sheet (lower-cased name → rows). */
  readonly deletions: Deletions;
  readonly styles: StylePatcher | null;
  readonly date1904: boolean;
}

export interface SheetResult {
  readonly xml: string;
  /** Relationship ids of hyperlinks removed with their rows. */
  readonly droppedRels: readonly string[];
  /** A formula cell moved or changed (the calculation chain is stale). */
  readonly formulasChanged: boolean;
}

interface FormulaInfo {
  readonly el: XmlElement;
  closeStart: number;
  end: number;
}

interface CellInfo {
  readonly row: number;
  readonly col: number;
  readonly el: XmlElement;
  end: number;
  f: FormulaInfo | null;
}

interface RowInfo {
  readonly r: number;
  readonly el: XmlElement;
  closeStart: number;
  end: number;
  readonly cells: CellInfo[];
}

/** An element owning an area and formulas relative to it (conditional format, validation, sparkline…). */
interface Owner {
  readonly el: XmlElement;
  end: number;
  /** Legacy: the `sqref` attribute; x14: the `xm:sqref` element's text span. */
  sqref: { text: string; start: number; end: number } | null;
  readonly formulas: { start: number; end: number }[];
  readonly anchored: boolean;
  readonly container: Container | null;
}

interface Container {
  readonly el: XmlElement;
  end: number;
  children: number;
}

const key = (row: number, col: number): string => `${row}:${col}`;

/** Owners whose formulas are relative to their area's top-left cell. */
const ANCHORED = new Set(['conditionalFormatting', 'dataValidation']);
const OWNERS = new Set([...ANCHORED, 'sparkline']);
const CONTAINERS = new Set(['dataValidations', 'hyperlinks', 'ignoredErrors', 'rowBreaks', 'mergeCells', 'protectedRanges', 'conditionalFormattings', 'sparklines']);
/** Elements outside sheetData that name cells of the sheet in attributes. */
const SIMPLE = new Set(['dimension', 'autoFilter', 'sortState', 'sortCondition', 'pane', 'selection', 'ignoredError', 'protectedRange', 'hyperlink', 'brk']);

interface ColStyle {
  readonly min: number;
  readonly max: number;
  readonly style: number | undefined;
}

export function patchWorksheet(xml: string, edits: SheetEdits, ctx: SheetContext): SheetResult {
  const deleted = edits.deleted;
  const gone = new Set(deleted);
  const home = ctx.name;
  const splices: Splice[] = [];
  let order = 0;
  const splice = (start: number, end: number, text: string): void => {
    splices.push({ start, end, text, order: order++ });
  };
  const droppedRels: string[] = [];
  let formulasChanged = false;

  // ---- scan: one frame per open element, so each close finds its own.
  let prefix = '';
  let sheetData: { el: XmlElement; closeStart: number; end: number } | null = null;
  const rows: RowInfo[] = [];
  let row: RowInfo | null = null;
  let cell: CellInfo | null = null;
  let lastRow = 0;
  let lastCol = 0;
  const merges: { el: XmlElement; end: number }[] = [];
  let mergeCells: Container | null = null;
  const owners: Owner[] = [];
  const ownerStack: Owner[] = [];
  const containerStack: Container[] = [];
  const simple: { el: XmlElement; end: number; parent: Container | null }[] = [];
  const colStyles: ColStyle[] = [];
  let textStart = -1;
  let dataOpen = false;
  type Frame = ((closeStart: number, end: number) => void) | null;
  const frames: Frame[] = [];

  walkXml(xml, {
    open(el) {
      let frame: Frame = null;
      const depth = el.depth;
      if (depth === 1 && el.name === 'sheetData') {
        prefix = el.prefix;
        const sd = { el, closeStart: el.openEnd, end: el.openEnd };
        sheetData = sd;
        dataOpen = true;
        frame = (closeStart, end) => {
          sd.closeStart = closeStart;
          sd.end = end;
          dataOpen = false;
        };
      } else if (dataOpen) {
        if (depth === 2 && el.name === 'row') {
          const r = Number(el.attributes.r ?? lastRow + 1);
          lastRow = r;
          lastCol = 0;
          const rw: RowInfo = { r, el, closeStart: el.openEnd, end: el.openEnd, cells: [] };
          row = rw;
          rows.push(rw);
          frame = (closeStart, end) => {
            rw.closeStart = closeStart;
            rw.end = end;
            row = null;
          };
        } else if (depth === 3 && el.name === 'c' && row) {
          const col = parseCell(el.attributes.r)?.col ?? lastCol + 1;
          lastCol = col;
          const c: CellInfo = { row: row.r, col, el, end: el.openEnd, f: null };
          cell = c;
          row.cells.push(c);
          frame = (_cs, end) => {
            c.end = end;
            cell = null;
          };
        } else if (depth === 4 && el.name === 'f' && cell) {
          const f: FormulaInfo = { el, closeStart: el.openEnd, end: el.openEnd };
          cell.f = f;
          frame = (closeStart, end) => {
            f.closeStart = closeStart;
            f.end = end;
          };
        }
      } else if (depth >= 1) {
        const top = containerStack.length ? containerStack[containerStack.length - 1] : null;
        const parent = top && el.depth === top.el.depth + 1 ? top : null;
        if (CONTAINERS.has(el.name)) {
          const c: Container = { el, end: el.openEnd, children: 0 };
          if (el.name === 'mergeCells') mergeCells = c;
          containerStack.push(c);
          frame = (_cs, end) => {
            c.end = end;
            containerStack.pop();
          };
        } else if (OWNERS.has(el.name)) {
          if (parent) parent.children++;
          const sq = el.attributes.sqref;
          const o: Owner = { el, end: el.openEnd, sqref: sq !== undefined ? { text: sq, start: -1, end: -1 } : null, formulas: [], anchored: ANCHORED.has(el.name), container: parent };
          owners.push(o);
          ownerStack.push(o);
          frame = (_cs, end) => {
            o.end = end;
            ownerStack.pop();
          };
        } else if (ownerStack.length && (el.name === 'sqref' || el.name === 'formula' || el.name === 'formula1' || el.name === 'formula2' || el.name === 'f')) {
          const o = ownerStack[ownerStack.length - 1];
          const isSqref = el.name === 'sqref';
          textStart = el.openEnd;
          const start = el.openEnd;
          frame = (closeStart) => {
            // `formula1` holding an `xm:f`: the inner element took the text.
            if (textStart !== start) return;
            if (isSqref) o.sqref = { text: unescapeXml(xml.slice(start, closeStart)).trim(), start, end: closeStart };
            else o.formulas.push({ start, end: closeStart });
            textStart = -1;
          };
        } else if (el.name === 'col' && el.parent === 'cols') {
          const st = el.attributes.style;
          colStyles.push({ min: Number(el.attributes.min), max: Number(el.attributes.max), style: st === undefined ? undefined : Number(st) });
        } else {
          if (parent) parent.children++;
          if (el.name === 'mergeCell') {
            const m = { el, end: el.openEnd };
            merges.push(m);
            frame = (_cs, end) => {
              m.end = end;
            };
          } else if (SIMPLE.has(el.name)) {
            const x = { el, end: el.openEnd, parent };
            simple.push(x);
            frame = (_cs, end) => {
              x.end = end;
            };
          }
        }
      }
      frames.push(frame);
    },
    close(_el, closeStart, end) {
      const frame = frames.pop();
      if (frame) frame(closeStart, end);
    },
  });

  // ---- helpers
  const removedChildren = new Map<Container, number>();
  const removeChild = (c: Container | null, start: number, end: number): void => {
    splice(start, end, '');
    if (c) removedChildren.set(c, (removedChildren.get(c) ?? 0) + 1);
  };
  const tagOf = (el: XmlElement): string => xml.slice(el.start, el.openEnd);
  const newRow = (r: number): number => shiftRow(r, deleted) ?? r;

  // ---- rows and cells
  const setsByRow = new Map<number, { col: number; state: CellSet }[]>();
  for (const [k, state] of edits.sets) {
    const [r, c] = k.split(':').map(Number);
    if (gone.has(r)) continue;
    if (!setsByRow.has(r)) setsByRow.set(r, []);
    setsByRow.get(r)!.push({ col: c, state });
  }

  // Shared formulas: master text and members, to decide whether each group still shares.
  const groups = new Map<string, { master: CellInfo | null; text: string; members: CellInfo[] }>();
  for (const rw of rows) {
    for (const c of rw.cells) {
      const f = c.f;
      if (!f || f.el.attributes.t !== 'shared' || f.el.attributes.si === undefined) continue;
      const si = f.el.attributes.si;
      const g = groups.get(si) ?? { master: null, text: '', members: [] };
      if (f.el.attributes.ref !== undefined && !f.el.selfClosing) {
        g.master = c;
        g.text = unescapeXml(xml.slice(f.el.openEnd, f.closeStart));
      }
      g.members.push(c);
      groups.set(si, g);
    }
  }
  /** New `<f>` text per cell whose formula changes; `unshare` marks the group's cells to expand. */
  const formulaOf = new Map<CellInfo, { text: string; unshare: boolean; ref?: string }>();
  for (const g of groups.values()) {
    if (!g.master) continue;
    const m = g.master;
    const rowsMove = deleted.length && g.members.some((x) => x.row > deleted[0]);
    const namesDeleted = ctx.deletions.size > 0;
    if (!rowsMove && !namesDeleted) continue;
    const shiftedMaster = shiftFormula(g.text, home, ctx.deletions);
    const newMaster = { row: newRow(m.row), col: m.col };
    let shares = !gone.has(m.row);
    const own = g.members.map((x) => {
      const original = translateFormula(g.text, { row: m.row, col: m.col }, { row: x.row, col: x.col });
      const now = shiftFormula(original, home, ctx.deletions);
      if (shares && x !== m && translateFormula(shiftedMaster, newMaster, { row: newRow(x.row), col: x.col }) !== now) shares = false;
      return { x, now, original };
    });
    if (shares) {
      const ref = m.f!.el.attributes.ref!;
      const newRef = shiftArea(ref, deleted) ?? ref;
      if (shiftedMaster !== g.text || newRef !== ref) formulaOf.set(m, { text: shiftedMaster, unshare: false, ref: newRef });
    } else {
      for (const o of own) formulaOf.set(o.x, { text: o.now, unshare: true });
    }
  }

  const writeFormula = (c: CellInfo): void => {
    const f = c.f;
    if (!f) return;
    const planned = formulaOf.get(c);
    if (planned) {
      formulasChanged = true;
      if (planned.unshare) {
        let tag = dropAttr(dropAttr(dropAttr(tagOf(f.el), 't'), 'ref'), 'si');
        tag = tag.replace(/\s*\/?>$/, '>');
        splice(f.el.start, f.end, `${tag}${escapeText(planned.text, xml.slice(f.el.openEnd, f.closeStart))}</${f.el.prefix}f>`);
      } else {
        let tag = tagOf(f.el);
        if (planned.ref !== undefined) tag = setAttr(tag, 'ref', planned.ref);
        splice(f.el.start, f.end, `${tag}${escapeText(planned.text, xml.slice(f.el.openEnd, f.closeStart))}</${f.el.prefix}f>`);
      }
      return;
    }
    if (f.el.attributes.t === 'shared' && f.el.selfClosing) return;
    const text = unescapeXml(xml.slice(f.el.openEnd, f.closeStart));
    const next = shiftFormula(text, home, ctx.deletions);
    const ref = f.el.attributes.ref;
    const newRef = ref !== undefined && (f.el.attributes.t === 'array' || f.el.attributes.t === 'dataTable' || f.el.attributes.t === 'shared') ? (shiftArea(ref, deleted) ?? ref) : ref;
    let tag = tagOf(f.el);
    if (ref !== undefined && newRef !== ref) tag = setAttr(tag, 'ref', newRef!);
    for (const a of ['r1', 'r2'] as const) {
      const v = f.el.attributes[a];
      if (v !== undefined && f.el.attributes.t === 'dataTable') tag = setAttr(tag, a, shiftCellToSurvivor(v, deleted));
    }
    if (next === text && tag === tagOf(f.el)) return;
    formulasChanged = true;
    if (f.el.selfClosing) splice(f.el.start, f.end, tag);
    else splice(f.el.start, f.closeStart, `${tag}${escapeText(next, xml.slice(f.el.openEnd, f.closeStart))}`);
  };

  const styleOf = (c: CellInfo | undefined): number | undefined => (c?.el.attributes.s === undefined ? undefined : Number(c.el.attributes.s));

  const restyle = (s: number | undefined, state: CellSet | undefined, clearFill: boolean): number | undefined => {
    const numFmt = state?.numFmt;
    if (numFmt === undefined && !clearFill) return s;
    if (!ctx.styles) throw new Error('styles needed');
    const n = ctx.styles.restyle(s ?? 0, { numFmt, clearFill });
    return n === (s ?? 0) ? s : n;
  };

  for (const rw of rows) {
    if (gone.has(rw.r)) {
      if (rw.cells.some((c) => c.f)) formulasChanged = true;
      splice(rw.el.start, rw.end, '');
      continue;
    }
    const nr = newRow(rw.r);
    const moved = nr !== rw.r;
    if (moved && rw.el.attributes.r !== undefined) splice(rw.el.start, rw.el.openEnd, setAttr(tagOf(rw.el), 'r', String(nr)));
    const sets = setsByRow.get(rw.r) ?? [];
    const setAt = new Map(sets.map((x) => [x.col, x.state]));
    const adds: { col: number; text: string }[] = [];
    for (const c of rw.cells) {
      const k = key(rw.r, c.col);
      const state = setAt.get(c.col);
      const clearFill = edits.fills.has(k);
      if (state) {
        const s = restyle(styleOf(c), state, clearFill);
        splice(c.el.start, c.end, cellXml(prefix, nr, c.col, state.value, s, c.el, ctx.date1904));
        continue;
      }
      let tag = tagOf(c.el);
      if (clearFill) {
        const s = restyle(styleOf(c), undefined, true);
        if (s !== styleOf(c)) tag = s === undefined ? dropAttr(tag, 's') : setAttr(tag, 's', String(s));
      }
      if (moved && c.el.attributes.r !== undefined) tag = setAttr(tag, 'r', cellRef(nr, c.col));
      if (tag !== tagOf(c.el)) {
        if (c.f) formulasChanged = true;
        splice(c.el.start, c.el.openEnd, tag);
      }
      writeFormula(c);
    }
    // Cells the plan sets that the row does not have yet.
    const present = new Set(rw.cells.map((c) => c.col));
    for (const { col, state } of sets) {
      if (present.has(col)) continue;
      const s = restyle(defaultStyle(rw, col, colStyles), state, false);
      adds.push({ col, text: cellXml(prefix, nr, col, state.value, s, undefined, ctx.date1904) });
    }
    if (adds.length) {
      adds.sort((a, b) => a.col - b.col);
      const tail: string[] = [];
      for (const a of adds) {
        const next = rw.cells.find((c) => c.col > a.col);
        if (next) splice(next.el.start, next.el.start, a.text);
        else tail.push(a.text);
      }
      if (tail.length) {
        if (!rw.el.selfClosing) splice(rw.closeStart, rw.closeStart, tail.join(''));
        else {
          let open = (moved && rw.el.attributes.r !== undefined ? setAttr(tagOf(rw.el), 'r', String(nr)) : tagOf(rw.el)).replace(/\s*\/>$/, '>');
          if (rw.el.attributes.r === undefined) open = setAttr(open, 'r', String(nr));
          // replaces the start tag splice above (same start): drop it first
          const i = splices.findIndex((x) => x.start === rw.el.start && x.end === rw.el.openEnd);
          if (i >= 0) splices.splice(i, 1);
          splice(rw.el.start, rw.end, `${open}${tail.join('')}</${rw.el.prefix}row>`);
        }
      }
    }
  }
  // Rows the plan writes that do not exist yet.
  const existing = new Set(rows.map((r) => r.r));
  const newRows = [...setsByRow.keys()].filter((r) => !existing.has(r)).sort((a, b) => a - b);
  for (const r of newRows) {
    const cells = setsByRow
      .get(r)!
      .sort((a, b) => a.col - b.col)
      .map(({ col, state }) => cellXml(prefix, newRow(r), col, state.value, restyle(colStyleAt(colStyles, col), state, false), undefined, ctx.date1904))
      .join('');
    const text = `<${prefix}row r="${newRow(r)}">${cells}</${prefix}row>`;
    const next = rows.find((x) => x.r > r);
    const sd = sheetData as { el: XmlElement; closeStart: number; end: number } | null;
    if (next) splice(next.el.start, next.el.start, text);
    else if (sd && !sd.el.selfClosing) splice(sd.closeStart, sd.closeStart, text);
    else if (sd) splice(sd.el.start, sd.end, `${tagOf(sd.el).replace(/\s*\/>$/, '>')}${text}</${sd.el.prefix}sheetData>`);
  }

  // ---- merges
  const mc = mergeCells as Container | null;
  if (edits.unmerge.size || deleted.length || edits.merge.length) {
    let kept = 0;
    for (const m of merges) {
      const ref = m.el.attributes.ref ?? '';
      if (edits.unmerge.has(ref.toUpperCase().replace(/\$/g, ''))) {
        splice(m.el.start, m.end, '');
        continue;
      }
      const next = shiftArea(ref, deleted);
      if (next === null) {
        splice(m.el.start, m.end, '');
        continue;
      }
      kept++;
      if (next !== ref) splice(m.el.start, m.el.openEnd, setAttr(tagOf(m.el), 'ref', next));
    }
    const total = kept + edits.merge.length;
    if (mc) {
      const p = mc.el.prefix;
      const added = edits.merge.map((a) => `<${p}mergeCell ref="${a}"/>`).join('');
      if (total === 0) splice(mc.el.start, mc.end, '');
      else if (total !== merges.length || added) {
        const open = setAttr(tagOf(mc.el), 'count', String(total));
        if (mc.el.selfClosing) splice(mc.el.start, mc.end, `${open.replace(/\s*\/>$/, '>')}${added}</${p}mergeCells>`);
        else {
          if (open !== tagOf(mc.el) && mc.el.attributes.count !== undefined) splice(mc.el.start, mc.el.openEnd, open);
          if (added) {
            const close = xml.lastIndexOf('<', mc.end - 1);
            splice(close, close, added);
          }
        }
      }
    } else if (edits.merge.length) {
      throw new Error(`merges to make on ${home} but the sheet has no mergeCells`);
    }
  }

  // ---- areas and formulas of conditional formats, validations, sparklines
  const homeDeleted = deleted;
  for (const o of owners) {
    const sq = o.sqref;
    const first = sq ? firstTop(sq.text) : null;
    let newSq: string | null = null;
    if (sq && homeDeleted.length) {
      newSq = shiftSqref(sq.text, homeDeleted);
      if (newSq === '') {
        removeChild(o.container, o.el.start, o.end);
        continue;
      }
      if (newSq !== sq.text) {
        if (sq.start < 0) splice(o.el.start, o.el.openEnd, setAttr(tagOf(o.el), 'sqref', newSq));
        else splice(sq.start, sq.end, escapeText(newSq, xml.slice(sq.start, sq.end)));
      }
    }
    const anchor: Anchor | undefined = o.anchored && first !== null ? { from: first, to: firstTop(newSq ?? sq!.text) ?? first } : undefined;
    for (const f of o.formulas) {
      const text = unescapeXml(xml.slice(f.start, f.end));
      const next = shiftFormula(text, home, ctx.deletions, anchor);
      if (next !== text) splice(f.start, f.end, escapeText(next, xml.slice(f.start, f.end)));
    }
  }

  // ---- other elements naming cells of this sheet
  for (const s of simple) {
    const el = s.el;
    const tag = tagOf(el);
    let next = tag;
    switch (el.name) {
      case 'dimension':
      case 'autoFilter':
      case 'sortState':
      case 'sortCondition':
        if (el.attributes.ref !== undefined && homeDeleted.length) next = setAttr(tag, 'ref', shiftArea(el.attributes.ref, homeDeleted) ?? el.attributes.ref);
        break;
      case 'pane':
        if (homeDeleted.length) {
          if (el.attributes.topLeftCell !== undefined) next = setAttr(next, 'topLeftCell', shiftCellToSurvivor(el.attributes.topLeftCell, homeDeleted));
          const y = Number(el.attributes.ySplit ?? 0);
          if (y > 0 && (el.attributes.state === 'frozen' || el.attributes.state === 'frozenSplit')) {
            const ny = y - homeDeleted.filter((d) => d <= y).length;
            if (ny !== y) next = setAttr(next, 'ySplit', String(ny));
          }
        }
        break;
      case 'selection':
        if (homeDeleted.length) {
          if (el.attributes.activeCell !== undefined) next = setAttr(next, 'activeCell', shiftCellToSurvivor(el.attributes.activeCell, homeDeleted));
          if (el.attributes.sqref !== undefined) {
            const sq = shiftSqref(el.attributes.sqref, homeDeleted);
            next = setAttr(next, 'sqref', sq || shiftCellToSurvivor(el.attributes.activeCell ?? 'A1', homeDeleted));
          }
        }
        break;
      case 'ignoredError':
      case 'protectedRange':
        if (el.attributes.sqref !== undefined && homeDeleted.length) {
          const sq = shiftSqref(el.attributes.sqref, homeDeleted);
          if (sq === '') {
            removeChild(s.parent, el.start, s.end);
            continue;
          }
          next = setAttr(tag, 'sqref', sq);
        }
        break;
      case 'hyperlink': {
        if (el.attributes.ref !== undefined && homeDeleted.length) {
          const ref = shiftSqref(el.attributes.ref, homeDeleted);
          if (ref === '') {
            removeChild(s.parent, el.start, s.end);
            for (const [k, v] of Object.entries(el.attributes)) if (k.endsWith(':id') || k === 'id') droppedRels.push(v);
            continue;
          }
          next = setAttr(next, 'ref', ref);
        }
        const loc = el.attributes.location;
        if (loc !== undefined) {
          const shifted = shiftFormula(loc, home, ctx.deletions);
          if (shifted !== loc) next = setAttr(next, 'location', shifted);
        }
        break;
      }
      case 'brk':
        if (s.parent?.el.name === 'rowBreaks' && homeDeleted.length && el.attributes.id !== undefined) {
          // A manual break after row `id`: it stays before the row that followed it.
          const id = Number(el.attributes.id);
          const nid = survivorRow(id + 1, homeDeleted) - 1;
          if (nid !== id) next = setAttr(tag, 'id', String(nid));
        }
        break;
      default:
        break;
    }
    if (next !== tag) splice(el.start, el.openEnd, next);
  }

  // Containers left empty go; others get their count.
  for (const [c, n] of removedChildren) {
    if (c === mc) continue;
    const left = c.children - n;
    if (left <= 0) splice(c.el.start, c.end, '');
    else if (c.el.attributes.count !== undefined) splice(c.el.start, c.el.openEnd, setAttr(tagOf(c.el), 'count', String(left)));
  }
  // Duplicate row breaks (two breaks landing on one row) are harmless; Excel merges them.

  return { xml: applySplices(xml, dedupe(splices)), droppedRels, formulasChanged };

  function firstTop(sqref: string): number | null {
    const a = sqref.trim().split(/\s+/)[0];
    const m = /^\$?[A-Za-z]{1,3}\$?(\d+)/.exec(a);
    return m ? Number(m[1]) : null;
  }
}

function colStyleAt(cols: readonly ColStyle[], col: number): number | undefined {
  return cols.find((c) => col >= c.min && col <= c.max)?.style;
}

/** The style a person typing in a new cell would get: the row's (customFormat), else the column's. */
function defaultStyle(rw: RowInfo, col: number, cols: readonly ColStyle[]): number | undefined {
  const a = rw.el.attributes;
  if ((a.customFormat === '1' || a.customFormat === 'true') && a.s !== undefined) return Number(a.s);
  return colStyleAt(cols, col);
}

/** Splices at the same place replacing the same span: the later one wins. */
function dedupe(splices: Splice[]): Splice[] {
  const seen = new Map<string, number>();
  splices.forEach((s, i) => {
    if (s.start !== s.end) seen.set(`${s.start}:${s.end}`, i);
  });
  return splices.filter((s, i) => s.start === s.end || seen.get(`${s.start}:${s.end}`) === i);
}

// Characters XML 1.0 cannot carry (tab, LF and CR aside).
// eslint-disable-next-line no-control-regex
export const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** The shortest text that reads back as the same double (`String` does that; no `-0`). */
export function numberText(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

/**
 * A `<c>` holding `value` at (row, col). The cell keeps what describes it rather than its
 * value (`ph`); its style is `style`. Text is an inline string (as `score` writes grades).
 */
export function cellXml(p: string, row: number, col: number, value: CellValue, style: number | undefined, old: XmlElement | undefined, date1904: boolean): string {
  const attrs: [string, string][] = [['r', cellRef(row, col)]];
  if (style !== undefined) attrs.push(['s', String(style)]);
  const ph = old?.attributes.ph;
  const open = (t?: string): string => {
    const list = t ? [...attrs, ['t', t] as [string, string]] : attrs;
    if (ph !== undefined) list.push(['ph', ph]);
    return `<${p}c${list.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('')}`;
  };
  switch (value.t) {
    case 'empty':
      return `${open()}/>`;
    case 'number':
      return `${open()}><${p}v>${numberText(value.v)}</${p}v></${p}c>`;
    case 'boolean':
      return `${open('b')}><${p}v>${value.v ? 1 : 0}</${p}v></${p}c>`;
    case 'error':
      return `${open('e')}><${p}v>${escapeText(value.v)}</${p}v></${p}c>`;
    case 'date': {
      const serial = dateToSerial(new Date(`${value.v}T00:00:00Z`)) - (date1904 ? 1462 : 0);
      return `${open()}><${p}v>${numberText(serial)}</${p}v></${p}c>`;
    }
    case 'text': {
      const space = /^\s|\s$/.test(value.v) ? ' xml:space="preserve"' : '';
      return `${open('inlineStr')}><${p}is><${p}t${space}>${escapeText(value.v)}</${p}t></${p}is></${p}c>`;
    }
  }
}
