import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { readWorkbook, writeScored, WorkbookReadError, WorkbookWriteError } from '../../src/cli/workbook';
import { describeError } from '../../src/cli/errors';
import type { Cell, SheetGrid } from '../../src/core/grid';
import type { CellEdit } from '../../src/core/plan';

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
    expect(at(s, 1, 4)).toEqual({ value: { t: 'date', v: '2024-01-15' }, numFmt: 'mm-dd-yy' });
    expect(at(s, 1, 17)?.value).toEqual({ t: 'date', v: '2024-06-30' });
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
// writeScored

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF000000' } },
  left: { style: 'thin', color: { argb: 'FF000000' } },
  bottom: { style: 'double', color: { argb: 'FF000000' } },
  right: { style: 'thin', color: { argb: 'FF000000' } },
};
const FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11, bold: true, color: { argb: 'FFC00000' } };
const ALIGN: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };

function styleCell(c: ExcelJS.Cell, numFmt = '0.00'): void {
  c.font = FONT;
  c.border = BORDER;
  c.fill = FILL;
  c.alignment = ALIGN;
  c.numFmt = numFmt;
}

async function scoringSource(name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.getCell('A1').value = '项目支出绩效自评表';
  ws.mergeCells('A1:H1');
  ws.getCell('A1').font = { size: 16, bold: true };
  ws.getColumn(1).width = 24;
  ws.getRow(1).height = 30;
  ws.getCell('E8').value = 6;
  ws.getCell('F8').value = 3.4;
  styleCell(ws.getCell('G8'), '0.00');
  styleCell(ws.getCell('G9'), '0.00'); // same style as G8: shares one style object on load
  ws.getCell('G9').value = 1.5;
  styleCell(ws.getCell('H14'));
  ws.getCell('H14').value = 3;
  ws.getCell('H27').value = { formula: 'SUM(H14:H26)', result: 3 } as ExcelJS.CellFormulaValue;
  ws.mergeCells('H30:I30');
  ws.getCell('B14').value = '完成劳模服务任务';
  ws.getCell('B15').value = { richText: [{ text: '满意度', font: { italic: true } }] };
  const other = wb.addWorksheet('说明');
  other.getCell('A1').value = '其他表不受影响';
  other.getCell('B2').value = { formula: 'LEN(A1)', result: 7 } as ExcelJS.CellFormulaValue;
  const locked = wb.addWorksheet('锁定');
  locked.getCell('A1').value = 1;
  await locked.protect('', {});
  return save(wb, name);
}

function edit(cell: string, row: number, col: number, value: number | string, extra: Partial<CellEdit> = {}): CellEdit {
  return { sheet: 'Sheet1', cell, row, col, value, role: 'score', previous: { t: 'empty' }, ...extra };
}

function tempFilesIn(d: string): string[] {
  return fs.readdirSync(d).filter((f) => f.endsWith('.tmp'));
}

