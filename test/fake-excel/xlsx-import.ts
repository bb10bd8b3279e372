/**
 * What the fake host does with a base64 .xlsx (`Workbook.insertWorksheetsFromBase64`,
 * `Excel.createWorkbook`): reads the package into sheets — cell values, number formats, fills,
 * and the sheet-level layout the tests check (frozen rows, autofilter, column widths,
 * conditional formats, page set-up, print titles). Browser-safe and synchronous, as the host's
 * answer to a request is: stored (uncompressed) zip entries only, which is what the add-in
 * sends (`zipStored`); a deflated entry is refused as NotImplemented, never misread.
 */
import { ERROR_CODES, hostError } from './model';
import type { SnapCell, SnapSheet } from './snapshot';

/** The sheet-level formatting of an imported sheet, as read from its XML. */
export interface ImportedLayout {
  readonly frozenRows: number;
  readonly autoFilter: string | null;
  /** Column widths by 1-based column. */
  readonly widths: readonly number[];
  /** `sqref type operator formula fill font` per rule. */
  readonly conditionalFormats: readonly string[];
  readonly pageSetup: Readonly<Record<string, string>>;
  readonly printTitles: string | null;
  readonly boldCells: readonly string[];
}

export interface ImportedSheet {
  readonly snap: SnapSheet;
  readonly layout: ImportedLayout;
}

const BUILT_IN: Readonly<Record<number, string>> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%' };

function base64Bytes(b64: string): Uint8Array {
  if (typeof b64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4) throw hostError(ERROR_CODES.invalidArgument, 'base64File is not valid base64');
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Entries of a zip (central directory), stored entries only. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw hostError(ERROR_CODES.invalidArgument, 'base64File is not an .xlsx (no zip directory)');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const out = new Map<string, string>();
  for (let k = 0; k < count; k++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw hostError(ERROR_CODES.invalidArgument, 'base64File: bad zip directory');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLen = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    if (method !== 0) throw hostError(ERROR_CODES.notImplemented, `fake excel: zip entry ${name} is compressed (the fake reads stored entries only)`);
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.set(name, decoder.decode(bytes.subarray(data, data + size)));
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

const unescape = (s: string): string => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]) : null;
};

