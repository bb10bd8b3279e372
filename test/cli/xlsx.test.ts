/**
 * The direct reader (src/cli/xlsx.ts) on packages written by hand: how a sheet's cells
 * become grid rows whatever order a producer writes them in, a part that starts with a
 * byte order mark, and a damaged deflated part, which fails as JSZip says (the reader
 * inflates in zlib and reads a part again through JSZip when zlib cannot).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';

import { readGrid } from '../../src/cli/read';
import { WorkbookReadError } from '../../src/cli/errors';
import type { SheetGrid } from '../../src/core';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A one-sheet package (自评表) whose sheet part is `sheet`, as given. */
function book(sheet: string | Buffer): JSZip {
  const zip = new JSZip();
  zip.file(
    '_rels/.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file('xl/workbook.xml', `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="自评表" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  zip.file('xl/worksheets/sheet1.xml', sheet);
  return zip;
}

async function withFile<T>(bytes: Buffer, read: (file: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-xlsx-'));
  try {
    const file = path.join(dir, 'book.xlsx');
    fs.writeFileSync(file, bytes);
    return await read(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function sheetOf(zip: JSZip): Promise<SheetGrid> {
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return withFile(bytes, async (file) => (await readGrid(file)).grid.sheets[0]);
}

async function messageOf(bytes: Buffer): Promise<string> {
  return withFile(bytes, async (file) => {
    const e = await readGrid(file).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(WorkbookReadError);
    return (e as WorkbookReadError).message.slice(file.length + 1);
  });
}

/** The columns a row holds, and its length (a grid row is sparse: holes are not cells). */
function shape(row: readonly unknown[] | undefined): { cols: string[]; length: number } | undefined {
  return row && { cols: Object.keys(row), length: row.length };
}

const n = (v: number): { value: { t: 'number'; v: number } } => ({ value: { t: 'number', v } });

describe('cells become rows in any order a producer writes them', () => {
  it('a cell of an earlier row, a cell written twice, cells without a reference, a row 1,026 columns wide', async () => {
    const s = await sheetOf(
      book(
        `<worksheet xmlns="${NS}"><sheetData>` +
          '<row r="2"><c r="C2"><v>1</v></c><c r="B2"><v>2</v></c></row>' +
          // B2 again, from inside row 3: it replaces the first B2, and row 3 goes on after it.
          '<row r="3"><c r="B3"><v>3</v></c><c r="B2"><v>4</v></c><c r="D3"><v>5</v></c></row>' +
          '<row r="5"><c r="A5"><v>6</v></c><c r="A5"><v>7</v></c></row>' +
          '<row><c><v>8</v></c><c><v>9</v></c></row>' +
          '<row r="7"><c r="B7"><v>10</v></c><c r="AMK7"><v>11</v></c></row>' +
          '</sheetData></worksheet>',
      ),
    );
    expect(s.cells[2]?.[2]).toEqual(n(4));
    expect(s.cells[2]?.[3]).toEqual(n(1));
    expect(shape(s.cells[2])).toEqual({ cols: ['2', '3'], length: 4 });
    expect(s.cells[3]?.[2]).toEqual(n(3));
    expect(s.cells[3]?.[4]).toEqual(n(5));
    expect(shape(s.cells[3])).toEqual({ cols: ['2', '4'], length: 5 });
    expect(s.cells[5]?.[1]).toEqual(n(7));
    expect(shape(s.cells[5])).toEqual({ cols: ['1'], length: 2 });
    expect(s.cells[6]?.[1]).toEqual(n(8));
    expect(s.cells[6]?.[2]).toEqual(n(9));
    expect(shape(s.cells[6])).toEqual({ cols: ['1', '2'], length: 3 });
    expect(s.cells[7]?.[1025]).toEqual(n(11));
    expect(shape(s.cells[7])).toEqual({ cols: ['2', '1025'], length: 1026 });
    expect(Object.keys(s.cells)).toEqual(['2', '3', '5', '6', '7']);
    expect([s.rowCount, s.colCount]).toEqual([7, 1025]);
  });

  it('a merge drops the values it covers in rows written out of order', async () => {
    const s = await sheetOf(
      book(
        `<worksheet xmlns="${NS}"><sheetData>` +
          '<row r="4"><c r="A4"><v>1</v></c><c r="B4"><v>2</v></c><c r="C4"><v>3</v></c></row>' +
          '<row r="2"><c r="A2"><v>4</v></c><c r="B2"><v>5</v></c></row>' +
          '<row r="3"><c r="B3"><v>6</v></c><c r="D3"><v>7</v></c></row>' +
          '</sheetData><mergeCells count="1"><mergeCell ref="B2:C4"/></mergeCells></worksheet>',
      ),
    );
    expect(s.cells[2]).toEqual([undefined, n(4), n(5)]);
    expect(shape(s.cells[2])).toEqual({ cols: ['1', '2'], length: 3 });
    expect(shape(s.cells[3])).toEqual({ cols: ['4'], length: 5 });
    expect(shape(s.cells[4])).toEqual({ cols: ['1'], length: 4 });
    expect(s.merges).toEqual([{ top: 2, left: 2, bottom: 4, right: 3 }]);
  });
});

describe('a part that starts with a byte order mark', () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  const good = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row></sheetData></worksheet>`;

  it('reads as without it', async () => {
    const s = await sheetOf(book(Buffer.concat([BOM, Buffer.from(good)])));
    expect(s.cells[1]?.[1]).toEqual({ value: { t: 'text', v: '项目名称' } });
  });

  it('places an XML error on the same column as without it', async () => {
    const broken = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</c></row></sheetData></worksheet>`;
    const message = '工作簿已损坏，无法读取：工作表「自评表」（xl/worksheets/sheet1.xml）：XML 格式错误（第 1 行第 117 列）';
    for (const sheet of [Buffer.from(broken), Buffer.concat([BOM, Buffer.from(broken)])]) {
      expect(await messageOf(await book(sheet).generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))).toBe(message);
    }
  });
});

describe('a damaged deflated part', () => {
  /** The package with the sheet part's compressed bytes from `from` on (`from` < 0: from the end) replaced by `fill`. */
  async function damaged(from: number, fill: number): Promise<Buffer> {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${(i * 7919) % 10007}</v></c></row>`).join('');
    const bytes = await book(`<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`).generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const header = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml', 'latin1')) - 30);
    const size = bytes.readUInt32LE(header + 18);
    const start = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
    expect(size).toBeGreaterThan(3100);
    bytes.fill(fill, start + (from < 0 ? size + from : from), start + size);
    return bytes;
  }

  const part = '工作簿已损坏，无法读取：工作表「自评表」（xl/worksheets/sheet1.xml）：';

  it('that cannot inflate, or not to its declared size, is 压缩数据损坏 (JSZip’s check)', async () => {
    expect(await messageOf(await damaged(2000, 0xff))).toBe(`${part}压缩数据损坏`);
    expect(await messageOf(await damaged(-20, 0))).toBe(`${part}压缩数据损坏`);
  });

  it('that inflates into broken XML before it fails is reported where the XML breaks', async () => {
    expect(await messageOf(await damaged(3000, 0xa5))).toBe(`${part}XML 格式错误（第 1 行第 14968 列）`);
    expect(await messageOf(await damaged(2000, 0))).toBe(`${part}XML 格式错误（第 1 行第 9246 列）`);
  });
});
