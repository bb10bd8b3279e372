/**
 * The styles part (`xl/styles.xml`) as both writers patch it: cell formats (`<xf>` in
 * `cellXfs`) are only ever appended, so every existing style index keeps its meaning. A
 * cell whose number format must change, or whose fill must go, gets a clone of its own
 * `<xf>` (all attributes and children, e.g. alignment) with that one thing changed; one
 * clone per (style, change) pair. A format code already known (built-in id, or a custom
 * `<numFmt>`) is reused; a new one is appended with id max(163, existing) + 1.
 *
 * Fills are also read here, for recognising last run's marks (solid fills by ARGB).
 */
import { BUILT_IN_FORMATS } from '../numfmt';
import { applySplices, escapeXml, startTag, walkXml, type Splice, type XmlElement } from './xml';

interface XfInfo {
  readonly el: XmlElement;
  end: number;
}

interface Block {
  el: XmlElement;
  closeStart: number;
  end: number;
}

export interface StylesScan {
  readonly xml: string;
  styleSheet: XmlElement | null;
  numFmts: Block | null;
  readonly customFormats: Map<number, string>;
  cellXfs: Block | null;
  readonly xfs: XfInfo[];
  /** Per `<fill>`: the ARGB colour of a solid pattern fill, '' for no fill, undefined for anything else. */
  readonly fills: (string | undefined)[];
}

export function scanStyles(xml: string): StylesScan {
  const scan: StylesScan = { xml, styleSheet: null, numFmts: null, customFormats: new Map(), cellXfs: null, xfs: [], fills: [] };
  let xf: XfInfo | null = null;
  let fill: { pattern: string | undefined; rgb: string | undefined } | null = null;
  walkXml(xml, {
    open(el) {
      const depth = el.depth;
      if (depth === 0 && el.name === 'styleSheet') scan.styleSheet = el;
      else if (depth === 1 && el.name === 'numFmts') scan.numFmts = { el, closeStart: el.openEnd, end: el.openEnd };
      else if (depth === 1 && el.name === 'cellXfs') scan.cellXfs = { el, closeStart: el.openEnd, end: el.openEnd };
      else if (depth === 2 && el.parent === 'numFmts' && el.name === 'numFmt') {
        scan.customFormats.set(Number(el.attributes.numFmtId), el.attributes.formatCode ?? '');
      } else if (depth === 2 && el.parent === 'cellXfs' && el.name === 'xf') {
        xf = { el, end: el.openEnd };
        scan.xfs.push(xf);
      } else if (depth === 2 && el.parent === 'fills' && el.name === 'fill') {
        fill = { pattern: undefined, rgb: undefined };
      } else if (fill && el.name === 'patternFill') {
        fill.pattern = el.attributes.patternType ?? 'none';
      } else if (fill && el.name === 'fgColor' && el.parent === 'patternFill') {
        fill.rgb = el.attributes.rgb;
      }
    },
    close(el, closeStart, end) {
      const depth = el.depth;
      if (depth === 1 && el.name === 'numFmts' && scan.numFmts) Object.assign(scan.numFmts, { closeStart, end });
      else if (depth === 1 && el.name === 'cellXfs' && scan.cellXfs) Object.assign(scan.cellXfs, { closeStart, end });
      else if (depth === 2 && el.name === 'xf' && xf) {
        xf.end = end;
        xf = null;
      } else if (depth === 2 && el.name === 'fill' && fill) {
        scan.fills.push(fill.pattern === 'solid' && fill.rgb ? fill.rgb.toUpperCase() : fill.pattern === 'none' || fill.pattern === undefined ? '' : undefined);
        fill = null;
      }
    },
  });
  return scan;
}

/** The solid fill colour (ARGB) of cell format `s`, if it has one. */
export function solidFillOf(scan: StylesScan, s: number): string | undefined {
  const xf = scan.xfs[s];
  if (!xf) return undefined;
  const fill = scan.fills[Number(xf.el.attributes.fillId ?? 0)];
  return fill ? fill : undefined;
}

/** The number format code of cell format `s` (General when none). */
export function formatOf(scan: StylesScan, s: number): string {
  const id = Number(scan.xfs[s]?.el.attributes.numFmtId ?? 0);
  return scan.customFormats.get(id) ?? BUILT_IN_FORMATS[id] ?? 'General';
}

export const DEFAULT_XF = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';

/** A minimal styles part for a package that has none (generator output). */
export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="1">${DEFAULT_XF}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** What a cell's format must become. */
export interface StyleChange {
  /** The number format code the cell must show (unchanged when undefined). */
  readonly numFmt?: string;
  /** Remove the cell's fill. */
  readonly clearFill?: boolean;
}

/** Appends `<numFmt>`s and `<xf>`s to a styles part, as edits need them. */
export class StylePatcher {
  private readonly newFormats: { id: number; code: string }[] = [];
  private readonly newXfs: string[] = [];
  private readonly made = new Map<string, number>();

  constructor(private readonly scan: StylesScan) {}

  private codeOf(numFmtId: number): string | undefined {
    return this.scan.customFormats.get(numFmtId) ?? this.newFormats.find((f) => f.id === numFmtId)?.code ?? BUILT_IN_FORMATS[numFmtId];
  }

