/**
 * The reviewer's summary as a SpreadsheetML package: the parts of a new .xlsx (path → XML
 * text), written from the sheets `buildSummary` describes and `SUMMARY_LAYOUT`, so every host
 * writes the same workbook — the CLI zips the parts (deflate), Excel inserts or opens them
 * (`insertWorksheetsFromBase64`, `createWorkbook`) from `zipStored` bytes. Pure: no DOM, no
 * Node, no zip library.
 *
 * What the parts hold, per sheet: shared strings, numbers with the column's number format
 * (built-in ids where Excel has one), the header bold on `HEADER_FILL`, frozen header rows,
 * column widths, an autofilter (`table` sheets; with its hidden `_FilterDatabase` name),
 * conditional formats as `dxf`s, hyperlinks (external relationships), print titles and
 * landscape fit-to-width page set-up.
 */
import { SUMMARY_LAYOUT, type SummaryHighlight, type SummarySheet, type SummaryValue } from './sheets';

/** Parts of a package: path inside the zip → XML text. */
export type PackageParts = Readonly<Record<string, string>>;

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Number formats Excel has built in (ECMA-376 §18.8.30), by format code. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

export function escapeXml(s: string): string {
  // Characters XML 1.0 does not allow are dropped (a cell cannot hold them either).
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Column letters of a 1-based index (1 → A, 28 → AB). */
export function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet name as a formula names it: `'汇总'!`. */
const quoted = (name: string): string => `'${name.replace(/'/g, "''")}'`;

interface Xf {
  readonly numFmt: number;
  readonly font: number;
  readonly fill: number;
  readonly wrap: boolean;
}

/** The workbook's style table, filled as cells ask for styles. */
class Styles {
  private readonly custom = new Map<string, number>();
  private readonly xfs: Xf[] = [{ numFmt: 0, font: 0, fill: 0, wrap: false }];
  private readonly xfIndex = new Map<string, number>([['0|0|0|false', 0]]);
  readonly dxfs: string[] = [];

  numFmtId(code: string | null): number {
    if (code === null) return 0;
    if (code in BUILT_IN_FORMATS) return BUILT_IN_FORMATS[code];
    let id = this.custom.get(code);
    if (id === undefined) this.custom.set(code, (id = 164 + this.custom.size));
    return id;
  }

  xf(x: Xf): number {
    const key = `${x.numFmt}|${x.font}|${x.fill}|${x.wrap}`;
    let i = this.xfIndex.get(key);
    if (i === undefined) {
      i = this.xfs.length;
      this.xfs.push(x);
      this.xfIndex.set(key, i);
    }
    return i;
  }

  dxf(h: SummaryHighlight): number {
    this.dxfs.push(`<dxf><font><color rgb="FF${h.font}"/></font><fill><patternFill patternType="solid"><bgColor rgb="FF${h.fill}"/></patternFill></fill></dxf>`);
    return this.dxfs.length - 1;
  }

  xml(): string {
    const L = SUMMARY_LAYOUT;
    const numFmts = [...this.custom].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    const font = (inner: string): string => `<font>${inner}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
    const fonts = [font(''), font('<b/>'), font(`<u/><color rgb="FF${L.linkFont.color}"/>`)];
    const fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>', `<fill><patternFill patternType="solid"><fgColor rgb="FF${L.header.fill}"/><bgColor indexed="64"/></patternFill></fill>`];
    const xfs = this.xfs.map((x) => {
      const attrs = `numFmtId="${x.numFmt}" fontId="${x.font}" fillId="${x.fill}" borderId="0" xfId="0"${x.numFmt ? ' applyNumberFormat="1"' : ''}${x.font ? ' applyFont="1"' : ''}${x.fill ? ' applyFill="1"' : ''}`;
      if (x.wrap) return `<xf ${attrs} applyAlignment="1"><alignment vertical="${L.wrap.vertical}" wrapText="1"/></xf>`;
      if (x.fill) return `<xf ${attrs} applyAlignment="1"><alignment vertical="center"/></xf>`;
      return `<xf ${attrs}/>`;
    });
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${fonts.length}">${fonts.join('')}</fonts>` +
      `<fills count="${fills.length}">${fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join('')}</dxfs>` +
      '</styleSheet>'
    );
  }
}

