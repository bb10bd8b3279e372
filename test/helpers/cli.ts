import { createHash } from 'crypto';
import * as fs from 'fs';
import { run } from '../../src/cli/main';

export interface Captured {
  code: number;
  out: string;
  err: string[];
}

/** Run `jixiao` in-process and capture what it prints and its exit status. */
export async function jixiao(...argv: string[]): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join('\n'), err };
}

/** A file's content hash: "the input is untouched" is a hash that did not change. */
export const sha = (f: string): string => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
