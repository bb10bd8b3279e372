/**
 * `jixiao clean FILE|DIR… [-o OUT] [--in-place] [--dry-run] [--json] [--keep-hints]
 * [--keep-sheets] [--reuse-next-year]` (issue 8): plan the template clean-up with the
 * engine, preview it, and apply it by patching the .xlsx package (./package/clean, issue
 * 13: nothing else of the workbook changes), written atomically beside the input as
 * NAME.clean.xlsx. Nothing to clean: nothing is written.
 */
import { existsSync, promises as fsp } from 'fs';
import * as path from 'path';

import { analyzeWorkbook, cleanup, type Severity } from '../core';
import { USAGE, UsageError } from './args';
import { describeError, UserFacingError } from './errors';
import { expandInputs, isReadOnlyFile, type InputItem } from './main';
import { writeCleaned } from './package/clean';
import { planCleanupOf } from './package/plan';
import { readGridAndBytes } from './read';

type Plan = cleanup.CleanupPlan;

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface CleanArgs {
  readonly files: readonly string[];
  readonly out: string | null;
  readonly inPlace: boolean;
  /** Replace an existing output file (as `score --force`). */
  readonly force: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly keepHints: boolean;
  readonly keepSheets: boolean;
  readonly reuseNextYear: boolean;
}


/** Parse the arguments after `clean`. */
export function parseCleanArgs(argv: readonly string[]): CleanArgs {
  const files: string[] = [];
  let out: string | null = null;
  const flags = { inPlace: false, force: false, dryRun: false, json: false, keepHints: false, keepSheets: false, reuseNextYear: false };
  const names: Record<string, keyof typeof flags> = {
    '--in-place': 'inPlace',
    '--force': 'force',
    '--dry-run': 'dryRun',
    '--json': 'json',
    '--keep-hints': 'keepHints',
    '--keep-sheets': 'keepSheets',
    '--reuse-next-year': 'reuseNextYear',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o' || a === '--out') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('-')) throw new UsageError(`参数 ${a} 需要一个值`);
      out = v;
    } else if (a.startsWith('--out=')) out = a.slice(6);
    else if (names[a]) flags[names[a]] = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`clean 不支持参数 ${a}`);
    else files.push(a);
  }
  if (!files.length) throw new UsageError('缺少要清理的 .xlsx 文件或文件夹');
  if (out !== null && flags.inPlace) throw new UsageError('-o 与 --in-place 只能二选一');
  if (flags.dryRun && (out !== null || flags.inPlace)) throw new UsageError('--dry-run 只预览不写入，不能与 -o 或 --in-place 同用');
  return { files, out, ...flags };
}

const CLEAN_OUT = /\.clean\.xlsx$/i;

