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
import { address, mergeLookup, rangeAddress, validateEdit, type CellEdit, type MergedArea, type Plan, type PlanTargets, type TargetSheet } from '../../core';
import { WorkbookWriteError } from '../errors';
import { isRel, MAX_TEXT_PART_BYTES, PackageParts, PackageProblem, parseRels, PKG_REL_NS, REL_NS, relsPartOf, sheetsOf, targetFrom, workbookPartOf } from './opc';
import { MINIMAL_STYLES, scanStyles, StylePatcher } from './styles';
import { withFullCalcOnLoad } from './workbook';
import { applySplices, escapeXml, startTag, walkXml, XmlPartError, type Splice, type XmlElement } from './xml';

/** What a patch changed, for tests and reports. */
export interface PatchResult {
  readonly bytes: Buffer;
  /** Part names whose bytes differ from the input's. */
  readonly changedParts: readonly string[];
}

export interface PatchOptions {
  /** Parts larger than this (uncompressed bytes) are refused by name (tests lower it). */
  readonly maxPartBytes?: number;
}

class Fail {
  constructor(readonly outPath: string) {}
  io(message: string): never {
    throw new WorkbookWriteError(this.outPath, 'io', message);
  }
}

/**
 * Open `input` for patching: unzip, check every entry's CRC, and turn what goes wrong into
 * a `WorkbookWriteError` naming `outPath` and the part at fault.
 */
export async function openPackage(input: Buffer, outPath: string, options: PatchOptions = {}): Promise<PackageParts> {
  try {
    return await PackageParts.load(input, options.maxPartBytes ?? MAX_TEXT_PART_BYTES);
  } catch (e) {
    if (e instanceof PackageProblem) throw new WorkbookWriteError(outPath, 'io', `原工作簿已损坏：${e.message}，未写入`);
    throw new WorkbookWriteError(outPath, 'io', '原工作簿无法解压，未写入');
  }
}

/** Read a part's text for patching; a part too large is refused by name and size. */
export async function partText(pkg: PackageParts, part: string, outPath: string): Promise<string | undefined> {
  try {
    return await pkg.text(part);
  } catch (e) {
    if (e instanceof PackageProblem) throw new WorkbookWriteError(outPath, 'io', `${e.message}，未写入`);
    throw e;
  }
}

/** `parsePart` for an asynchronous reader (reads parts, then parses them). */
export async function guardPart<T>(part: string, outPath: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof XmlPartError) throw new WorkbookWriteError(outPath, 'io', `工作簿部件 ${part} 不是有效的 XML，未写入`);
    if (e instanceof PackageProblem) throw new WorkbookWriteError(outPath, 'io', `${e.message}，未写入`);
    throw e;
  }
}

