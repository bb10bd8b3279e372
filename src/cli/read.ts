/**
 * Reading: load an .xlsx file into a `WorkbookGrid`.
 *
 * `readGrid` (the `check` path) reads the package directly (./xlsx: JSZip + saxes), never
 * ExcelJS: it is faster, holds only the non-empty cells, and cannot be tripped by parts the
 * engine does not need (openpyxl's charts and comments, for instance). `readWorkbook` adds
 * the ExcelJS workbook the current writer edits; when ExcelJS fails on a valid file it is
 * retried without the parts it chokes on.
 *
 * Every failure the user can cause surfaces as a `WorkbookReadError` with a one-line
 * Chinese message naming the file and, for a damaged package, the part that is damaged.
 */
import { promises as fsp } from 'fs';
import type ExcelJS from 'exceljs';

import { EMPTY, parseRange, toGridDate, type Cell, type CellValue, type MergedArea, type SheetGrid, type SheetVisibility, type WorkbookGrid } from '../core';
import { WorkbookReadError, errnoCode, errorText } from './errors';
import { NotAWorkbook, PartError, readXlsx } from './xlsx';

export interface GridRead {
  /** What a rewrite would lose (图表, 数据透视表 …): `score` warns, `--in-place` refuses. */
  readonly lossy: readonly string[];
  readonly grid: WorkbookGrid;
}

export interface LoadedWorkbook extends GridRead {
  readonly workbook: ExcelJS.Workbook;
}

// ExcelJS's ValueType enum values (kept numeric so this module never loads ExcelJS).
const VT = { Null: 0, Merge: 1, Hyperlink: 5, Formula: 6 } as const;

// ---------------------------------------------------------------------------------------
// Reading

/** Load `file` and convert it. Throws `WorkbookReadError` for anything the user can fix. */
export async function readGrid(file: string): Promise<GridRead> {
  const bytes = await readBytes(file);
  sniff(file, bytes);
  return gridOf(file, bytes);
}

/** `readGrid`, keeping the bytes read (clean-up plans and patches the very same bytes). */
export async function readGridAndBytes(file: string): Promise<GridRead & { readonly bytes: Buffer }> {
  const bytes = await readBytes(file);
  sniff(file, bytes);
  return { ...(await gridOf(file, bytes)), bytes };
}

async function gridOf(file: string, bytes: Buffer): Promise<GridRead> {
  let contents;
  try {
    contents = await readXlsx(bytes);
  } catch (e) {
    throw readFailure(file, e);
  }
  if (contents.sheets.length === 0) throw new WorkbookReadError(file, 'no-worksheets', '工作簿中没有工作表');
  return { grid: { sheets: contents.sheets }, lossy: lossyParts(contents.entries) };
}

function readFailure(file: string, e: unknown): WorkbookReadError {
  if (e instanceof WorkbookReadError) return e;
  if (e instanceof NotAWorkbook) {
    const hint = e.binary ? '：这是二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再试' : '';
    return new WorkbookReadError(file, 'not-a-workbook', `不是 Excel 工作簿（.xlsx）${hint}`);
  }
  if (e instanceof PartError) {
    const where = e.part === 'zip' ? '' : `${e.label}（${e.part}）：`;
    return new WorkbookReadError(file, 'corrupt', `工作簿已损坏，无法读取：${where}${e.detail}`);
  }
  return new WorkbookReadError(file, 'corrupt', '工作簿已损坏，无法读取：内容无法解析');
}

/**
 * `readGrid` plus the ExcelJS workbook the writer edits. ExcelJS resolves some valid
 * relationship targets wrongly (openpyxl's absolute `/xl/comments/comment1.xml`, its
 * drawings), so when it fails the package is loaded again without those parts: the grid
 * does not come from ExcelJS, and the writer only needs the cells.
 */
