/** Excel API errors -> `AddinError` with a Chinese message that keeps the error code. */
import { AddinError } from '../core';

const MESSAGES: Readonly<Record<string, string>> = {
  InvalidOperationInCellEditMode: 'Excel 正处于单元格编辑状态，请先按 Enter 或 Esc 结束编辑，再重试',
  AccessDenied: '没有修改权限：工作表或工作簿可能受保护，或文件以只读方式打开',
  ItemNotFound: '找不到要操作的工作表或单元格（可能已被删除或重命名），请重新检查',
  InvalidArgument: 'Excel 拒绝了这次操作（参数无效）',
  InvalidOperation: 'Excel 当前不允许这项操作',
  InvalidReference: '单元格引用无效（工作表可能已被删除或重命名）',
  GeneralException: 'Excel 处理请求时出错，请稍后重试',
  ApiNotFound: '当前 Excel 版本不支持所需的接口，请升级 Office 或改用 Excel 网页版',
  NotImplemented: '当前 Excel 版本不支持这项功能',
  UnsupportedOperation: '当前 Excel 不支持这项操作',
  RequestPayloadSizeLimitExceeded: '一次写入的数据超过 Excel 的 5 MB 上限',
  ResponsePayloadSizeLimitExceeded: '一次读取的数据超过 Excel 的 5 MB 上限',
  RequestAborted: '请求被中止（工作簿可能已关闭或正在保存），请重试',
  Conflict: '工作簿正被他人同时编辑，操作冲突，请稍后重试',
  ActivityLimitReached: 'Excel 繁忙，请稍后重试',
  MergedRangeConflict: '操作与合并单元格冲突',
  InsertDeleteConflict: '操作与插入或删除的行列冲突，请重新检查后再试',
  PropertyNotLoaded: '加载项内部错误：读取了尚未加载的属性',
  InvalidObjectPath: '加载项内部错误：对象路径无效',
  GeneralError: 'Excel 处理请求时出错，请稍后重试',
};

/** Keep an `AddinError`; map anything else (Office's `OfficeExtension.Error`, a TypeError …). */
export function toAddinError(e: unknown): AddinError {
  if (e instanceof AddinError) return e;
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'Unknown';
  const base = MESSAGES[code];
  const detail = e instanceof Error ? e.message : String(e);
  const text = base ?? `Excel 操作失败：${detail}`;
  return new AddinError(code, `${text}（错误代码：${code}）`);
}

export const isPayloadError = (e: unknown): boolean => {
  const code = (e as { code?: unknown })?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
};

export const isRequestTooLarge = (e: unknown): boolean => (e as { code?: unknown })?.code === 'RequestPayloadSizeLimitExceeded';
