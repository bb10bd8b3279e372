/**
 * Apply a scoring `Plan` to an .xlsx package by patching it, not by rebuilding it.
 *
 * Only the `<c>` elements of the cells the plan writes change, in their worksheet parts
 * (plus a `<row>` where a written cell's row did not exist, and the row's start tag where a
 * self-closing `<row/>` must take a cell). Where a written number needs a number format the
 * cell's style does not have, one `<xf>` (and, for a new format code, one `<numFmt>`) is
 * appended to `xl/styles.xml`. Every other part is copied byte for byte: JSZip reuses the
 * compressed data of entries that were not replaced.
 */
import JSZip from 'jszip';
import * as path from 'path';

import { address, rangeAddress, validateEdit, type CellEdit, type MergedArea, type Plan, type PlanTargets } from '../../core';
import { WorkbookWriteError } from '../errors';
import { BUILT_IN_FORMATS } from '../numfmt';
import { applySplices, attrLocal, escapeXml, startTag, walkXml, XmlPartError, type Splice, type XmlElement } from './xml';

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_STYLES = /\/styles$/;


/** What a patch changed, for tests and reports. */
export interface PatchResult {
  readonly bytes: Buffer;
  /** Part names whose bytes differ from the input's. */
  readonly changedParts: readonly string[];
}

class Fail {
  constructor(readonly outPath: string) {}
  io(message: string): never {
    throw new WorkbookWriteError(this.outPath, 'io', message);
  }
}

/** Resolve a relationship target against the part that owns the relationships. */
function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(sourcePart), target));
}

function relsPartOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

function parseRels(xml: string): Relationship[] {
  const out: Relationship[] = [];
  walkXml(xml, {
    open(el) {
      if (el.name !== 'Relationship') return;
      out.push({
        id: el.attributes.Id ?? '',
        type: el.attributes.Type ?? '',
        target: el.attributes.Target ?? '',
        external: el.attributes.TargetMode === 'External',
      });
    },
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// Worksheet scan

interface CellInfo {
  readonly col: number;
  readonly el: XmlElement;
  end: number;
  hasFormula: boolean;
}

interface RowInfo {
  readonly r: number;
  readonly el: XmlElement;
  closeStart: number;
  end: number;
  /** Cells, only for rows the plan writes. */
  readonly cells: CellInfo[] | null;
}

function cellAt(row: RowInfo | undefined, col: number): CellInfo | undefined {
  return row?.cells?.find((c) => c.col === col);
}

/** The first row numbered above `r` (rows are in ascending order, as the format requires). */
function rowAfter(rows: readonly RowInfo[], r: number): RowInfo | undefined {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].r > r) hi = mid;
    else lo = mid + 1;
  }
  return rows[lo];
}

interface SheetScan {
  readonly prefix: string;
  sheetData: { el: XmlElement; closeStart: number; end: number } | null;
  readonly rows: RowInfo[];
  /** Rows the plan writes, by number. */
  readonly targets: Map<number, RowInfo>;
  isProtected: boolean;
  readonly merges: MergedArea[];
  /** Ranges of array formulas and data tables: every cell in them belongs to the formula. */
  readonly formulaRanges: { area: MergedArea; master: string }[];
  readonly cols: { min: number; max: number; style: number | undefined }[];
}

/** Column number of a cell reference (`AB12`, `$AB$12`), or undefined. */
function colOfRef(ref: string | undefined): number | undefined {
  if (!ref) return undefined;
  let col = 0;
  let i = ref.charCodeAt(0) === 36 ? 1 : 0; // $
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return col > 0 && col <= 16384 ? col : undefined;
}

function parseMergeRef(ref: string): MergedArea | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const a = { col: colOfRef(`${m[1]}1`) ?? 0, row: Number(m[2]) };
  const b = m[3] ? { col: colOfRef(`${m[3]}1`) ?? 0, row: Number(m[4]) } : a;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

