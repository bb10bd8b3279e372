/**
 * Writing a scored workbook: apply a scoring `Plan` to the input package (see
 * ./package/patch: only the written cells change, every other part is copied byte for
 * byte) and write the result with the file policy's one atomic write (./files). Failures
 * surface as `WorkbookWriteError` with a one-line Chinese message naming the file.
 */

import type { Plan } from '../core';
import { sourceBytes, writeAtomically, type WriteOptions } from './files';
import { patchPackage } from './package/patch';

export interface WriteOutcome {
  /** Package parts that differ from the input's (empty: the output is a byte copy). */
  readonly changedParts: readonly string[];
}

/**
 * Apply `plan` to the workbook `source` (its path or its bytes) and write the result to
 * `outPath` atomically.
 *
 * Every edit is checked before any is applied: a missing sheet, a protected sheet, a
 * formula cell or a non-top-left cell of a merge makes the whole write refuse (nothing is
 * written). Only the value and, when given, the number format of a cell change; its font,
 * border, fill and alignment survive, and so does everything else in the file. An existing
 * `outPath` is replaced unless `options.replace` is false (the CLI passes `--force`).
 */
export async function writeScored(source: string | Buffer, plan: Plan, outPath: string, options: WriteOptions = { replace: true }): Promise<WriteOutcome> {
  const input = await sourceBytes(source, outPath);
  const { bytes, changedParts } = await patchPackage(input, plan, outPath);
  await writeAtomically(bytes, outPath, options);
  return { changedParts };
}

