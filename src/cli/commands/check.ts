/**
 * `jixiao check` and `jixiao score` (SPEC §14): read each workbook, run the engine, print
 * the report (or one JSON document); `score` writes the scored copy, `check --report` the
 * reviewer's summary workbook. Where files go and how they are written is ./files' policy.
 */
import { existsSync } from 'fs';
import * as path from 'path';

import { analyzeWorkbook, buildSummary, formulasReadingLine, noTablesLine, skippedSheetLine, type Profile, type Severity, type TableResult } from '../../core';
import type { CliArgs } from '../args';
import { describeError, UserFacingError } from '../errors';
import { checkOutputs, checkTarget, convertLegacy, ensureFolder, existingText, expandInputs, findSoffice, isDirectory, outputPath, writeAtomically, type InputItem, type Inputs } from '../files';
import { writeJson } from '../json';
import { loadProfile } from '../profile';
import { readGrid } from '../read';
import { formatReport, formatSummary, summaryLine, visibleFindings, type FileReport } from '../report';
import { linkTo, renderSummary } from '../summary/workbook';
import { VERSION, type Io } from './io';

interface FileOutcome {
  report: FileReport;
  failed: string | null;
}

const SCORED = 'scored';

/** `check` reads legacy .xls through LibreOffice; said when it cannot. */
const NO_SOFFICE = '；未找到 LibreOffice（soffice），无法自动转换 .xls';
const CONVERTED = '已用 LibreOffice 将 .xls 转换为 .xlsx 后审核（原文件未改动）';

async function processFile(item: InputItem, args: CliArgs, profile: Profile, many: boolean): Promise<FileOutcome> {
  const file = item.file;
  const failed = (message: string): FileOutcome => ({ report: { file, tables: [], notes: [], failed: message }, failed: message });
  if (item.error !== undefined) return failed(item.error);
  // A converted .xls is read from the temporary copy; messages name the file as given.
  const source = item.source ?? file;
  const named = (msg: string): string => (source === file ? msg : msg.split(source).join(file));
  try {
    // Neither `check` nor `score` needs ExcelJS: the grid comes from ../read, writes patch the package.
    const { grid } = await readGrid(source);
    const result = analyzeWorkbook(grid, { profile, includeHidden: args.includeHidden });
    const skippedLines = result.skippedSheets.map((s) => skippedSheetLine(s, '加 --include-hidden'));
    if (!result.tables.length) return failed([`${file}：${noTablesLine(grid.sheets.length)}`, ...skippedLines].join('；'));
    // The engine's own notes (core/notes.ts cellNotes over the same grid and tables).
    const notes = result.notes.map((x) => `工作表「${x.sheet}」${x.cell}：${x.message}`);
    for (const line of skippedLines) notes.push(line);
    if (item.source !== undefined) notes.unshift(CONVERTED);
    for (const e of result.blockedByProtection.slice(0, 1)) {
      notes.push(`工作表「${e.sheet}」受保护，${result.blockedByProtection.length} 处计算结果未写入（请撤销保护后重试）`);
    }
    let written: string | undefined;
    let edits: number | undefined;
    if (args.command === 'score') {
      const out = outputPath(file, args, many, item.rel, SCORED);
      edits = result.plan.length;
      // In place with nothing to change: the file is left as it is (read-only or not), and nothing is written.
      if (!(args.inPlace && edits === 0)) {
        checkTarget(file, out, args.inPlace);
        if (args.out !== null && many) await ensureFolder(out);
        const { writeScored } = await import('../write');
        await writeScored(file, result.plan, out, { replace: args.force || args.inPlace });
        written = out;
      }
    }
    const reading = result.formulasReadingWrites.length;
    // `check` writes nothing, but says which formulas `score` would make stale.
    if (reading) notes.push(formulasReadingLine(reading, args.command === 'score'));
    const skippedSheets = result.skippedSheets;
    return { report: { file, tables: result.tables, notes, written, edits, skippedSheets, formulasReadingWrites: reading }, failed: null };
  } catch (e) {
    if (e instanceof UserFacingError) return failed(named(e.message));
    return failed(`${file}：${describeError(e)}`);
  }
}

function visibleTables(tables: readonly TableResult[], min: Severity): readonly TableResult[] {
  return min === 'info' ? tables : tables.map((t) => ({ ...t, findings: visibleFindings(t, min) }));
}

function jsonDocument(outcomes: readonly FileOutcome[], min: Severity, report: string | null): unknown {
  return {
    files: outcomes.map((o) => ({
      file: o.report.file,
      ...(o.failed ? { error: o.failed } : {}),
      tables: visibleTables(o.report.tables, min),
      ...(o.report.notes.length ? { notes: o.report.notes } : {}),
      ...(o.report.written ? { written: o.report.written } : {}),
      ...(o.report.edits !== undefined ? { edits: o.report.edits } : {}),
      ...(o.report.skippedSheets?.length ? { skippedSheets: o.report.skippedSheets } : {}),
      ...(o.report.formulasReadingWrites !== undefined ? { formulasReadingWrites: o.report.formulasReadingWrites } : {}),
    })),
    ...(report !== null ? { report } : {}),
  };
}

