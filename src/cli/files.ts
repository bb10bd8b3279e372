/**
 * The CLI's file policy, one place for every command: which files a folder yields and in
 * what order, where an output goes and what it is called, when an existing output may be
 * replaced, read-only files, the one atomic write, and the conversion of legacy `.xls`
 * submissions through LibreOffice. Commands (./commands) decide what to write; this module
 * decides how and where.
 */
import { execFile } from 'child_process';
import { accessSync, constants as fsConstants, existsSync, promises as fsp, readdirSync, realpathSync, statSync, type Dirent } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

import { describeError, errnoCode, errorText, UserFacingError, WorkbookWriteError } from './errors';

/**
 * One input after folders are expanded: a workbook to process, or a folder that yielded
 * none (`error`). `rel` is where `-o OUT` puts the output under OUT.
 */
export interface InputItem {
  /** The path as given, or the folder as given joined with the path found under it. */
  readonly file: string;
  /** Path relative to the folder given (a file given directly: its base name). */
  readonly rel: string;
  readonly error?: string;
  /** A legacy `.xls` workbook, to be converted before it is read (`check` only). */
  readonly legacy?: boolean;
  /** The file actually read when it is not `file` (the `.xlsx` converted from a `.xls`). */
  readonly source?: string;
}

export interface Inputs {
  readonly items: readonly InputItem[];
  /** Whether any argument was a folder. */
  readonly anyFolder: boolean;
  /** One-line notices for stderr (workbooks in other formats that were not read). */
  readonly notices: readonly string[];
  /** Those workbooks in other formats, each with why it was not read (for the summary workbook's rows). */
  readonly notRead: readonly { readonly file: string; readonly reason: string }[];
}

export interface ExpandOptions {
  /** Folders not to walk into (the `-o` folder when it lies inside an input folder). */
  readonly exclude?: readonly string[];
  /** Take `.xls` files as inputs (marked `legacy`), to be converted (see `convertLegacy`). */
  readonly legacy?: boolean;
  /** What to add to the notice about `.xls` files not read (why they were not converted). */
  readonly legacyHint?: string;
}

/** Spreadsheet files found in a folder that `jixiao` does not read: named in a notice, never silently. */
const OTHER_WORKBOOK = /\.(xls|xlsm|xlsb|et|ods)$/i;
const LEGACY = /\.xls$/i;
const XLSX = /\.xlsx$/i;
const SCORED = /\.scored\.xlsx$/i;

// Chinese names in pinyin order, digits by value (第2单位 before 第10单位), as a file manager shows them.
const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
const compareName = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** Order relative paths folder level by folder level. */
export function comparePaths(a: string, b: string): number {
  const pa = a.split(path.sep);
  const pb = b.split(path.sep);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = compareName(pa[i], pb[i]);
    if (c) return c;
  }
  return pa.length - pb.length;
}

interface WalkResult {
  found: { rel: string; error?: string; legacy?: boolean }[];
  skipped: number;
  others: string[];
}

/**
 * Every `.xlsx` under `root`, recursively, skipping Excel lock files (`~$*.xlsx`), hidden
 * files and folders (`.name`), our own outputs (`*.scored.xlsx`) and the folders in
 * `exclude`. Symbolic links are followed, each real folder visited once. With `legacy`,
 * `.xls` files are found too.
 */
function walk(root: string, exclude: ReadonlySet<string>, legacy: boolean): WalkResult {
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
      const code = errnoCode(e);
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
      } else if (OTHER_WORKBOOK.test(name) && !name.startsWith('~$')) {
        if (legacy && LEGACY.test(name)) out.found.push({ rel: child, legacy: true });
        else out.others.push(child);
      }
    }
  };
  visit('');
  out.found.sort((a, b) => comparePaths(a.rel, b.rel));
  out.others.sort(comparePaths);
  return out;
}