/** The shared string table. */
class Strings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  xml(): string {
    const si = this.list.map((s) => `<si><t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${escapeXml(s)}</t></si>`);
    return XML_HEAD + `<sst xmlns="${NS}" count="${this.count}" uniqueCount="${this.list.length}">${si.join('')}</sst>`;
  }
}

interface SheetPart {
  readonly xml: string;
  readonly links: readonly string[];
}

function sheetXml(sheet: SummarySheet, first: boolean, styles: Styles, strings: Strings): SheetPart {
  const L = SUMMARY_LAYOUT;
  const n = sheet.columns.length;
  const lastRow = sheet.rows.length + 1;
  const lastCol = colLetters(n);
  const header = styles.xf({ numFmt: 0, font: 1, fill: 2, wrap: false });
  const colStyle = sheet.columns.map((c) => styles.numFmtId(c.numFmt));
  const links: string[] = [];
  const hyperlinks: string[] = [];

  const cell = (ref: string, v: SummaryValue, col: number): string => {
    if (v === null) return '';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return '';
      return `<c r="${ref}" s="${styles.xf({ numFmt: colStyle[col], font: 0, fill: 0, wrap: false })}"><v>${v}</v></c>`;
    }
    const text = typeof v === 'string' ? v : v.text;
    let font = 0;
    if (typeof v === 'object') {
      links.push(v.target);
      hyperlinks.push(`<hyperlink ref="${ref}" r:id="rId${links.length}"/>`);
      font = 2;
    }
    const s = styles.xf({ numFmt: 0, font, fill: 0, wrap: text.includes('\n') });
    return `<c r="${ref}"${s ? ` s="${s}"` : ''} t="s"><v>${strings.id(text)}</v></c>`;
  };

  const rows: string[] = [`<row r="1">${sheet.columns.map((c, i) => `<c r="${colLetters(i + 1)}1" s="${header}" t="s"><v>${strings.id(c.header)}</v></c>`).join('')}</row>`];
  sheet.rows.forEach((row, r) => {
    const cells = row.map((v, i) => cell(`${colLetters(i + 1)}${r + 2}`, v, i)).join('');
    rows.push(`<row r="${r + 2}">${cells}</row>`);
  });

  const freeze = L.freezeRows;
  const top = `A${freeze + 1}`;
  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  const lastData = Math.max(2, lastRow);
  let priority = 1;
  const cf = sheet.highlights.map((h) => {
    const col = colLetters(sheet.columns.findIndex((c) => c.key === h.column) + 1);
    const dxf = styles.dxf(h);
    const rule =
      'equals' in h.when
        ? `<cfRule type="cellIs" dxfId="${dxf}" priority="${priority++}" operator="equal"><formula>${escapeXml(`"${h.when.equals.replace(/"/g, '""')}"`)}</formula></cfRule>`
        : `<cfRule type="expression" dxfId="${dxf}" priority="${priority++}"><formula>${escapeXml(`AND(ISNUMBER(${col}2),ABS(${col}2)>${h.when.absAbove})`)}</formula></cfRule>`;
    return `<conditionalFormatting sqref="${col}2:${col}${lastData}">${rule}</conditionalFormatting>`;
  });
  const p = L.print;
  const xml =
    XML_HEAD +
    `<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${lastCol}${lastRow}"/>` +
    `<sheetViews><sheetView${first ? ' tabSelected="1"' : ''} workbookViewId="0"><pane ySplit="${freeze}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    (sheet.table ? `<autoFilter ref="A1:${lastCol}${lastRow}"/>` : '') +
    cf.join('') +
    (hyperlinks.length ? `<hyperlinks>${hyperlinks.join('')}</hyperlinks>` : '') +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="${p.paperSize}" orientation="${p.orientation}" fitToWidth="${p.fitToWidth}" fitToHeight="${p.fitToHeight}"/>` +
    '</worksheet>';
  return { xml, links };
}

