/**
 * Writing: apply a scoring `Plan` to the input package (see ./package/patch: only the
 * written cells change, every other part is copied byte for byte) and write the result
 * atomically (temporary file in the same directory, then rename). Failures surface as
 * `WorkbookWriteError` with a one-line Chinese message naming the file.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';

import type { Plan } from '../core';
import { WorkbookWriteError, errnoCode, errorText } from './errors';
import { patchPackage } from './package/patch';

export interface WriteOutcome {
  /** Package parts that differ from the input's (empty: the output is a byte copy). */
  readonly changedParts: readonly string[];
}

/**
 * Apply `plan` to the workbook `source` (its path or its bytes) and write the result to
 * `outPath` atomically.
 *
 * Every edit is checked before any is applied: a missing sheet, a protected sheet, a
 * formula cell or a non-top-left cell of a merge makes the whole write refuse (nothing is
 * written). Only the value and, when given, the number format of a cell change; its font,
 * border, fill and alignment survive, and so does everything else in the file.
 */
export async function writeScored(source: string | Buffer, plan: Plan, outPath: string): Promise<WriteOutcome> {
  let input: Buffer;
  if (typeof source === 'string') {
    try {
      input = await fsp.readFile(source);
    } catch (e) {
      throw new WorkbookWriteError(outPath, 'io', `无法再次读取原工作簿 ${source}（${errnoCode(e) ?? errorText(e)}），未写入`);
    }
  } else input = source;
  const { bytes, changedParts } = await patchPackage(input, plan, outPath);
  await writeAtomically(bytes, outPath);
  return { changedParts };
}

async function writeAtomically(data: Buffer, outPath: string): Promise<void> {
  const dir = path.dirname(outPath);
  const tmp = path.join(dir, `.${path.basename(outPath)}.${process.pid}.tmp`);

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
