/**
 * The reviewer's summary workbook (issue 13), as data: from the results of many files (their
 * tables, findings and read failures) to three sheets of typed cells — 汇总 (one row per
 * table, one per unreadable file), 问题 (one row per finding) and 说明 (profile, year,
 * version, time, counts, how to read) — with each column's header, width, number format and
 * kind, and the conditional colours, all as plain data.
 *
 * Host-neutral: `summaryParts` (./xlsx.ts) writes these sheets as a package that the CLI zips
 * (`src/cli/summary/`) and Excel inserts or opens (导出审核汇总); WPS maps them through its
 * object model. A host decides only what a file's hyperlink points at (`SummaryFile.link`)
 * and the time text.
 *
 * Rendering contract, for every host:
 * - row 1 of a `table` sheet is the header (bold, filled `HEADER_FILL`), frozen, with an
 *   autofilter over the header and every row; 说明 (`table: false`) has a header too but no
 *   filter;
 * - each column gets `width` (in Excel character units) and, for non-null `numFmt`, that
 *   number format on its data cells; a `SummaryLink` is a hyperlink showing `text`;
 * - each `SummaryHighlight` is a conditional format on its column's data cells: `equals`
 *   compares the cell's text, `absAbove` colours numbers whose absolute value exceeds it;
 * - print: landscape, fit to one page wide, row 1 repeated on every page.
 */
import Decimal from 'decimal.js';

import { KIND_LABEL, ruleName, SEVERITIES, SEVERITY_LABEL } from '../labels';
import type { TableResult } from '../result';
import type { Severity } from '../rules/types';

export type SummaryKind = 'text' | 'link' | 'amount' | 'rate' | 'score' | 'difference' | 'count' | 'status' | 'severity';

export interface SummaryColumn {
  readonly key: string;
  readonly header: string;
  /** Column width in Excel character units (a Chinese character counts 2), fitted to the header and values. */
  readonly width: number;
  /** The number format of the column's data cells, or null (text, general). */
  readonly numFmt: string | null;
  readonly kind: SummaryKind;
}

/** A cell that opens another file: `target` is a path or URL the host chose. */
export interface SummaryLink {
  readonly text: string;
  readonly target: string;
}

/** A cell value: text, a number (amounts and scores as stated or computed, rates as fractions), a link, or empty. */
export type SummaryValue = string | number | SummaryLink | null;

/** A conditional colour on one column's data cells (fill and font as RRGGBB). */
export interface SummaryHighlight {
  readonly column: string;
  readonly when: { readonly equals: string } | { readonly absAbove: number };
  readonly fill: string;
  readonly font: string;
}

export interface SummarySheet {
  readonly name: string;
  readonly columns: readonly SummaryColumn[];
  /** Data rows (without the header), each aligned with `columns`. */
  readonly rows: readonly (readonly SummaryValue[])[];
  readonly highlights: readonly SummaryHighlight[];
  /** A list to filter (header frozen, autofilter); false for the 说明 sheet. */
  readonly table: boolean;
}

/** One file's results as a host has them. */
export interface SummaryFile {
  /** The file as the user named it (or as found under a folder). */
  readonly file: string;
  /** Where the file's hyperlink points (relative to the summary workbook), or null for none. */
  readonly link?: string | null;
  readonly tables: readonly TableResult[];
  /** Why the file could not be read (a one-line message), or null. */
  readonly failed?: string | null;
  /** Remarks about the file (cells not read, converted from .xls …), shown in 备注. */
  readonly notes?: readonly string[];
}

export interface SummaryOptions {
  /** The profile's name (口径). */
  readonly profile: string;
  /** The year given for tables that name none, or null. */
  readonly year: number | null;
  /** The program and its version, e.g. `jixiao 0.1.0`. */
  readonly tool: string;
  /** When the summary was made, as the host shows time (e.g. `2024-03-01 09:30`). */
  readonly generatedAt: string;
  /** A 总分 difference up to this is rounding, not coloured (SPEC §8; the profile's tolerance). */
  readonly tolerance?: number;
}

export interface SummaryCounts {
  readonly files: number;
  readonly unreadable: number;
  readonly tables: number;
  readonly tablesWithErrors: number;
  readonly findings: Readonly<Record<Severity, number>>;
}

