#!/usr/bin/env node
import { accessSync, constants as fsConstants, existsSync, promises as fsp, readdirSync, realpathSync, statSync, type Dirent } from 'fs';
import * as path from 'path';
import { analyzeWorkbook, cellNotes, type Profile, type Severity, type TableResult } from '../core';
import { parseArgs, USAGE, UsageError, type CliArgs } from './args';
import { runClean } from './clean';
import { describeError, UserFacingError } from './errors';
import { loadProfile } from './profile';
import { formatReport, formatSummary, summaryLine, visibleFindings, type FileReport } from './report';
import { readGrid } from './read';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface FileOutcome {
  report: FileReport;
  failed: string | null;
}

/**
 * One input after folders are expanded: a workbook to process, or a folder that yielded
 * none (`error`). `rel` is where `score -o OUT` puts the output under OUT.
 */
export interface InputItem {
  /** The path as given, or the folder as given joined with the path found under it. */
  readonly file: string;
  /** Path relative to the folder given (a file given directly: its base name). */
  readonly rel: string;
  readonly error?: string;
}

export interface Inputs {
  readonly items: readonly InputItem[];
  /** Whether any argument was a folder. */
  readonly anyFolder: boolean;
  /** One-line notices for stderr (workbooks in other formats that were not read). */
  readonly notices: readonly string[];
}

/** Spreadsheet files found in a folder that `jixiao` does not read: named in a notice, never silently. */
const OTHER_WORKBOOK = /\.(xls|xlsm|xlsb|et|ods)$/i;
const XLSX = /\.xlsx$/i;
const SCORED = /\.scored\.xlsx$/i;

// Chinese names in pinyin order, digits by value (第2单位 before 第10单位), as a file manager shows them.
const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
const compareName = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** Order relative paths folder level by folder level. */
function comparePaths(a: string, b: string): number {
  const pa = a.split(path.sep);
  const pb = b.split(path.sep);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = compareName(pa[i], pb[i]);
    if (c) return c;
  }
  return pa.length - pb.length;
}

interface WalkResult {
  found: { rel: string; error?: string }[];
  skipped: number;
  others: string[];
}

/**
 * Every `.xlsx` under `root`, recursively, skipping Excel lock files (`~$*.xlsx`), hidden
 * files and folders (`.name`), our own outputs (`*.scored.xlsx`) and the folders in
 * `exclude` (the `-o` folder when it lies inside an input folder). Symbolic links are
 * followed, each real folder visited once.
 */
function walk(root: string, exclude: ReadonlySet<string>): WalkResult {
  const out: WalkResult = { found: [], skipped: 0, others: [] };
  const seen = new Set<string>();
  const visit = (rel: string): void => {
    const dir = path.join(root, rel);
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      const code = (e as { code?: string }).code;
      const why = code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : `无法读取（${code ?? describeError(e)}）`;
      out.found.push({ rel, error: `${path.join(root, rel)}：文件夹${why}` });
      return;
    }
    if (rel !== '' && exclude.has(real)) return;
    for (const entry of entries) {
      const name = entry.name;
      const child = path.join(rel, name);
      if (name.startsWith('.')) {
        out.skipped++;
        continue;
      }
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = statSync(path.join(root, child));
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) visit(child);
      else if (!isFile) continue;
      else if (XLSX.test(name)) {
        if (name.startsWith('~$') || SCORED.test(name)) out.skipped++;
        else out.found.push({ rel: child });
      } else if (OTHER_WORKBOOK.test(name) && !name.startsWith('~$')) out.others.push(child);
    }
  };
  visit('');
  out.found.sort((a, b) => comparePaths(a.rel, b.rel));
  out.others.sort(comparePaths);
  return out;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Expand the command line: files stay as given, in order; a folder becomes its `.xlsx`
 * files (see `walk`), sorted. A workbook reached twice is processed once, where first met.
 */
