/**
 * What every hand-built edge-case workbook shares: fixed document properties (so the bytes
 * are reproducible) and the buffer ExcelJS writes.
 */
import { Workbook } from 'exceljs';

export const DATE = new Date(Date.UTC(2024, 0, 1));

/** A new workbook with the fixtures' fixed creator and dates. */
export function workbook(): Workbook {
  const wb = new Workbook();
  wb.creator = '绩效自评助手 fixtures';
  wb.lastModifiedBy = '绩效自评助手 fixtures';
  wb.created = DATE;
  wb.modified = DATE;
  return wb;
}

export async function bytes(wb: Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