export function isDirectory(p: string): boolean {
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
export function expandInputs(args: readonly string[], options: ExpandOptions = {}): Inputs {
  const excluded = new Set<string>();
  for (const e of options.exclude ?? []) {
    try {
      excluded.add(realpathSync(e));
    } catch {
      // not there yet: nothing to exclude
    }
  }
  const legacy = options.legacy ?? false;
  const items: InputItem[] = [];
  const notices: string[] = [];
  const notRead: { file: string; reason: string }[] = [];
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
      add({ file: arg, rel: path.basename(arg), ...(legacy && LEGACY.test(arg) ? { legacy: true } : {}) });
      continue;
    }
    anyFolder = true;
    const w = walk(arg, excluded, legacy);
    const others = w.others.map((rel) => path.join(arg, rel));
    const othersText = others.length ? `${others.slice(0, 3).join('、')}${others.length > 3 ? ` 等 ${others.length} 个` : ''}` : '';
    const hint = others.some((f) => LEGACY.test(f)) ? (options.legacyHint ?? '') : '';
    for (const f of others) notRead.push({ file: f, reason: `${f}：不是 .xlsx 文件，未审核（请在 Excel 中另存为 .xlsx${LEGACY.test(f) ? (options.legacyHint ?? '') : ''}）` });
    if (!w.found.length) {
      const why: string[] = [];
      if (others.length) why.push(`${othersText} 不是 .xlsx，请在 Excel 中另存为 .xlsx${hint}`);
      if (w.skipped) why.push(`已跳过 ${w.skipped} 个隐藏、~$ 临时或 .scored.xlsx 文件`);
      add({ file: arg, rel: '', error: `${arg}：文件夹中没有 .xlsx 文件${why.length ? `（${why.join('；')}）` : ''}` });
      continue;
    }
    if (others.length) notices.push(`注意：${othersText} 不是 .xlsx 文件，未审核（请在 Excel 中另存为 .xlsx${hint}）`);
    for (const f of w.found) add({ file: path.join(arg, f.rel), rel: f.rel, ...(f.error !== undefined ? { error: f.error } : {}), ...(f.legacy ? { legacy: true } : {}) });
  }
  return { items, anyFolder, notices, notRead };
}

// ---------------------------------------------------------------------------------------
// Outputs

/** Where a command writes FILE when told `-o OUT` or `--in-place`. */
export interface OutputChoice {
  readonly out: string | null;
  readonly inPlace: boolean;
}

/**
 * Where FILE's output goes (SPEC §14): beside it as NAME.<suffix>.xlsx unless told. With
 * `-o` naming a folder (several inputs, a folder input, or an existing folder), the output
 * is `OUT/rel`: a file given directly by its name, a file found in a folder by its path
 * under that folder.
 */