export interface ReviewSummary {
  /** 汇总, 问题, 说明, in that order. */
  readonly sheets: readonly SummarySheet[];
  readonly counts: SummaryCounts;
}

export const SUMMARY_SHEETS = { tables: '汇总', findings: '问题', about: '说明' } as const;

export const STATUS_LABEL = { ok: '通过', error: '有错误', unreadable: '无法读取' } as const;

/** Excel's own "good / bad / neutral" cell colours, so the sheet reads as Excel users expect. */
const RED = { fill: 'FFC7CE', font: '9C0006' };
const YELLOW = { fill: 'FFEB9C', font: '9C5700' };
const GREEN = { fill: 'C6EFCE', font: '006100' };

/** The header row's fill (RRGGBB); its text is bold. */
export const HEADER_FILL = 'DDEBF7';

/**
 * The presentation every host renders (the rendering contract above, as data): header
 * style, frozen rows, link font, print set-up. A host maps these; it never picks its own.
 */
export const SUMMARY_LAYOUT = {
  header: { bold: true, fill: HEADER_FILL },
  /** Rows frozen at the top (the header). */
  freezeRows: 1,
  /** Hyperlink text: Excel's link blue, underlined. */
  linkFont: { color: '0563C1', underline: true },
  /** Multi-line text wraps and sits at the top of its cell. */
  wrap: { vertical: 'top' },
  print: { orientation: 'landscape', paperSize: 9 /* A4 */, fitToWidth: 1, fitToHeight: 0, titleRows: '1:1' },
} as const;

export const NUMBER_FORMATS = {
  amount: '#,##0.00',
  rate: '0.00%',
  score: '0.00',
  difference: '+0.00;-0.00;0.00',
  count: '0',
} as const;

interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  readonly kind: SummaryKind;
  readonly min: number;
  readonly max: number;
}

const TABLE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'file', header: '文件', kind: 'link', min: 10, max: 40 },
  { key: 'sheet', header: '工作表', kind: 'text', min: 8, max: 24 },
  { key: 'title', header: '单位或项目名称', kind: 'text', min: 12, max: 36 },
  { key: 'kind', header: '表类型', kind: 'text', min: 8, max: 30 },
  { key: 'budget', header: '全年预算数', kind: 'amount', min: 12, max: 20 },
  { key: 'executed', header: '全年执行数', kind: 'amount', min: 12, max: 20 },
  { key: 'rate', header: '执行率', kind: 'rate', min: 9, max: 12 },
  { key: 'executionScore', header: '执行率得分', kind: 'score', min: 10, max: 12 },
  { key: 'indicatorScore', header: '指标得分', kind: 'score', min: 10, max: 12 },
  { key: 'totalStated', header: '总分（表中）', kind: 'score', min: 10, max: 14 },
  { key: 'total', header: '总分（计算）', kind: 'score', min: 10, max: 14 },
  { key: 'difference', header: '差额（表中−计算）', kind: 'difference', min: 10, max: 18 },
  { key: 'gradeStated', header: '等级（表中）', kind: 'text', min: 8, max: 14 },
  { key: 'grade', header: '等级（计算）', kind: 'text', min: 8, max: 14 },
  { key: 'errors', header: '错误', kind: 'count', min: 6, max: 8 },
  { key: 'warnings', header: '警告', kind: 'count', min: 6, max: 8 },
  { key: 'infos', header: '提示', kind: 'count', min: 6, max: 8 },
  { key: 'status', header: '结论', kind: 'status', min: 10, max: 12 },
  { key: 'remark', header: '备注', kind: 'text', min: 12, max: 60 },
];

const FINDING_COLUMNS: readonly ColumnSpec[] = [
  { key: 'file', header: '文件', kind: 'link', min: 10, max: 40 },
  { key: 'sheet', header: '工作表', kind: 'text', min: 8, max: 24 },
  { key: 'cell', header: '单元格', kind: 'text', min: 8, max: 10 },
  { key: 'severity', header: '级别', kind: 'severity', min: 6, max: 8 },
  { key: 'rule', header: '问题类型', kind: 'text', min: 12, max: 28 },
  { key: 'ruleId', header: '规则编号', kind: 'text', min: 12, max: 28 },
  { key: 'message', header: '说明', kind: 'text', min: 20, max: 80 },
];

