/**
 * Failures in WPS → `AddinError` with a Chinese message. WPS raises a plain exception for a
 * failed call, with no documented code, so the conditions users meet are checked before the
 * call (edit mode, read-only, protection, missing interface) and given their own code.
 */
import { AddinError } from '../core';
import type { WpsApplication } from './types';

export const EDIT_MODE = 'WPS 表格正处于单元格编辑状态，请先按 Enter 或 Esc 结束编辑，再重试';
export const READ_ONLY = '工作簿以只读方式打开，写入的内容无法保存；请先“另存为”一份可编辑的工作簿，再计分或清理';
export const NO_WORKBOOK = '请先在 WPS 表格中打开要检查的工作簿';

export function wpsError(code: string, message: string): AddinError {
  return new AddinError(code, `${message}（错误代码：${code}）`);
}

/** A WPS too old for an interface the add-in needs: the message names the version found. */
export function tooOld(app: WpsApplication, member: string): AddinError {
  let version = '未知';
  try {
    version = `${app.Version}${app.Build ? `（Build ${app.Build}）` : ''}`;
  } catch {
    // an old WPS may lack these too
  }
  return wpsError('ApiNotFound', `当前 WPS 版本 ${version} 不支持加载项所需的接口 ${member}，请升级到 WPS 2019（11.1）或更新的版本`);
}

/** Keep an AddinError; anything WPS threw becomes `WPS 操作失败：…`. */
export function toAddinError(e: unknown): AddinError {
  if (e instanceof AddinError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return wpsError('WpsError', `WPS 操作失败：${detail}`);
}
