/**
 * Writing: apply a scoring `Plan` and write the workbook atomically (temporary file in
 * the same directory, then rename). Failures surface as `WorkbookWriteError` with a
 * one-line Chinese message naming the file.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { address, rangeAddress, type CellEdit, type Plan } from '../core';
import { WorkbookWriteError, errnoCode, errorText } from './errors';
import { isProtected, mergesOf } from './read';

const VT = ExcelJS.ValueType;

/**
 * Apply `plan` to `workbook` and write the result to `outPath` atomically.
 *
 * Every edit is checked before any is applied: a missing sheet, a protected sheet, a
 * formula cell or a non-top-left cell of a merge makes the whole write refuse (nothing is
 * changed in memory or on disk). Only the value and, when given, the number format of a
 * cell change; its font, border, fill and alignment survive.
 */
export async function writeScored(workbook: ExcelJS.Workbook, plan: Plan, outPath: string): Promise<void> {
  const sheets = plan.map((edit) => checkEdit(workbook, edit, outPath));
  sheets.forEach((ws, i) => applyEdit(ws, plan[i]));
  await writeAtomically(workbook, outPath);
}

/** Validate one edit without creating any cell; returns the sheet it targets. */
function checkEdit(workbook: ExcelJS.Workbook, edit: CellEdit, outPath: string): ExcelJS.Worksheet {
  const where = `工作表「${edit.sheet}」${edit.cell}`;
  const ws = workbook.getWorksheet(edit.sheet);
  if (!ws || ws.name !== edit.sheet) {
    throw new WorkbookWriteError(outPath, 'missing-sheet', `找不到工作表「${edit.sheet}」，未写入`);
  }
  if (
    !Number.isInteger(edit.row) ||
    !Number.isInteger(edit.col) ||
    edit.row < 1 ||
    edit.col < 1 ||
    edit.cell.replace(/\$/g, '').toUpperCase() !== address(edit.row, edit.col)
  ) {
    throw new WorkbookWriteError(outPath, 'bad-edit', `${where} 的写入位置有误（第 ${edit.row} 行第 ${edit.col} 列），未写入`);
  }
  const v: unknown = edit.value;
  if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string') {
    throw new WorkbookWriteError(outPath, 'bad-edit', `${where} 的写入值无效，未写入`);
  }
  if (isProtected(ws)) {
    throw new WorkbookWriteError(outPath, 'protected-sheet', `工作表「${edit.sheet}」受保护，拒绝写入 ${edit.cell}；请先撤销工作表保护`);
  }
  const cell = ws.findRow(edit.row)?.findCell(edit.col);
  if (!cell) return ws; // a cell that does not exist yet holds no formula and no merge
  if (cell.type === VT.Merge) {
    const master = cell.master;
    const merge = mergesOf(ws).find((m) => m.top === Number(master.row) && m.left === Number(master.col));
    const range = merge ? rangeAddress(merge.top, merge.left, merge.bottom, merge.right) : master.address;
    throw new WorkbookWriteError(
      outPath,
      'merged-cell',
      `${where} 位于合并单元格 ${range} 中，只能写入其左上角单元格 ${master.address}，拒绝写入`,
    );
  }
  if (hasFormula(cell)) {
    throw new WorkbookWriteError(outPath, 'formula-cell', `${where} 含有公式，拒绝覆盖`);
  }
  return ws;
}

function hasFormula(cell: ExcelJS.Cell): boolean {
  if (cell.type === VT.Formula) return true;
  if (cell.type === VT.Hyperlink) {
    const f = (cell.model as { formula?: unknown }).formula;
    return typeof f === 'string' && f !== '';
  }
  return false;
}

function applyEdit(ws: ExcelJS.Worksheet, edit: CellEdit): void {
  const cell = ws.getCell(edit.row, edit.col);
  cell.value = edit.value;
  if (edit.numFmt !== undefined) {
    // ExcelJS shares one style object between all cells loaded with the same style id:
    // `cell.numFmt = …` would reformat every one of them. Give this cell its own copy.
    cell.style = { ...cell.style, numFmt: edit.numFmt };
  }
}

async function writeAtomically(workbook: ExcelJS.Workbook, outPath: string): Promise<void> {
  const dir = path.dirname(outPath);
  const tmp = path.join(dir, `.${path.basename(outPath)}.${process.pid}.tmp`);

  let data: Buffer;
  try {
    const raw = (await workbook.xlsx.writeBuffer()) as unknown;
    data = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer);
  } catch (e) {
    throw new WorkbookWriteError(outPath, 'io', `生成工作簿失败：${errorText(e)}`);
  }

  let existingMode: number | undefined;
  try {
    const st = await fsp.stat(outPath);
    if (st.isDirectory()) {
      throw new WorkbookWriteError(outPath, 'io', '这是一个文件夹，无法写入工作簿');
    }
    existingMode = st.mode & 0o777;
  } catch (e) {
    if (e instanceof WorkbookWriteError) throw e;
    // no existing file: nothing to preserve
  }

  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(tmp, 'w');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (existingMode !== undefined) await fsp.chmod(tmp, existingMode).catch(() => undefined);
    await fsp.rename(tmp, outPath);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fsp.unlink(tmp).catch(() => undefined);
    throw fsWriteError(outPath, e);
  }
}

function fsWriteError(file: string, e: unknown): WorkbookWriteError {
  const code = errnoCode(e);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new WorkbookWriteError(file, 'missing-directory', '目标文件夹不存在，无法写入');
    case 'EACCES':
    case 'EPERM':
      return new WorkbookWriteError(file, 'no-permission', '没有写入权限（文件可能正在 Excel 中打开）');
    case 'EBUSY':
      return new WorkbookWriteError(file, 'busy', '文件被占用（可能正在 Excel 中打开），无法写入');
    case 'EISDIR':
      return new WorkbookWriteError(file, 'io', '这是一个文件夹，无法写入工作簿');
    case 'ENOSPC':
      return new WorkbookWriteError(file, 'io', '磁盘空间不足，无法写入');
    case 'EROFS':
      return new WorkbookWriteError(file, 'no-permission', '目标位置只读，无法写入');
    default:
      return new WorkbookWriteError(file, 'io', `写入失败（${code ?? errorText(e)}）`);
  }
}