/** Read an .xlsx given as base64 into sheets (in workbook order). */
export function importXlsx(base64: string): ImportedSheet[] {
  const parts = unzip(base64Bytes(base64));
  const part = (p: string): string => {
    const t = parts.get(p);
    if (t === undefined) throw hostError(ERROR_CODES.invalidArgument, `base64File: missing ${p}`);
    return t;
  };
  const workbook = part('xl/workbook.xml');
  const rels = new Map([...part('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id')!, attr(m[0], 'Target')!]));
  const strings = [...(parts.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const styles = parts.get('xl/styles.xml') ?? '';
  const custom = new Map([...styles.matchAll(/<numFmt\b[^>]*>/g)].map((m) => [Number(attr(m[0], 'numFmtId')), attr(m[0], 'formatCode')!]));
  const xfBlock = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const fontList = [...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '').matchAll(/<font>([\s\S]*?)<\/font>|<font\/>/g)].map((m) => m[1] ?? '');
  const fillList = [...(/<fills[^>]*>([\s\S]*?)<\/fills>/.exec(styles)?.[1] ?? '').matchAll(/<fill>([\s\S]*?)<\/fill>/g)].map((m) => /patternType="solid"[\s\S]*?<fgColor rgb="([0-9A-F]{8})"/.exec(m[1])?.[1] ?? null);
  const xfs = [...xfBlock.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    const font = fontList[Number(attr(m[0], 'fontId') ?? 0)] ?? '';
    return { numFmt: custom.get(id) ?? BUILT_IN[id] ?? 'General', bold: /<b\/>/.test(font), fill: fillList[Number(attr(m[0], 'fillId') ?? 0)] ?? null };
  });
  const dxfs = [...(/<dxfs[^>]*>([\s\S]*?)<\/dxfs>/.exec(styles)?.[1] ?? '').matchAll(/<dxf>([\s\S]*?)<\/dxf>/g)].map((m) => ({
    font: /<font>[\s\S]*?rgb="([0-9A-F]{8})"/.exec(m[1])?.[1] ?? '',
    fill: /<bgColor rgb="([0-9A-F]{8})"/.exec(m[1])?.[1] ?? '',
  }));
  const titles = new Map([...workbook.matchAll(/<definedName\b[^>]*name="_xlnm.Print_Titles"[^>]*>([^<]*)<\/definedName>/g)].map((m) => [Number(attr(m[0], 'localSheetId')), unescape(m[1])]));

  return [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m, index) => {
    const name = attr(m[0], 'name')!;
    const target = rels.get(attr(m[0], 'r:id')!)!;
    const xml = part(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    const cells: Record<string, SnapCell> = {};
    const boldCells: string[] = [];
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = `<c${c[1]}>`;
      const ref = attr(tag, 'r')!;
      const xf = xfs[Number(attr(tag, 's') ?? 0)] ?? { numFmt: 'General', bold: false, fill: null };
      const t = attr(tag, 't');
      const raw = /<v>([\s\S]*?)<\/v>/.exec(c[2] ?? '')?.[1];
      let v: SnapCell['v'] = '';
      if (t === 's' && raw !== undefined) v = strings[Number(raw)];
      else if (t === 'inlineStr') v = unescape([...(c[2] ?? '').matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((x) => x[1]).join(''));
      else if (t === 'b') v = raw === '1';
      else if (t === 'str') v = unescape(raw ?? '');
      else if (raw !== undefined) v = Number(raw);
      if (xf.bold) boldCells.push(ref);
      cells[ref] = { v, ...(xf.numFmt !== 'General' ? { nf: xf.numFmt } : {}), ...(xf.fill ? { fill: `#${xf.fill.slice(2)}` } : {}) };
    }
    const pane = /<pane\b[^>]*>/.exec(xml)?.[0];
    const widths: number[] = [];
    for (const col of xml.matchAll(/<col\b[^>]*>/g)) for (let i = Number(attr(col[0], 'min')); i <= Number(attr(col[0], 'max')); i++) widths[i] = Number(attr(col[0], 'width'));
    const conditionalFormats = [...xml.matchAll(/<conditionalFormatting sqref="([^"]*)">([\s\S]*?)<\/conditionalFormatting>/g)].flatMap((cf) =>
      [...cf[2].matchAll(/<cfRule\b([^>]*)>([\s\S]*?)<\/cfRule>/g)].map((r) => {
        const tag = `<cfRule${r[1]}>`;
        const d = dxfs[Number(attr(tag, 'dxfId'))];
        return [cf[1], attr(tag, 'type'), attr(tag, 'operator') ?? '-', unescape(/<formula>([\s\S]*?)<\/formula>/.exec(r[2])?.[1] ?? ''), d?.fill, d?.font].join(' ');
      }),
    );
    const setup = /<pageSetup\b[^>]*>/.exec(xml)?.[0] ?? '';
    const pageSetup: Record<string, string> = {};
    for (const a of setup.matchAll(/(\w+)="([^"]*)"/g)) pageSetup[a[1]] = a[2];
    const layout: ImportedLayout = {
      frozenRows: pane && attr(pane, 'state') === 'frozen' ? Number(attr(pane, 'ySplit') ?? 0) : 0,
      autoFilter: attr(/<autoFilter\b[^>]*>/.exec(xml)?.[0] ?? '', 'ref'),
      widths,
      conditionalFormats,
      pageSetup,
      printTitles: titles.get(index) ?? null,
      boldCells,
    };
    return { snap: { name, cells, merges: [] }, layout };
  });
}