export function expandInputs(args: readonly string[], exclude: readonly string[] = []): Inputs {
  const excluded = new Set<string>();
  for (const e of exclude) {
    try {
      excluded.add(realpathSync(e));
    } catch {
      // not there yet: nothing to exclude
    }
  }
  const items: InputItem[] = [];
  const notices: string[] = [];
  const done = new Set<string>();
  let anyFolder = false;
  const add = (item: InputItem): void => {
    const key = path.resolve(item.file);
    if (item.error === undefined && done.has(key)) return;
    done.add(key);
    items.push(item);
  };
  for (const arg of args) {
    if (!isDirectory(arg)) {
      add({ file: arg, rel: path.basename(arg) });
      continue;
    }
    anyFolder = true;
    const w = walk(arg, excluded);
    const others = w.others.map((rel) => path.join(arg, rel));
    const othersText = others.length ? `${others.slice(0, 3).join('、')}${others.length > 3 ? ` 等 ${others.length} 个` : ''}` : '';
    if (!w.found.length) {
      const why: string[] = [];
      if (others.length) why.push(`${othersText} 不是 .xlsx，请在 Excel 中另存为 .xlsx`);
      if (w.skipped) why.push(`已跳过 ${w.skipped} 个隐藏、~$ 临时或 .scored.xlsx 文件`);
      add({ file: arg, rel: '', error: `${arg}：文件夹中没有 .xlsx 文件${why.length ? `（${why.join('；')}）` : ''}` });
      continue;
    }
    if (others.length) notices.push(`注意：${othersText} 不是 .xlsx 文件，未审核（请在 Excel 中另存为 .xlsx）`);
    for (const f of w.found) add({ file: path.join(arg, f.rel), rel: f.rel, error: f.error });
  }
  return { items, anyFolder, notices };
}

/**
 * Where `score` writes FILE (SPEC §14): beside it as NAME.scored.xlsx unless told. With
 * `-o` naming a folder (several inputs, a folder input, or an existing folder), the output
 * is `OUT/rel`: a file given directly by its name, a file found in a folder by its path
 * under that folder.
 */
