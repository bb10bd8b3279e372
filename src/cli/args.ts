import { UserFacingError } from './errors';

export interface CliArgs {
  readonly command: 'check' | 'score' | 'help' | 'version';
  readonly files: readonly string[];
  readonly json: boolean;
  readonly profile: string | null;
  readonly out: string | null;
  readonly inPlace: boolean;
}

export class UsageError extends UserFacingError {}

export const USAGE = `用法：
  jixiao check 文件.xlsx... [--json] [--profile 名称|配置.json]
      读取并审核自评表，不写任何文件。
  jixiao score 文件.xlsx... [-o 输出 | --in-place] [--json] [--profile 名称|配置.json]
      计算得分、执行率、总分和等级并写回：默认另存为“原名.scored.xlsx”；
      -o 指定输出文件（多个输入时为输出文件夹）；--in-place 覆盖原文件。
  内置配置：mof-2020（默认）、mof-2017、linear-reverse、hubei。
退出码：0 无错误；1 发现错误级问题；2 文件无法读取或参数有误。`;

/** Parse argv (without node and script). Throws UsageError with a Chinese message. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const files: string[] = [];
  let json = false;
  let profile: string | null = null;
  let out: string | null = null;
  let inPlace = false;
  let command: CliArgs['command'] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('-')) throw new UsageError(`参数 ${a} 需要一个值`);
      return v;
    };
    if (a === '--json') json = true;
    else if (a === '--profile') profile = value();
    else if (a.startsWith('--profile=')) profile = a.slice('--profile='.length);
    else if (a === '-o' || a === '--out') out = value();
    else if (a === '--in-place') inPlace = true;
    else if (a === '-h' || a === '--help') command = 'help';
    else if (a === '-v' || a === '--version') command = command ?? 'version';
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`未知参数 ${a}`);
    else if (command === null) {
      if (a !== 'check' && a !== 'score') throw new UsageError(`未知命令 ${a}（应为 check 或 score）`);
      command = a;
    } else files.push(a);
  }
  if (command === null) throw new UsageError('缺少命令：check 或 score');
  if (command === 'help' || command === 'version') return { command, files, json, profile, out, inPlace };
  if (!files.length) throw new UsageError('缺少要处理的 .xlsx 文件');
  if (command === 'check' && (out !== null || inPlace)) throw new UsageError('check 只读取不写入，不能与 -o 或 --in-place 同用');
  if (out !== null && inPlace) throw new UsageError('-o 与 --in-place 只能二选一');
  return { command, files, json, profile, out, inPlace };
}
