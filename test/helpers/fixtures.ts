import * as path from 'path';
import { analyzeWorkbook, type Profile, type TableResult, type WorkbookResult } from '../../src/core';
import { readGrid } from '../../src/cli/read';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

export async function analyzeFixture(name: string, profile?: Profile): Promise<WorkbookResult> {
  const { grid } = await readGrid(fixture(name));
  return analyzeWorkbook(grid, { profile });
}

export function table(r: WorkbookResult, sheet: string, index = 0): TableResult {
  const t = r.tables.filter((x) => x.sheet === sheet)[index];
  if (!t) throw new Error(`no table ${index} on ${sheet}: ${r.tables.map((x) => x.sheet).join(', ')}`);
  return t;
}

export function rules(t: TableResult): string[] {
  return t.findings.map((f) => `${f.rule}@${f.cell ?? '-'}`);
}