const ABOUT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'item', header: '项目', kind: 'text', min: 10, max: 20 },
  { key: 'value', header: '内容', kind: 'text', min: 20, max: 90 },
];

/** Width of text in Excel character units: CJK and full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += c >= 0x2e80 && !(c >= 0xff61 && c <= 0xff9f) ? 2 : 1;
  }
  return w;
}

function valueWidth(v: SummaryValue, kind: SummaryKind): number {
  if (v === null) return 0;
  if (typeof v === 'object') return displayWidth(v.text);
  if (typeof v === 'number') {
    // Only a width estimate (how many characters the format shows), never a figure: plain
    // number formatting is enough here and keeps thousands of rows quick.
    if (kind === 'rate') return (Math.abs(v) * 100).toFixed(2).length + 1 + (v < 0 ? 1 : 0);
    const fixed = kind === 'count' ? String(Math.abs(v)) : Math.abs(v).toFixed(2);
    const int = fixed.split('.')[0];
    return fixed.length + Math.floor((int.length - 1) / 3) + (v < 0 || kind === 'difference' ? 1 : 0);
  }
  return v.split('\n').reduce((m, l) => Math.max(m, displayWidth(l)), 0);
}

function sheetOf(name: string, specs: readonly ColumnSpec[], rows: readonly (readonly SummaryValue[])[], highlights: readonly SummaryHighlight[], table: boolean): SummarySheet {
  const columns = specs.map((c, i): SummaryColumn => {
    let w = displayWidth(c.header) + (table ? 3 : 1); // room for the filter button
    for (const r of rows) w = Math.max(w, valueWidth(r[i], c.kind) + 1);
    const numFmt = c.kind in NUMBER_FORMATS ? NUMBER_FORMATS[c.kind as keyof typeof NUMBER_FORMATS] : null;
    return { key: c.key, header: c.header, width: Math.min(c.max, Math.max(c.min, w)), numFmt, kind: c.kind };
  });
  return { name, columns, rows, highlights, table };
}

const dec = (v: number | null | undefined): Decimal | null => (v === null || v === undefined ? null : new Decimal(v));

function countsOf(t: TableResult): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of t.findings) c[f.severity]++;
  return c;
}

/** Without the leading `FILE：` that every failure message carries (the row already names it). */
function reasonOf(f: SummaryFile): string {
  const msg = f.failed ?? '';
  const prefix = `${f.file}：`;
  return msg.startsWith(prefix) ? msg.slice(prefix.length) : msg;
}

function fileCell(f: SummaryFile): SummaryValue {
  return f.link ? { text: f.file, target: f.link } : f.file;
}

/** The Σ of the indicator scores: the total less the execution score (both as the engine rounded them). */
function indicatorScore(t: TableResult): number | null {
  const total = dec(t.total.score);
  if (total === null) return null;
  const exec = t.execution ? dec(t.execution.score) : new Decimal(0);
  return exec === null ? null : total.minus(exec).toNumber();
}

function tableRow(f: SummaryFile, t: TableResult, remark: string): SummaryValue[] {
  const c = countsOf(t);
  const e = t.execution;
  const stated = dec(t.total.stated);
  const total = dec(t.total.score);
  return [
    fileCell(f),
    t.sheet,
    t.title,
    KIND_LABEL[t.kind] ?? t.kind,
    e?.budget ?? null,
    e?.executed ?? null,
    e?.rate ?? null,
    e?.score ?? null,
    indicatorScore(t),
    t.total.stated,
    t.total.score,
    stated !== null && total !== null ? stated.minus(total).toNumber() : null,
    t.grade.stated,
    t.grade.value,
    c.error,
    c.warning,
    c.info,
    c.error ? STATUS_LABEL.error : STATUS_LABEL.ok,
    remark || null,
  ];
}