export async function readWorkbook(file: string): Promise<LoadedWorkbook> {
  const bytes = await readBytes(file);
  sniff(file, bytes);
  const read = await gridOf(file, bytes);
  const { default: Excel } = await import('exceljs');
  let workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return { ...read, workbook };
  } catch {
    // retried below without the decorations
  }
  const stripped = await withoutDecorations(bytes);
  workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(stripped.bytes as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookReadError(file, 'corrupt', '工作簿可以审核，但无法载入以写入（图表、批注等部分无法处理）');
  }
  // What the scored copy will not carry: the parts removed for ExcelJS.
  const lossy = [...read.lossy, ...stripped.removed.filter((x) => !read.lossy.includes(x))];
  return { ...read, lossy, workbook };
}

const DECORATIONS: ReadonlyArray<[RegExp, string]> = [
  [/^\/?xl\/charts\//i, '图表'],
  [/^\/?xl\/(comments\d*\.xml|comments\/|threadedComments|persons)/i, '批注'],
  [/^\/?xl\/media\//i, '图片'],
  [/^\/?xl\/drawings\//i, ''],
];

/**
 * The package without drawings, charts, images, comments and their relationships, and
 * what kinds of content were removed. A fallback for ExcelJS only: the grid never comes
 * from here.
 */
async function withoutDecorations(bytes: Buffer): Promise<{ bytes: Buffer; removed: string[] }> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const removed = new Set<string>();
  for (const name of Object.keys(zip.files)) {
    const hit = DECORATIONS.find(([re]) => re.test(name));
    if (!hit) continue;
    zip.remove(name);
    if (hit[1]) removed.add(hit[1]);
  }
  for (const name of Object.keys(zip.files)) {
    if (!/^\/?xl\/worksheets\/_rels\/.*\.rels$/i.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/<Relationship\b[^>]*\/(drawing|comments|vmlDrawing)"[^>]*\/>/g, ''));
  }
  for (const name of Object.keys(zip.files)) {
    if (!/^\/?xl\/worksheets\/[^/]+\.xml$/i.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/<(drawing|legacyDrawing)\b[^>]*\/>/g, ''));
  }
  return { bytes: await zip.generateAsync({ type: 'nodebuffer' }), removed: [...removed] };
}

/** Parts of the package ExcelJS does not carry through a rewrite (exceljs #141, #1734). */
const LOSSY_PARTS: ReadonlyArray<[string, string]> = [
  ['xl/charts/', '图表'],
  ['xl/pivotTables/', '数据透视表'],
  ['xl/slicers/', '切片器'],
];

function lossyParts(entries: readonly string[]): string[] {
  return LOSSY_PARTS.filter(([part]) => entries.some((e) => e.startsWith(part))).map(([, name]) => name);
}

async function readBytes(file: string): Promise<Buffer> {
  let stat;
  try {
    stat = await fsp.stat(file);
  } catch (e) {
    throw fsReadError(file, e);
  }
  if (stat.isDirectory()) throw new WorkbookReadError(file, 'directory', '这是一个文件夹，不是 Excel 工作簿（.xlsx）');
  if (!stat.isFile()) throw new WorkbookReadError(file, 'not-a-file', '不是普通文件，无法读取');
  try {
    return await fsp.readFile(file);
  } catch (e) {
    throw fsReadError(file, e);
  }
}

function fsReadError(file: string, e: unknown): WorkbookReadError {
  const code = errnoCode(e);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new WorkbookReadError(file, 'missing', '找不到文件');
    case 'EISDIR':
      return new WorkbookReadError(file, 'directory', '这是一个文件夹，不是 Excel 工作簿（.xlsx）');
    case 'EACCES':
    case 'EPERM':
      return new WorkbookReadError(file, 'no-permission', '没有读取权限');
    case 'EBUSY':
      return new WorkbookReadError(file, 'io', '文件被占用，无法读取');
    default:
      return new WorkbookReadError(file, 'io', `无法读取文件（${code ?? errorText(e)}）`);
  }
}

const ZIP_SIGNATURES = [
  Buffer.from([0x50, 0x4b, 0x03, 0x04]), // local file header
  Buffer.from([0x50, 0x4b, 0x05, 0x06]), // empty archive
];
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// CFB directory entries store stream names in UTF-16LE.
const CFB_ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');
const CFB_ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
const CFB_WORKBOOK = Buffer.from('Workbook', 'utf16le');
const CFB_BOOK = Buffer.from('Book', 'utf16le');

/** Reject by file signature what ExcelJS cannot read, with a message that says why. */
function sniff(file: string, bytes: Buffer): void {
  if (bytes.length === 0) throw new WorkbookReadError(file, 'empty', '文件是空的，不是 Excel 工作簿（.xlsx）');
  if (ZIP_SIGNATURES.some((sig) => startsWith(bytes, sig))) return;

  if (startsWith(bytes, CFB_SIGNATURE)) {
    // An OLE/CFB container: either a legacy .xls or an encrypted (password-protected) .xlsx.
    if (bytes.includes(CFB_ENCRYPTION_INFO) || bytes.includes(CFB_ENCRYPTED_PACKAGE)) {
      throw new WorkbookReadError(file, 'encrypted', '工作簿有打开密码，无法读取；请在 Excel 中取消密码后另存再试');
    }
    if (bytes.includes(CFB_WORKBOOK) || bytes.includes(CFB_BOOK)) {
      throw new WorkbookReadError(
        file,
        'legacy-xls',
        '这是旧版 Excel 97-2003 工作簿（.xls），无法读取；请在 Excel 中另存为 .xlsx 后再试',
      );
    }
    throw new WorkbookReadError(file, 'not-a-workbook', '不是 Excel 工作簿（.xlsx）');
  }

  // Common look-alikes: web pages and SpreadsheetML 2003 saved with an Excel extension.
  const head = bytes.subarray(0, 2048).toString('latin1').toLowerCase();
  let hint = '';
  if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    hint = '：这是 XML 电子表格 2003 格式，请在 Excel 中另存为 .xlsx 后再试';
  } else if (/<(html|table|!doctype html)/.test(head)) {
    hint = '：这是网页（HTML）格式的表格，请在 Excel 中另存为 .xlsx 后再试';
  }
  throw new WorkbookReadError(file, 'not-a-workbook', `不是 Excel 工作簿（.xlsx）${hint}`);
}

