/** Real reports for the pane's tests: the engine's result on an example workbook. */
import * as path from 'path';
import { analyzeWorkbook, type Severity, type WorkbookResult } from '../../src/core';
import ExcelJS from 'exceljs';
import { workbookToGrid } from '../../src/cli/workbook';
import type { CheckReport, WriteReport } from '../../src/core';

export const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

// ExcelJS's own reader: the CLI's streaming zip reader needs Node streams, which the
// jsdom environment of the pane's tests does not offer. Parity of the two readers is
// tested in test/cli/producers.test.ts.
async function load(name: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(EXAMPLES, name));
  return workbook;
}

export async function exampleResult(name: string): Promise<WorkbookResult> {
  return analyzeWorkbook(workbookToGrid(await load(name)));
}

/**
 * A write of the whole plan as the host contract reports it (src/core/app/host.ts): `result`
 * as the write read the workbook, `after` as written (findings the write fixed are gone), the
 * cells written, and those left with no finding (corrected). Computed by writing the plan's
 * values into the workbook and running the engine again.
 */
export async function writtenReport(name: string, extra: Partial<WriteReport> = {}): Promise<WriteReport> {
  const workbook = await load(name);
  const before = analyzeWorkbook(workbookToGrid(workbook));
  for (const e of before.plan) workbook.getWorksheet(e.sheet)!.getCell(e.cell).value = e.value;
  const after = analyzeWorkbook(workbookToGrid(workbook));
  const left = new Set(after.tables.flatMap((t) => t.findings.filter((f) => f.cell).map((f) => `${t.sheet}!${f.cell!.split(':')[0]}`)));
  const cells = before.plan.map((e) => ({ sheet: e.sheet, cell: e.cell }));
  return writeReportOf(before, {
    written: before.plan.length,
    writtenCells: cells,
    after: { result: after, counts: checkReportOf(after).counts },
    corrected: cells.filter((c) => !left.has(`${c.sheet}!${c.cell}`)),
    undoAvailable: true,
    ...extra,
  });
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
