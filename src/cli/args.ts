/**
 * The one argument parser of `jixiao`: a table of options (`OPTIONS`), and per command the
 * options it accepts (`ACCEPTS`). Options may stand before or after the command and the
 * files; `--` ends them, so a file named `-x.xlsx` can be given (`jixiao check -- -x.xlsx`).
 */
import { PROFILE_NAMES, YEAR_RANGE, isYear, type Severity } from '../core';
import { UserFacingError } from './errors';

/** How the human (non-JSON) output is laid out; `auto` picks by the inputs (see `USAGE`). */
export type Layout = 'auto' | 'detail' | 'summary';

/** The commands that read workbooks. */
export type Command = 'check' | 'score' | 'clean';

export interface CliArgs {
  readonly command: Command | 'help' | 'version';
  /** Files and folders, as given. Folders are walked for .xlsx files (see files.ts). */
  readonly files: readonly string[];
  readonly json: boolean;
  readonly profile: string | null;
  readonly out: string | null;
  readonly inPlace: boolean;
  /** Replace an output file that already exists (never the input, never a read-only file). */
  readonly force: boolean;
  /** Findings below this severity are left out of the report and the JSON (exit status unaffected). */
  readonly minSeverity: Severity;
  /** Evaluation year for tables that name none (`--year`), or null. */
  readonly year: number | null;
  readonly layout: Layout;
  /** `check --report FILE.xlsx`: the reviewer's summary workbook. */
  readonly report: string | null;
  /** `clean`: preview only. */
  readonly dryRun: boolean;
  readonly keepHints: boolean;
  readonly keepSheets: boolean;
  readonly reuseNextYear: boolean;
  /** `check`/`score`: read and write hidden and very-hidden sheets too (never the add-in's own). */
  readonly includeHidden: boolean;
}

export class UsageError extends UserFacingError {}

/** The year range and the profile names are the core's (one table each, shared with the add-in). */
const { min: MIN_YEAR, max: MAX_YEAR } = YEAR_RANGE;

export const USAGE = `用法：
  jixiao check 文件或文件夹... [--report 汇总.xlsx [--force]] [选项]
      读取并审核自评表，不改动任何输入文件。
      --report 另写一份审核汇总工作簿：「汇总」每张表一行（文件链接、单位或项目名称、
      表类型、预算数、执行数、执行率及得分、指标得分、总分与等级的表中值和计算值、
      差额、问题数、结论 通过/有错误/无法读取），「问题」每条问题一行，「说明」口径、
      年度、版本、时间和统计。无法读取的文件也各占一行并写明原因。汇总文件已存在时
      需加 --force 才替换。
  jixiao score 文件或文件夹... [-o 输出 | --in-place] [--force] [选项]
      计算得分、执行率、总分和等级并写回：默认在原文件旁另存为“原名.scored.xlsx”；
      -o 指定输出文件；多个输入或输入含文件夹时 -o 为输出文件夹（不存在则创建），
      文件夹中找到的文件按原有的子文件夹结构写入其中；--in-place 覆盖原文件
      （原文件是符号链接时写入其指向的文件，保留属主和权限）。
      输出文件已存在时不覆盖（退出码 2，不写任何文件），加 --force 才替换；
      只读文件一律不覆盖。只改写计算结果所在的单元格，工作簿中其他内容原样保留。
  jixiao clean 文件或文件夹... [-o 输出 | --in-place] [--dry-run] [--json]
               [--keep-hints] [--keep-sheets] [--reuse-next-year] [--force]
      清理模板（去多余空格/换行/网页标签、统一符号、文本型数字转数值、删除占位行和
      空白模板工作表、清除填写提示和上次的标记）：默认另存为“原名.clean.xlsx”；
      没有需要清理的内容时不写文件并说明；--in-place 覆盖原文件并说明改了几处；
      受保护的工作表不清理并说明；--dry-run 只预览；--keep-hints 保留填写提示；
      --keep-sheets 不删工作表；--reuse-next-year 另清空完成值、得分、执行数和
      偏差原因供下年度重用；输出文件已存在时同样需加 --force 才替换。
  jixiao help           显示本说明（同 --help）
  jixiao --version      显示版本号
  文件夹：逐级查找其中的 .xlsx 文件，按路径排序（中文按拼音，数字按大小）；跳过 ~$
      开头的 Excel 临时文件、以 . 开头的隐藏文件和文件夹，以及 *.scored.xlsx 输出。
  .xls：check 遇到旧版 .xls 文件时，如已安装 LibreOffice（soffice），一次性转换到临时
      文件夹后审核（原文件不动）；未安装时列出这些文件，请在 Excel 中另存为 .xlsx。
      score 和 clean 不处理 .xls。
  以 - 开头的文件名写在 -- 之后：jixiao check -- -x.xlsx
选项：
  --json                输出一份 JSON 文档（每个文件一项，含无法读取的文件）
  --profile 名称或文件.json
                        计分口径：${PROFILE_NAMES.map((n, i) => (i === 0 ? `${n}（默认）` : n)).join('、')}
  --year 年份           表中未写年度时使用的评价年度（${MIN_YEAR}–${MAX_YEAR}）
  --min-severity 级别   只列出该级别及以上的问题：error 错误、warning 警告、
                        info 提示（默认，全部列出）；同样作用于 --json
  --summary             每个文件一行汇总，问题按级别集中列出
                        （多个输入或输入含文件夹时的默认方式）
  --detail              逐表详细报告（只给一个文件时的默认方式）
                        文字报告中同一张表的同一类问题最多列 5 条，其余注明条数；
                        --json 和 --report 列出全部
  --include-hidden      也审核并写入隐藏和深度隐藏的工作表（默认跳过并在报告中
                        列出）；绩效助手自己的清理备份和设置工作表始终跳过
  --report 文件.xlsx    check：写出审核汇总工作簿
  --force               替换已存在的输出文件（score、clean 的输出，check 的汇总）
  -h, --help            显示本说明
  -v, --version         显示版本号
退出码：0 无错误级问题；1 有文件发现错误级问题（不受 --min-severity 影响）；
        2 文件无法读取、文件夹中没有 .xlsx 文件、输出文件已存在或只读，或参数有误。`;