/** The parts of a new workbook holding `sheets` (in order; their names as given). */
export function summaryParts(sheets: readonly SummarySheet[]): PackageParts {
  const styles = new Styles();
  const strings = new Strings();
  const parts: Record<string, string> = {};
  const names: string[] = [];
  sheets.forEach((sheet, i) => {
    const part = sheetXml(sheet, i === 0, styles, strings);
    parts[`xl/worksheets/sheet${i + 1}.xml`] = part.xml;
    if (part.links.length) {
      const rels = part.links.map((t, k) => `<Relationship Id="rId${k + 1}" Type="${REL_NS}/hyperlink" Target="${escapeXml(t)}" TargetMode="External"/>`);
      parts[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = XML_HEAD + `<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`;
    }
    const lastRow = sheet.rows.length + 1;
    if (sheet.table) names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`${quoted(sheet.name)}!$A$1:$${colLetters(sheet.columns.length)}$${lastRow}`)}</definedName>`);
    const [a, b] = SUMMARY_LAYOUT.print.titleRows.split(':');
    names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quoted(sheet.name)}!$${a}:$${b}`)}</definedName>`);
  });
  const sheetList = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  parts['xl/workbook.xml'] =
    XML_HEAD +
    `<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetList}</sheets>` +
    (names.length ? `<definedNames>${names.join('')}</definedNames>` : '') +
    '<calcPr calcId="191029"/></workbook>';
  const n = sheets.length;
  parts['xl/_rels/workbook.xml.rels'] =
    XML_HEAD +
    `<Relationships xmlns="${PKG_REL_NS}">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
    '</Relationships>';
  parts['xl/styles.xml'] = styles.xml();
  parts['xl/sharedStrings.xml'] = strings.xml();
  parts['_rels/.rels'] = XML_HEAD + `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  parts['[Content_Types].xml'] =
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.worksheet+xml"/>`).join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>` +
    '</Types>';
  // [Content_Types].xml first, as Office writes it (some readers sniff the first entry).
  const order = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'];
  const sorted: Record<string, string> = {};
  for (const k of order) sorted[k] = parts[k];
  for (const k of Object.keys(parts)) if (!(k in sorted)) sorted[k] = parts[k];
  return sorted;
}

/** UTF-8 bytes of a string (no TextEncoder: the core stays free of host APIs). */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

let crcTable: Uint32Array | null = null;

export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A zip of `parts`, stored (no compression): what the add-in hands Excel as base64. A
 * summary is small (tens of KB); compression would need a deflate implementation in the
 * pane's bundle for nothing the user sees. File names are UTF-8 (general purpose bit 11).
 */
export function zipStored(parts: PackageParts): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const le = (n: number, size: 2 | 4): number[] => (size === 2 ? [n & 0xff, (n >>> 8) & 0xff] : [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
  // 1980-01-01 00:00, DOS format: a fixed time keeps the bytes a function of the parts.
  const time = 0;
  const date = (0 << 9) | (1 << 5) | 1;
  let count = 0;
  for (const [path, text] of Object.entries(parts)) {
    const name = utf8(path);
    const data = utf8(text);
    const crc = crc32(data);
    const common = [...le(20, 2), ...le(0x0800, 2), ...le(0, 2), ...le(time, 2), ...le(date, 2), ...le(crc, 4), ...le(data.length, 4), ...le(data.length, 4), ...le(name.length, 2), ...le(0, 2)];
    const local = Uint8Array.from([...le(0x04034b50, 4), ...common]);
    chunks.push(local, name, data);
    central.push(Uint8Array.from([...le(0x02014b50, 4), ...le(20, 2), ...common, ...le(0, 2), ...le(0, 2), ...le(0, 2), ...le(0, 4), ...le(offset, 4)]), name);
    offset += local.length + name.length + data.length;
    count++;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = Uint8Array.from([...le(0x06054b50, 4), ...le(0, 2), ...le(0, 2), ...le(count, 2), ...le(count, 2), ...le(centralSize, 4), ...le(offset, 4), ...le(0, 2)]);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes (what `createWorkbook` and `insertWorksheetsFromBase64` take). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}
