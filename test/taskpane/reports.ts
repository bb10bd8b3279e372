/** Real reports for the pane's tests: the engine's result on an example workbook. */
import * as path from 'path';
import { analyzeWorkbook, type Severity, type WorkbookResult } from '../../src/core';
import ExcelJS from 'exceljs';
import { workbookToGrid } from '../../src/cli/workbook';
import type { CheckReport, WriteReport } from '../../src/core';

export const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

export async function exampleResult(name: string): Promise<WorkbookResult> {
  // ExcelJS's own reader: the CLI's streaming zip reader needs Node streams, which the
  // jsdom environment of the pane's tests does not offer. Parity of the two readers is
  // tested in test/cli/producers.test.ts.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(EXAMPLES, name));
  return analyzeWorkbook(workbookToGrid(workbook));
}

export function checkReportOf(result: WorkbookResult): CheckReport {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const t of result.tables) for (const f of t.findings) counts[f.severity]++;
  const names = [...new Set([...result.tables.map((t) => t.sheet), ...result.sheetsWithoutTables])];
  const sheets = names.map((name) => ({ name, tables: result.tables.filter((t) => t.sheet === name).length, protected: false }));
  return { result, sheets, counts, syncs: 2 };
}

export function writeReportOf(result: WorkbookResult, extra: Partial<WriteReport> = {}): WriteReport {
  return {
    ...checkReportOf(result),
    written: result.plan.length,
    changedSinceRead: [],
    protectedSheets: [],
    highlighted: 0,
    notesAdded: 0,
    notesUnavailable: null,
    undoAvailable: result.plan.length > 0,
    ...extra,
  };
}
