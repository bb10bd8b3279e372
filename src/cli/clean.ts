/**
 * `jixiao clean FILE|DIR… [-o OUT] [--in-place] [--dry-run] [--json] [--keep-hints]
 * [--keep-sheets] [--reuse-next-year]` (issue 8): plan the template clean-up with the
 * engine, preview it, and apply it with an ExcelJS round trip (row and sheet deletion and
 * merges need a structural writer), written atomically beside the input as NAME.clean.xlsx.
 */
import { existsSync, promises as fsp } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { analyzeWorkbook, cleanup, parseRange, type Severity } from '../core';
import { USAGE, UsageError } from './args';
import { describeError, UserFacingError, WorkbookWriteError, errorText } from './errors';
import { expandInputs, isReadOnlyFile, type InputItem } from './main';
import { mergesOf } from './read';
import { readWorkbook } from './workbook';

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

/** Fills and notes of every cell, for recognising our own marks. */
export function decorationsOf(workbook: ExcelJS.Workbook): cleanup.CellDecoration[] {
  const out: cleanup.CellDecoration[] = [];
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const fill = cell.style?.fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | undefined;
        const argb = fill && fill.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
        const note = noteText(cell.note);
        if (argb === undefined && note === undefined) return;
        out.push({ sheet: ws.name, row: r, col: c, ...(argb !== undefined ? { fill: argb } : {}), ...(note !== undefined ? { note } : {}) });
      });
    });
  }
  return out;
}

function noteText(note: unknown): string | undefined {
  if (typeof note === 'string') return note;
  if (note && typeof note === 'object') {
    const texts = (note as { texts?: { text?: string }[] }).texts;
    if (Array.isArray(texts)) return texts.map((t) => t.text ?? '').join('');
  }
  return undefined;
}

function toExcel(v: cleanup.CellState['value']): ExcelJS.CellValue {
  switch (v.t) {
    case 'empty':
      return null;
    case 'date':
      return new Date(`${v.v}T00:00:00Z`);
    case 'error':
      return { error: v.v } as ExcelJS.CellErrorValue;
    default:
      return v.v;
  }
}

/** Apply `plan` to the loaded workbook, in the host order of core/cleanup/types. */
export function applyPlanToWorkbook(workbook: ExcelJS.Workbook, plan: Plan): void {
  const sheetOf = (name: string): ExcelJS.Worksheet => {
    const ws = workbook.getWorksheet(name);
    if (!ws) throw new Error(`找不到工作表「${name}」`);
    return ws;
  };
  const deleted = new Map<string, number[]>();
  const resized = new Map<string, { removed: Set<string>; added: string[] }>();
  for (const ch of plan.changes) {
    if (ch.op === 'delete-row') deleted.set(ch.place.sheet, [...(deleted.get(ch.place.sheet) ?? []), ch.place.row]);
    if (ch.op === 'resize-merge' || ch.op === 'unmerge') {
      const r = resized.get(ch.place.sheet) ?? { removed: new Set<string>(), added: [] };
      r.removed.add(ch.place.address);
      if (ch.op === 'resize-merge' && ch.after) r.added.push(ch.after);
      resized.set(ch.place.sheet, r);
    }
  }
  // 1. marks
  for (const ch of plan.changes) {
    if (ch.op !== 'remove-fill' && ch.op !== 'remove-note') continue;
    const cell = sheetOf(ch.place.sheet).getCell(ch.place.row, ch.place.col);
    if (ch.op === 'remove-fill') {
      const style = { ...cell.style };
      delete style.fill;
      cell.style = style;
    } else {
      // ExcelJS has no API to remove a note: `note = undefined` writes an empty one, and a
      // loaded cell keeps the note in its value's model too: drop both.
      (cell as unknown as { _comment?: unknown })._comment = undefined;
      const v = cell.value;
      cell.value = null;
      cell.value = v;
    }
  }
  // 2. unmerge: every merge of a sheet losing rows (they are re-merged, shifted), else the listed ones.
  const keptMerges = new Map<string, { top: number; left: number; bottom: number; right: number }[]>();
  for (const [name, r] of resized) {
    const ws = sheetOf(name);
    if (deleted.has(name)) continue;
    for (const a of r.removed) ws.unMergeCells(a);
  }
  for (const name of deleted.keys()) {
    const ws = sheetOf(name);
    const removed = resized.get(name)?.removed ?? new Set<string>();
    const all = mergesOf(ws);
    keptMerges.set(name, all.filter((m) => !removed.has(`${ws.getCell(m.top, m.left).address}:${ws.getCell(m.bottom, m.right).address}`)));
    for (const m of all) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  }
  // 3. cell values and formats
  for (const ch of plan.changes) {
    if (ch.op !== 'set') continue;
    const cell = sheetOf(ch.place.sheet).getCell(ch.place.row, ch.place.col);
    cell.value = toExcel(ch.after.value);
    if (ch.after.numFmt !== ch.before.numFmt) cell.style = { ...cell.style, numFmt: ch.after.numFmt ?? 'General' };
  }
  // 4. rows, bottom-up, then the formulas that named rows below them
  const deletions = [...deleted].map(([name, rows]) => ({ name, rows: [...rows].sort((a, b) => a - b) }));
  for (const d of deletions) {
    const ws = sheetOf(d.name);
    // spliceRows moves values and styles but not notes: carry them along.
    const notes: { row: number; col: number; note: unknown }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r < d.rows[0]) return;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const note = (cell as unknown as { _comment?: { note?: unknown } })._comment?.note;
        if (note !== undefined) notes.push({ row: r, col: c, note });
      });
    });
    for (const r of [...d.rows].reverse()) ws.spliceRows(r, 1);
    for (const n of notes) {
      const row = cleanup.shiftRow(n.row, d.rows);
      if (row !== null) ws.getCell(row, n.col).note = n.note as string;
    }
  }
  if (deletions.length) {
    for (const ws of workbook.worksheets) {
      ws.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          const v = cell.value as ExcelJS.CellFormulaValue;
          if (typeof v.formula !== 'string') return;
          let f = v.formula;
          for (const d of deletions) f = cleanup.shiftFormula(f, ws.name, d.name, d.rows);
          if (f !== v.formula) cell.value = { formula: f, result: v.result } as ExcelJS.CellFormulaValue;
        });
      });
    }
  }
  // 5. merges after the deletions
  for (const d of deletions) {
    const ws = sheetOf(d.name);
    for (const m of keptMerges.get(d.name) ?? []) {
      const top = cleanup.shiftRow(m.top, d.rows);
      const bottom = cleanup.shiftRow(m.bottom, d.rows);
      if (top !== null && bottom !== null) ws.mergeCells(top, m.left, bottom, m.right);
    }
  }
  for (const [name, r] of resized) {
    const ws = sheetOf(name);
    for (const a of r.added) {
      const m = parseRange(a)!;
      ws.mergeCells(m.top, m.left, m.bottom, m.right);
    }
  }
  // 6. sheets
  for (const ch of plan.changes) if (ch.op === 'delete-sheet') workbook.removeWorksheet(sheetOf(ch.place.sheet).id);
}