export function outputPath(file: string, args: OutputChoice, many: boolean, rel: string, suffix: string): string {
  if (args.inPlace) return file;
  if (args.out !== null) {
    if (many || isDirectory(args.out)) return path.join(args.out, rel);
    return args.out;
  }
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.${suffix}${ext || '.xlsx'}`);
}

const same = (a: string, b: string): boolean => path.resolve(a) === path.resolve(b);

/**
 * Check every output before anything is read or written: `-o` is a folder when `many`, no
 * two inputs are aimed at one output, and no existing output is replaced without `force`.
 * Returns the one-line problem, or null.
 */
export function checkOutputs(args: OutputChoice & { readonly force: boolean }, items: readonly InputItem[], many: boolean, suffix: string): string | null {
  if (args.out !== null && many) {
    const out = args.out;
    if (existsSync(out) && !isDirectory(out)) return `处理多个文件或文件夹时 -o 应为文件夹，而 ${out} 是一个文件`;
    if (!existsSync(out) && XLSX.test(out)) return `处理多个文件或文件夹时 -o 应为文件夹，而 ${out} 像是文件名`;
    const taken = new Map<string, string>();
    for (const item of items) {
      if (item.error !== undefined) continue;
      const target = outputPath(item.file, args, many, item.rel, suffix);
      const key = path.resolve(target);
      const other = taken.get(key);
      if (other !== undefined) return `${other} 与 ${item.file} 会写到同一个输出文件 ${target}，请分开处理`;
      taken.set(key, item.file);
    }
  }
  if (args.inPlace || args.force) return null;
  const existing: string[] = [];
  for (const item of items) {
    if (item.error !== undefined) continue;
    const target = outputPath(item.file, args, many, item.rel, suffix);
    if (same(target, item.file)) continue; // refused per file, with its own message
    if (existsSync(target) && !isDirectory(target)) existing.push(target);
  }
  return existingText(existing);
}

/** `输出文件 X 已存在，未写入任何文件；如需替换请加 --force`, or null. */
export function existingText(existing: readonly string[]): string | null {
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

/** A usage error for the user: thrown by `checkTarget`, shown as is. */
export class OutputRefused extends UserFacingError {}

/**
 * The per-file checks right before a write: never the input unless `--in-place`, never a
 * read-only file.
 */
export function checkTarget(file: string, out: string, inPlace: boolean): void {
  if (same(out, file) && !inPlace) throw new OutputRefused(`${file}：输出文件与输入文件相同，如确需覆盖请用 --in-place`);
  if (isReadOnlyFile(out)) {
    throw new OutputRefused(inPlace ? `${file}：文件为只读，未覆盖；请取消只读属性后重试，或用 -o 另存` : `${out}：输出文件为只读，未覆盖；请换一个输出位置`);
  }
}

export interface WriteOptions {
  /**
   * Replace a file already at `outPath` (`--force`, `--in-place`). Without it the file is
   * created exclusively: one that appeared since the checks (another run writing the same
   * output) is never replaced, and the write fails with reason `exists`.
   */
  readonly replace: boolean;
}

/**
 * Write `data` to `outPath` atomically: a temporary file in the same folder, synced, then
 * renamed over the target (`replace`) or linked to it only if nothing is there. A symbolic
 * link is written through (its target changes, the link stays); a replaced file keeps its
 * mode and, where we may set it, its owner. Failures are `WorkbookWriteError`s with a
 * one-line Chinese message.
 */
export async function writeAtomically(data: Buffer | Uint8Array, outPath: string, options: WriteOptions): Promise<void> {
  const target = await resolveLink(outPath);
  let existing: { mode: number; uid: number; gid: number } | null = null;
  try {
    const st = await fsp.stat(target);
    if (st.isDirectory()) throw new WorkbookWriteError(outPath, 'io', '这是一个文件夹，无法写入工作簿');
    existing = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } catch (e) {
    if (e instanceof WorkbookWriteError) throw e;
    // nothing there yet
  }
  if (existing && !options.replace) throw existsError(outPath);

  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  let handle: fsp.FileHandle | undefined;
  let created = false;
  try {
    handle = await fsp.open(tmp, 'wx');
    created = true;
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (existing) {
      await fsp.chmod(tmp, existing.mode).catch(() => undefined);
      const uid = process.getuid?.();
      if (uid !== undefined && (existing.uid !== uid || existing.gid !== process.getgid?.())) {
        await fsp.chown(tmp, existing.uid, existing.gid).catch(() => undefined); // only root may give a file away
      }
    }
    if (options.replace) await fsp.rename(tmp, target);
    else await linkExclusive(tmp, target, outPath);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    if (created) await fsp.unlink(tmp).catch(() => undefined);
    if (e instanceof WorkbookWriteError) throw e;
    throw fsWriteError(outPath, e);
  }
}

/** Where writing `p` lands: `p` itself, or the file its symbolic link(s) point at. */
async function resolveLink(p: string): Promise<string> {
  let st;
  try {
    st = await fsp.lstat(p);
  } catch {
    return p;
  }
  if (!st.isSymbolicLink()) return p;
  try {
    return await fsp.realpath(p);
  } catch {
    // A dangling link: write where it points.
    return path.resolve(path.dirname(p), await fsp.readlink(p));
  }
}

/**
 * Give the finished temporary file the name `target` only if nothing has that name: a hard
 * link is created exclusively and atomically. Where the file system has no hard links, an
 * exclusive copy does the same (not atomic, still never replacing).
 */
async function linkExclusive(tmp: string, target: string, shown: string): Promise<void> {
  try {
    await fsp.link(tmp, target);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'EEXIST') throw existsError(shown);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK' && code !== 'EXDEV') throw e;
    try {
      await fsp.copyFile(tmp, target, fsConstants.COPYFILE_EXCL);
    } catch (e2) {
      if (errnoCode(e2) === 'EEXIST') throw existsError(shown);
      throw e2;
    }
  }
  await fsp.unlink(tmp);
}

function existsError(file: string): WorkbookWriteError {
  return new WorkbookWriteError(file, 'exists', '输出文件已存在（可能是同时运行的另一个 jixiao 刚写入），未覆盖；如需替换请加 --force');
}

export function fsWriteError(file: string, e: unknown): WorkbookWriteError {
  const code = errnoCode(e);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new WorkbookWriteError(file, 'missing-directory', '目标文件夹不存在，无法写入');
    case 'EACCES':
    case 'EPERM':
      return new WorkbookWriteError(file, 'no-permission', '没有写入权限（文件可能正在 Excel 中打开）');
    case 'EBUSY':
      return new WorkbookWriteError(file, 'busy', '文件被占用（可能正在 Excel 中打开），无法写入');
    case 'EISDIR':
      return new WorkbookWriteError(file, 'io', '这是一个文件夹，无法写入工作簿');
    case 'ENOSPC':
    case 'EDQUOT':
      return new WorkbookWriteError(file, 'no-space', '磁盘空间不足，无法写入');
    case 'EROFS':
      return new WorkbookWriteError(file, 'no-permission', '目标位置只读，无法写入');
    default:
      return new WorkbookWriteError(file, 'io', `写入失败（${code ?? errorText(e)}）`);
  }
}

/** Create `-o`'s folder (and those under it) before writing into it. */
export async function ensureFolder(file: string): Promise<void> {
  try {
    await fsp.mkdir(path.dirname(file), { recursive: true });
  } catch (e) {
    throw fsWriteError(file, e);
  }
}

// ---------------------------------------------------------------------------------------
// Legacy .xls through LibreOffice

/**
 * The LibreOffice program to convert `.xls` with: `JIXIAO_SOFFICE` when set (empty: none,
 * conversion off), else `soffice` or `libreoffice` on the PATH.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const set = env.JIXIAO_SOFFICE;
  if (set !== undefined) return set.trim() === '' ? null : set;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of ['soffice', 'libreoffice']) {
      const p = path.join(dir, name);
      try {
        accessSync(p, fsConstants.X_OK);
        if (statSync(p).isFile()) return p;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export interface Converted {
  /** The items, each legacy one now with its `source` (or an `error`). */
  readonly items: readonly InputItem[];
  /** Remove the temporary folder. */
  readonly dispose: () => Promise<void>;
}

/**
 * Convert every legacy item with one LibreOffice process, into a temporary folder: each
 * `.xls` is copied there under a numbered name (two submissions may share a name), so the
 * input is never opened for writing, and LibreOffice runs with a profile of its own (an
 * open LibreOffice window would otherwise take the job and return at once).
 */
export async function convertLegacy(items: readonly InputItem[], soffice: string): Promise<Converted> {
  const legacy = items.filter((i) => i.legacy && i.error === undefined);
  if (!legacy.length) return { items, dispose: async () => undefined };
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'jixiao-xls-'));
  const dispose = (): Promise<void> => fsp.rm(tmp, { recursive: true, force: true });
  const inDir = path.join(tmp, 'in');
  const outDir = path.join(tmp, 'out');
  await fsp.mkdir(inDir);
  await fsp.mkdir(outDir);
  const names = new Map<InputItem, string>();
  const copyErrors = new Map<InputItem, string>();
  let n = 0;
  for (const item of legacy) {
    const name = `${String(++n).padStart(4, '0')}.xls`;
    try {
      const head = await readHead(item.file);
      if (!looksLikeLegacy(head)) {
        copyErrors.set(item, '不是 Excel 97-2003 工作簿（.xls），无法读取');
        continue;
      }
      await fsp.copyFile(item.file, path.join(inDir, name));
      names.set(item, name);
    } catch (e) {
      const code = errnoCode(e);
      copyErrors.set(item, code === 'ENOENT' ? '找不到文件' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : `无法读取文件（${code ?? errorText(e)}）`);
    }
  }
  let failure: string | null = null;
  if (names.size) {
    const args = [
      `-env:UserInstallation=${pathToFileURL(path.join(tmp, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'xlsx',
      '--outdir',
      outDir,
      ...[...names.values()].map((f) => path.join(inDir, f)),
    ];
    failure = await new Promise<string | null>((resolve) => {
      execFile(soffice, args, { timeout: 30 * 60 * 1000, maxBuffer: 16 << 20 }, (e) => {
        if (!e) return resolve(null);
        const code = errnoCode(e);
        resolve(code === 'ENOENT' ? `找不到 LibreOffice 程序 ${soffice}` : `LibreOffice 转换失败（${code ?? errorText(e)}）`);
      });
    });
  }
  const out = items.map((item): InputItem => {
    if (!item.legacy || item.error !== undefined) return item;
    const copyError = copyErrors.get(item);
    if (copyError) return { ...item, error: `${item.file}：${copyError}` };
    const converted = path.join(outDir, names.get(item)!.replace(/\.xls$/, '.xlsx'));
    if (existsSync(converted)) return { ...item, source: converted };
    return { ...item, error: `${item.file}：旧版 .xls 文件无法通过 LibreOffice 转换（${failure ?? '文件可能已损坏或有打开密码'}），请在 Excel 中另存为 .xlsx 后再试` };
  });
  return { items: out, dispose };
}

async function readHead(file: string): Promise<Buffer> {
  const h = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(2048);
    const { bytesRead } = await h.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * What LibreOffice should be given as a `.xls`: a binary Excel 97-2003 workbook (an OLE
 * container), or the web page / XML spreadsheet that budget systems often export under
 * that name. Anything else (a text file renamed) is refused before conversion: LibreOffice
 * would import it as text.
 */
function looksLikeLegacy(head: Buffer): boolean {
  if (head.length >= CFB.length && head.subarray(0, CFB.length).equals(CFB)) return true;
  const text = head.toString('latin1').toLowerCase();
  return /<(html|table|!doctype html)/.test(text) || text.includes('urn:schemas-microsoft-com:office:spreadsheet');
}

/** The workbook's bytes: `source` itself, or the file read again (a failure names both files). */
export async function sourceBytes(source: string | Buffer, outPath: string): Promise<Buffer> {
  if (typeof source !== 'string') return source;
  try {
    return await fsp.readFile(source);
  } catch (e) {
    throw new WorkbookWriteError(outPath, 'io', `无法再次读取原工作簿 ${source}（${errnoCode(e) ?? errorText(e)}），未写入`);
  }
}
