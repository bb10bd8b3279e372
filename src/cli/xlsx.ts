/**
 * A direct .xlsx reader for what the engine needs: the sheets (values, formulas, number
 * formats, merges, protection), the shared strings, the number formats of the styles and
 * the workbook's sheet list. JSZip unzips, saxes parses the XML (both kept libraries);
 * nothing else of the package is opened, so charts, comments, drawings, pivot tables or a
 * producer's unusual relationship paths can never make a valid file unreadable.
 *
 * The cell semantics follow ExcelJS's reader (the CLI's previous reader), so a workbook
 * reads the same: built-in number formats, date detection by number format, shared
 * formulas translated to each cell, `_xHHHH_` escapes, phonetic runs ignored. Where ExcelJS
 * is wrong the difference is deliberate and listed in docs/decisions/reader.md.
 *
 * Every failure is a `PartError` that names the part of the package that could not be
 * read; read.ts turns it into the user's message.
 */
import { StringDecoder } from 'string_decoder';
import * as zlib from 'zlib';
import JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

import { BUILT_IN_FORMATS } from './numfmt';
import { crc32, declaredCrc, declaredSize, relsPartOf, resolveTarget, sizeText } from './package/opc';
import { decodeAddress, EMPTY, isDateFormat, parseRange, toGridDate, type Cell, type CellAt, type CellValue, type MergedArea, type SheetGrid, type SheetVisibility } from '../core';

/** A part of the package could not be read; `detail` is Chinese, `label` names the part. */
export class PartError extends Error {
  constructor(
    readonly label: string,
    readonly part: string,
    readonly detail: string,
  ) {
    super(`${label}（${part}）：${detail}`);
  }
}

/** The package is not a spreadsheet at all (a zip without a workbook part). */
export class NotAWorkbook extends Error {
  constructor(readonly binary: boolean) {
    super('not a workbook');
  }
}

export interface XlsxContents {
  readonly sheets: SheetGrid[];
  /** Zip entry names (without a leading `/`), for callers that look for parts by name. */
  readonly entries: readonly string[];
}

const REL_OFFICE_DOCUMENT = '/officeDocument';
const REL_WORKSHEET = '/worksheet';
const REL_SHARED_STRINGS = '/sharedStrings';
const REL_STYLES = '/styles';

/** Read every worksheet of the package in `bytes`. */
export async function readXlsx(bytes: Buffer): Promise<XlsxContents> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new PartError('压缩包', 'zip', zipDetail(e));
  }
  const pkg = new Package(zip);

  // The workbook part: named by the package relationships, `xl/workbook.xml` by default.
  const rootRels = pkg.has('_rels/.rels') ? await pkg.rels('_rels/.rels', '', '包关系') : [];
  const bookPart = rootRels.find((r) => r.type.endsWith(REL_OFFICE_DOCUMENT) && pkg.has(r.target))?.target ?? 'xl/workbook.xml';
  // A binary workbook (.xlsb) is a zip too, with its workbook part in BIFF12.
  if (/\.bin$/i.test(bookPart)) throw new NotAWorkbook(true);
  if (!pkg.has(bookPart)) throw new NotAWorkbook(pkg.has('xl/workbook.bin'));
  const book = await pkg.parse(bookPart, '工作簿目录', parseWorkbookPart);
  const bookRels = await pkg.rels(relsPartOf(bookPart), bookPart, '工作簿关系', true);
  const byId = new Map(bookRels.map((r) => [r.id, r]));

  const ssRel = bookRels.find((r) => r.type.endsWith(REL_SHARED_STRINGS));
  const ssPart = ssRel?.target ?? (pkg.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : undefined);
  const strings = ssPart !== undefined && pkg.has(ssPart) ? await pkg.parse(ssPart, '共享字符串', parseSharedStrings) : undefined;
  const stylesRel = bookRels.find((r) => r.type.endsWith(REL_STYLES));
  const stylesPart = stylesRel?.target ?? 'xl/styles.xml';
  const styles = pkg.has(stylesPart) ? await pkg.parse(stylesPart, '样式', parseStyles) : NO_STYLES;

  const sheets: SheetGrid[] = [];
  const textCells: TextCells = [];
  const numberCells: NumberCells = [];
  for (const s of book.sheets) {
    const rel = s.rid !== undefined ? byId.get(s.rid) : undefined;
    // Chart sheets, dialog and macro sheets hold no cells the engine reads.
    if (rel && !rel.type.endsWith(REL_WORKSHEET)) continue;
    const label = `工作表「${s.name}」`;
    if (!rel || !pkg.has(rel.target)) {
      throw new PartError(label, rel?.target ?? bookPart, '文件中缺少这张工作表的内容');
    }
    const ctx: SheetContext = { strings, stringsPart: ssPart ?? 'xl/sharedStrings.xml', styles, date1904: book.date1904, textCells, numberCells };
    const grid = await pkg.parse(rel.target, label, (src) => parseSheet(s.name, src, ctx));
    sheets.push(s.visibility ? { ...grid, visibility: s.visibility } : grid);
  }
  return { sheets, entries: pkg.names };
}