function startsWith(bytes: Buffer, sig: Buffer): boolean {
  return bytes.length >= sig.length && bytes.subarray(0, sig.length).equals(sig);
}

// ---------------------------------------------------------------------------------------
// Conversion of an ExcelJS workbook (the previous reader; kept as the reference the
// direct reader is tested against, test/cli/producers.test.ts)

/** Convert every worksheet of a loaded ExcelJS workbook. */
export function workbookToGrid(workbook: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: workbook.worksheets.map(worksheetToGrid) };
}

/** Convert one worksheet: values at merge masters only, merges listed separately. */
export function worksheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const cells: (Cell | undefined)[][] = [];
  let rowCount = 0;
  let colCount = 0;

  ws.eachRow({ includeEmpty: false }, (row, r) => {
    let cellsOfRow: (Cell | undefined)[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const converted = convertCell(cell);
      if (!converted) return;
      if (!cellsOfRow) cellsOfRow = cells[r] = [];
      cellsOfRow[c] = converted;
      if (c > colCount) colCount = c;
      rowCount = r;
    });
  });

  const merges = mergesOf(ws);
  for (const m of merges) {
    if (m.bottom > rowCount) rowCount = m.bottom;
    if (m.right > colCount) colCount = m.right;
  }

  const state = (ws as unknown as { state?: string }).state;
  const visibility = state === 'hidden' || state === 'veryHidden' ? { visibility: state as SheetVisibility } : {};
  return { name: ws.name, rowCount, colCount, cells, merges, protected: isProtected(ws), ...visibility };
}

