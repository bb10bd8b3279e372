import type { Severity } from '../core';
import { UserFacingError } from './errors';

/** How the human (non-JSON) output is laid out; `auto` picks by the inputs (see `USAGE`). */
export type Layout = 'auto' | 'detail' | 'summary';

export interface CliArgs {
  readonly command: 'check' | 'score' | 'help' | 'version';
  /** Files and folders, as given. Folders are walked for .xlsx files (see main.ts). */
  readonly files: readonly string[];
  readonly json: boolean;
  readonly profile: string | null;
  readonly out: string | null;
  readonly inPlace: boolean;
  /** `score`: replace an output file that already exists (never the input, never a read-only file). */
  readonly force: boolean;
  /** Findings below this severity are left out of the report and the JSON (exit status unaffected). */
  readonly minSeverity: Severity;
  /** Evaluation year for tables that name none (`--year`), or null. */
  readonly year: number | null;
  readonly layout: Layout;
}

export class UsageError extends UserFacingError {}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const USAGE = `用法：
  jixiao check 文件或文件夹... [选项]
      读取并审核自评表，不写任何文件。
  jixiao score 文件或文件夹... [-o 输出 | --in-place] [--force] [选项]
      计算得分、执行率、总分和等级并写回：默认在原文件旁另存为“原名.scored.xlsx”；
      -o 指定输出文件；多个输入或输入含文件夹时 -o 为输出文件夹（不存在则创建），
      文件夹中找到的文件按原有的子文件夹结构写入其中；--in-place 覆盖原文件。
      输出文件已存在时不覆盖（退出码 2，不写任何文件），加 --force 才替换；
      只读文件一律不覆盖。只改写计算结果所在的单元格，工作簿中其他内容原样保留。
  jixiao help           显示本说明（同 --help）
  jixiao --version      显示版本号
  jixiao clean 文件或文件夹... [-o 输出 | --in-place] [--dry-run] [--json]
               [--keep-hints] [--keep-sheets] [--reuse-next-year] [--force]
      清理模板（去多余空格/换行/网页标签、统一符号、文本型数字转数值、删除占位行和
      空白模板工作表、清除填写提示和上次的标记）：默认另存为“原名.clean.xlsx”；
      --dry-run 只预览；--keep-hints 保留填写提示；--keep-sheets 不删工作表；
      --reuse-next-year 另清空完成值、得分、执行数和偏差原因供下年度重用；
      输出文件已存在时同样需加 --force 才替换。
  文件夹：逐级查找其中的 .xlsx 文件，按路径排序（中文按拼音，数字按大小）；跳过 ~$
      开头的 Excel 临时文件、以 . 开头的隐藏文件和文件夹，以及 *.scored.xlsx 输出。
选项：
  --json                输出一份 JSON 文档（每个文件一项，含无法读取的文件）
  --profile 名称或文件.json
                        计分口径：mof-2020（默认）、mof-2017、linear-reverse、hubei
  --year 年份           表中未写年度时使用的评价年度（${MIN_YEAR}–${MAX_YEAR}）
  --min-severity 级别   只列出该级别及以上的问题：error 错误、warning 警告、
                        info 提示（默认，全部列出）；同样作用于 --json
  --summary             每个文件一行汇总，问题按级别集中列出
                        （多个输入或输入含文件夹时的默认方式）
  --detail              逐表详细报告（只给一个文件时的默认方式）
  --force               score：替换已存在的输出文件
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
  if (!(y >= MIN_YEAR && y <= MAX_YEAR)) throw new UsageError(`--year 应为 ${MIN_YEAR}–${MAX_YEAR} 之间的年份，收到 ${v}`);
  return y;
}

/** Parse argv (without node and script). Throws UsageError with a Chinese message. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const files: string[] = [];
  let json = false;
  let profile: string | null = null;
  let out: string | null = null;
  let inPlace = false;
  let force = false;
  let minSeverity: Severity = 'info';
  let year: number | null = null;
  let layout: Layout = 'auto';
  let command: CliArgs['command'] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('-')) throw new UsageError(`参数 ${a} 需要一个值`);
      return v;
    };
    const flag = (): void => {
      if (eq > 0) throw new UsageError(`参数 ${name} 不带值`);
    };
    if (name === '--json') {
      flag();
      json = true;
    } else if (name === '--profile') profile = value();
    else if (name === '-o' || name === '--out') out = value();
    else if (name === '--in-place') {
      flag();
      inPlace = true;
    } else if (name === '--force') {
      flag();
      force = true;
    } else if (name === '--min-severity') minSeverity = parseSeverity(value());
    else if (name === '--year') year = parseYear(value());
    else if (name === '--detail' || name === '--summary') {
      flag();
      const want: Layout = name === '--detail' ? 'detail' : 'summary';
      if (layout !== 'auto' && layout !== want) throw new UsageError('--detail 与 --summary 只能二选一');
      layout = want;
    } else if (a === '-h' || a === '--help') command = 'help';
    else if (a === '-v' || a === '--version') command = command ?? 'version';
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`未知参数 ${a}`);
    else if (command === null) {
      if (a === 'help') command = 'help';
      else if (a !== 'check' && a !== 'score') throw new UsageError(`未知命令 ${a}（应为 check、score、clean 或 help）`);
      else command = a;
    } else files.push(a);
  }
  const args = { files, json, profile, out, inPlace, force, minSeverity, year, layout };
  if (command === null) throw new UsageError('缺少命令：check、score 或 clean');
  if (command === 'help' || command === 'version') return { command, ...args };
  if (!files.length) throw new UsageError('缺少要处理的 .xlsx 文件或文件夹');
  if (command === 'check' && (out !== null || inPlace || force)) throw new UsageError('check 只读取不写入，不能与 -o、--in-place 或 --force 同用');
  if (out !== null && inPlace) throw new UsageError('-o 与 --in-place 只能二选一');
  return { command, ...args };
}