// ---------------------------------------------------------------------------------------
// The package: zip entries by part name

interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part's name, resolved against the source part, without a leading `/`. */
  readonly target: string;
}

class Package {
  private readonly byName = new Map<string, JSZip.JSZipObject>();
  readonly names: string[] = [];

  constructor(zip: JSZip) {
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue;
      const name = entry.name.replace(/^\/+/, '');
      this.names.push(name);
      // OPC part names compare case-insensitively.
      this.byName.set(name.toLowerCase(), entry);
    }
  }

  has(part: string): boolean {
    return this.byName.has(part.toLowerCase());
  }

  /**
   * Parse a part as it inflates: the XML text of a large sheet is never held whole, only
   * the cells read from it.
   */
  async parse<T>(part: string, label: string, parse: (src: XmlSource) => Promise<T>): Promise<T> {
    const entry = this.byName.get(part.toLowerCase());
    if (!entry) throw new PartError(label, part, '文件中缺少这一部分');
    const want = declaredCrc(entry);
    const source =
      (native: boolean): XmlSource =>
      (sink) =>
        new Promise<void>((resolve, reject) => {
          const stream = entryStream(entry, native);
          let crc = 0;
          let done = false;
          const fail = (e: unknown): void => {
            if (done) return;
            done = true;
            stream.pause();
            reject(e);
          };
          stream.on('data', (chunk: Uint8Array) => {
            if (done) return;
            crc = crc32(chunk, crc);
            try {
              sink(chunk);
            } catch (e) {
              fail(e);
            }
          });
          stream.on('error', (e: Error) => fail(e instanceof InflateFailure ? e : new ZipFailure(e)));
          stream.on('end', () => {
            if (done) return;
            done = true;
            // A damaged entry can still inflate (or be stored uncompressed): its checksum tells.
            if (want !== undefined && crc !== want) reject(new ChecksumFailure());
            else resolve();
          });
          stream.resume();
        });
    try {
      try {
        return await parse(source(true));
      } catch (e) {
        // Damaged compressed data: read again through JSZip, which says how it fails.
        if (e instanceof InflateFailure) return await parse(source(false));
        throw e;
      }
    } catch (e) {
      throw partFailure(label, part, declaredSize(entry), e);
    }
  }

  /** The relationships in `relsPart`, targets resolved against `source`. */
  async rels(relsPart: string, source: string, label: string, optional = false): Promise<Relationship[]> {
    if (optional && !this.has(relsPart)) return [];
    return this.parse(relsPart, label, (src) => parseRels(src, source));
  }
}

/** An entry's bytes as they inflate, chunk by chunk. */
interface EntryStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): EntryStream;
  on(event: 'end', listener: () => void): EntryStream;
  on(event: 'error', listener: (e: Error) => void): EntryStream;
  resume(): EntryStream;
  pause(): EntryStream;
}

/** JSZip's compression id for DEFLATE (`compressions.DEFLATE.magic`). */
const DEFLATE = '\x08\x00';