export function outputPath(file: string, args: Pick<CliArgs, 'out' | 'inPlace'>, many: boolean, rel = path.basename(file)): string {
  if (args.inPlace) return file;
  if (args.out !== null) {
    if (many || isDirectory(args.out)) return path.join(args.out, rel);
    return args.out;
  }
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.scored${ext || '.xlsx'}`);
}

async function processFile(item: InputItem, args: CliArgs, profile: Profile, many: boolean): Promise<FileOutcome> {
  const file = item.file;
  const failed = (message: string): FileOutcome => ({ report: { file, tables: [], notes: [], failed: message }, failed: message });
  if (item.error !== undefined) return failed(item.error);
  try {
    // Neither `check` nor `score` needs ExcelJS: the grid comes from ./read, writes patch the package.
    const { grid } = await readGrid(file);
    const result = analyzeWorkbook(grid, { profile });
    if (!result.tables.length) return failed(`${file}：未找到可识别的绩效自评表（已检查 ${grid.sheets.length} 个工作表）`);
    const notes = cellNotes(grid, result.tables).map((x) => `工作表「${x.sheet}」${x.cell}：${x.message}`);
    for (const e of result.blockedByProtection.slice(0, 1)) {
      notes.push(`工作表「${e.sheet}」受保护，${result.blockedByProtection.length} 处计算结果未写入（请撤销保护后重试）`);
    }
    let written: string | undefined;
    let edits: number | undefined;
    if (args.command === 'score') {
      const out = outputPath(file, args, many, item.rel);
      if (path.resolve(out) === path.resolve(file) && !args.inPlace) {
        throw new UsageError(`${file}：输出文件与输入文件相同，如确需覆盖请用 --in-place`);
      }
      edits = result.plan.length;
      // In place with nothing to change: the file is left as it is, and nothing is written.
      if (!(args.inPlace && edits === 0)) {
        if (isReadOnlyFile(out)) {
          throw new UsageError(
            args.inPlace ? `${file}：文件为只读，未覆盖；请取消只读属性后重试，或用 -o 另存` : `${out}：输出文件为只读，未覆盖；请换一个输出位置`,
          );
        }
        if (args.out !== null && many) await fsp.mkdir(path.dirname(out), { recursive: true });
        const { writeScored } = await import('./write');
        await writeScored(file, result.plan, out);
        written = out;
      }
    }
    return { report: { file, tables: result.tables, notes, written, edits }, failed: null };
  } catch (e) {
    if (e instanceof UserFacingError) return failed(e.message);
    return failed(`${file}：${describeError(e)}`);
  }
}

function visibleTables(tables: readonly TableResult[], min: Severity): readonly TableResult[] {
  return min === 'info' ? tables : tables.map((t) => ({ ...t, findings: visibleFindings(t, min) }));
}

function jsonDocument(outcomes: readonly FileOutcome[], min: Severity): unknown {
  return {
    files: outcomes.map((o) => ({
      file: o.report.file,
      ...(o.failed ? { error: o.failed } : {}),
      tables: visibleTables(o.report.tables, min),
      ...(o.report.notes.length ? { notes: o.report.notes } : {}),
      ...(o.report.written ? { written: o.report.written } : {}),
      ...(o.report.edits !== undefined ? { edits: o.report.edits } : {}),
    })),
  };
}

/**
 * A file `score` would replace without being told to: an existing output (NAME.scored.xlsx
 * or the `-o` file) needs `--force`. Checked for every input before anything is written.
 */
function checkOverwrites(args: CliArgs, items: readonly InputItem[], many: boolean): string | null {
  if (args.command !== 'score' || args.inPlace || args.force) return null;
  const existing: string[] = [];
  for (const item of items) {
    if (item.error !== undefined) continue;
    const target = outputPath(item.file, args, many, item.rel);
    if (path.resolve(target) === path.resolve(item.file)) continue; // refused per file, with its own message
    if (existsSync(target) && !isDirectory(target)) existing.push(target);
  }
  if (!existing.length) return null;
  const what = existing.length === 1 ? `输出文件 ${existing[0]} 已存在` : `输出文件 ${existing[0]} 等 ${existing.length} 个已存在`;
  return `${what}，未写入任何文件；如需替换请加 --force`;
}

/** Whether `file` exists and may not be replaced: no write permission bit, or not writable by us. */
export function isReadOnlyFile(file: string): boolean {
  let st;
  try {
    st = statSync(file);
  } catch {
    return false;
  }
  if (!st.isFile()) return false;
  // Root may write anything: the permission bits tell what the owner meant.
  if ((st.mode & 0o222) === 0) return true;
  try {
    accessSync(file, fsConstants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Check `-o` before anything is read: a folder when `many`, and no two inputs aimed at one output. */
function checkOutputs(args: CliArgs, items: readonly InputItem[], many: boolean): string | null {
  if (args.command !== 'score' || args.out === null || !many) return checkOverwrites(args, items, many);
  const out = args.out;
  if (existsSync(out) && !isDirectory(out)) return `处理多个文件或文件夹时 -o 应为文件夹，而 ${out} 是一个文件`;
  if (!existsSync(out) && XLSX.test(out)) return `处理多个文件或文件夹时 -o 应为文件夹，而 ${out} 像是文件名`;
  const taken = new Map<string, string>();
  for (const item of items) {
    if (item.error !== undefined) continue;
    const target = outputPath(item.file, args, many, item.rel);
    const key = path.resolve(target);
    const other = taken.get(key);
    if (other !== undefined) return `${other} 与 ${item.file} 会写到同一个输出文件 ${target}，请分开处理`;
    taken.set(key, item.file);
  }
  return checkOverwrites(args, items, many);
}

/** Run the CLI; returns the exit status (SPEC §14). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  // `jixiao clean …` has its own options (src/cli/clean.ts).
  const at = argv.findIndex((a) => !a.startsWith('-'));
  if (at >= 0 && argv[at] === 'clean' && !argv.slice(0, at).some((a) => a === '-h' || a === '--help')) return runClean([...argv.slice(0, at), ...argv.slice(at + 1)], io);
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
    profile = loadProfile(args.profile, args.year);
  } catch (e) {
    io.stderr(`jixiao：${describeError(e)}`);
    if (e instanceof UsageError) io.stderr('运行 jixiao --help 查看用法');
    return 2;
  }
  const inputs = expandInputs(args.files, args.command === 'score' && args.out !== null ? [args.out] : []);
  const many = args.files.length > 1 || inputs.anyFolder;
  const outputProblem = checkOutputs(args, inputs.items, many);
  if (outputProblem) {
    io.stderr(`jixiao：${outputProblem}`);
    return 2;
  }
  for (const notice of inputs.notices) io.stderr(`jixiao：${notice}`);

  const outcomes: FileOutcome[] = [];
  for (const item of inputs.items) outcomes.push(await processFile(item, args, profile, many));

  for (const o of outcomes) if (o.failed) io.stderr(o.failed);
  const min = args.minSeverity;
  const reports = outcomes.map((o) => o.report);
  if (args.json) io.stdout(JSON.stringify(jsonDocument(outcomes, min), null, 2));
  else if (outcomes.some((o) => !o.failed)) {
    // One file named on the command line: the detailed report; several, or a folder: the summary.
    const detail = args.layout === 'detail' || (args.layout === 'auto' && !many);
    if (detail) for (const o of outcomes) if (!o.failed) io.stdout(formatReport(o.report, min) + '\n');
    if (!detail) io.stdout(formatSummary(reports, min) + '\n');
    io.stdout(summaryLine(reports, min));
  }
  if (outcomes.some((o) => o.failed)) return 2;
  const hasError = outcomes.some((o) => o.report.tables.some((t) => t.findings.some((f) => f.severity === 'error')));
  return hasError ? 1 : 0;
}

if (require.main === module) {
  // `jixiao check … | head`: a closed pipe ends the output quietly, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
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
