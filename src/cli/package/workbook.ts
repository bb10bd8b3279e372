/**
 * The workbook part (`xl/workbook.xml`) as the writers patch it: `fullCalcOnLoad` on
 * `<calcPr>` for every written package, and for clean-up the sheet list and the defined
 * names (print areas and titles included).
 */
import { shiftFormula, type Deletions } from './formula';
import { escapeText, setAttr, unescapeXml } from './refs';
import { applySplices, startTag, walkXml, type Splice, type XmlElement } from './xml';

/**
 * Children of `<workbook>` that follow `<calcPr>` (ECMA-376 Part 1 §18.2.27, CT_Workbook's
 * sequence): a new `<calcPr>` goes before the first of these, else before `</workbook>`.
 */
const AFTER_CALC_PR = new Set(['oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst']);

/**
 * The workbook part with `fullCalcOnLoad="1"` on `<calcPr>` (added when absent), so Excel,
 * LibreOffice and WPS recompute every formula on open instead of showing cached results
 * computed before our writes (ECMA-376 Part 1 §18.2.2).
 */
export function withFullCalcOnLoad(xml: string): string {
  let root: XmlElement | null = null;
  let rootClose = -1;
  let calcPr: XmlElement | null = null;
  let before: XmlElement | null = null;
  walkXml(xml, {
    open(el) {
      if (el.depth === 0) root = el;
      else if (el.depth === 1 && el.name === 'calcPr') calcPr ??= el;
      else if (el.depth === 1 && AFTER_CALC_PR.has(el.name)) before ??= el;
    },
    close(el, closeStart) {
      if (el.depth === 0) rootClose = closeStart;
    },
  });
  const splices: Splice[] = [];
  const c = calcPr as XmlElement | null;
  if (c) {
    if (c.attributes.fullCalcOnLoad === '1' || c.attributes.fullCalcOnLoad === 'true') return xml;
    const attrs = Object.entries(c.attributes).filter(([k]) => k !== 'fullCalcOnLoad');
    const tag = startTag(`${c.prefix}calcPr`, [...attrs, ['fullCalcOnLoad', '1']]) + (c.selfClosing ? '/>' : '>');
    splices.push({ start: c.start, end: c.openEnd, text: tag, order: 0 });
  } else {
    const r = root as XmlElement | null;
    if (!r) return xml;
    const b = before as XmlElement | null;
    const at = b ? b.start : r.selfClosing ? -1 : rootClose;
    if (at < 0) return xml;
    splices.push({ start: at, end: at, text: `<${r.prefix}calcPr fullCalcOnLoad="1"/>`, order: 0 });
  }
  return applySplices(xml, splices);
}

// ---------------------------------------------------------------------------------------
// Clean-up: sheets deleted, defined names following deleted rows

export interface WorkbookEdits {
  /** Rows deleted per sheet (lower-cased name → rows). */
  readonly deletions: Deletions;
  /** Sheets deleted, by name. */
  readonly removeSheets: ReadonlySet<string>;
}

/**
 * The workbook part after clean-up: deleted sheets leave `<sheets>` with the names scoped to
 * them (print areas, print titles, filters); names scoped to later sheets get their new
 * `localSheetId`; the active and first tab follow; every defined name's references follow
 * the deleted rows (print areas shrink, `$4:$6` print titles move).
 */