/**
 * With `native`, a deflated entry inflates in Node's zlib, from the compressed bytes JSZip
 * located (its loaded entry's `_data`, as `declaredCrc` reads): the same DEFLATE, several
 * times faster than JSZip's inflater in JavaScript (pako), and beside the parser on the
 * other core. Anything else streams through JSZip's own `internalStream` (in its API
 * documentation, not its typings), never through `nodeStream`: a Node stream copies every
 * chunk into a Buffer, and its object outlived the read, keeping the parser and all it
 * indexed alive.
 */
function entryStream(entry: JSZip.JSZipObject, native: boolean): EntryStream {
  const data = (entry as unknown as { _data?: { compression?: { magic?: unknown }; compressedContent?: unknown } })._data;
  const content = data?.compressedContent;
  if (native && data?.compression?.magic === DEFLATE && content instanceof Uint8Array) return new Inflating(content, declaredSize(entry));
  return (entry as unknown as { internalStream(type: 'uint8array'): EntryStream }).internalStream('uint8array');
}

/** zlib could not inflate an entry, or not to its declared size: JSZip reads it again. */
class InflateFailure extends Error {}

/** zlib's output chunk: fewer hand-offs from its thread than pako's 16 KB. */
const INFLATE_CHUNK = 64 * 1024;

/**
 * Inflation in zlib that hands over only bytes JSZip would too, so that any failure of a
 * damaged entry is JSZip's own (压缩数据损坏, the checksum, or the XML cut short at the same
 * place). JSZip's inflater hands over its full chunks as they fill and its last, partial
 * one only when the data ends well; zlib gives its partial chunk even when the data is cut
 * short, so that one waits for the end. An inflate error, or bytes other than the size the
 * zip declares (JSZip's check), is an `InflateFailure`: the part is read again by JSZip.
 */
class Inflating implements EntryStream {
  private readonly z = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
  private data: (chunk: Uint8Array) => void = ignore;
  private end: () => void = ignore;
  private error: (e: Error) => void = ignore;
  private length = 0;

  constructor(
    private readonly content: Uint8Array,
    private readonly size: number | undefined,
  ) {}

  on(event: 'data', listener: (chunk: Uint8Array) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: 'error', listener: (e: Error) => void): this;
  on(event: 'data' | 'end' | 'error', listener: (...args: never[]) => void): this {
    if (event === 'data') this.data = listener as (chunk: Uint8Array) => void;
    else if (event === 'end') this.end = listener as () => void;
    else this.error = listener as (e: Error) => void;
    return this;
  }

  resume(): this {
    let partial: Buffer | undefined;
    const deliver = (chunk: Buffer): void => {
      this.length += chunk.length;
      this.data(chunk);
    };
    const finish = (ok: boolean): void => {
      const { end, error } = this;
      this.release();
      if (ok && (this.size === undefined || this.length === this.size)) end();
      else error(new InflateFailure('inflate'));
    };
    this.z.on('data', (chunk: Buffer) => {
      if (partial) deliver(partial);
      partial = undefined;
      if (chunk.length < INFLATE_CHUNK) partial = chunk;
      else deliver(chunk);
    });
    this.z.on('end', () => {
      if (partial) deliver(partial);
      finish(true);
    });
    this.z.on('error', () => finish(false));
    this.z.end(this.content);
    return this;
  }

  /** Stop for good: the parser failed. */
  pause(): this {
    this.release();
    this.z.destroy();
    return this;
  }

  /**
   * The stream object outlives the read (the read resumes as its callback), and through
   * our listeners it would keep the parser and all it indexed (a sheet's row list, the
   * shared strings) alive for the rest of the command.
   */
  private release(): void {
    this.z.removeAllListeners();
    this.z.on('error', ignore);
    this.data = this.end = this.error = ignore;
  }
}

/** A listener that holds nothing (a closure made where the parser is would hold its scope). */
function ignore(): void {}

