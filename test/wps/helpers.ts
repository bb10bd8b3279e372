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

import { DEFAULT_SETTINGS, type AddinSettings } from '../../src/core';
import { createWpsHost } from '../../src/wps/host';
import { bookFromSnapshot as toBook, snapshotOfBook } from '../fake-wps';

/** Settings as `jixiao score` behaves: no fills, no notes. */
export const CLI_LIKE: AddinSettings = { ...DEFAULT_SETTINGS, highlight: false, notes: false };
/** Marks and notes on. */
export const MARKING: AddinSettings = { ...DEFAULT_SETTINGS, highlight: true, notes: true };

export interface WpsHarness {
  readonly fake: FakeWps;
  readonly host: ReturnType<typeof createWpsHost>;
  /** The workbook now, as a snapshot (the store sheet left out). */
  snapshot(): WorkbookSnapshot;
}

export function wpsHarness(snapshot: WorkbookSnapshot, options: FakeOptions = {}): WpsHarness {
  const fake = createFakeWps(toBook(snapshot), options);
  const host = createWpsHost({ app: appOf(fake), calls: () => fake.app.calls });
  return {
    fake,
    host,
    snapshot: () => {
      const s = snapshotOfBook(fake.book);
      return { ...s, sheets: s.sheets.filter((x) => x.name !== '绩效助手数据') };
    },
  };
}

export async function wpsHarnessFor(file: string, options: FakeOptions = {}): Promise<WpsHarness> {
  return wpsHarness(await snapshotFromFile(file), options);
}

/** Fills and notes, by sheet and cell (what marks leave). */
export function marksOf(s: WorkbookSnapshot): Record<string, { fills: Record<string, string>; notes: Record<string, string> }> {
  const out: Record<string, { fills: Record<string, string>; notes: Record<string, string> }> = {};
  for (const sheet of s.sheets) {
    const fills: Record<string, string> = {};
    for (const [a, c] of Object.entries(sheet.cells)) if (c.fill) fills[a] = c.fill.toUpperCase();
    out[sheet.name] = { fills, notes: { ...(sheet.notes ?? {}) } };
  }
  return out;
}
