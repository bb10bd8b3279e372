/**
 * Issue 6 item 15: a package damaged in one part is reported in Chinese, naming that part
 * (and the cell, where one is at fault), never with the reader library's English. And the
 * reader's own guarantees: valid packages laid out unlike ExcelJS's read, and the grid of
 * a sheet whose used range ends at XFD1048576 costs its cells, not its area.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';

import { readGrid, readWorkbook } from '../../src/cli/read';
import { partFailure } from '../../src/cli/xlsx';
import { WorkbookReadError } from '../../src/cli/errors';
import { jixiao } from '../helpers/cli';
import { fixture } from '../helpers/fixtures';

const edge = (name: string): string => fixture(path.join('edge', name));

async function readError(file: string): Promise<WorkbookReadError> {
  const e = await readGrid(file).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(WorkbookReadError);
  return e as WorkbookReadError;
}

/** No English words in a user message (part names such as xl/styles.xml and acronyms such as XML aside). */
function expectChinese(message: string): void {
  const words = message.replace(/[\w./-]+\.(xml|xlsx|rels)/g, '').match(/[A-Za-z]{3,}/g) ?? [];
  expect(words.filter((w) => w !== w.toUpperCase())).toEqual([]);
}

describe('damaged parts are named, in Chinese', () => {
  const cases: [string, string][] = [
    [
      'reader-shared-string-out-of-range.xlsx',
      '工作簿已损坏，无法读取：工作表「自评表」（xl/worksheets/sheet1.xml）：单元格 B2 引用的共享字符串第 99 条不存在（xl/sharedStrings.xml 共 5 条）',
    ],
    ['reader-sheet-xml-truncated.xlsx', '工作簿已损坏，无法读取：工作表「自评表」（xl/worksheets/sheet1.xml）：XML 格式错误（第 2 行第 688 列）'],
    [
      'reader-shared-strings-missing.xlsx',
      '工作簿已损坏，无法读取：工作表「自评表」（xl/worksheets/sheet1.xml）：单元格 A1 引用共享字符串，但文件中没有共享字符串（xl/sharedStrings.xml）',
    ],
    ['reader-sheet-part-missing.xlsx', '工作簿已损坏，无法读取：工作表「说明」（xl/worksheets/sheet2.xml）：文件中缺少这张工作表的内容'],
    ['reader-styles-garbled.xlsx', '工作簿已损坏，无法读取：样式（xl/styles.xml）：XML 格式错误（第 1 行第 71 列）'],
    ['reader-crc-mismatch.xlsx', '工作簿已损坏，无法读取：工作表「自评表」（xl/worksheets/sheet1.xml）：校验和（CRC）不符，文件已损坏'],
  ];

  it.each(cases)('%s', async (name, message) => {
    const file = edge(name);
    const e = await readError(file);
    expect(e.reason).toBe('corrupt');
    expect(e.message).toBe(`${file}：${message}`);
    expectChinese(e.message);
  });

  it('check prints the same one line and exits 2', async () => {
    const file = edge('reader-shared-string-out-of-range.xlsx');
    const r = await jixiao('check', file);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`${file}：${cases[0][1]}`]);
  });

  it('a damaged zip names no English either', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-read-'));
    try {
      const good = fs.readFileSync(fixture('seed002-shigu.xlsx'));
      const cut = path.join(dir, 'cut.xlsx');
      fs.writeFileSync(cut, good.subarray(0, 3000));
      expect((await readError(cut)).message).toBe(`${cut}：工作簿已损坏，无法读取：压缩包不完整（文件可能被截断或未完整下载）`);
      // Garble the compressed bytes of the first sheet only.
      const zip = await JSZip.loadAsync(good);
      const names = Object.keys(zip.files);
      const bad = Buffer.from(good);
      const at = bad.indexOf(Buffer.from('xl/worksheets/sheet1.xml', 'latin1'));
      bad.fill(0xff, at + 40, at + 240);
      const garbled = path.join(dir, 'garbled.xlsx');
      fs.writeFileSync(garbled, bad);
      expect(names).toContain('xl/worksheets/sheet1.xml');
      const e = await readError(garbled);
      expect(e.message).toMatch(/^.*：工作簿已损坏，无法读取：工作表「部门整体」（xl\/worksheets\/sheet1\.xml）：(压缩数据损坏|XML 格式错误（第 \d+ 行第 \d+ 列）)$/);
      expectChinese(e.message);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a part too large to parse', () => {
  it('is named with its size, not as unreadable content (issue 12)', () => {
    const size = 612 * 1024 * 1024;
    expect(partFailure('工作表「自评表」', 'xl/worksheets/sheet1.xml', size, new RangeError('Invalid string length')).message).toBe(
      '工作表「自评表」（xl/worksheets/sheet1.xml）：部件过大（解压后 612 MB），无法解析',
    );
    const tooLong = Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' });
    expect(partFailure('共享字符串', 'xl/sharedStrings.xml', 3 * 1024 * 1024 * 1024, tooLong).detail).toBe('部件过大（解压后 3072 MB），无法解析');
    expect(partFailure('样式', 'xl/styles.xml', 100, new Error('1:5: unexpected end')).detail).toBe('XML 格式错误（第 1 行第 5 列）');
  });
});

