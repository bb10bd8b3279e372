/** Shared test bed for the WPS host: the fixtures, the fake WPS over them, comparisons. */
import * as fs from 'fs';
import * as path from 'path';
import type { WorkbookSnapshot } from '../fake-excel/snapshot';
import { snapshotFromFile } from '../fake-excel/load';
import { bookFromSnapshot, createFakeWps, type FakeOptions, type FakeWps } from '../fake-wps';
import type { WpsApplication, WpsWorksheet } from '../../src/wps/types';

export const ROOT = path.join(__dirname, '..', '..');

/** Every fixture (top level of test/fixtures) and example: what parity is checked on. */
export function parityFiles(): string[] {
  return [
    ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(ROOT, 'test', 'fixtures', f)),
    ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(ROOT, 'examples', f)),
  ];
}

export function fakeOf(snapshot: WorkbookSnapshot, options: FakeOptions = {}): FakeWps {
  return createFakeWps(bookFromSnapshot(snapshot), options);
}

export async function fakeFor(file: string, options: FakeOptions = {}): Promise<FakeWps> {
  return fakeOf(await snapshotFromFile(file), options);
}

/** The fake's Application typed as the adapter sees WPS. */
export function appOf(fake: FakeWps): WpsApplication {
  return fake.Application as unknown as WpsApplication;
}

export function worksheetsOf(fake: FakeWps): WpsWorksheet[] {
  const ws = appOf(fake).ActiveWorkbook!.Worksheets;
  return Array.from({ length: ws.Count }, (_, i) => ws.Item(i + 1));
}

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
