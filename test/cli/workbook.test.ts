import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { readWorkbook, WorkbookReadError } from '../../src/cli/workbook';
import { describeError } from '../../src/cli/errors';
import type { Cell, SheetGrid } from '../../src/core/grid';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-wb-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  jest.restoreAllMocks();
});

function tmp(name: string): string {
  return path.join(dir, name);
}

async function save(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const file = tmp(name);
  await wb.xlsx.writeFile(file);
  return file;
}

function sheet(grid: { sheets: readonly SheetGrid[] }, name: string): SheetGrid {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

function at(s: SheetGrid, row: number, col: number): Cell | undefined {
  return s.cells[row]?.[col];
}

const LONG_TEXT = '绩效'.repeat(5000);

async function valuesWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('取值');
  ws.getCell('A1').value = '  项目名称 ';
  ws.getCell('B1').value = 3.5;
  ws.getCell('C1').value = true;
  ws.getCell('D1').value = new Date(Date.UTC(2024, 0, 15));
  ws.getCell('E1').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  ws.getCell('F1').value = { formula: 'B1*2', result: 7 } as ExcelJS.CellFormulaValue;
  ws.getCell('G1').value = { formula: 'B1*3' } as ExcelJS.CellFormulaValue;
  ws.getCell('H1').value = { richText: [{ text: '劳模', font: { bold: true } }, { text: '服务' }] };
  ws.getCell('I1').value = { formula: 'B1-B1', result: 0 } as ExcelJS.CellFormulaValue;
  ws.getCell('J1').value = { formula: 'B1>9', result: false } as unknown as ExcelJS.CellFormulaValue;
  ws.getCell('K1').value = { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
  ws.getCell('L1').value = { text: '链接', hyperlink: 'https://example.com/' };
  ws.getCell('M1').value = LONG_TEXT;
  ws.getCell('N1').value = false;
  ws.getCell('O1').value = 0;
  ws.getCell('P1').value = -12.25;
  ws.getCell('Q1').value = new Date(Date.UTC(2024, 5, 30, 18, 30));
  ws.getCell('R1').value = { formula: '"合计"&"值"', result: '合计值' } as ExcelJS.CellFormulaValue;
  ws.getCell('A2').value = 1;
  ws.getCell('B2').value = { formula: 'A2*2', result: 2, shareType: 'shared', ref: 'B2:B4' } as ExcelJS.CellFormulaValue;
  ws.getCell('A3').value = 2;
  ws.getCell('B3').value = { sharedFormula: 'B2', result: 4 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('A4').value = 0;
  ws.getCell('B4').value = { sharedFormula: 'B2', result: 0 } as ExcelJS.CellSharedFormulaValue;
  // an empty but styled cell is not a value
  ws.getCell('C4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  return save(wb, 'values.xlsx');
}

describe('readWorkbook: values', () => {
  let s: SheetGrid;

  beforeAll(async () => {
    const { grid } = await readWorkbook(await valuesWorkbook());
    s = sheet(grid, '取值');
  });

  it('converts plain values exactly', () => {
    expect(at(s, 1, 1)).toEqual({ value: { t: 'text', v: '  项目名称 ' } });
    expect(at(s, 1, 2)).toEqual({ value: { t: 'number', v: 3.5 } });
    expect(at(s, 1, 3)).toEqual({ value: { t: 'boolean', v: true } });
    expect(at(s, 1, 14)).toEqual({ value: { t: 'boolean', v: false } });
    expect(at(s, 1, 15)).toEqual({ value: { t: 'number', v: 0 } });
    expect(at(s, 1, 16)).toEqual({ value: { t: 'number', v: -12.25 } });
    expect(at(s, 1, 5)).toEqual({ value: { t: 'error', v: '#DIV/0!' } });
  });

  it('converts dates to ISO calendar dates, dropping the time of day', () => {
    expect(at(s, 1, 4)).toEqual({ value: { t: 'date', v: '2024-01-15', serial: 45306 }, numFmt: 'mm-dd-yy' });
    expect(at(s, 1, 17)?.value).toEqual({ t: 'date', v: '2024-06-30', serial: expect.closeTo(45473.770833, 5) });
  });

  it('joins rich text and reads hyperlinks as their text', () => {
    expect(at(s, 1, 8)).toEqual({ value: { t: 'text', v: '劳模服务' } });
    expect(at(s, 1, 12)).toEqual({ value: { t: 'text', v: '链接' } });
  });

  it('keeps 10,000-character text intact', () => {
    expect(at(s, 1, 13)).toEqual({ value: { t: 'text', v: LONG_TEXT } });
    expect(LONG_TEXT).toHaveLength(10000);
  });

  it('reads formulas with their cached results, including falsy ones', () => {
    expect(at(s, 1, 6)).toEqual({ value: { t: 'number', v: 7 }, formula: 'B1*2' });
    expect(at(s, 1, 9)).toEqual({ value: { t: 'number', v: 0 }, formula: 'B1-B1' });
    expect(at(s, 1, 10)).toEqual({ value: { t: 'boolean', v: false }, formula: 'B1>9' });
    expect(at(s, 1, 11)).toEqual({ value: { t: 'error', v: '#DIV/0!' }, formula: '1/0' });
    expect(at(s, 1, 18)).toEqual({ value: { t: 'text', v: '合计值' }, formula: '"合计"&"值"' });
  });

  it('marks a formula without a cached result', () => {
    expect(at(s, 1, 7)).toEqual({ value: { t: 'empty' }, formula: 'B1*3', formulaWithoutResult: true });
  });

  it('translates shared formulas for every cell of the block', () => {
    expect(at(s, 2, 2)).toEqual({ value: { t: 'number', v: 2 }, formula: 'A2*2' });
    expect(at(s, 3, 2)).toEqual({ value: { t: 'number', v: 4 }, formula: 'A3*2' });
    expect(at(s, 4, 2)).toEqual({ value: { t: 'number', v: 0 }, formula: 'A4*2' });
  });

  it('leaves empty cells out and sizes the sheet by its used cells', () => {
    expect(at(s, 4, 3)).toBeUndefined();
    expect(at(s, 5, 1)).toBeUndefined();
    expect(s.rowCount).toBe(4);
    expect(s.colCount).toBe(18);
    expect(s.merges).toEqual([]);
    expect(s.protected).toBe(false);
  });
});

describe('readWorkbook: layout', () => {
  let file: string;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('项目支出绩效自评表');
    a.getCell('A1').value = '项目支出绩效自评表';
    a.mergeCells('A1:I1');
    a.getCell('A3').value = '项目名称';
    a.getCell('C3').value = '劳模服务';
    a.mergeCells('C3:I3');
    a.mergeCells('A6:B8');
    a.getCell('A6').value = '年度总体目标';
    a.getCell('G8').value = 0.5667;
    a.getCell('G8').numFmt = '0.00%';
    a.getCell('H8').value = 5.67;
    a.getCell('H8').numFmt = '#,##0.00"分"';
    const p = wb.addWorksheet('受保护');
    p.getCell('A1').value = 1;
    await p.protect('', {});
    wb.addWorksheet('空白');
    file = await save(wb, 'layout.xlsx');
  });

  it('lists sheets in workbook order', async () => {
    const { grid, workbook } = await readWorkbook(file);
    expect(grid.sheets.map((x) => x.name)).toEqual(['项目支出绩效自评表', '受保护', '空白']);
    expect(workbook.worksheets).toHaveLength(3);
  });

  it('puts a merged value at the top-left only and lists merges separately', async () => {
    const s = sheet((await readWorkbook(file)).grid, '项目支出绩效自评表');
    expect(s.merges).toEqual([
      { top: 1, left: 1, bottom: 1, right: 9 },
      { top: 3, left: 3, bottom: 3, right: 9 },
      { top: 6, left: 1, bottom: 8, right: 2 },
    ]);
    expect(at(s, 1, 1)?.value).toEqual({ t: 'text', v: '项目支出绩效自评表' });
    for (let c = 2; c <= 9; c++) expect(at(s, 1, c)).toBeUndefined();
    expect(at(s, 3, 3)?.value).toEqual({ t: 'text', v: '劳模服务' });
    expect(at(s, 3, 4)).toBeUndefined();
    expect(at(s, 7, 1)).toBeUndefined();
    expect(at(s, 8, 2)).toBeUndefined();
    expect(s.rowCount).toBe(8);
    expect(s.colCount).toBe(9);
  });

  it('keeps number formats', async () => {
    const s = sheet((await readWorkbook(file)).grid, '项目支出绩效自评表');
    expect(at(s, 8, 7)).toEqual({ value: { t: 'number', v: 0.5667 }, numFmt: '0.00%' });
    expect(at(s, 8, 8)).toEqual({ value: { t: 'number', v: 5.67 }, numFmt: '#,##0.00"分"' });
  });

  it('flags protected sheets and sizes empty ones as 0', async () => {
    const { grid } = await readWorkbook(file);
    expect(sheet(grid, '受保护').protected).toBe(true);
    expect(sheet(grid, '项目支出绩效自评表').protected).toBe(false);
    const empty = sheet(grid, '空白');
    expect(empty).toEqual({ name: '空白', rowCount: 0, colCount: 0, cells: [], merges: [], protected: false });
  });
});

// -------------------------------------------------------------------------------------
// read errors

async function readError(file: string): Promise<WorkbookReadError> {
  const e = await readWorkbook(file).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(WorkbookReadError);
  const re = e as WorkbookReadError;
  expect(re.file).toBe(file);
  expect(re.message.startsWith(`${file}：`)).toBe(true);
  expect(re.message).not.toMatch(/[\r\n]/);
  expect(re.message).not.toMatch(/\bat \S+ \(/); // no stack frames
  expect(describeError(re)).toBe(re.message);
  return re;
}

describe('readWorkbook: errors', () => {
  it('missing file', async () => {
    const e = await readError(tmp('不存在.xlsx'));
    expect(e.reason).toBe('missing');
    expect(e.message).toContain('找不到文件');
  });

  it('a directory', async () => {
    const d = tmp('folder.xlsx');
    fs.mkdirSync(d);
    const e = await readError(d);
    expect(e.reason).toBe('directory');
    expect(e.message).toContain('文件夹');
  });

  it('an empty file', async () => {
    const f = tmp('empty.xlsx');
    fs.writeFileSync(f, '');
    const e = await readError(f);
    expect(e.reason).toBe('empty');
    expect(e.message).toContain('不是 Excel 工作簿（.xlsx）');
  });

  it('a text file renamed .xlsx', async () => {
    const f = tmp('text.xlsx');
    fs.writeFileSync(f, '项目名称,得分\n劳模服务,90\n');
    const e = await readError(f);
    expect(e.reason).toBe('not-a-workbook');
    expect(e.message).toBe(`${f}：不是 Excel 工作簿（.xlsx）`);
  });

  it('an HTML table saved as .xls/.xlsx', async () => {
    const f = tmp('web.xlsx');
    fs.writeFileSync(f, '<html><body><table><tr><td>1</td></tr></table></body></html>');
    const e = await readError(f);
    expect(e.reason).toBe('not-a-workbook');
    expect(e.message).toContain('不是 Excel 工作簿（.xlsx）');
    expect(e.message).toContain('HTML');
  });

  it('a zip that is not a workbook', async () => {
    const JSZip = (await import('jszip')).default;
    const z = new JSZip();
    z.file('word/document.xml', '<w:document/>');
    const f = tmp('doc.xlsx');
    fs.writeFileSync(f, await z.generateAsync({ type: 'nodebuffer' }));
    const e = await readError(f);
    expect(e.reason).toBe('not-a-workbook');
    expect(e.message).toContain('不是 Excel 工作簿（.xlsx）');
  });

  it('a truncated zip', async () => {
    const good = fs.readFileSync(await valuesWorkbook());
    const f = tmp('truncated.xlsx');
    fs.writeFileSync(f, good.subarray(0, Math.floor(good.length / 2)));
    const e = await readError(f);
    expect(e.reason).toBe('corrupt');
    expect(e.message).toContain('工作簿已损坏，无法读取：');
  });

  it('a zip with garbled entries', async () => {
    const bad = Buffer.from(fs.readFileSync(await valuesWorkbook()));
    bad.fill(0x41, 200, 1200);
    const f = tmp('garbled.xlsx');
    fs.writeFileSync(f, bad);
    const e = await readError(f);
    expect(e.reason).toBe('corrupt');
    expect(e.message).toContain('工作簿已损坏，无法读取：');
  });

  const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

  function cfbWith(...streams: string[]): Buffer {
    const parts = [CFB, Buffer.alloc(504)];
    for (const s of streams) parts.push(Buffer.from(s, 'utf16le'), Buffer.alloc(64 - 2 * s.length));
    return Buffer.concat(parts);
  }

  it('a legacy .xls (OLE/CFB)', async () => {
    const f = tmp('old.xls');
    fs.writeFileSync(f, cfbWith('Root Entry', 'Workbook', '\u0005SummaryInformation'));
    const e = await readError(f);
    expect(e.reason).toBe('legacy-xls');
    expect(e.message).toContain('.xls');
    expect(e.message).toContain('另存为 .xlsx');
  });

  it('an .xlsx with an opening password (OLE/CFB with EncryptionInfo)', async () => {
    const f = tmp('locked.xlsx');
    fs.writeFileSync(f, cfbWith('Root Entry', 'EncryptionInfo', 'EncryptedPackage'));
    const e = await readError(f);
    expect(e.reason).toBe('encrypted');
    expect(e.message).toContain('工作簿有打开密码，无法读取');
  });

  it('an OLE/CFB file that is neither', async () => {
    const f = tmp('word.xlsx');
    fs.writeFileSync(f, cfbWith('Root Entry', 'WordDocument'));
    const e = await readError(f);
    expect(e.reason).toBe('not-a-workbook');
    expect(e.message).toContain('不是 Excel 工作簿（.xlsx）');
  });
});