function unreadableRow(f: SummaryFile): SummaryValue[] {
  const row: SummaryValue[] = TABLE_COLUMNS.map(() => null);
  row[0] = fileCell(f);
  row[TABLE_COLUMNS.findIndex((c) => c.key === 'status')] = STATUS_LABEL.unreadable;
  row[TABLE_COLUMNS.findIndex((c) => c.key === 'remark')] = f.failed ? reasonOf(f) : '未找到可识别的绩效自评表';
  return row;
}

/** How to read the sheets: the 说明 sheet's last rows. */
export const SUMMARY_GUIDE: readonly string[] = [
  '「汇总」每张表一行；一个文件有几张表就有几行，无法读取的文件也占一行，结论为“无法读取”，原因写在备注中。',
  '点击“文件”列可打开该文件（链接按汇总工作簿所在位置的相对路径）。',
  '金额按原表所填单位列示（多为万元），不作换算；执行率为执行数 ÷ 预算数。',
  '“表中”是表里填写的值，“计算”是按口径重新计算的值；差额 = 表中 − 计算，绝对值超过 0.01 标红。',
  '结论：有错误级问题为“有错误”，否则为“通过”（警告、提示不影响结论，但请逐条查看）。',
  '「问题」每条问题一行，单元格为问题所在位置；可按级别、问题类型或文件筛选。',
];

/**
 * Build the summary of `files` (in the order given: one row per table in table order, a
 * row for each file that could not be read). Pure: the same input gives the same sheets.
 */
export function buildSummary(files: readonly SummaryFile[], options: SummaryOptions): ReviewSummary {
  const tableRows: SummaryValue[][] = [];
  const findingRows: SummaryValue[][] = [];
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let unreadable = 0;
  let tables = 0;
  let tablesWithErrors = 0;
  for (const f of files) {
    if (f.failed || !f.tables.length) {
      unreadable++;
      tableRows.push(unreadableRow(f));
      continue;
    }
    const remark = (f.notes ?? []).join('\n');
    for (const t of f.tables) {
      tables++;
      const row = tableRow(f, t, remark);
      if (row[TABLE_COLUMNS.findIndex((c) => c.key === 'status')] === STATUS_LABEL.error) tablesWithErrors++;
      tableRows.push(row);
      for (const x of t.findings) {
        findings[x.severity]++;
        findingRows.push([fileCell(f), t.sheet, x.cell, SEVERITY_LABEL[x.severity], ruleName(x.rule), x.rule, x.message]);
      }
    }
  }
  const counts: SummaryCounts = { files: files.length, unreadable, tables, tablesWithErrors, findings };
  const tolerance = options.tolerance ?? 0.01;
  const summary = sheetOf(
    SUMMARY_SHEETS.tables,
    TABLE_COLUMNS,
    tableRows,
    [
      { column: 'status', when: { equals: STATUS_LABEL.error }, ...RED },
      { column: 'status', when: { equals: STATUS_LABEL.unreadable }, ...YELLOW },
      { column: 'status', when: { equals: STATUS_LABEL.ok }, ...GREEN },
      { column: 'difference', when: { absAbove: tolerance }, ...RED },
    ],
    true,
  );
  const problems = sheetOf(
    SUMMARY_SHEETS.findings,
    FINDING_COLUMNS,
    findingRows,
    [
      { column: 'severity', when: { equals: SEVERITY_LABEL.error }, ...RED },
      { column: 'severity', when: { equals: SEVERITY_LABEL.warning }, ...YELLOW },
    ],
    true,
  );
  const about: SummaryValue[][] = [
    ['计分口径', options.profile],
    ['评价年度', options.year === null ? '按各表所写年度' : `${options.year}（表中未写年度时）`],
    ['工具版本', options.tool],
    ['生成时间', options.generatedAt],
    ['文件数', counts.files],
    ['无法读取的文件', counts.unreadable],
    ['表数', counts.tables],
    ['有错误的表', counts.tablesWithErrors],
    ...SEVERITIES.map((s): SummaryValue[] => [`${SEVERITY_LABEL[s]}数`, findings[s]]),
    ...SUMMARY_GUIDE.map((line, i): SummaryValue[] => [i === 0 ? '如何阅读' : '', line]),
  ];
  return { sheets: [summary, problems, sheetOf(SUMMARY_SHEETS.about, ABOUT_COLUMNS, about, [], false)], counts };
}