describe('writeScored', () => {
  it('writes values and number formats while keeping styles, merges, other sheets and untouched cells', async () => {
    const src = await scoringSource('score-src.xlsx');
    const before = fs.readFileSync(src);
    const out = tmp('score-out.xlsx');
    const { workbook } = await readWorkbook(src);
    await writeScored(
      workbook,
      [
        edit('G8', 8, 7, 0.5667, { role: 'execution-rate', numFmt: '0.00%' }),
        edit('H14', 14, 8, 4.5),
        edit('H30', 30, 8, '优', { role: 'grade' }),
        edit('J40', 40, 10, 1.25, { numFmt: '0.00' }),
      ],
      out,
    );

    expect(fs.readFileSync(src).equals(before)).toBe(true);
    expect(tempFilesIn(dir)).toEqual([]);

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const ws = back.getWorksheet('Sheet1')!;

    const g8 = ws.getCell('G8');
    expect(g8.value).toBe(0.5667);
    expect(g8.numFmt).toBe('0.00%');
    expect(g8.font).toEqual(FONT);
    expect(g8.border).toEqual(BORDER);
    expect(g8.fill).toEqual(FILL);
    expect(g8.alignment).toEqual(ALIGN);

    // G9 shared G8's style object in memory: it must keep its own format
    const g9 = ws.getCell('G9');
    expect(g9.value).toBe(1.5);
    expect(g9.numFmt).toBe('0.00');
    expect(g9.font).toEqual(FONT);

    const h14 = ws.getCell('H14');
    expect(h14.value).toBe(4.5);
    expect(h14.numFmt).toBe('0.00');
    expect(h14.font).toEqual(FONT);
    expect(h14.border).toEqual(BORDER);
    expect(h14.fill).toEqual(FILL);
    expect(h14.alignment).toEqual(ALIGN);

    expect(ws.getCell('H30').value).toBe('优');
    expect(ws.getCell('J40').value).toBe(1.25);
    expect(ws.getCell('J40').numFmt).toBe('0.00');

    // untouched cells, formulas, merges, sizes
    expect(ws.getCell('A1').value).toBe('项目支出绩效自评表');
    expect(ws.getCell('A1').font).toEqual({ size: 16, bold: true });
    expect(ws.getCell('E8').value).toBe(6);
    expect(ws.getCell('F8').value).toBe(3.4);
    expect(ws.getCell('H27').formula).toBe('SUM(H14:H26)');
    expect(ws.getCell('B15').value).toEqual({ richText: [{ text: '满意度', font: { italic: true } }] });
    expect(ws.getColumn(1).width).toBe(24);
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.model.merges.sort()).toEqual(['A1:H1', 'H30:I30']);

    const other = back.getWorksheet('说明')!;
    expect(other.getCell('A1').value).toBe('其他表不受影响');
    expect(other.getCell('B2').formula).toBe('LEN(A1)');
    expect(back.worksheets.map((w) => w.name)).toEqual(['Sheet1', '说明', '锁定']);

    // and through the adapter
    const { grid } = await readWorkbook(out);
    const s = sheet(grid, 'Sheet1');
    expect(at(s, 8, 7)).toEqual({ value: { t: 'number', v: 0.5667 }, numFmt: '0.00%' });
    expect(at(s, 30, 8)).toEqual({ value: { t: 'text', v: '优' } });
    expect(at(s, 27, 8)).toEqual({ value: { t: 'number', v: 3 }, formula: 'SUM(H14:H26)' });
  });

  it('can write in place when told to (outPath equals the input)', async () => {
    const src = await scoringSource('inplace.xlsx');
    const { workbook } = await readWorkbook(src);
    await writeScored(workbook, [edit('H14', 14, 8, 5)], src);
    const { grid } = await readWorkbook(src);
    expect(at(sheet(grid, 'Sheet1'), 14, 8)?.value).toEqual({ t: 'number', v: 5 });
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('is a no-op on values when the plan is empty', async () => {
    const src = await scoringSource('empty-plan.xlsx');
    const out = tmp('empty-plan.out.xlsx');
    const { workbook, grid } = await readWorkbook(src);
    await writeScored(workbook, [], out);
    expect((await readWorkbook(out)).grid).toEqual(grid);
  });

  async function expectRefusal(plan: CellEdit[], reason: string, phrase: RegExp): Promise<void> {
    const src = await scoringSource(`refuse-${reason}.xlsx`);
    const out = tmp(`refuse-${reason}.out.xlsx`);
    const { workbook } = await readWorkbook(src);
    const err = await writeScored(workbook, plan, out).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkbookWriteError);
    const we = err as WorkbookWriteError;
    expect(we.reason).toBe(reason);
    expect(we.file).toBe(out);
    expect(we.message).toContain(out);
    expect(we.message).toMatch(phrase);
    expect(we.message).not.toMatch(/\n/);
    expect(fs.existsSync(out)).toBe(false);
    expect(tempFilesIn(dir)).toEqual([]);
    // nothing applied in memory either (the valid first edit was not written)
    expect(workbook.getWorksheet('Sheet1')!.getCell('H14').value).toBe(3);
  }

  it('refuses to write on a protected sheet', async () => {
    await expectRefusal(
      [edit('H14', 14, 8, 9), edit('A1', 1, 1, 2, { sheet: '锁定' })],
      'protected-sheet',
      /工作表「锁定」受保护，拒绝写入 A1/,
    );
  });

  it('refuses to overwrite a formula', async () => {
    await expectRefusal([edit('H14', 14, 8, 9), edit('H27', 27, 8, 90, { role: 'total' })], 'formula-cell', /H27 含有公式，拒绝覆盖/);
  });

  it('refuses to overwrite a shared-formula cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.getCell('A1').value = 1;
    ws.getCell('A2').value = 2;
    ws.getCell('B1').value = { formula: 'A1*2', result: 2, shareType: 'shared', ref: 'B1:B2' } as ExcelJS.CellFormulaValue;
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 4 } as ExcelJS.CellSharedFormulaValue;
    const src = await save(wb, 'shared.xlsx');
    const { workbook } = await readWorkbook(src);
    await expect(writeScored(workbook, [edit('B2', 2, 2, 0)], tmp('shared.out.xlsx'))).rejects.toThrow(/B2 含有公式/);
  });

  it('refuses to write inside a merge other than its top-left cell', async () => {
    await expectRefusal([edit('H14', 14, 8, 9), edit('I30', 30, 9, '优')], 'merged-cell', /合并单元格 H30:I30.*H30/);
  });

  it('refuses an unknown sheet and an address that does not match row/col', async () => {
    await expectRefusal([edit('H14', 14, 8, 9), edit('A1', 1, 1, 1, { sheet: '不存在' })], 'missing-sheet', /找不到工作表「不存在」/);
    await expectRefusal([edit('H14', 14, 8, 9), edit('H15', 14, 8, 1)], 'bad-edit', /H15/);
  });

  it('removes the temporary file when the final rename fails', async () => {
    const src = await scoringSource('rename-fail.xlsx');
    const out = tmp('rename-fail.out.xlsx');
    const { workbook } = await readWorkbook(src);
    jest.spyOn(fs.promises, 'rename').mockRejectedValueOnce(Object.assign(new Error('EACCES: denied'), { code: 'EACCES' }));
    await expect(writeScored(workbook, [edit('H14', 14, 8, 4)], out)).rejects.toThrow(WorkbookWriteError);
    expect(fs.existsSync(out)).toBe(false);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('reports a missing output directory in Chinese', async () => {
    const src = await scoringSource('no-dir.xlsx');
    const out = path.join(dir, 'missing-dir', 'x.xlsx');
    const { workbook } = await readWorkbook(src);
    await expect(writeScored(workbook, [], out)).rejects.toThrow(`${out}：目标文件夹不存在，无法写入`);
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
