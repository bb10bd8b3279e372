/**
 * Parity: the add-in path (adapter over the fake Excel) gives what `jixiao` gives, for every
 * workbook in test/fixtures (top level) and examples/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { DEFAULT_SETTINGS } from '../../src/core';
import { jixiao } from '../helpers/cli';
import { FakeOfficeError, type WorkbookSnapshot } from '../fake-excel';
import { snapshotFromFile } from '../fake-excel/load';
import { CLI_LIKE, harness, valuesOf } from './helpers';

/** Everything a write or an undo may touch: values, formulas, formats, fills, notes (not our records). */
const cellsOf = (s: WorkbookSnapshot): unknown => s.sheets.map((x) => ({ name: x.name, cells: valuesOf({ sheets: [x] })[x.name], fills: Object.entries(x.cells).filter(([, c]) => c.fill).map(([a, c]) => `${a}${c.fill}`), notes: x.notes ?? {} }));
const MARKING = { ...DEFAULT_SETTINGS, highlight: true, notes: true };

const ROOT = path.join(__dirname, '..', '..');
const FILES = [
  ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(ROOT, 'test', 'fixtures', f)),
  ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(ROOT, 'examples', f)),
];

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-addin-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('there are workbooks to compare', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(10);
});

describe.each(FILES.map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
  test('check: same tables, scores and findings as jixiao check --json', async () => {
    const cli = await jixiao('check', file, '--json');
    const expected = JSON.parse(cli.out).files[0];
    const { host, fake } = harness(await snapshotFromFile(file));
    const report = await host.check(CLI_LIKE);
    expect(JSON.parse(JSON.stringify(report.result.tables))).toEqual(expected.tables);
    expect(report.syncs).toBe(2);
    expect(fake.state.writes).toBe(0);
  });

  test('score: the written cells equal jixiao score output; a second run writes nothing; undo restores the grid', async () => {
    const out = path.join(tmp, `${path.basename(file, '.xlsx')}.scored.xlsx`);
    const cli = await jixiao('score', file, '-o', out, '--force'); // fixtures and examples share names
    expect(cli.code).toBeLessThan(2);
    const scored = valuesOf(await snapshotFromFile(out));
    const original = await snapshotFromFile(file);
    const { host, fake } = harness(original);

    const first = await host.score(CLI_LIKE);
    expect(first.syncs).toBeLessThanOrEqual(3);
    expect(valuesOf(fake.state.toSnapshot())).toEqual(scored);
    expect(first.writtenCells).toHaveLength(first.written);
    expect(first.after?.result.plan).toEqual([]); // the workbook as written: nothing left to write

    fake.state.resetCounters();
    const second = await host.score(CLI_LIKE);
    expect(second.written).toBe(0);
    expect(fake.state.writes).toBe(0);
    expect(second.syncs).toBe(2);

    if (first.written > 0) {
      expect(await host.canUndo()).toBe(true);
      const undone = await host.undo();
      expect(undone.skipped).toEqual([]);
      expect(undone.restored).toBe(first.written);
    }
    expect(valuesOf(fake.state.toSnapshot())).toEqual(valuesOf(original));
  });
});

describe.each(FILES.map((f) => [path.relative(ROOT, f), f]))('%s: a failure at any step, then undo', (_name, file) => {
  test('a write refused at each of its syncs, or failing half way through its batch, is undone to the workbook as it was; so is an undo interrupted at each of its syncs', async () => {
    const original = await snapshotFromFile(file);
    const full = harness(original);
    const done = await full.host.score(MARKING);
    const syncs = done.syncs;
    // A write refused at sync k (reads, the write batch, the notes, the records).
    for (let k = 1; k <= syncs; k++) {
      const { host, fake } = harness(original);
      fake.state.beforeSync = (n) => {
        if (n === k) fake.state.failNextSync = new FakeOfficeError('GeneralException', `injected at sync ${k}`);
      };
      // Refused, or recovered (a read refused is read again in blocks): either way undo gives the workbook back.
      await host.score(MARKING).catch((e: unknown) => expect(e).toMatchObject({ code: 'GeneralException' }));
      fake.state.beforeSync = null;
      if (await host.canUndo()) await host.undo();
      expect(cellsOf(fake.state.toSnapshot())).toEqual(cellsOf(original));
    }
    // Half way: the write batch stops at the last sheet it writes (protected meanwhile).
    const sheets = [...new Set(done.writtenCells!.map((c) => c.sheet))];
    if (sheets.length > 1) {
      const { host, fake } = harness(original);
      fake.state.beforeSync = (n) => {
        if (n === 3) fake.state.sheet(sheets[sheets.length - 1])!.protected = true;
      };
      await expect(host.score(MARKING)).rejects.toMatchObject({ code: 'AccessDenied' });
      fake.state.beforeSync = null;
      const u = await host.undo();
      expect(u.skipped).toEqual([]);
      fake.state.sheet(sheets[sheets.length - 1])!.protected = false;
      expect(cellsOf(fake.state.toSnapshot())).toEqual(cellsOf(original));
    }
    // An undo refused at each of its syncs, then tried again.
    if (done.undoAvailable) {
      for (let k = 1; ; k++) {
        const { host, fake } = harness(original);
        await host.score(MARKING);
        const start = fake.state.syncCount;
        let injected = false;
        fake.state.beforeSync = (n) => {
          if (n === start + k) {
            injected = true;
            fake.state.failNextSync = new FakeOfficeError('GeneralException', `injected at undo sync ${k}`);
          }
        };
        await host.undo().catch(() => undefined);
        fake.state.beforeSync = null;
        if (await host.canUndo()) await host.undo();
        expect(cellsOf(fake.state.toSnapshot())).toEqual(cellsOf(original));
        if (!injected) break;
      }
    }
  });
});

test('3. more than 512 merged areas on a sheet: the add-in writes what jixiao writes', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(ROOT, 'examples', 'seed002-shigu.xlsx'));
  const ws = wb.addWorksheet('附表');
  for (let r = 1; r <= 540; r++) {
    ws.getCell(`A${r}`).value = `说明 ${r}`;
    ws.mergeCells(`A${r}:B${r}`);
  }
  const file = path.join(tmp, 'merges-540.xlsx');
  await wb.xlsx.writeFile(file);
  const out = path.join(tmp, 'merges-540.scored.xlsx');
  await jixiao('score', file, '-o', out, '--force');
  const original = await snapshotFromFile(file);
  expect(original.sheets.find((s) => s.name === '附表')!.merges).toHaveLength(540);
  const { host, fake } = harness(original);
  const r = await host.score(CLI_LIKE);
  expect(r.written).toBe(8);
  expect(valuesOf(fake.state.toSnapshot())).toEqual(valuesOf(await snapshotFromFile(out)));
  expect(fake.state.largestPayload()).toBeLessThanOrEqual(5 * 1024 * 1024);
});
