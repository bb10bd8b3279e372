#!/usr/bin/env node
import { existsSync, statSync } from 'fs';
import * as path from 'path';
import { analyzeWorkbook, type Profile } from '../core';
import { cellNotes } from '../core/notes';
import { parseArgs, USAGE, UsageError, type CliArgs } from './args';
import { describeError, UserFacingError } from './errors';
import { loadProfile } from './profile';
import { formatReport, summaryLine, type FileReport } from './report';
import { readWorkbook, writeScored } from './workbook';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface FileOutcome {
  report: FileReport;
  failed: string | null;
}

/** Where `score` writes FILE (SPEC §14): beside it as NAME.scored.xlsx unless told. */
export function outputPath(file: string, args: Pick<CliArgs, 'out' | 'inPlace'>, many: boolean): string {
  if (args.inPlace) return file;
  if (args.out !== null) {
    if (many || (existsSync(args.out) && statSync(args.out).isDirectory())) return path.join(args.out, path.basename(file));
    return args.out;
  }
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.scored${ext || '.xlsx'}`);
}

async function processFile(file: string, args: CliArgs, profile: Profile, many: boolean): Promise<FileOutcome> {
  try {
    const { grid, workbook } = await readWorkbook(file);
    const result = analyzeWorkbook(grid, { profile });
    if (!result.tables.length) {
      return { report: { file, tables: [], notes: [] }, failed: `${file}：未找到可识别的绩效自评表（已检查 ${grid.sheets.length} 个工作表）` };
    }
    const notes = cellNotes(grid, result.tables).map((x) => `工作表「${x.sheet}」${x.cell}：${x.message}`);
    for (const e of result.blockedByProtection.slice(0, 1)) {
      notes.push(`工作表「${e.sheet}」受保护，${result.blockedByProtection.length} 处计算结果未写入（请撤销保护后重试）`);
    }
    let written: string | undefined;
    if (args.command === 'score') {
      const out = outputPath(file, args, many);
      if (path.resolve(out) === path.resolve(file) && !args.inPlace) {
        throw new UsageError(`${file}：输出文件与输入文件相同，如确需覆盖请用 --in-place`);
      }
      if (!(args.inPlace && result.plan.length === 0)) await writeScored(workbook, result.plan, out);
      written = out;
    }
    return { report: { file, tables: result.tables, notes, written, edits: result.plan.length }, failed: null };
  } catch (e) {
    if (e instanceof UserFacingError) return { report: { file, tables: [], notes: [] }, failed: e.message };
    return { report: { file, tables: [], notes: [] }, failed: `${file}：${describeError(e)}` };
  }
}

function jsonDocument(outcomes: readonly FileOutcome[]): unknown {
  return {
    files: outcomes.map((o) => ({
      file: o.report.file,
      ...(o.failed ? { error: o.failed } : {}),
      tables: o.report.tables,
      ...(o.report.notes.length ? { notes: o.report.notes } : {}),
      ...(o.report.written ? { written: o.report.written, edits: o.report.edits } : {}),
    })),
  };
}

/** Run the CLI; returns the exit status (SPEC §14). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let args: CliArgs;
  let profile: Profile;
  try {
    args = parseArgs(argv);
    if (args.command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (args.command === 'version') {
      io.stdout('jixiao 0.1.0');
      return 0;
    }
    profile = loadProfile(args.profile);
  } catch (e) {
    io.stderr(`jixiao：${describeError(e)}`);
    if (e instanceof UsageError) io.stderr('运行 jixiao --help 查看用法');
    return 2;
  }
  const many = args.files.length > 1;
  if (args.out !== null && many && !(existsSync(args.out) && statSync(args.out).isDirectory())) {
    io.stderr(`jixiao：处理多个文件时 -o 应指向已存在的文件夹：${args.out}`);
    return 2;
  }
  const outcomes: FileOutcome[] = [];
  for (const file of args.files) outcomes.push(await processFile(file, args, profile, many));

  for (const o of outcomes) if (o.failed) io.stderr(o.failed);
  if (args.json) io.stdout(JSON.stringify(jsonDocument(outcomes), null, 2));
  else {
    for (const o of outcomes) if (!o.failed) io.stdout(formatReport(o.report) + '\n');
    io.stdout(summaryLine(outcomes.filter((o) => !o.failed).map((o) => o.report)));
  }
  if (outcomes.some((o) => o.failed)) return 2;
  const hasError = outcomes.some((o) => o.report.tables.some((t) => t.findings.some((f) => f.severity === 'error')));
  return hasError ? 1 : 0;
}

if (require.main === module) {
  run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s + '\n'),
    stderr: (s) => process.stderr.write(s + '\n'),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`jixiao：${describeError(e)}\n`);
      process.exitCode = 2;
    },
  );
}
