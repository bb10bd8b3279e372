/**
 * Writing a package to disk atomically: a temporary file in the same folder, flushed, then
 * renamed over the output, keeping an existing file's permissions. Failures are a
 * `WorkbookWriteError` with a one-line Chinese reason naming the output.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';

import { WorkbookWriteError, errnoCode, errorText } from '../errors';

export async function writeAtomically(data: Buffer, outPath: string): Promise<void> {
  const dir = path.dirname(outPath);
  const tmp = path.join(dir, `.${path.basename(outPath)}.${process.pid}.tmp`);

  let existingMode: number | undefined;
  try {
    const st = await fsp.stat(outPath);
    if (st.isDirectory()) throw new WorkbookWriteError(outPath, 'io', '这是一个文件夹，无法写入工作簿');
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