/** The `PartError` for a failure while parsing `part` (its declared uncompressed size: `size`). */
export function partFailure(label: string, part: string, size: number | undefined, e: unknown): PartError {
  if (e instanceof PartError) return e;
  if (e instanceof ZipFailure) return new PartError(label, part, zipDetail(e.reason));
  if (e instanceof ChecksumFailure) return new PartError(label, part, '校验和（CRC）不符，文件已损坏');
  if (e instanceof CellProblem) return new PartError(label, part, e.message);
  // A string or array past V8's limits, or memory: the part is too large, not malformed.
  const code = (e as { code?: unknown } | null)?.code;
  if (e instanceof RangeError || code === 'ERR_STRING_TOO_LONG') {
    return new PartError(label, part, size !== undefined ? `部件过大（解压后 ${sizeText(size)}），无法解析` : '部件过大，无法解析');
  }
  return new PartError(label, part, xmlDetail(e));
}

// ---------------------------------------------------------------------------------------
// XML

/** A cell-level problem inside a part (its message is Chinese). */
class CellProblem extends Error {}

/** The entry's bytes do not match the CRC-32 its zip directory declares. */
class ChecksumFailure extends Error {}

/** The zip entry itself could not be inflated. */
class ZipFailure extends Error {
  constructor(readonly reason: unknown) {
    super('zip');
  }
}

/** Streams a part's bytes into `sink`, chunk by chunk. */
type XmlSource = (sink: (chunk: Uint8Array) => void) => Promise<void>;

type OpenHandler = (local: string, attrs: Record<string, string>) => void;
type CloseHandler = (local: string) => void;
type TextHandler = (text: string) => void;

