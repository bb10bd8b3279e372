/**
 * 导出审核汇总 in the add-in: the reviewer's summary (src/core/review, the same `buildSummary`
 * as `jixiao check --report`) of the open workbook, as new sheets of it or as a new workbook.
 * Pure planning here; `createAddinHost` reads, plans and hands the port the sheets.
 *
 * - 新工作表: 审核汇总 and 审核问题 (`REVIEW_SHEETS`), each the first free name (`审核汇总 (2)` …),
 *   added after the last sheet; existing sheets are never touched, and these sheets are never
 *   read back as tables (`isReviewSheet`). 说明 is left out: the pane says what it would hold.
 * - 新工作簿: 汇总, 问题 and 说明, exactly as the CLI writes them.
 * - No hyperlinks: the row's file is the open workbook itself.
 */
import type { WorkbookResult } from '../engine';
import { profileOf, type AddinSettings } from './settings';
import { buildSummary, SUMMARY_SHEETS, type ReviewSummary, type SummarySheet } from '../review/sheets';
import { summaryParts, zipStored } from '../review/xlsx';
import { REVIEW_SHEETS, uniqueSheetName } from '../sheets';

export type ExportTarget = 'sheet' | 'workbook';

/** What the user picks in the pane, with its Chinese label. */
export const EXPORT_TARGETS: ReadonlyArray<{ readonly target: ExportTarget; readonly label: string }> = [
  { target: 'sheet', label: '新工作表' },
  { target: 'workbook', label: '新工作簿' },
];

/** The program named in 说明's 工具版本. */
export const ADDIN_TOOL = '绩效自评助手（加载项）';

/** What the port writes: the sheets (final names) and the same sheets as an .xlsx (stored zip). */
export interface ExportBook {
  readonly sheets: readonly SummarySheet[];
  readonly xlsx: Uint8Array;
}

export interface ExportOptions {
  readonly target: ExportTarget;
  /** Settings to summarise with; without, the workbook's stored ones. */
  readonly settings?: AddinSettings | null;
}

export interface ExportReport {
  readonly target: ExportTarget;
  /** Names of the sheets made (in the open workbook, or in the new one). */
  readonly sheets: readonly string[];
  readonly counts: ReviewSummary['counts'];
  /** What was made, in one Chinese sentence. */
  readonly message: string;
  readonly syncs: number;
}

/** `2024-03-01 09:30`, local time: when the summary was made. */
export function timeText(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export interface ExportPlan {
  readonly book: ExportBook;
  readonly summary: ReviewSummary;
}

/** The summary of one workbook's result and the sheets to make for `target`. */
export function planExport(input: {
  readonly result: Pick<WorkbookResult, 'tables'>;
  readonly settings: AddinSettings;
  /** The workbook's name, as the host shows it. */
  readonly file: string;
  /** The open workbook's sheet names (新工作表 picks free names). */
  readonly taken: readonly string[];
  readonly target: ExportTarget;
  readonly now: Date;
}): ExportPlan {
  const profile = profileOf(input.settings);
  const summary = buildSummary([{ file: input.file, link: null, tables: input.result.tables }], {
    profile: profile.name,
    year: input.settings.year,
    tool: ADDIN_TOOL,
    generatedAt: timeText(input.now),
    tolerance: profile.tolerance,
  });
  let sheets = summary.sheets;
  if (input.target === 'sheet') {
    const taken = [...input.taken];
    const named = (s: SummarySheet, base: string): SummarySheet => {
      const name = uniqueSheetName(base, taken);
      taken.push(name);
      return { ...s, name };
    };
    const byName = (n: string): SummarySheet => summary.sheets.find((s) => s.name === n)!;
    sheets = [named(byName(SUMMARY_SHEETS.tables), REVIEW_SHEETS.tables), named(byName(SUMMARY_SHEETS.findings), REVIEW_SHEETS.findings)];
  }
  return { summary, book: { sheets, xlsx: zipStored(summaryParts(sheets)) } };
}

/** The outcome sentence: what was made, with the counts. */
export function exportMessage(target: ExportTarget, sheets: readonly string[], counts: ReviewSummary['counts']): string {
  const f = counts.findings;
  const what = `${counts.tables} 张表（${counts.tablesWithErrors} 张有错误），问题 ${f.error + f.warning + f.info} 条（错误 ${f.error}，警告 ${f.warning}，提示 ${f.info}）`;
  const names = sheets.map((s) => `“${s}”`).join('、');
  return target === 'sheet' ? `已新建工作表 ${names}：${what}。原有工作表未改动。` : `已新建工作簿（工作表 ${names}）：${what}。请在新工作簿中保存。`;
}
