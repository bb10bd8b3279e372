/**
 * Hand-written edge-case workbooks: one module per topic, each exporting a list of
 * `EdgeCase`s. `scripts/build-fixtures.ts` writes every case into `<outDir>/edge/<file>`,
 * so tests read real .xlsx files built by a script a reviewer can read.
 *
 * To add a topic: write `./<topic>.ts` exporting `export const CASES: EdgeCase[]`, and add
 * it to `TOPICS` below.
 */
import { CASES as RULES } from './rules';
import { CASES as PACKAGE } from './package';
import { CASES as LAYOUT } from './layout';
import { CASES as DIRTY } from './dirty';
import { CASES as READER } from './reader';
import { CASES as SAFETY } from './safety';
import { CASES as LAYOUTS } from './layouts';

export interface EdgeCase {
  /** File name inside `<outDir>/edge/`, e.g. `far-stray-cell.xlsx`. */
  readonly file: string;
  /** One line: what the workbook reproduces and which defect or rule it guards. */
  readonly description: string;
  /** The workbook's bytes; deterministic (no current dates). */
  build(): Promise<Buffer>;
}

const TOPICS: ReadonlyArray<readonly EdgeCase[]> = [RULES, PACKAGE, LAYOUT, DIRTY, READER, SAFETY, LAYOUTS];


export const EDGE_CASES: readonly EdgeCase[] = TOPICS.flat();