const SEVERITY_WORDS: Readonly<Record<string, Severity>> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  错误: 'error',
  警告: 'warning',
  提示: 'info',
};

function parseSeverity(v: string): Severity {
  const s = SEVERITY_WORDS[v.trim().toLowerCase()];
  if (!s) throw new UsageError(`未知的问题级别 ${v}（--min-severity 应为 error、warning 或 info）`);
  return s;
}

function parseYear(v: string): number {
  const s = v.trim();
  const y = /^\d{4}$/.test(s) ? Number(s) : NaN;
  if (!isYear(y)) throw new UsageError(`--year 应为 ${MIN_YEAR}–${MAX_YEAR} 之间的年份，收到 ${v}`);
  return y;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Settable = Omit<Mutable<CliArgs>, 'command' | 'files'>;

/** One option: a flag sets its key to true; a value option parses the value into its key. */
type OptionSpec =
  | { readonly flag: true; readonly set: (a: Settable) => void }
  | { readonly flag: false; readonly set: (a: Settable, value: string) => void };

const flag = (set: (a: Settable) => void): OptionSpec => ({ flag: true, set });
const value = (set: (a: Settable, v: string) => void): OptionSpec => ({ flag: false, set });

function setLayout(a: Settable, want: Layout): void {
  if (a.layout !== 'auto' && a.layout !== want) throw new UsageError('--detail 与 --summary 只能二选一');
  a.layout = want;
}

/** Every option of every command. `-o` and `--out` are one option. */
const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '--json': flag((a) => (a.json = true)),
  '--profile': value((a, v) => (a.profile = v)),
  '--year': value((a, v) => (a.year = parseYear(v))),
  '--min-severity': value((a, v) => (a.minSeverity = parseSeverity(v))),
  '--detail': flag((a) => setLayout(a, 'detail')),
  '--summary': flag((a) => setLayout(a, 'summary')),
  '--report': value((a, v) => (a.report = v)),
  '-o': value((a, v) => (a.out = v)),
  '--out': value((a, v) => (a.out = v)),
  '--in-place': flag((a) => (a.inPlace = true)),
  '--force': flag((a) => (a.force = true)),
  '--dry-run': flag((a) => (a.dryRun = true)),
  '--keep-hints': flag((a) => (a.keepHints = true)),
  '--keep-sheets': flag((a) => (a.keepSheets = true)),
  '--reuse-next-year': flag((a) => (a.reuseNextYear = true)),
  '--include-hidden': flag((a) => (a.includeHidden = true)),
};