/** Parse with `fn`, turning malformed XML into a refusal naming the part. */
export function parsePart<T>(part: string, outPath: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof XmlPartError) throw new WorkbookWriteError(outPath, 'io', `工作簿部件 ${part} 不是有效的 XML，未写入`);
    throw e;
  }
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
export async function patchPackage(input: Buffer, plan: Plan, outPath: string, options: PatchOptions = {}): Promise<PatchResult> {
  const fail = new Fail(outPath);
  if (!plan.length) return { bytes: input, changedParts: [] };
  const pkg = await openPackage(input, outPath, options);
  const text = (part: string): Promise<string | undefined> => partText(pkg, part, outPath);
  const parse = <T>(part: string, fn: () => T): T => parsePart(part, outPath, fn);

  // The workbook part, its sheets and relationships.
  const workbookPart = await guardPart('_rels/.rels', outPath, () => workbookPartOf(pkg));
  const workbookXml = await text(workbookPart);
  if (workbookXml === undefined) return fail.io(`原工作簿缺少 ${workbookPart}，未写入`);
  const workbookRelsPart = relsPartOf(workbookPart);
  const workbookRelsXml = (await text(workbookRelsPart)) ?? '';
  const workbookRels = parse(workbookRelsPart, () => parseRels(workbookRelsXml, workbookPart));
  const sheetList = parse(workbookPart, () => sheetsOf(workbookXml, workbookRels));

  // Check every edit, in plan order, before changing anything.
  const sheets = new Map<string, SheetPart>();
  const rowsOf = new Map<string, Set<number>>();
  for (const e of plan) {
    if (!rowsOf.has(e.sheet)) rowsOf.set(e.sheet, new Set());
    rowsOf.get(e.sheet)!.add(e.row);
  }
  // Load each planned sheet part once; a sheet the workbook does not list stays absent.
  for (const name of rowsOf.keys()) {
    const entry = sheetList.find((s) => s.name === name);
    if (!entry || entry.part === undefined || entry.kind !== 'worksheet') continue;
    const part = entry.part;
    const xml = await text(part);
    if (xml === undefined) return fail.io(`工作表「${name}」的部件 ${part} 缺失，未写入`);
    sheets.set(name, { part, xml, scan: parse(part, () => scanSheet(xml, rowsOf.get(name)!)) });
  }
  // The engine's one plan validation (shared with the add-in), over what the package holds.
  // One target per sheet, its merged areas indexed once (asked for every edit).
  const targetOf = new Map<string, TargetSheet>();
  const targets: PlanTargets = {
    sheet(name) {
      const sheet = sheets.get(name);
      if (!sheet) return undefined;
      let t = targetOf.get(name);
      if (!t) {
        t = {
          protected: sheet.scan.isProtected,
          hasFormula: (row, col) => !!cellAt(sheet.scan.targets.get(row), col)?.hasFormula,
          mergeAt: mergeLookup(sheet.scan.merges),
        };
        targetOf.set(name, t);
      }
      return t;
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
    const rel = workbookRels.find((r) => isRel(r, 'styles') && !r.external);
    const part = rel ? rel.part : 'xl/styles.xml';
    const xml = await text(part);
    const created = xml === undefined;
    const source = xml ?? MINIMAL_STYLES;
    styles = { part, created, patcher: new StylePatcher(parse(part, () => scanStyles(source))) };
  }

  // Build each sheet's splices.
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
    if (patched !== xml) pkg.set(sheet.part, patched);
  }

  if (styles && styles.patcher.changed) {
    const patched = styles.patcher.result();
    if (patched === null) return fail.io('样式表（xl/styles.xml）缺少单元格格式列表，无法设置数字格式，未写入');
    pkg.set(styles.part, patched);
    if (styles.created) await addStylesPart(pkg, workbookRelsPart, workbookRelsXml, workbookPart, styles.part);
  }

  if (!pkg.changed.length) return { bytes: input, changedParts: [] };
  // Every application recomputes on open: formulas reading the written cells show new results.
  pkg.set(workbookPart, parse(workbookPart, () => withFullCalcOnLoad(workbookXml)));
  return { bytes: await pkg.generate(), changedParts: pkg.changed };
}

/** Register a styles part created for a package that had none (relationship + content type). */
async function addStylesPart(pkg: PackageParts, relsPart: string, relsXml: string, workbookPart: string, part: string): Promise<void> {
  const ids = new Set(parseRels(relsXml, workbookPart).map((r) => r.id));
  let n = 1;
  while (ids.has(`rId${n}`)) n++;
  const rel = `<Relationship Id="rId${n}" Type="${REL_NS}/styles" Target="${escapeXml(targetFrom(workbookPart, part))}"/>`;
  const newRels = relsXml.includes('</Relationships>')
    ? relsXml.replace('</Relationships>', `${rel}</Relationships>`)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${rel}</Relationships>`;
  pkg.set(relsPart, newRels);
  const types = await pkg.text('[Content_Types].xml');
  if (types !== undefined) {
    const override = `<Override PartName="/${escapeXml(part)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`;
    pkg.set('[Content_Types].xml', types.replace('</Types>', `${override}</Types>`));
  }
}
