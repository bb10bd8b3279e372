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
