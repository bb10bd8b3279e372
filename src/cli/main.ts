#!/usr/bin/env node
/**
 * `jixiao`: parse the arguments (./args) and hand them to a command (./commands). Nothing
 * else happens here: the file policy is ./files, the commands are ./commands/{check,clean}.
 */
import { parseArgs, USAGE, UsageError, type CliArgs } from './args';
import { runCheck } from './commands/check';
import { runClean } from './commands/clean';
import { VERSION, type Io } from './commands/io';
import { describeError } from './errors';

/** Run the CLI; returns the exit status (SPEC §14). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`jixiao：${describeError(e)}`);
    if (e instanceof UsageError) io.stderr('运行 jixiao --help 查看用法');
    return 2;
  }
  switch (args.command) {
    case 'help':
      io.stdout(USAGE);
      return 0;
    case 'version':
      io.stdout(`jixiao ${VERSION}`);
      return 0;
    case 'clean':
      return runClean({ ...args, command: 'clean' }, io);
    default:
      return runCheck({ ...args, command: args.command }, io);
  }
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