async function writeAtomically(workbook: ExcelJS.Workbook, outPath: string): Promise<void> {
  const tmp = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${process.pid}.tmp`);
  let data: Buffer;
  try {
    const raw = (await workbook.xlsx.writeBuffer()) as unknown;
    data = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer);
  } catch (e) {
    throw new WorkbookWriteError(outPath, 'io', `生成工作簿失败：${errorText(e)}`);
  }
  try {
    await fsp.writeFile(tmp, data);
    await fsp.rename(tmp, outPath);
  } catch (e) {
    await fsp.unlink(tmp).catch(() => undefined);
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? '目标文件夹不存在' : code === 'EACCES' || code === 'EPERM' ? '没有写入权限（文件可能正在 Excel 中打开）' : `写入失败（${code ?? errorText(e)}）`;
    throw new WorkbookWriteError(outPath, 'io', why);
  }
}

async function cleanFile(item: InputItem, args: CleanArgs, many: boolean): Promise<Outcome> {
  const file = item.file;
  const outcome: Outcome = { file, output: null, plan: null, notes: [], counts: null };
  if (item.error !== undefined) return { ...outcome, error: item.error };
  try {
    const { grid, workbook, lossy } = await readWorkbook(file);
    const images = workbook.worksheets.some((ws) => ws.getImages().length > 0) ? ['图片'] : [];
    const parts = [...lossy, ...images];
    const plan = cleanup.planCleanup(
      { grid, decorations: decorationsOf(workbook) },
      { kinds: { hint: !args.keepHints, 'blank-sheet': !args.keepSheets, reuse: args.reuseNextYear } },
    );
    outcome.plan = plan;
    const checked = analyzeWorkbook(cleanup.applyCleanup(grid, plan));
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const t of checked.tables) for (const f of t.findings) counts[f.severity]++;
    outcome.counts = counts;
    if (args.dryRun) return outcome;
    const out = cleanOutputPath(file, args, many, item.rel);
    if (path.resolve(out) === path.resolve(file) && !args.inPlace) throw new UsageError(`${file}：输出文件与输入文件相同，如确需覆盖请用 --in-place`);
    if (parts.length && args.inPlace) throw new UsageError(`${file}：工作簿含${parts.join('、')}，清理后会丢失或错位，未覆盖原文件；请用 -o 另存`);
    if (parts.length) outcome.notes.push(`工作簿含${parts.join('、')}，清理后的文件中可能丢失或错位（原文件未改动）`);
    if (args.inPlace && !plan.changes.length) return outcome;
    // As for `score`: an existing output is replaced only with --force, a read-only file never.
    if (!args.inPlace && !args.force && existsSync(out)) throw new UsageError(`${out}：输出文件已存在，未写入；如需替换请加 --force`);
    if (isReadOnlyFile(out)) throw new UsageError(args.inPlace ? `${file}：文件为只读，未覆盖；请取消只读属性后重试，或用 -o 另存` : `${out}：输出文件为只读，未覆盖；请换一个输出位置`);
    applyPlanToWorkbook(workbook, plan);
    if (args.out !== null && many) await fsp.mkdir(path.dirname(out), { recursive: true });
    await writeAtomically(workbook, out);
    outcome.output = out;
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