export function cleanOutputPath(file: string, args: Pick<CleanArgs, 'out' | 'inPlace'>, many: boolean, rel: string): string {
  if (args.inPlace) return file;
  if (args.out !== null) return many ? path.join(args.out, rel) : args.out;
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.clean${ext || '.xlsx'}`);
}

interface Outcome {
  file: string;
  error?: string;
  output: string | null;
  plan: Plan | null;
  notes: string[];
  counts: Record<Severity, number> | null;
}

async function cleanFile(item: InputItem, args: CleanArgs, many: boolean): Promise<Outcome> {
  const file = item.file;
  const outcome: Outcome = { file, output: null, plan: null, notes: [], counts: null };
  if (item.error !== undefined) return { ...outcome, error: item.error };
  try {
    const { grid, bytes } = await readGridAndBytes(file);
    const { plan, withheld } = await planCleanupOf(file, bytes, grid, { kinds: { hint: !args.keepHints, 'blank-sheet': !args.keepSheets, reuse: args.reuseNextYear } });
    outcome.plan = plan;
    // What the package cannot follow is kept, and said why (one line per reason).
    for (const reason of new Set(withheld.map((w) => `工作表「${w.sheet}」：${w.reason}`))) outcome.notes.push(reason);
    const checked = analyzeWorkbook(cleanup.applyCleanup(grid, plan));
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const t of checked.tables) for (const f of t.findings) counts[f.severity]++;
    outcome.counts = counts;
    if (args.dryRun) return outcome;
    const out = cleanOutputPath(file, args, many, item.rel);
    if (path.resolve(out) === path.resolve(file) && !args.inPlace) throw new UsageError(`${file}：输出文件与输入文件相同，如确需覆盖请用 --in-place`);
    // Nothing to clean: nothing is written, a copy no more than an overwrite.
    if (!plan.changes.length) return outcome;
    // As for `score`: an existing output is replaced only with --force, a read-only file never.
    if (!args.inPlace && !args.force && existsSync(out)) throw new UsageError(`${out}：输出文件已存在，未写入；如需替换请加 --force`);
    if (isReadOnlyFile(out)) throw new UsageError(args.inPlace ? `${file}：文件为只读，未覆盖；请取消只读属性后重试，或用 -o 另存` : `${out}：输出文件为只读，未覆盖；请换一个输出位置`);
    if (args.out !== null && many) await fsp.mkdir(path.dirname(out), { recursive: true });
    const written = await writeCleaned(bytes, plan, out);
    if (written.written) outcome.output = out;
    return outcome;
  } catch (e) {
    return { ...outcome, plan: null, error: e instanceof UserFacingError ? e.message : `${file}：${describeError(e)}` };
  }
}

/** Run `jixiao clean` (argv after `clean`); returns the exit status, as for `check`. */
export async function runClean(argv: readonly string[], io: Io): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  let args: CleanArgs;
  try {
    args = parseCleanArgs(argv);
  } catch (e) {
    io.stderr(`jixiao：${describeError(e)}`);
    io.stderr('运行 jixiao --help 查看用法');
    return 2;
  }
  const inputs = expandInputs(args.files, args.out !== null ? [args.out] : []);
  const given = new Set(args.files.map((f) => path.resolve(f)));
  const items = inputs.items.filter((i) => i.error !== undefined || !CLEAN_OUT.test(i.file) || given.has(path.resolve(i.file)));
  const many = args.files.length > 1 || inputs.anyFolder;
  for (const n of inputs.notices) io.stderr(`jixiao：${n}`);
  const outcomes: Outcome[] = [];
  for (const item of items) outcomes.push(await cleanFile(item, args, many));
  for (const o of outcomes) if (o.error) io.stderr(o.error);
  if (args.json) {
    io.stdout(
      JSON.stringify(
        {
          files: outcomes.map((o) => ({
            file: o.file,
            ...(o.error ? { error: o.error } : {}),
            output: o.output,
            dryRun: args.dryRun,
            ...(o.plan ? { counts: o.plan.counts, changes: o.plan.changes } : {}),
            ...(o.counts ? { findingsAfter: o.counts } : {}),
            ...(o.notes.length ? { notes: o.notes } : {}),
          })),
        },
        null,
        2,
      ),
    );
  } else {
    for (const o of outcomes) {
      if (o.error || !o.plan) continue;
      io.stdout(`== ${o.file}`);
      if (args.dryRun) io.stdout(cleanup.formatPreview(o.plan));
      else io.stdout(`${cleanup.countsLine(o.plan.counts)}${o.output ? ` → ${o.output}` : '（无需改动，未写入）'}`);
      for (const n of o.notes) io.stdout(`注意：${n}`);
      if (o.counts) io.stdout(`清理后审核：错误 ${o.counts.error} 项，警告 ${o.counts.warning} 项，提示 ${o.counts.info} 项${args.dryRun ? '（预览，未写入）' : ''}`);
      io.stdout('');
    }
  }
  if (outcomes.some((o) => o.error)) return 2;
  return outcomes.some((o) => (o.counts?.error ?? 0) > 0) ? 1 : 0;
}
