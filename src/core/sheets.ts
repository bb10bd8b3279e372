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

/**
 * The sheets 导出审核汇总 adds to the open workbook (新工作表): the summary and its findings.
 * A name already taken gets ` (2)`, ` (3)` … (`uniqueSheetName`).
 */
export const REVIEW_SHEETS = { tables: '审核汇总', findings: '审核问题' } as const;

/** A sheet 导出审核汇总 made (`审核汇总`, `审核问题 (2)` …): never read back as a 自评表. */
export function isReviewSheet(name: string): boolean {
  const m = /^(.*?)(?: \((\d+)\))?$/.exec(name)!;
  return m[1] === REVIEW_SHEETS.tables || m[1] === REVIEW_SHEETS.findings;
}

/** A sheet of the add-in's own (a backup, the store, an exported summary): never read as tables, never written. */
export function isAddinSheet(name: string): boolean {
  return isBackupSheet(name) || name === STORE_SHEET || isReviewSheet(name);
}

/** Excel's longest sheet name. */
export const SHEET_NAME_MAX = 31;

/**
 * `base`, or `base (2)`, `base (3)` … — the first not among `taken` (compared as Excel
 * compares sheet names: case-insensitively), within 31 characters.
 */
export function uniqueSheetName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : ` (${i})`;
    const name = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
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
  hidden: '为隐藏工作表，未审核、未写入',
  veryHidden: '为深度隐藏工作表（在 Excel 中无法直接取消隐藏），未审核、未写入',
  addin: '是绩效助手自己的工作表（清理备份、设置存储或导出的审核汇总），不作为自评表读取，也不写入',
};

/**
 * One line in Chinese saying which sheet was skipped and why; `includeHint` is how this host
 * asks for hidden sheets (the CLI: `加 --include-hidden`), added to hidden and very-hidden lines.
 */
export function skippedSheetLine(s: SkippedSheet, includeHint?: string): string {
  const hint = includeHint && s.reason !== 'addin' ? `（需要时${includeHint}）` : '';
  return `工作表「${s.name}」${SKIP_TEXT[s.reason]}${hint}`;
}

/**
 * The hidden sheets a check left out, in one line for a status area (the add-in's pane):
 * `隐藏的工作表未审核、未写入：封面、旧表`; null when none. The add-in's own sheets are not named.
 */
export function hiddenSheetsLine(skipped: readonly SkippedSheet[]): string | null {
  const names = skipped.filter((s) => s.reason !== 'addin').map((s) => s.name);
  return names.length ? `隐藏的工作表未审核、未写入：${names.join('、')}` : null;
}
