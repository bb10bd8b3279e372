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