function scanSheet(xml: string, targetRows: ReadonlySet<number>): SheetScan {
  const scan: SheetScan = { prefix: '', sheetData: null, rows: [], targets: new Map(), isProtected: false, merges: [], formulaRanges: [], cols: [] };
  let prefix: string | null = null;
  let lastRow = 0;
  let row: RowInfo | null = null;
  let lastCol = 0;
  let cell: CellInfo | null = null;
  walkXml(xml, {
    open(el) {
      const depth = el.depth;
      if (depth === 1) {
        if (el.name === 'sheetData') {
          prefix = el.prefix;
          scan.sheetData = { el, closeStart: el.openEnd, end: el.openEnd };
        } else if (el.name === 'sheetProtection') {
          const v = el.attributes.sheet;
          scan.isProtected = v === '1' || v === 'true';
        }
        return;
      }
      const parent = el.parent;
      if (depth === 2 && parent === 'sheetData' && el.name === 'row') {
        const r = Number(el.attributes.r ?? lastRow + 1);
        lastRow = r;
        lastCol = 0;
        row = { r, el, closeStart: el.openEnd, end: el.openEnd, cells: targetRows.has(r) ? [] : null };
        scan.rows.push(row);
        if (row.cells) scan.targets.set(r, row);
      } else if (depth === 3 && parent === 'row' && el.name === 'c' && row) {
        const col = colOfRef(el.attributes.r) ?? lastCol + 1;
        lastCol = col;
        if (row.cells) {
          cell = { col, el, end: el.openEnd, hasFormula: false };
          row.cells.push(cell);
        }
      } else if (depth === 4 && parent === 'c' && el.name === 'f') {
        if (cell) cell.hasFormula = true;
        const t = el.attributes.t;
        const area = (t === 'array' || t === 'dataTable') && el.attributes.ref ? parseMergeRef(el.attributes.ref) : undefined;
        if (area && row) scan.formulaRanges.push({ area, master: address(row.r, lastCol) });
      } else if (depth === 2 && parent === 'mergeCells' && el.name === 'mergeCell') {
        const m = parseMergeRef(el.attributes.ref ?? '');
        if (m) scan.merges.push(m);
      } else if (depth === 2 && parent === 'cols' && el.name === 'col') {
        const style = el.attributes.style;
        scan.cols.push({ min: Number(el.attributes.min), max: Number(el.attributes.max), style: style === undefined ? undefined : Number(style) });
      }
    },
    close(el, closeStart, end) {
      const depth = el.depth;
      if (depth === 1 && el.name === 'sheetData' && scan.sheetData) {
        scan.sheetData.closeStart = closeStart;
        scan.sheetData.end = end;
      } else if (depth === 2 && el.name === 'row' && row) {
        row.closeStart = closeStart;
        row.end = end;
        row = null;
      } else if (depth === 3 && el.name === 'c' && cell) {
        cell.end = end;
        cell = null;
      }
    },
  });
  return { ...scan, prefix: prefix ?? '' };
}

// ---------------------------------------------------------------------------------------
// Styles

interface XfInfo {
  readonly el: XmlElement;
  end: number;
}

interface StylesScan {
  readonly xml: string;
  styleSheet: XmlElement | null;
  numFmts: { el: XmlElement; closeStart: number; end: number } | null;
  readonly customFormats: Map<number, string>;
  cellXfs: { el: XmlElement; closeStart: number; end: number } | null;
  readonly xfs: XfInfo[];
}

function scanStyles(xml: string): StylesScan {
  const scan: StylesScan = { xml, styleSheet: null, numFmts: null, customFormats: new Map(), cellXfs: null, xfs: [] };
  let xf: XfInfo | null = null;
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
      }
    },
    close(el, closeStart, end) {
      const depth = el.depth;
      if (depth === 1 && el.name === 'numFmts' && scan.numFmts) Object.assign(scan.numFmts, { closeStart, end });
      else if (depth === 1 && el.name === 'cellXfs' && scan.cellXfs) Object.assign(scan.cellXfs, { closeStart, end });
      else if (depth === 2 && el.name === 'xf' && xf) {
        xf.end = end;
        xf = null;
      }
    },
  });
  return scan;
}

const DEFAULT_XF = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';

