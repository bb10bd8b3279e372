/**
 * Sheet-level policy every host shares: which sheets are the add-in's own, and what a
 * hidden sheet is. Hosts report each sheet's visibility in `SheetGrid.visibility`.
 */

/** Very-hidden backup sheets made by 清理模板 are named with this prefix (31-character limit). */
export const BACKUP_PREFIX = '绩效助手清理备份_';

/** A sheet the add-in made as a clean-up backup: never read as tables, never written. */
export function isBackupSheet(name: string): boolean {
  return name.startsWith(BACKUP_PREFIX);
}

/**
 * The very-hidden sheet where a host without workbook settings (WPS) keeps the add-in's
 * settings and records with the document.
 */
export const STORE_SHEET = '绩效助手数据';

/** A sheet of the add-in's own (a backup or the store): never read as tables, never written. */
export function isAddinSheet(name: string): boolean {
  return isBackupSheet(name) || name === STORE_SHEET;
}

/** Why the engine left a sheet out (issue 12 item 7). */
export type SkipReason = 'hidden' | 'veryHidden' | 'addin';

export interface SkippedSheet {
  readonly name: string;
  readonly reason: SkipReason;
}

/**
 * Why `sheet` is not read as tables nor written, or null when it is: the add-in's own sheets
 * never are (whatever is asked); hidden and very-hidden sheets only with `includeHidden`.
 */
export function skipReason(sheet: { readonly name: string; readonly visibility?: 'visible' | 'hidden' | 'veryHidden' }, includeHidden: boolean): SkipReason | null {
  if (isAddinSheet(sheet.name)) return 'addin';
  if (includeHidden) return null;
  return sheet.visibility === 'hidden' || sheet.visibility === 'veryHidden' ? sheet.visibility : null;
}

const SKIP_TEXT: Readonly<Record<SkipReason, string>> = {
  hidden: '为隐藏工作表，未审核、未写入（需要时加 --include-hidden 或在设置中选择包含隐藏工作表）',
  veryHidden: '为深度隐藏工作表（在 Excel 中无法直接取消隐藏），未审核、未写入（需要时加 --include-hidden 或在设置中选择包含隐藏工作表）',
  addin: '是绩效助手自己的工作表（清理备份或设置存储），不作为自评表读取，也不写入',
};

/** One line in Chinese saying which sheet was skipped and why. */
export function skippedSheetLine(s: SkippedSheet): string {
  return `工作表「${s.name}」${SKIP_TEXT[s.reason]}`;
}
