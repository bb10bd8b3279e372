import { createExcelHost } from '../../src/excel/host';
import type { AddinHost, AddinSettings } from '../../src/core';
import { DEFAULT_SETTINGS } from '../../src/core';
import { createFakeHost, type FakeHost, type FakeOptions, type WorkbookSnapshot } from '../fake-excel';
import { snapshotFromFile } from '../fake-excel/load';

export interface Harness {
  readonly fake: FakeHost;
  readonly host: AddinHost;
}

/** The real adapter over a fake Excel holding `snapshot`: Microsoft's client, the fake strict (no leniency). */
export function harness(snapshot: WorkbookSnapshot, options: FakeOptions = {}): Harness {
  const fake = createFakeHost(snapshot, { tolerate: [], ...options });
  const host = createExcelHost({ excel: fake.Excel as unknown as typeof Excel, office: fake.Office as unknown as typeof Office });
  return { fake, host };
}

export async function harnessFor(file: string, options: FakeOptions = {}): Promise<Harness> {
  return harness(await snapshotFromFile(file), options);
}

/** Settings as `jixiao score` behaves: no fills, no notes. */
export const CLI_LIKE: AddinSettings = { ...DEFAULT_SETTINGS, highlight: false, notes: false };

/** Values and number formats only (what a scored workbook carries), by sheet and cell. */
export function valuesOf(s: WorkbookSnapshot): Record<string, Record<string, { v: unknown; nf: string }>> {
  const out: Record<string, Record<string, { v: unknown; nf: string }>> = {};
  for (const sheet of s.sheets) {
    const cells: Record<string, { v: unknown; nf: string }> = {};
    for (const [a, c] of Object.entries(sheet.cells)) {
      if (c.v === '' && c.f === undefined && (c.nf ?? 'General') === 'General') continue;
      cells[a] = { v: c.f ?? (typeof c.v === 'number' ? Number(c.v.toPrecision(15)) : c.v), nf: c.nf ?? 'General' };
    }
    out[sheet.name] = cells;
  }
  return out;
}