describe('sheet visibility', () => {
  it('reports hidden and very hidden sheets, as <sheet state> says (issue 12)', async () => {
    const { grid } = await readGrid(edge('reader-hidden-sheets.xlsx'));
    expect(grid.sheets.map((s) => [s.name, s.visibility ?? 'visible'])).toEqual([
      ['自评表', 'visible'],
      ['说明', 'hidden'],
      ['参数', 'veryHidden'],
    ]);
    expect('visibility' in grid.sheets[0]).toBe(false);
  });
});

describe('not a workbook', () => {
  it('a binary workbook (.xlsb) is named as such, not as damaged', async () => {
    const zip = new JSZip();
    zip.file(
      '_rels/.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
    );
    zip.file('xl/workbook.bin', Buffer.from([0x83, 0x01, 0x00, 0x80]));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-read-'));
    try {
      const file = path.join(dir, 'book.xlsx');
      fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
      const e = await readError(file);
      expect(e.reason).toBe('not-a-workbook');
      expect(e.message).toBe(`${file}：不是 Excel 工作簿（.xlsx）：这是二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再试`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('valid packages read', () => {
  it('a sheet part named by its relationship, not sheetN.xml, with an absolute target', async () => {
    const { grid } = await readGrid(edge('reader-sheet-part-renamed.xlsx'));
    expect(grid.sheets.map((s) => s.name)).toEqual(['自评表', '说明']);
    expect(grid.sheets[0].cells[2]?.[2]).toEqual({ value: { t: 'text', v: '劳模服务' } });
    expect(grid.sheets[0].merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 4 }]);
  });
});

describe('cell forms other producers write', () => {
  it('reads prefixed elements, inline strings, empty string results, zh-CN and ISO dates, shared formulas', async () => {
    const { grid } = await readGrid(edge('reader-prefixed-values.xlsx'));
    const s = grid.sheets[0];
    expect(s.name).toBe('取值');
    expect(s.protected).toBe(true);
    expect(s.merges).toEqual([{ top: 3, left: 1, bottom: 4, right: 2 }]);
    expect(s.rowCount).toBe(4);
    expect(s.colCount).toBe(9);
    const row = s.cells[1]!;
    expect(row[1]).toEqual({ value: { t: 'text', v: '预算执行\n数' } });
    expect(row[2]).toEqual({ value: { t: 'empty' }, formula: 'IF(C1>0,"","有")' });
    expect(row[3]).toEqual({ value: { t: 'date', v: '2023-12-31', serial: 45291 }, numFmt: 'yyyy"年"m"月"d"日"' });
    expect(row[4]).toEqual({ value: { t: 'date', v: '2024-06-30' } });
    expect(row[5]).toEqual({ value: { t: 'number', v: 0.95 }, numFmt: '0.00%' });
    expect(row[6]).toEqual({ value: { t: 'number', v: 95 }, formula: 'E1*100' });
    expect(row[7]).toEqual({ value: { t: 'number', v: 0 }, formula: 'F1*100' });
    expect(row[8]).toEqual({ value: { t: 'error', v: '#REF!' } });
    expect(row[9]).toEqual({ value: { t: 'boolean', v: true } });
  });
});

describe('a stray cell at XFD1048576', () => {
  it('is read with the table, sized by it, and the grid holds only the non-empty rows', async () => {
    const t0 = Date.now();
    const { grid } = await readGrid(edge('reader-far-cell.xlsx'));
    const s = grid.sheets[0];
    expect(s.rowCount).toBe(1048576);
    expect(s.colCount).toBe(16384);
    expect(s.cells[1048576]?.[16384]).toEqual({ value: { t: 'text', v: 'x' } });
    expect(s.cells[3]?.[2]).toEqual({ value: { t: 'number', v: 10 } });
    expect(Object.keys(s.cells)).toEqual(['1', '2', '3', '1048576']);
    expect(Object.keys(s.cells[1048576]!)).toEqual(['16384']);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('a merge over the whole sheet drops covered values without walking its area', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(edge('reader-far-cell.xlsx')));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace(/<mergeCells[^]*<\/mergeCells>/, '<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-read-'));
    try {
      const file = path.join(dir, 'merged.xlsx');
      fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
      const t0 = Date.now();
      const s = (await readGrid(file)).grid.sheets[0];
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(s.merges).toEqual([{ top: 2, left: 1, bottom: 1048576, right: 16384 }]);
      expect(s.cells[2]?.[1]).toEqual({ value: { t: 'text', v: '项目名称' } });
      expect(s.cells[2]?.[2]).toBeUndefined();
      expect(s.cells[3]?.[2]).toBeUndefined();
      expect(s.cells[1048576]?.[16384]).toBeUndefined();
      expect(s.cells[1]?.[1]).toEqual({ value: { t: 'text', v: '项目支出绩效自评表' } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('score still loads what check reads', () => {
  it('readWorkbook gives the same grid as readGrid, with the ExcelJS workbook for the writer', async () => {
    const file = fixture('seed002-shigu.xlsx');
    const loaded = await readWorkbook(file);
    expect(loaded.grid).toEqual((await readGrid(file)).grid);
    expect(loaded.workbook.worksheets.map((w) => w.name)).toEqual(loaded.grid.sheets.map((s) => s.name));
  });
});