const READING = ['--json', '--profile', '--year', '--min-severity', '--detail', '--summary', '--include-hidden'];

/** Which options each command takes. */
export const ACCEPTS: Readonly<Record<Command, readonly string[]>> = {
  check: [...READING, '--report', '--force'],
  score: [...READING, '-o', '--out', '--in-place', '--force'],
  clean: ['--json', '-o', '--out', '--in-place', '--force', '--dry-run', '--keep-hints', '--keep-sheets', '--reuse-next-year'],
};

/** `check` writes no workbook of the user's; `--force` is only for its `--report`. */
const CHECK_WRITES_NOTHING = 'check 只读取不写入，不能与 -o、--in-place 或 --force 同用';

const COMMANDS: readonly string[] = ['check', 'score', 'clean'];

/** Parse argv (without node and script). Throws UsageError with a Chinese message. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const a: Settable = {
    json: false,
    profile: null,
    out: null,
    inPlace: false,
    force: false,
    minSeverity: 'info',
    year: null,
    layout: 'auto',
    report: null,
    dryRun: false,
    keepHints: false,
    keepSheets: false,
    reuseNextYear: false,
    includeHidden: false,
  };
  const positional: string[] = [];
  const given: string[] = [];
  let help = false;
  let version = false;
  let ended = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (ended || arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      ended = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (arg === '-v' || arg === '--version') {
      version = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = OPTIONS[name];
    if (!spec) {
      const hint = /\.xlsx?$/i.test(arg) ? `（如果这是文件名，请写在 -- 之后：jixiao check -- ${arg}）` : '';
      throw new UsageError(`未知参数 ${arg}${hint}`);
    }
    given.push(name);
    if (spec.flag) {
      if (eq > 0) throw new UsageError(`参数 ${name} 不带值`);
      spec.set(a);
    } else {
      let v: string;
      if (eq > 0) v = arg.slice(eq + 1);
      else {
        const next = argv[++i];
        if (next === undefined || next.startsWith('-')) throw new UsageError(`参数 ${arg} 需要一个值`);
        v = next;
      }
      spec.set(a, v);
    }
  }
  const [word, ...files] = positional;
  if (help || word === 'help') return { command: 'help', files, ...a };
  if (word === undefined) {
    if (version) return { command: 'version', files, ...a };
    throw new UsageError('缺少命令：check、score 或 clean');
  }
  if (!COMMANDS.includes(word)) throw new UsageError(`未知命令 ${word}（应为 check、score、clean 或 help）`);
  if (version) return { command: 'version', files, ...a };
  const command = word as Command;
  checkAccepted(command, given);
  if (!files.length) throw new UsageError(command === 'clean' ? '缺少要清理的 .xlsx 文件或文件夹' : '缺少要处理的 .xlsx 文件或文件夹');
  if (a.out !== null && a.inPlace) throw new UsageError('-o 与 --in-place 只能二选一');
  if (a.dryRun && (a.out !== null || a.inPlace)) throw new UsageError('--dry-run 只预览不写入，不能与 -o 或 --in-place 同用');
  if (command === 'check' && a.force && a.report === null) throw new UsageError(CHECK_WRITES_NOTHING);
  return { command, files, ...a };
}

function checkAccepted(command: Command, given: readonly string[]): void {
  const refused = given.filter((name) => !ACCEPTS[command].includes(name));
  if (!refused.length) return;
  if (command === 'check' && refused.some((n) => n === '-o' || n === '--out' || n === '--in-place')) {
    throw new UsageError(CHECK_WRITES_NOTHING);
  }
  const name = refused[0];
  const other = (Object.keys(ACCEPTS) as Command[]).filter((c) => ACCEPTS[c].includes(name));
  const where = other.length ? `（${name} 用于 ${other.join('、')}）` : '';
  throw new UsageError(`${command} 不支持参数 ${name}${where}`);
}