/** Parse a part as XML, calling back with local names (any namespace prefix dropped). */
async function parseXml(src: XmlSource, open: OpenHandler, close: CloseHandler, text?: TextHandler): Promise<void> {
  const parser = new SaxesParser();
  parser.on('opentag', (node: SaxesTagPlain) => open(localName(node.name), node.attributes));
  parser.on('closetag', (node: SaxesTagPlain) => close(localName(node.name)));
  if (text) parser.on('text', text);
  // Node's StringDecoder, not TextDecoder: the same text (a character split across chunks,
  // invalid bytes as U+FFFD) several times faster when streaming. Unlike TextDecoder it
  // keeps a leading byte order mark, which is dropped here as TextDecoder did.
  const decoder = new StringDecoder('utf8');
  let atStart = true;
  const write = (text: string): void => {
    if (atStart && text.length !== 0) {
      atStart = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    parser.write(text);
  };
  await src((chunk) => write(decoder.write(chunk)));
  write(decoder.end());
  parser.close();
}

const BOM = 0xfeff;

function localName(name: string): string {
  // The shortest prefixed name is `x:c`; `c`, `v`, `f` are read once per cell.
  if (name.length < 3) return name;
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** An attribute by local name (`r:id` under any prefix). */
function prefixedAttr(attrs: Record<string, string>, local: string): string | undefined {
  for (const k of Object.keys(attrs)) {
    if (k === local || k.endsWith(`:${local}`)) return attrs[k];
  }
  return undefined;
}

async function parseRels(data: XmlSource, source: string): Promise<Relationship[]> {
  const out: Relationship[] = [];
  await parseXml(
    data,
    (name, a) => {
      if (name !== 'Relationship' || a.TargetMode === 'External' || !a.Target) return;
      out.push({ id: a.Id ?? '', type: a.Type ?? '', target: resolveTarget(source, a.Target) });
    },
    () => {},
  );
  return out;
}

interface BookInfo {
  readonly sheets: { name: string; rid: string | undefined; visibility: Exclude<SheetVisibility, 'visible'> | undefined }[];
  readonly date1904: boolean;
}

async function parseWorkbookPart(data: XmlSource): Promise<BookInfo> {
  const sheets: BookInfo['sheets'] = [];
  let date1904 = false;
  await parseXml(
    data,
    (name, a) => {
      if (name === 'workbookPr') date1904 = isTrue(a.date1904);
      else if (name === 'sheet') sheets.push({ name: a.name ?? '', rid: prefixedAttr(a, 'id'), visibility: visibilityOf(a.state) });
    },
    () => {},
  );
  return { sheets, date1904 };
}

/** `<sheet state>`: `hidden`, `veryHidden`, else visible (ECMA-376 Part 1 §18.18.68 ST_SheetState). */
function visibilityOf(state: string | undefined): Exclude<SheetVisibility, 'visible'> | undefined {
  return state === 'hidden' || state === 'veryHidden' ? state : undefined;
}

function isTrue(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

/** `_x000D_` and the like: how OOXML escapes characters XML cannot hold. */
function unescapeOoxml(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

async function parseSharedStrings(data: XmlSource): Promise<string[]> {
  const out: string[] = [];
  let cur: string | null = null;
  let inT = false;
  let inPhonetic = false;
  await parseXml(
    data,
    (name) => {
      if (name === 'si') cur = '';
      else if (name === 't' && cur !== null && !inPhonetic) inT = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    (name) => {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') {
        out.push(unescapeOoxml(cur ?? ''));
        cur = null;
      }
    },
    (text) => {
      if (inT) cur += text;
    },
  );
  return out;
}

// ---------------------------------------------------------------------------------------
// Styles: only each cell format's number format matters

interface Styles {
  /** Number format of cell format `s`, undefined for General. */
  readonly numFmt: readonly (string | undefined)[];
  readonly isDate: readonly boolean[];
}

const NO_STYLES: Styles = { numFmt: [], isDate: [] };


async function parseStyles(data: XmlSource): Promise<Styles> {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  await parseXml(
    data,
    (name, a) => {
      if (name === 'numFmt') {
        const id = parseInt(a.numFmtId ?? '', 10);
        if (Number.isInteger(id) && a.formatCode !== undefined) custom.set(id, a.formatCode);
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) ids.push(parseInt(a.numFmtId ?? '0', 10) || 0);
    },
    (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  );
  const numFmt = ids.map((id) => (id ? (custom.get(id) ?? BUILT_IN_FORMATS[id]) : undefined));
  return { numFmt, isDate: numFmt.map(isDateFormat) };
}

// ---------------------------------------------------------------------------------------
// Worksheets

interface SheetContext {
  readonly strings: readonly string[] | undefined;
  readonly stringsPart: string;
  readonly styles: Styles;
  readonly date1904: boolean;
  readonly textCells: TextCells;
  readonly numberCells: NumberCells;
}

/**
 * The cell of shared string `i` in style `s` is `textCells[s][i]` (null: the empty string),
 * made once per workbook: grid cells are never modified, so every cell citing the same
 * string in the same style is one object (产出指标 down a million rows is one cell, not a
 * million).
 */
type TextCells = (Cell | null | undefined)[][];

/**
 * Plain number cells shared the same way, by the number's text, per style (weights, scores
 * and amounts repeat down a sheet). Bounded: a style's map is cleared when it reaches
 * SHARED_NUMBERS texts. Only short texts are keys: V8 may keep a longer one as a slice of
 * the parser's whole chunk.
 */
type NumberCells = (Map<string, Cell | null> | undefined)[];
const SHARED_NUMBERS = 10000;
const SHARED_NUMBER_LENGTH = 12;

interface SharedFormula {
  readonly formula: string;
  readonly row: number;
  readonly col: number;
}

/** A row up to this wide is made at its exact length whatever its cells (8 KB at most). */
const DENSE_ROW_WIDTH = 1024;

const CAP_NONE = 0;
const CAP_V = 1;
const CAP_F = 2;
const CAP_IS = 3;

/** Parse one worksheet part straight into a grid: no intermediate row or cell objects. */
async function parseSheet(name: string, data: XmlSource, ctx: SheetContext): Promise<SheetGrid> {
  const cells: (Cell | undefined)[][] = [];
  const rowsSeen: number[] = [];
  const merges: MergedArea[] = [];
  const shared = new Map<string, SharedFormula>();
  let isProtected = false;
  let rowCount = 0;
  let colCount = 0;

  let row = 0;
  let col = 0;
  // the open <c>
  let type: string | undefined;
  let style = 0;
  let v: string | undefined;
  let f: string | undefined;
  let fType: string | undefined;
  let fSi: string | undefined;
  let fRef: string | undefined;
  let inline: string | undefined;
  let capture = CAP_NONE;
  let phonetic = false;
  const at: CellAt = { row: 0, col: 0 };

  // The cells of the row being read, kept aside until the row ends: its array is then made
  // at its exact length (a long table's rows, grown cell by cell, kept ~20 slots each).
  let pendingRow = -1;
  let pendingCount = 0;
  let pendingWidth = 0;
  const pendingCols: number[] = [];
  const pendingCells: Cell[] = [];

  const flushRow = (): void => {
    if (pendingCount === 0) return;
    let cellsOfRow = cells[pendingRow];
    if (!cellsOfRow) {
      // A few cells far apart (a stray one at XFD) are left to V8's sparse arrays: an exact
      // array would cost the row's width, not its cells.
      const dense = pendingWidth <= DENSE_ROW_WIDTH || pendingWidth <= 8 * pendingCount;
      cellsOfRow = cells[pendingRow] = dense ? new Array<Cell | undefined>(pendingWidth) : [];
      rowsSeen.push(pendingRow);
    }
    // In document order: a cell written twice keeps its last value.
    for (let i = 0; i < pendingCount; i++) cellsOfRow[pendingCols[i]] = pendingCells[i];
    pendingCount = 0;
    pendingWidth = 0;
  };

  const finishCell = (): void => {
    const cell = makeCell();
    if (!cell) return;
    if (row !== pendingRow) {
      flushRow();
      pendingRow = row;
    }
    pendingCols[pendingCount] = col;
    pendingCells[pendingCount] = cell;
    pendingCount++;
    if (col >= pendingWidth) pendingWidth = col + 1;
    if (row > rowCount) rowCount = row;
    if (col > colCount) colCount = col;
  };

  const makeCell = (): Cell | undefined => {
    const isFormula = f !== undefined && (f !== '' || fType !== undefined);
    // Most cells of a long table: a shared string, a short number.
    if (!isFormula && v !== undefined) {
      if (type === 's') return sharedStringCell(v);
      if (type === undefined && v.length <= SHARED_NUMBER_LENGTH) return numberCell(v);
    }
    const numFmt = ctx.styles.numFmt[style];
    const isDate = ctx.styles.isDate[style] === true;
    if (f !== undefined && isFormula) {
      let formula = f;
      if (fType === 'shared' && fSi !== undefined) {
        if (f !== '') {
          if (fRef !== undefined) shared.set(fSi, { formula: f, row, col });
        } else {
          const master = shared.get(fSi);
          formula = master ? slideFormula(master.formula, master.row, master.col, row, col) : '';
        }
      }
      formula = own(formula.startsWith('=') ? formula.slice(1) : formula);
      // A string result may be empty (`<v></v>`) and still be known; other types need a figure.
      if (v === undefined || (v === '' && type !== 'str')) {
        return withFmt({ value: EMPTY, formula, formulaWithoutResult: true }, numFmt);
      }
      return withFmt({ value: resultValue(v, isDate), formula }, numFmt);
    }
    let value: CellValue;
    if (type === 'inlineStr') value = textValue(unescapeOoxml(inline ?? v ?? ''));
    else if (v === undefined) return undefined;
    else value = plainValue(v, isDate);
    return value.t === 'empty' ? undefined : withFmt({ value }, numFmt);
  };

  const resultValue = (raw: string, isDate: boolean): CellValue => {
    switch (type) {
      case 'str':
        return textValue(raw);
      case 'b':
        return { t: 'boolean', v: parseInt(raw, 10) !== 0 };
      case 'e':
        return { t: 'error', v: raw };
      default:
        return numberValue(raw, isDate);
    }
  };

  // The style of the last shared-string and number cell, and its cells (a column keeps one).
  let textStyle = -1;
  let textsOfStyle: (Cell | null | undefined)[] = [];
  let numberStyle = -1;
  let numbersOfStyle = new Map<string, Cell | null>();

  const sharedStringCell = (raw: string): Cell | undefined => {
    const i = toInt(raw);
    if (style !== textStyle) {
      textStyle = style;
      textsOfStyle = ctx.textCells[style] ??= [];
    }
    let cell = textsOfStyle[i];
    if (cell === undefined) {
      const value = plainValue(raw, false);
      cell = textsOfStyle[i] = value.t === 'empty' ? null : withFmt({ value }, ctx.styles.numFmt[style]);
    }
    return cell ?? undefined;
  };

  /** A plain number (no `t`): one cell per text and style, as for shared strings. */
  const numberCell = (raw: string): Cell | undefined => {
    if (style !== numberStyle) {
      numberStyle = style;
      numbersOfStyle = ctx.numberCells[style] ??= new Map();
    }
    const byStyle = numbersOfStyle;
    let cell = byStyle.get(raw);
    if (cell === undefined) {
      const value = plainValue(raw, ctx.styles.isDate[style] === true);
      cell = value.t === 'empty' ? null : withFmt({ value }, ctx.styles.numFmt[style]);
      if (byStyle.size >= SHARED_NUMBERS) byStyle.clear();
      byStyle.set(raw, cell);
    }
    return cell ?? undefined;
  };

  const plainValue = (raw: string, isDate: boolean): CellValue => {
    switch (type) {
      case 's': {
        const i = parseInt(raw, 10);
        const strings = ctx.strings;
        if (!strings) {
          throw new CellProblem(`单元格 ${cellName(row, col)} 引用共享字符串，但文件中没有共享字符串（${ctx.stringsPart}）`);
        }
        if (!(i >= 0 && i < strings.length)) {
          throw new CellProblem(`单元格 ${cellName(row, col)} 引用的共享字符串第 ${raw} 条不存在（${ctx.stringsPart} 共 ${strings.length} 条）`);
        }
        return textValue(strings[i]);
      }
      case 'str':
        return textValue(raw);
      case 'b':
        return { t: 'boolean', v: parseInt(raw, 10) !== 0 };
      case 'e':
        return { t: 'error', v: raw };
      case 'd':
        return isoValue(raw);
      default:
        return numberValue(raw, isDate);
    }
  };

  const numberValue = (raw: string, isDate: boolean): CellValue => {
    const n = parseFloat(raw);
    if (!Number.isFinite(n)) return EMPTY;
    return isDate ? toGridDate(n, ctx.date1904) : { t: 'number', v: n };
  };

  await parseXml(
    data,
    (tag, a) => {
      switch (tag) {
        case 'row': {
          const r = a.r !== undefined ? toInt(a.r) : row + 1;
          row = r > 0 ? r : row + 1;
          col = 0;
          return;
        }
        case 'c': {
          const ref = a.r;
          if (ref !== undefined && decodeAddress(ref, at)) {
            row = at.row;
            col = at.col;
          } else col++;
          type = a.t;
          style = a.s !== undefined ? toInt(a.s) || 0 : 0;
          v = f = fType = fSi = fRef = inline = undefined;
          return;
        }
        case 'v':
          v = '';
          capture = CAP_V;
          return;
        case 'f':
          f = '';
          fType = a.t;
          fSi = a.si;
          fRef = a.ref;
          capture = CAP_F;
          return;
        case 'is':
          inline = '';
          return;
        case 't':
          if (inline !== undefined && !phonetic) capture = CAP_IS;
          return;
        case 'rPh':
          phonetic = true;
          return;
        case 'mergeCell': {
          const m = a.ref !== undefined ? parseRange(a.ref) : undefined;
          if (m) merges.push(m);
          return;
        }
        case 'sheetProtection':
          isProtected = isTrue(a.sheet);
          return;
        default:
          return;
      }
    },
    (tag) => {
      switch (tag) {
        case 'c':
          capture = CAP_NONE;
          finishCell();
          return;
        case 'v':
        case 'f':
        case 't':
          capture = CAP_NONE;
          return;
        case 'rPh':
          phonetic = false;
          return;
        default:
          return;
      }
    },
    (text) => {
      if (capture === CAP_V) v += text;
      else if (capture === CAP_F) f += text;
      else if (capture === CAP_IS) inline += text;
    },
  );

  flushRow();
  if (merges.length) dropCoveredValues(cells, rowsSeen, merges);
  for (const m of merges) {
    if (m.bottom > rowCount) rowCount = m.bottom;
    if (m.right > colCount) colCount = m.right;
  }
  merges.sort((a, b) => a.top - b.top || a.left - b.left);
  return { name, rowCount, colCount, cells, merges, protected: isProtected };
}

function withFmt(cell: Cell, numFmt: string | undefined): Cell {
  return numFmt === undefined ? cell : { ...cell, numFmt };
}

function textValue(s: string): CellValue {
  return s === '' ? EMPTY : { t: 'text', v: own(s) };
}

/**
 * `s` in storage of its own. Text the parser hands over is, from 13 characters on, a slice
 * of its whole chunk (64 KB of the part's XML), which every such string kept alive with the
 * grid: a sheet with a formula per row kept all of its XML.
 */
function own(s: string): string {
  return s.length < SLICE_LENGTH ? s : (' ' + s).slice(1);
}

/** V8 makes a sliced string from this length on (SlicedString::kMinLength). */
const SLICE_LENGTH = 13;

/** `t="d"`: an ISO 8601 date-time (LibreOffice and others may write these). */
function isoValue(raw: string): CellValue {
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) || !raw.includes('T') ? raw : `${raw}Z`);
  return toGridDate(d, false, false);
}

/** `parseInt(s, 10)`, by character codes when `s` is only a few digits (a row, a style, a string's index). */
function toInt(s: string): number {
  const length = s.length;
  if (length === 0 || length > 9) return parseInt(s, 10);
  let n = 0;
  for (let i = 0; i < length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 48 || ch > 57) return parseInt(s, 10);
    n = n * 10 + (ch - 48);
  }
  return n;
}

function cellName(row: number, col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

// ExcelJS's shared-formula translation (lib/utils/shared-formula.js): move every relative
// reference by the offset from the master cell.
const REF_CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL_REF = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

export function slideFormula(formula: string, fromRow: number, fromCol: number, toRow: number, toCol: number): string {
  return formula.replace(REF_CANDIDATE, (match: string, sheet: string | undefined, _s: string, addr: string, paren: string | undefined) => {
    if (paren) return match;
    const m = CELL_REF.exec(addr);
    if (!m) return match;
    const letters = m[2].toUpperCase();
    if (letters.length > 3 || (letters.length === 3 && letters > 'XFD')) return match; // a name, not a cell
    let c = colNumber(letters);
    let r = parseInt(m[4], 10);
    if (!m[1]) c += toCol - fromCol;
    if (!m[3]) r += toRow - fromRow;
    const name = cellName(r, c);
    const colPart = name.replace(/\d+$/, '');
    return `${sheet ?? ''}${m[1] ?? ''}${colPart}${m[3] ?? ''}${r}`;
  });
}

/**
 * Values under a merge belong to its top-left cell only (Excel keeps only that one; some
 * producers keep the others). Work is bounded by the cells present in the merges' rows,
 * never by a merge's area.
 */
function dropCoveredValues(cells: (Cell | undefined)[][], rowsSeen: number[], merges: readonly MergedArea[]): void {
  // Rows come in document order, ascending in every producer's files: sorted only if not.
  if (!isAscending(rowsSeen)) rowsSeen.sort((a, b) => a - b);
  for (const m of merges) {
    for (let i = lowerBound(rowsSeen, m.top); i < rowsSeen.length && rowsSeen[i] <= m.bottom; i++) {
      const r = rowsSeen[i];
      const cellsOfRow = cells[r];
      if (!cellsOfRow) continue;
      const right = Math.min(m.right, cellsOfRow.length - 1);
      for (let c = r === m.top ? m.left + 1 : m.left; c <= right; c++) {
        if (cellsOfRow[c] !== undefined) delete cellsOfRow[c];
      }
    }
  }
}

function isAscending(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i] < xs[i - 1]) return false;
  return true;
}

function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------
// Error details

/** A one-line Chinese reason for a JSZip / inflate failure. */
export function zipDetail(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/end of central directory|end of data reached|unexpected end|is this a zip file/i.test(msg)) {
    return '压缩包不完整（文件可能被截断或未完整下载）';
  }
  if (/encrypted/i.test(msg)) return '压缩包已加密';
  return '压缩数据损坏';
}

/** A one-line Chinese reason for an XML failure (saxes reports `line:column: reason`). */
function xmlDetail(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const pos = /^(\d+):(\d+):/.exec(msg);
  if (pos) return `XML 格式错误（第 ${pos[1]} 行第 ${pos[2]} 列）`;
  return '内容无法解析';
}