/** `--report FILE`: refused before anything is read when it would replace something it should not. */
function checkReport(args: CliArgs, items: readonly InputItem[]): string | null {
  const report = args.report;
  if (report === null) return null;
  if (!/\.xlsx$/i.test(report)) return `审核汇总应保存为 .xlsx 文件，而 ${report} 不是`;
  if (isDirectory(report)) return `${report} 是一个文件夹，审核汇总应为 .xlsx 文件`;
  const input = items.find((i) => path.resolve(i.file) === path.resolve(report));
  if (input) return `审核汇总 ${report} 与输入文件相同，未写入任何文件；请换一个文件名`;
  return args.force ? null : existingText(existsSync(report) ? [report] : []);
}

function timeText(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

async function writeReport(args: CliArgs & { report: string }, profile: Profile, outcomes: readonly FileOutcome[], notRead: Inputs['notRead']): Promise<string> {
  const report = args.report;
  // Files found but not read (other formats) are rows too: a reviewer's list never drops a submission.
  const skipped: FileOutcome[] = notRead.map((x) => ({ report: { file: x.file, tables: [], notes: [], failed: x.reason }, failed: x.reason }));
  const summary = buildSummary(
    [...outcomes, ...skipped].map((o) => ({ file: o.report.file, link: o.failed && !existsSync(o.report.file) ? null : linkTo(report, o.report.file), tables: o.report.tables, failed: o.failed, notes: o.report.notes })),
    { profile: profile.name, year: args.year, tool: `jixiao ${VERSION}`, generatedAt: timeText(new Date()), tolerance: profile.tolerance },
  );
  const bytes = await renderSummary(summary);
  await writeAtomically(bytes, report, { replace: args.force });
  const c = summary.counts;
  return `审核汇总已写入 ${report}（${c.files} 个文件${c.unreadable ? `，其中 ${c.unreadable} 个无法读取` : ''}；${c.tables} 张表，其中 ${c.tablesWithErrors} 张有错误）`;
}

/** Run `check` or `score` with parsed arguments; returns the exit status (SPEC §14). */
export async function runCheck(args: CliArgs & { command: 'check' | 'score' }, io: Io): Promise<number> {
  let profile: Profile;
  try {
    profile = loadProfile(args.profile, args.year);
  } catch (e) {
    io.stderr(`jixiao：${describeError(e)}`);
    return 2;
  }
  const soffice = args.command === 'check' ? findSoffice() : null;
  const inputs = expandInputs(args.files, {
    exclude: args.command === 'score' && args.out !== null ? [args.out] : [],
    legacy: soffice !== null,
    legacyHint: args.command === 'check' ? NO_SOFFICE : '',
  });
  // A summary written into a folder it reviews is not a submission: a second run does not read it.
  const given = new Set(args.files.map((f) => path.resolve(f)));
  const items = inputs.items.filter((i) => args.report === null || path.resolve(i.file) !== path.resolve(args.report) || given.has(path.resolve(i.file)));
  const many = args.files.length > 1 || inputs.anyFolder;
  const outputProblem = args.command === 'score' ? checkOutputs(args, items, many, SCORED) : checkReport(args, items);
  if (outputProblem) {
    io.stderr(`jixiao：${outputProblem}`);
    return 2;
  }
  for (const notice of inputs.notices) io.stderr(`jixiao：${notice}`);

  const converted = soffice !== null ? await convertLegacy(items, soffice) : { items, dispose: async () => undefined };
  const outcomes: FileOutcome[] = [];
  try {
    for (const item of converted.items) outcomes.push(await processFile(item, args, profile, many));
  } finally {
    await converted.dispose();
  }

  for (const o of outcomes) if (o.failed) io.stderr(o.failed);
  let reportFailed = false;
  let reportLine: string | null = null;
  if (args.report !== null) {
    try {
      reportLine = await writeReport({ ...args, report: args.report }, profile, outcomes, inputs.notRead);
    } catch (e) {
      io.stderr(describeError(e));
      reportFailed = true;
    }
  }
  const min = args.minSeverity;
  const reports = outcomes.map((o) => o.report);
  if (args.json) writeJson(jsonDocument(outcomes, min, reportLine !== null ? args.report : null), io.stdout);
  else if (args.report !== null) {
    // The reviewer asked for a workbook, not a terminal full of text: one line per file failed, the totals, where it went.
    io.stdout(summaryLine(reports, min));
    if (reportLine) io.stdout(reportLine);
  } else if (outcomes.some((o) => !o.failed)) {
    // One file named on the command line: the detailed report; several, or a folder: the summary.
    const detail = args.layout === 'detail' || (args.layout === 'auto' && !many);
    if (detail) for (const o of outcomes) if (!o.failed) io.stdout(formatReport(o.report, min) + '\n');
    if (!detail) io.stdout(formatSummary(reports, min) + '\n');
    io.stdout(summaryLine(reports, min));
  }
  if (reportFailed || outcomes.some((o) => o.failed)) return 2;
  const hasError = outcomes.some((o) => o.report.tables.some((t) => t.findings.some((f) => f.severity === 'error')));
  return hasError ? 1 : 0;
}