function convertCell(cell: ExcelJS.Cell): Cell | undefined {
  switch (cell.type) {
    case VT.Null:
    case VT.Merge: // a merge slave: ExcelJS reports the master's value here, skip it
      return undefined;
    case VT.Formula: {
      const formula = formulaText(cell.formula);
      // `cell.result`, not `cell.value.result`: the latter drops falsy results (0, false).
      const result: unknown = cell.result;
      const numFmt = numFmtOf(cell);
      if (result === undefined || result === null) {
        return withNumFmt({ value: EMPTY, formula, formulaWithoutResult: true }, numFmt);
      }
      return withNumFmt({ value: convertValue(result), formula }, numFmt);
    }
    case VT.Hyperlink: {
      // A formula cell that also carries a hyperlink: ExcelJS moves the result into `text`
      // and keeps the formula only in the raw model.
      const value = convertValue(cell.value);
      const rawFormula = (cell.model as { formula?: unknown }).formula;
      if (typeof rawFormula === 'string' && rawFormula !== '') {
        return withNumFmt({ value, formula: formulaText(rawFormula) }, numFmtOf(cell));
      }
      return value.t === 'empty' ? undefined : withNumFmt({ value }, numFmtOf(cell));
    }
    default: {
      const value = convertValue(cell.value);
      if (value.t === 'empty') return undefined;
      return withNumFmt({ value }, numFmtOf(cell));
    }
  }
}

function withNumFmt(cell: Cell, numFmt: string | undefined): Cell {
  return numFmt === undefined ? cell : { ...cell, numFmt };
}

function numFmtOf(cell: ExcelJS.Cell): string | undefined {
  const f = (cell.style as Partial<ExcelJS.Style> | undefined)?.numFmt;
  return typeof f === 'string' && f !== '' ? f : undefined;
}

function formulaText(f: unknown): string {
  if (typeof f !== 'string') return '';
  return f.startsWith('=') ? f.slice(1) : f;
}

/** Convert a plain ExcelJS value (or a formula's cached result) to a grid value. */
export function convertValue(v: unknown): CellValue {
  if (v === null || v === undefined) return EMPTY;
  switch (typeof v) {
    case 'string':
      return v === '' ? EMPTY : { t: 'text', v };
    case 'number':
      return Number.isFinite(v) ? { t: 'number', v } : EMPTY;
    case 'boolean':
      return { t: 'boolean', v };
    case 'object':
      break;
    default:
      return EMPTY;
  }
  if (v instanceof Date) {
    return toGridDate(v); // dates converted in one place, in core
  }
  const o = v as Record<string, unknown>;
  if (typeof o.error === 'string') return { t: 'error', v: o.error };
  if (Array.isArray(o.richText)) {
    let s = '';
    for (const run of o.richText as { text?: unknown }[]) {
      if (run && typeof run.text === 'string') s += run.text;
    }
    return s === '' ? EMPTY : { t: 'text', v: s };
  }
  if ('text' in o) return convertValue(o.text); // hyperlink: { text, hyperlink }
  if ('result' in o) return convertValue(o.result); // formula object, defensively
  return EMPTY;
}

interface RangeLike {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function mergesOf(ws: ExcelJS.Worksheet): MergedArea[] {
  const out: MergedArea[] = [];
  // `_merges` (master address -> Range) is ExcelJS's own index; `model.merges` would build
  // the whole sheet model (every row) just to list them, so use it only as a fallback.
  const internal = (ws as unknown as { _merges?: Record<string, RangeLike | undefined> })._merges;
  if (internal && typeof internal === 'object') {
    for (const key of Object.keys(internal)) {
      const r = internal[key];
      if (r) out.push({ top: r.top, left: r.left, bottom: r.bottom, right: r.right });
    }
  } else {
    const list = (ws.model as { merges?: unknown }).merges;
    if (Array.isArray(list)) {
      for (const ref of list) {
        const m = typeof ref === 'string' ? parseRange(ref) : undefined;
        if (m) out.push(m);
      }
    }
  }
  out.sort((a, b) => a.top - b.top || a.left - b.left);
  return out;
}

export function isProtected(ws: ExcelJS.Worksheet): boolean {
  const p = (ws as unknown as { sheetProtection?: { sheet?: unknown } | null }).sheetProtection;
  return !!p && !!p.sheet;
}