  private idFor(code: string): number {
    for (const [id, c] of this.scan.customFormats) if (c === code) return id;
    for (const f of this.newFormats) if (f.code === code) return f.id;
    for (const [id, c] of Object.entries(BUILT_IN_FORMATS)) if (c === code) return Number(id);
    const used = [...this.scan.customFormats.keys(), ...this.newFormats.map((f) => f.id)];
    const id = used.reduce((m, x) => Math.max(m, x), 163) + 1;
    this.newFormats.push({ id, code });
    return id;
  }

  /** The style index to give a cell now styled `s` so that it shows `code`. */
  styleWith(s: number, code: string): number {
    return this.restyle(s, { numFmt: code });
  }

  /** The style index for a cell now styled `s` after `change` (`s` itself when nothing differs). */
  restyle(s: number, change: StyleChange): number {
    const xf = this.scan.xfs[s];
    const attrs = xf?.el.attributes ?? {};
    const currentFmt = Number(attrs.numFmtId ?? 0);
    const fmtId = change.numFmt === undefined || (this.codeOf(currentFmt) ?? 'General') === change.numFmt ? undefined : this.idFor(change.numFmt);
    const clearFill = !!change.clearFill && this.scan.fills[Number(attrs.fillId ?? 0)] !== '';
    if (fmtId === undefined && !clearFill) return s;
    const key = `${s}|${fmtId ?? ''}|${clearFill ? 1 : 0}`;
    const known = this.made.get(key);
    if (known !== undefined) return known;
    let text: string;
    if (xf) {
      let list = Object.entries(xf.el.attributes);
      if (fmtId !== undefined) list = [['numFmtId', String(fmtId)], ...list.filter(([k]) => k !== 'numFmtId' && k !== 'applyNumberFormat'), ['applyNumberFormat', '1']];
      if (clearFill) list = list.map(([k, v]) => (k === 'fillId' ? [k, String(this.noFillId())] : [k, v]));
      const tag = startTag(`${xf.el.prefix}xf`, list);
      text = tag + (xf.el.selfClosing ? '/>' : '>' + this.scan.xml.slice(xf.el.openEnd, xf.end));
    } else {
      text = DEFAULT_XF.replace('numFmtId="0"', `numFmtId="${fmtId ?? 0}"${fmtId !== undefined ? ' applyNumberFormat="1"' : ''}`);
      text = text.replace(/^<xf/, `<${this.prefix()}xf`);
    }
    const index = this.scan.xfs.length + this.newXfs.length;
    this.newXfs.push(text);
    this.made.set(key, index);
    return index;
  }

  /** The fill that is no fill: by convention the first, else the first `patternType="none"`. */
  private noFillId(): number {
    const i = this.scan.fills.indexOf('');
    return i < 0 ? 0 : i;
  }

  private prefix(): string {
    return this.scan.cellXfs?.el.prefix ?? this.scan.styleSheet?.prefix ?? '';
  }

  get changed(): boolean {
    return this.newXfs.length > 0;
  }

  /** The patched styles part; `null` when the part has no `cellXfs` to append to. */
  result(): string | null {
    const { xml, numFmts, cellXfs, styleSheet } = this.scan;
    const p = this.prefix();
    const splices: Splice[] = [];
    if (this.newFormats.length) {
      const items = this.newFormats.map((f) => `<${p}numFmt numFmtId="${f.id}" formatCode="${escapeXml(f.code)}"/>`).join('');
      const total = this.scan.customFormats.size + this.newFormats.length;
      if (numFmts && !numFmts.el.selfClosing) {
        splices.push({ start: numFmts.el.start, end: numFmts.el.openEnd, text: withCount(xml.slice(numFmts.el.start, numFmts.el.openEnd), total), order: 0 });
        splices.push({ start: numFmts.closeStart, end: numFmts.closeStart, text: items, order: 1 });
      } else if (numFmts) {
        const open = withCount(xml.slice(numFmts.el.start, numFmts.el.openEnd).replace(/\s*\/>$/, '>'), total);
        splices.push({ start: numFmts.el.start, end: numFmts.end, text: `${open}${items}</${numFmts.el.prefix}numFmts>`, order: 0 });
      } else if (styleSheet) {
        splices.push({ start: styleSheet.openEnd, end: styleSheet.openEnd, text: `<${p}numFmts count="${total}">${items}</${p}numFmts>`, order: 0 });
      }
    }
    if (!cellXfs) return null;
    const total = this.scan.xfs.length + this.newXfs.length;
    if (cellXfs.el.selfClosing) {
      const open = withCount(xml.slice(cellXfs.el.start, cellXfs.el.openEnd).replace(/\s*\/>$/, '>'), total);
      splices.push({ start: cellXfs.el.start, end: cellXfs.end, text: `${open}${this.newXfs.join('')}</${cellXfs.el.prefix}cellXfs>`, order: 2 });
    } else {
      splices.push({ start: cellXfs.el.start, end: cellXfs.el.openEnd, text: withCount(xml.slice(cellXfs.el.start, cellXfs.el.openEnd), total), order: 2 });
      splices.push({ start: cellXfs.closeStart, end: cellXfs.closeStart, text: this.newXfs.join(''), order: 3 });
    }
    return applySplices(xml, splices);
  }
}

/** A start tag with its `count` attribute set to `n` (left alone when it has none). */
export function withCount(tag: string, n: number): string {
  return tag.replace(/(\scount\s*=\s*)(["'])[^"']*\2/, `$1$2${n}$2`);
}
