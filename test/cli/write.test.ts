/**
 * writeScored: the plan is applied by patching the package (see src/cli/package/patch.ts).
 * Moved from workbook.test.ts when the writer stopped taking an ExcelJS workbook.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { readWorkbook, writeScored, WorkbookWriteError } from '../../src/cli/workbook';
import type { Cell, SheetGrid } from '../../src/core/grid';
import type { CellEdit } from '../../src/core/plan';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-write-'));
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
    await writeScored(
      src,
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
    await writeScored(src, [edit('H14', 14, 8, 5)], src);
    const { grid } = await readWorkbook(src);
    expect(at(sheet(grid, 'Sheet1'), 14, 8)?.value).toEqual({ t: 'number', v: 5 });
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('is a no-op on values when the plan is empty', async () => {
    const src = await scoringSource('empty-plan.xlsx');
    const out = tmp('empty-plan.out.xlsx');
    const { grid } = await readWorkbook(src);
    await writeScored(src, [], out);
    expect((await readWorkbook(out)).grid).toEqual(grid);
    expect(fs.readFileSync(out).equals(fs.readFileSync(src))).toBe(true); // nothing to change: a byte copy
  });

  async function expectRefusal(plan: CellEdit[], reason: string, phrase: RegExp): Promise<void> {
    const src = await scoringSource(`refuse-${reason}.xlsx`);
    const out = tmp(`refuse-${reason}.out.xlsx`);
    const before = fs.readFileSync(src);
    const err = await writeScored(src, plan, out).then(
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
    expect(fs.readFileSync(src).equals(before)).toBe(true);
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
    await expect(writeScored(src, [edit('B2', 2, 2, 0)], tmp('shared.out.xlsx'))).rejects.toThrow(/B2 含有公式/);
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
    jest.spyOn(fs.promises, 'rename').mockRejectedValueOnce(Object.assign(new Error('EACCES: denied'), { code: 'EACCES' }));
    await expect(writeScored(src, [edit('H14', 14, 8, 4)], out)).rejects.toThrow(WorkbookWriteError);
    expect(fs.existsSync(out)).toBe(false);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('reports a missing output directory in Chinese', async () => {
    const src = await scoringSource('no-dir.xlsx');
    const out = path.join(dir, 'missing-dir', 'x.xlsx');
    await expect(writeScored(src, [edit('H14', 14, 8, 4)], out)).rejects.toThrow(`${out}：目标文件夹不存在，无法写入`);
  });
});