/** Appends `<numFmt>`s and `<xf>`s to a styles part, as edits need them. */
class StylePatcher {
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
    const id = Math.max(163, ...used) + 1;
    this.newFormats.push({ id, code });
    return id;
  }

  /** The style index to give a cell now styled `s` so that it shows `code`. */
  styleWith(s: number, code: string): number {
    const xf = this.scan.xfs[s];
    const current = Number(xf?.el.attributes.numFmtId ?? 0);
    if (this.codeOf(current) === code) return s;
    const id = this.idFor(code);
    const key = `${s}|${id}`;
    const known = this.made.get(key);
    if (known !== undefined) return known;
    let text: string;
    if (xf) {
      const attrs = Object.entries(xf.el.attributes).filter(([k]) => k !== 'numFmtId' && k !== 'applyNumberFormat');
      const tag = startTag(`${xf.el.prefix}xf`, [['numFmtId', String(id)], ...attrs, ['applyNumberFormat', '1']]);
      text = tag + (xf.el.selfClosing ? '/>' : '>' + this.scan.xml.slice(xf.el.openEnd, xf.end));
    } else {
      text = DEFAULT_XF.replace('numFmtId="0"', `numFmtId="${id}" applyNumberFormat="1"`);
      text = text.replace(/^<xf/, `<${this.prefix()}xf`);
    }
    const index = this.scan.xfs.length + this.newXfs.length;
    this.newXfs.push(text);
    this.made.set(key, index);
    return index;
  }

  private prefix(): string {
    return this.scan.cellXfs?.el.prefix ?? this.scan.styleSheet?.prefix ?? '';
  }

  get changed(): boolean {
    return this.newXfs.length > 0;
  }

  /** The patched styles part. */
  result(fail: Fail): string {
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
    if (!cellXfs) return fail.io('样式表（xl/styles.xml）缺少单元格格式列表，无法设置数字格式，未写入');
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
function withCount(tag: string, n: number): string {
  return tag.replace(/(\scount\s*=\s*)(["'])[^"']*\2/, `$1$2${n}$2`);
}

/** A minimal styles part for a package that has none (generator output). */
const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="1">${DEFAULT_XF}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

// ---------------------------------------------------------------------------------------
// Cells

/** The shortest text that reads back as the same double (`String` does that; no `-0`). */
export function numberText(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

// Characters XML 1.0 cannot carry (tab, LF and CR aside).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function cellXml(prefix: string, edit: CellEdit, style: number | undefined, old: XmlElement | undefined): string {
  const attrs: [string, string][] = [['r', address(edit.row, edit.col)]];
  if (style !== undefined) attrs.push(['s', String(style)]);
  if (typeof edit.value === 'string') attrs.push(['t', 'inlineStr']);
  // Keep what describes the cell rather than its value (phonetic display); drop the value's
  // own type and metadata (t, cm, vm).
  if (old) for (const [k, v] of Object.entries(old.attributes)) if (k === 'ph') attrs.push([k, v]);
  const open = `${startTag(`${prefix}c`, attrs)}>`;
  if (typeof edit.value === 'number') return `${open}<${prefix}v>${numberText(edit.value)}</${prefix}v></${prefix}c>`;
  const space = /^\s|\s$/.test(edit.value) ? ' xml:space="preserve"' : '';
  return `${open}<${prefix}is><${prefix}t${space}>${escapeXml(edit.value)}</${prefix}t></${prefix}is></${prefix}c>`;
}

// ---------------------------------------------------------------------------------------
// The package

interface SheetPart {
  readonly part: string;
  readonly xml: string;
  readonly scan: SheetScan;
}

/**
 * Patch `input` (the bytes of an .xlsx) with `plan`. Every edit is checked before anything
 * is changed: a missing sheet, a protected sheet, a formula cell or a non-top-left cell of a
 * merge refuses the whole write with a `WorkbookWriteError` naming `outPath`.
 */
export async function patchPackage(input: Buffer, plan: Plan, outPath: string): Promise<PatchResult> {
  const fail = new Fail(outPath);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(input);
  } catch {
    return fail.io('原工作簿无法解压，未写入');
  }
  const text = async (name: string): Promise<string | undefined> => {
    const f = zip.file(name);
    return f ? (await f.async('nodebuffer')).toString('utf8') : undefined;
  };
  const parse = <T>(part: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof XmlPartError) return fail.io(`工作簿部件 ${part} 不是有效的 XML，未写入`);
      throw e;
    }
  };

  // The workbook part, its sheets and relationships.
  const rootRels = await text('_rels/.rels');
  const officeDoc = rootRels ? parse('_rels/.rels', () => parseRels(rootRels)).find((r) => REL_OFFICE_DOCUMENT.test(r.type)) : undefined;
  const workbookPart = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  const workbookXml = await text(workbookPart);
  if (workbookXml === undefined) return fail.io(`原工作簿缺少 ${workbookPart}，未写入`);
  const sheetRids = new Map<string, string>();
  parse(workbookPart, () =>
    walkXml(workbookXml, {
      open(el) {
        if (el.name === 'sheet' && el.parent === 'sheets') {
          const name = el.attributes.name;
          const rid = attrLocal(el, 'id');
          if (name !== undefined && rid !== undefined && !sheetRids.has(name)) sheetRids.set(name, rid);
        }
      },
    }),
  );
  const workbookRelsPart = relsPartOf(workbookPart);
  const workbookRelsXml = (await text(workbookRelsPart)) ?? '';
  const workbookRels = parse(workbookRelsPart, () => parseRels(workbookRelsXml));

  // Check every edit, in plan order, before changing anything.
  const sheets = new Map<string, SheetPart>();
  const rowsOf = new Map<string, Set<number>>();
  for (const e of plan) {
    if (!rowsOf.has(e.sheet)) rowsOf.set(e.sheet, new Set());
    rowsOf.get(e.sheet)!.add(e.row);
  }
  // Load each planned sheet part once; a sheet the workbook does not list stays absent.
  for (const name of rowsOf.keys()) {
    const rid = sheetRids.get(name);
    const rel = rid === undefined ? undefined : workbookRels.find((r) => r.id === rid && REL_WORKSHEET.test(r.type) && !r.external);
    if (!rel) continue;
    const part = resolveTarget(workbookPart, rel.target);
    const xml = await text(part);
    if (xml === undefined) return fail.io(`工作表「${name}」的部件 ${part} 缺失，未写入`);
    sheets.set(name, { part, xml, scan: parse(part, () => scanSheet(xml, rowsOf.get(name)!)) });
  }
  // The engine's one plan validation (shared with the add-in), over what the package holds.
  const targets: PlanTargets = {
    sheet(name) {
      const sheet = sheets.get(name);
      if (!sheet) return undefined;
      return {
        protected: sheet.scan.isProtected,
        hasFormula: (row, col) => !!cellAt(sheet.scan.targets.get(row), col)?.hasFormula,
        mergeAt: (row, col) => sheet.scan.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right),
      };
    },
  };
  for (const edit of plan) {
    const problem = validateEdit(edit, targets);
    if (problem) throw new WorkbookWriteError(outPath, problem.code, problem.message);
    // What only the package can tell: text XML cannot carry, cells inside an array formula.
    const where = `工作表「${edit.sheet}」${edit.cell}`;
    if (typeof edit.value === 'string' && NOT_XML.test(edit.value)) {
      throw new WorkbookWriteError(outPath, 'bad-edit', `${where} 的写入值无效，未写入`);
    }
    const sheet = sheets.get(edit.sheet)!;
    const array = sheet.scan.formulaRanges.find(({ area: a }) => edit.row >= a.top && edit.row <= a.bottom && edit.col >= a.left && edit.col <= a.right);
    if (array) {
      const a = array.area;
      throw new WorkbookWriteError(
        outPath,
        'formula-cell',
        `${where} 属于 ${array.master} 的数组公式（${rangeAddress(a.top, a.left, a.bottom, a.right)}），拒绝覆盖`,
      );
    }
  }

  // Styles, only when some edit carries a number format.
  let styles: { part: string; patcher: StylePatcher; created: boolean } | null = null;
  if (plan.some((e) => e.numFmt !== undefined)) {
    const rel = workbookRels.find((r) => REL_STYLES.test(r.type) && !r.external);
    const part = rel ? resolveTarget(workbookPart, rel.target) : 'xl/styles.xml';
    const xml = await text(part);
    const created = xml === undefined;
    const source = xml ?? MINIMAL_STYLES;
    styles = { part, created, patcher: new StylePatcher(parse(part, () => scanStyles(source))) };
  }

  // Build each sheet's splices.
  const changed: string[] = [];
  for (const [name, sheet] of sheets) {
    const edits = new Map<string, CellEdit>();
    for (const e of plan) if (e.sheet === name) edits.set(`${e.row}:${e.col}`, e); // the last edit of a cell wins
    const byRow = new Map<number, CellEdit[]>();
    for (const e of edits.values()) {
      if (!byRow.has(e.row)) byRow.set(e.row, []);
      byRow.get(e.row)!.push(e);
    }
    const { scan, xml } = sheet;
    const p = scan.prefix;
    const splices: Splice[] = [];
    let order = 0;
    for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
      const cellsOfRow = byRow.get(r)!.sort((a, b) => a.col - b.col);
      const row = scan.targets.get(r);
      const defaultStyle = (col: number): number | undefined => {
        if (row && (row.el.attributes.customFormat === '1' || row.el.attributes.customFormat === 'true') && row.el.attributes.s !== undefined) {
          return Number(row.el.attributes.s);
        }
        return scan.cols.find((c) => col >= c.min && col <= c.max)?.style;
      };
      const styleFor = (edit: CellEdit, current: number | undefined): number | undefined => {
        if (edit.numFmt === undefined || !styles) return current;
        const s = styles.patcher.styleWith(current ?? 0, edit.numFmt);
        return s === (current ?? 0) ? current : s;
      };
      if (row && row.cells) {
        const inserts: string[] = [];
        for (const edit of cellsOfRow) {
          const old = cellAt(row, edit.col);
          if (old) {
            const s = old.el.attributes.s;
            const text = cellXml(p, edit, styleFor(edit, s === undefined ? undefined : Number(s)), old.el);
            splices.push({ start: old.el.start, end: old.end, text, order: order++ });
            continue;
          }
          const text = cellXml(p, edit, styleFor(edit, defaultStyle(edit.col)), undefined);
          const next = row.cells.find((c) => c.col > edit.col);
          if (next) splices.push({ start: next.el.start, end: next.el.start, text, order: order++ });
          else if (!row.el.selfClosing) splices.push({ start: row.closeStart, end: row.closeStart, text, order: order++ });
          else inserts.push(text);
        }
        if (inserts.length) {
          // `<row r="5" …/>` becomes `<row r="5" …>cells</row>`: its start tag keeps every attribute.
          const open = xml.slice(row.el.start, row.el.openEnd).replace(/\s*\/>$/, '>');
          splices.push({ start: row.el.start, end: row.end, text: `${open}${inserts.join('')}</${row.el.prefix}row>`, order: order++ });
        }
        continue;
      }
      // A row that does not exist yet.
      const cells = cellsOfRow.map((edit) => cellXml(p, edit, styleFor(edit, defaultStyle(edit.col)), undefined)).join('');
      const text = `<${p}row r="${r}">${cells}</${p}row>`;
      const next = rowAfter(scan.rows, r);
      const sd = scan.sheetData;
      if (next) splices.push({ start: next.el.start, end: next.el.start, text, order: order++ });
      else if (sd && !sd.el.selfClosing) splices.push({ start: sd.closeStart, end: sd.closeStart, text, order: order++ });
      else if (sd) {
        const open = xml.slice(sd.el.start, sd.el.openEnd).replace(/\s*\/>$/, '>');
        splices.push({ start: sd.el.start, end: sd.end, text: `${open}${text}</${sd.el.prefix}sheetData>`, order: order++ });
      } else {
        return fail.io(`工作表「${name}」的部件 ${sheet.part} 缺少单元格数据（sheetData），未写入`);
      }
    }
    const patched = applySplices(xml, splices);
    if (patched !== xml) {
      zip.file(sheet.part, Buffer.from(patched, 'utf8'));
      changed.push(sheet.part);
    }
  }

  if (styles && styles.patcher.changed) {
    zip.file(styles.part, Buffer.from(styles.patcher.result(fail), 'utf8'));
    changed.push(styles.part);
    if (styles.created) await addStylesPart(zip, workbookRelsPart, workbookRelsXml, workbookPart, styles.part, changed);
  }

  if (!changed.length) return { bytes: input, changedParts: [] };
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { bytes, changedParts: changed };
}

/** Register a styles part created for a package that had none (relationship + content type). */
async function addStylesPart(zip: JSZip, relsPart: string, relsXml: string, workbookPart: string, part: string, changed: string[]): Promise<void> {
  const ids = new Set(parseRels(relsXml).map((r) => r.id));
  let n = 1;
  while (ids.has(`rId${n}`)) n++;
  const target = path.posix.relative(path.posix.dirname(workbookPart), part);
  const rel = `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="${escapeXml(target)}"/>`;
  const newRels = relsXml.includes('</Relationships>')
    ? relsXml.replace('</Relationships>', `${rel}</Relationships>`)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`;
  zip.file(relsPart, Buffer.from(newRels, 'utf8'));
  changed.push(relsPart);
  const typesFile = zip.file('[Content_Types].xml');
  if (typesFile) {
    const types = (await typesFile.async('nodebuffer')).toString('utf8');
    const override = `<Override PartName="/${escapeXml(part)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`;
    zip.file('[Content_Types].xml', Buffer.from(types.replace('</Types>', `${override}</Types>`), 'utf8'));
    changed.push('[Content_Types].xml');
  }
}
