/**
 * Parity: the WPS host (the core's workflows over src/wps and the fake WPS) writes what `jixiao
 * score` writes and checks what `jixiao check` checks, on every fixture and example; with marks
 * and notes on, it leaves the same fills and notes as the Excel host; undo restores exactly.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { jixiao } from '../helpers/cli';
import { snapshotFromFile } from '../fake-excel/load';
import { harness as excelHarness } from '../excel/helpers';
import { CLI_LIKE, MARKING, ROOT, marksOf, parityFiles, valuesOf, wpsHarness } from './helpers';

const FILES = parityFiles();
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-wps-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(FILES.map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
  test('check: same tables, scores and findings as jixiao check --json; nothing written', async () => {
    const expected = JSON.parse((await jixiao('check', file, '--json')).out).files[0];
    const w = wpsHarness(await snapshotFromFile(file));
    const report = await w.host.check(CLI_LIKE);
    expect(JSON.parse(JSON.stringify(report.result.tables))).toEqual(expected.tables ?? []);
    expect(w.fake.app.writes).toEqual([]);
  });

  test('score: the written cells equal jixiao score; a second run writes nothing; undo restores', async () => {
    const out = path.join(tmp, `${path.basename(file, '.xlsx')}.scored.xlsx`);
    expect((await jixiao('score', file, '-o', out, '--force')).code).toBeLessThan(2);
    const scored = valuesOf(await snapshotFromFile(out));
    const original = await snapshotFromFile(file);
    const w = wpsHarness(original);
    const first = await w.host.score(CLI_LIKE);
    expect(valuesOf(w.snapshot())).toEqual(scored);
    w.fake.app.resetCounters();
    const second = await w.host.score(CLI_LIKE);
    expect(second.written).toBe(0);
    expect(w.fake.app.writes).toEqual([]);
    if (first.written > 0) {
      expect(await w.host.canUndo()).toBe(true);
      const undone = await w.host.undo();
      expect(undone.skipped).toEqual([]);
    }
    expect(valuesOf(w.snapshot())).toEqual(valuesOf(original));
  });

  test('marks and notes: the same fills and notes as the Excel host; undo restores the workbook exactly', async () => {
    const original = await snapshotFromFile(file);
    const excel = excelHarness(original);
    await excel.host.score(MARKING);
    const w = wpsHarness(original);
    const report = await w.host.score(MARKING);
    const marks = marksOf(w.snapshot());
    expect(marks).toEqual(marksOf(excel.fake.state.toSnapshot()));
    if (report.highlighted > 0) {
      expect(Object.values(marks).some((m) => Object.keys(m.fills).length > 0)).toBe(true);
      expect(Object.values(marks).some((m) => Object.keys(m.notes).some((a) => m.notes[a].startsWith('【绩效自评助手】')))).toBe(true);
    }
    expect(valuesOf(w.snapshot())).toEqual(valuesOf(excel.fake.state.toSnapshot()));
    if (report.written > 0 || report.highlighted > 0) await w.host.undo();
    expect(w.snapshot()).toEqual(JSON.parse(JSON.stringify(wpsHarness(original).snapshot())));
  });
});
