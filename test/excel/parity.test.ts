/**
 * Parity: the add-in path (adapter over the fake Excel) gives what `jixiao` gives, for every
 * workbook in test/fixtures (top level) and examples/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { jixiao } from '../helpers/cli';
import { snapshotFromFile } from '../fake-excel/load';
import { CLI_LIKE, harness, valuesOf } from './helpers';

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
