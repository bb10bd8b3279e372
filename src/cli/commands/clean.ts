/**
 * `jixiao clean FILE|DIR… [-o OUT | --in-place] [--dry-run] [--json] [--keep-hints]
 * [--keep-sheets] [--reuse-next-year] [--force]` (issue 8, issue 13): plan the template
 * clean-up with the engine, preview it, and write the cleaned workbook beside the input as
 * NAME.clean.xlsx (or where told), under the same file policy as `score` (../files), by
 * patching the package as `score` does (../package/clean).
 * A workbook with nothing to clean is not written; protected sheets are left and said so.
 */
import * as path from 'path';

import { analyzeWorkbook, cleanup, type Severity } from '../../core';
import type { CliArgs } from '../args';
import { describeError, UserFacingError } from '../errors';
import { checkOutputs, checkTarget, ensureFolder, expandInputs, outputPath, type InputItem } from '../files';
import { writeJson } from '../json';
import { writeCleaned } from '../package/clean';
import { planCleanupOf } from '../package/plan';
import { readGridAndBytes } from '../read';
import type { Io } from './io';

type Plan = cleanup.CleanupPlan;

const CLEAN = 'clean';
const CLEAN_OUT = /\.clean\.xlsx$/i;

interface Outcome {
  file: string;
  error?: string;
  output: string | null;
  plan: Plan | null;
  notes: string[];
  counts: Record<Severity, number> | null;
}

async function cleanFile(item: InputItem, args: CliArgs, many: boolean): Promise<Outcome> {
  const file = item.file;
  const outcome: Outcome = { file, output: null, plan: null, notes: [], counts: null };
  if (item.error !== undefined) return { ...outcome, error: item.error };
  try {
    const { grid, bytes } = await readGridAndBytes(file);
    const { plan, withheld } = await planCleanupOf(file, bytes, grid, {
      kinds: { hint: !args.keepHints, 'blank-sheet': !args.keepSheets, reuse: args.reuseNextYear },
    });
    outcome.plan = plan;
    // What the package cannot follow (INDIRECT, OFFSET, a sheet named elsewhere …) is kept, and said why.
    for (const reason of new Set(withheld.map((w) => `工作表「${w.sheet}」：${w.reason}`))) outcome.notes.push(reason);
    const checked = analyzeWorkbook(cleanup.applyCleanup(grid, plan));
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const t of checked.tables) for (const f of t.findings) counts[f.severity]++;
    outcome.counts = counts;
    // As `score` does: a protected sheet holding a table is not changed, and the user is told.
    const locked = grid.sheets.filter((s) => s.protected && checked.tables.some((t) => t.sheet === s.name)).map((s) => `「${s.name}」`);
    if (locked.length) outcome.notes.push(`工作表${locked.join('、')}受保护，未清理（请撤销保护后重试）`);
    if (args.dryRun) return outcome;
    const out = outputPath(file, args, many, item.rel, CLEAN);
    // Nothing to clean: no file is written, in place or beside it (read-only or not).
    if (!plan.changes.length) return outcome;
    checkTarget(file, out, args.inPlace);
    if (args.out !== null && many) await ensureFolder(out);
    // Patches only the parts the plan names (../package/clean); everything else keeps its bytes.
    const written = await writeCleaned(bytes, plan, out, { replace: args.force || args.inPlace });
    if (written.written) outcome.output = out;
    return outcome;
  } catch (e) {
    return { ...outcome, plan: null, error: e instanceof UserFacingError ? e.message : `${file}：${describeError(e)}` };
  }
}

/** What was done with a file, in one line after its counts. */
function resultText(o: Outcome, args: CliArgs): string {
  const plan = o.plan!;
  if (!plan.changes.length) return '无需清理：没有发现需要处理的内容，未写入文件';
  if (o.output === null) return `${cleanup.countsLine(plan.counts)}（未写入）`;
  if (args.inPlace) return `${cleanup.countsLine(plan.counts)} → 已覆盖原文件 ${o.output}（共 ${plan.changes.length} 处改动）`;
  return `${cleanup.countsLine(plan.counts)} → ${o.output}`;
}

/** Run `jixiao clean` with parsed arguments; returns the exit status, as for `check`. */
export async function runClean(args: CliArgs & { command: 'clean' }, io: Io): Promise<number> {
  const inputs = expandInputs(args.files, { exclude: args.out !== null ? [args.out] : [] });
  const given = new Set(args.files.map((f) => path.resolve(f)));
  const items = inputs.items.filter((i) => i.error !== undefined || !CLEAN_OUT.test(i.file) || given.has(path.resolve(i.file)));
  const many = args.files.length > 1 || inputs.anyFolder;
  if (!args.dryRun) {
    const problem = checkOutputs(args, items, many, CLEAN);
    if (problem) {
      io.stderr(`jixiao：${problem}`);
      return 2;
    }
  }
  for (const n of inputs.notices) io.stderr(`jixiao：${n}`);
  if (args.inPlace) {
    const count = items.filter((i) => i.error === undefined).length;
    io.stderr(`jixiao：--in-place 将直接覆盖原文件（${count} 个；没有需要清理的内容或只读的不覆盖，受保护的工作表不清理）`);
  }
  const outcomes: Outcome[] = [];
  for (const item of items) outcomes.push(await cleanFile(item, args, many));
  for (const o of outcomes) if (o.error) io.stderr(o.error);
  if (args.json) {
    writeJson(
      {
        files: outcomes.map((o) => ({
          file: o.file,
          ...(o.error ? { error: o.error } : {}),
          output: o.output,
          dryRun: args.dryRun,
          ...(o.output !== null ? { inPlace: args.inPlace } : {}),
          ...(o.plan ? { counts: o.plan.counts, changes: o.plan.changes } : {}),
          ...(o.counts ? { findingsAfter: o.counts } : {}),
          ...(o.notes.length ? { notes: o.notes } : {}),
        })),
      },
      io.stdout,
    );
  } else {
    for (const o of outcomes) {
      if (o.error || !o.plan) continue;
      io.stdout(`== ${o.file}`);
      if (args.dryRun) io.stdout(cleanup.formatPreview(o.plan));
      else io.stdout(resultText(o, args));
      for (const n of o.notes) io.stdout(`注意：${n}`);
      if (o.counts) io.stdout(`清理后审核：错误 ${o.counts.error} 项，警告 ${o.counts.warning} 项，提示 ${o.counts.info} 项${args.dryRun ? '（预览，未写入）' : ''}`);
      io.stdout('');
    }
  }
  if (outcomes.some((o) => o.error)) return 2;
  return outcomes.some((o) => (o.counts?.error ?? 0) > 0) ? 1 : 0;
}