export function patchWorkbookPart(xml: string, edits: WorkbookEdits): string {
  const sheets: { el: XmlElement; end: number; name: string }[] = [];
  const names: { el: XmlElement; closeStart: number; end: number }[] = [];
  let definedNames: { el: XmlElement; end: number } | null = null;
  let view: XmlElement | null = null;
  const frames: ((cs: number, end: number) => void)[] = [];
  walkXml(xml, {
    open(el) {
      let frame: ((cs: number, end: number) => void) | null = null;
      if (el.name === 'sheet' && el.parent === 'sheets') {
        const s = { el, end: el.openEnd, name: el.attributes.name ?? '' };
        sheets.push(s);
        frame = (_cs, end) => {
          s.end = end;
        };
      } else if (el.name === 'definedNames' && el.depth === 1) {
        const d = { el, end: el.openEnd };
        definedNames = d;
        frame = (_cs, end) => {
          d.end = end;
        };
      } else if (el.name === 'definedName' && el.parent === 'definedNames') {
        const n = { el, closeStart: el.openEnd, end: el.openEnd };
        names.push(n);
        frame = (cs, end) => {
          n.closeStart = cs;
          n.end = end;
        };
      } else if (el.name === 'workbookView' && view === null) view = el;
      frames.push(frame ?? (() => undefined));
    },
    close(_el, cs, end) {
      frames.pop()!(cs, end);
    },
  });
  const splices: Splice[] = [];
  let order = 0;
  const removedIdx = sheets.map((s, i) => (edits.removeSheets.has(s.name) ? i : -1)).filter((i) => i >= 0);
  const newIndex = (i: number): number | null => (removedIdx.includes(i) ? null : i - removedIdx.filter((r) => r < i).length);
  for (const s of sheets) if (edits.removeSheets.has(s.name)) splices.push({ start: s.el.start, end: s.end, text: '', order: order++ });
  let keptNames = 0;
  for (const n of names) {
    const local = n.el.attributes.localSheetId;
    const tag = xml.slice(n.el.start, n.el.openEnd);
    if (local !== undefined) {
      const ni = newIndex(Number(local));
      if (ni === null) {
        splices.push({ start: n.el.start, end: n.end, text: '', order: order++ });
        continue;
      }
      if (ni !== Number(local)) splices.push({ start: n.el.start, end: n.el.openEnd, text: setAttr(tag, 'localSheetId', String(ni)), order: order++ });
    }
    keptNames++;
    if (n.el.selfClosing) continue;
    const text = unescapeXml(xml.slice(n.el.openEnd, n.closeStart));
    const home = local !== undefined ? (sheets[Number(local)]?.name ?? '') : '';
    const next = shiftFormula(text, home, edits.deletions);
    if (next !== text) splices.push({ start: n.el.openEnd, end: n.closeStart, text: escapeText(next, xml.slice(n.el.openEnd, n.closeStart)), order: order++ });
  }
  const dn = definedNames as { el: XmlElement; end: number } | null;
  if (dn && names.length && keptNames === 0) splices.push({ start: dn.el.start, end: dn.end, text: '', order: order++ });
  const v = view as XmlElement | null;
  if (v && removedIdx.length) {
    let tag = xml.slice(v.start, v.openEnd);
    for (const attr of ['activeTab', 'firstSheet']) {
      const at = v.attributes[attr];
      if (at === undefined) continue;
      const i = Number(at);
      const kept = sheets.length - removedIdx.length;
      let ni = newIndex(i);
      if (ni === null) ni = Math.max(0, Math.min(kept - 1, i - removedIdx.filter((r) => r < i).length));
      if (ni !== i) tag = setAttr(tag, attr, String(ni));
    }
    if (tag !== xml.slice(v.start, v.openEnd)) splices.push({ start: v.start, end: v.openEnd, text: tag, order: order++ });
  }
  return applySplices(xml, splices);
}

/**
 * `docProps/app.xml` after sheets are deleted: their titles leave `TitlesOfParts`, with the
 * names scoped to them (`空白模板!Print_Titles`), and the counts in `HeadingPairs` follow.
 */
export function patchAppProps(xml: string, removeSheets: ReadonlySet<string>): string {
  if (!removeSheets.size) return xml;
  const titles = /(<(?:\w+:)?TitlesOfParts>\s*<vt:vector\b[^>]*>)([\s\S]*?)(<\/vt:vector>)/.exec(xml);
  const pairs = /(<(?:\w+:)?HeadingPairs>\s*<vt:vector\b[^>]*>)([\s\S]*?)(<\/vt:vector>)/.exec(xml);
  if (!titles || !pairs) return xml;
  const items = [...titles[2].matchAll(/<vt:lpstr>([\s\S]*?)<\/vt:lpstr>|<vt:lpstr\/>/g)].map((m) => unescapeXml(m[1] ?? ''));
  const variants = [...pairs[2].matchAll(/<vt:variant>([\s\S]*?)<\/vt:variant>/g)].map((m) => m[1]);
  const groups: { label: string; count: number }[] = [];
  for (let i = 0; i + 1 < variants.length; i += 2) {
    const label = /<vt:lpstr>([\s\S]*?)<\/vt:lpstr>/.exec(variants[i])?.[1] ?? '';
    const count = Number(/<vt:i4>(\d+)<\/vt:i4>/.exec(variants[i + 1])?.[1] ?? 'NaN');
    if (!Number.isFinite(count)) return xml;
    groups.push({ label, count });
  }
  if (groups.reduce((a, g) => a + g.count, 0) !== items.length) return xml;
  const scoped = (t: string): string | null => {
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!/.exec(t);
    return m ? (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]) : null;
  };
  const keep: string[] = [];
  let at = 0;
  const counts = groups.map((g, gi) => {
    let n = 0;
    for (let k = 0; k < g.count; k++, at++) {
      const t = items[at];
      // The first group lists the sheets; later ones names, some scoped to a sheet.
      const goes = gi === 0 ? removeSheets.has(t) : removeSheets.has(scoped(t) ?? '\u0000');
      if (goes) continue;
      keep.push(t);
      n++;
    }
    return n;
  });
  if (keep.length === items.length) return xml;
  let out = xml.replace(titles[0], `${setAttr(titles[1], 'size', String(keep.length))}${keep.map((t) => `<vt:lpstr>${escapeText(t)}</vt:lpstr>`).join('')}${titles[3]}`);
  let gi = 0;
  const newPairs = pairs[2].replace(/(<vt:variant>\s*<vt:i4>)(\d+)(<\/vt:i4>\s*<\/vt:variant>)/g, (_m, p: string, _n: string, q: string) => `${p}${counts[gi++] ?? 0}${q}`);
  out = out.replace(pairs[0], `${pairs[1]}${newPairs}${pairs[3]}`);
  return out;
}
