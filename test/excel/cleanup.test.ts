/**
 * 清理模板 in the add-in over the fake Excel (issue 8): preview → apply gives the same
 * workbook as `jixiao clean`; undo restores the original exactly; apply takes a constant
 * number of syncs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { WorkbookGrid } from '../../src/core';
import { readGrid } from '../../src/cli/read';
import { BACKUP_PREFIX, type HostEvent } from '../../src/core';
import { createExcelHost } from '../../src/excel/host';
import { readWorkbook } from '../../src/excel/read';
import { FakeWorkbook, type FakeHost, type WorkbookSnapshot } from '../fake-excel';
import { snapshotFromFile } from '../fake-excel/load';
import { jixiao } from '../helpers/cli';
import { harness } from './helpers';

const EDGE = path.join(__dirname, '..', 'fixtures', 'edge');
const DIRTY = fs.readdirSync(EDGE).filter((f) => f.endsWith('.dirty.xlsx')).sort();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'addin-clean-'));

/** Values, formulas, number formats, merges, sheet names and order: what both sides must agree on. */
function comparable(grid: WorkbookGrid): unknown {
  return grid.sheets.map((s) => {
    const cells: Record<string, unknown> = {};
    s.cells.forEach((row, r) =>
      row?.forEach((c, col) => {
        if (!c) return;
        const v = c.value.t === 'number' ? { t: 'number', v: Number(c.value.v.toPrecision(15)) } : c.value;
        if (v.t === 'empty' && !c.formula) return;
        cells[`${r},${col}`] = { v, ...(c.formula ? { f: c.formula } : {}), nf: c.numFmt ?? 'General' };
      }),
    );
    return { name: s.name, cells, merges: s.merges.map((m) => `${m.top},${m.left}:${m.bottom},${m.right}`).sort() };
  });
}

async function fakeGrid(fake: FakeHost): Promise<WorkbookGrid> {
  return fake.Excel.run(async (context) => (await readWorkbook(context as unknown as Excel.RequestContext, { keys: [] })).grid);
}

/** The whole fake state that undo must restore (settings aside). */
function state(s: WorkbookSnapshot): unknown {
  return new FakeWorkbook(s).toSnapshot().sheets;
}

describe.each(DIRTY)('%s', (file) => {
  const input = path.join(EDGE, file);

  test('preview → apply equals jixiao clean; undo restores the original exactly; constant syncs', async () => {
    const out = path.join(tmp, file.replace(/\.xlsx$/, '.clean.xlsx'));
    const cli = await jixiao('clean', input, '-o', out);
    expect(cli.code).toBeLessThan(2);
    const expected = comparable((await readGrid(out)).grid);

    const original = await snapshotFromFile(input);
    const { fake, host } = harness(original);
    const events: HostEvent['type'][] = [];
    host.subscribe((e) => events.push(e.type));
    const preview = await host.previewCleanup();
    expect(preview.plan.changes.length).toBeGreaterThan(0);
    expect(preview.plan.counts.mark).toBeGreaterThan(0);

    const report = await host.applyCleanup(preview.plan, {});
    expect(report.applied).toBe(preview.plan.changes.length);
    expect(report.syncs).toBe(3);
    expect(events).toContain('cleaned');
    expect(comparable(await fakeGrid(fake))).toEqual(expected);
    // Backups exist, very hidden, and are announced.
    const st = await host.cleanupState();
    expect(st.undoAvailable).toBe(true);
    expect(st.backups.length).toBe(report.backedUp.length);
    expect(fake.state.sheets.filter((s) => s.name.startsWith(BACKUP_PREFIX)).every((s) => s.visibility === 'VeryHidden')).toBe(true);
    // Our marks are gone, the person's own fill and note stay.
    const first = original.sheets[0].name;
    if (fake.state.sheet(first)) {
      expect(fake.state.cell(first, 'A2').fill).toBe('#92D050');
      expect(fake.state.cell(first, 'A2').note).toBe('财务科：请核对');
      expect(fake.state.cell(first, 'B2').note).toBeNull();
    }
    // A second preview finds nothing to do.
    expect((await host.previewCleanup()).plan.changes).toEqual([]);

    const undone = await host.undoCleanup();
    expect(undone.syncs).toBe(3); // the record, the cells it names, the undo
    expect(state(fake.state.toSnapshot())).toEqual(state(original));
    expect(await host.cleanupState()).toEqual({ undoAvailable: false, backups: [], at: null });
  });
});

test('keep: 保留清理结果 removes the backups and the record', async () => {
  const { fake, host } = harness(await snapshotFromFile(path.join(EDGE, DIRTY[0])));
  await host.applyCleanup((await host.previewCleanup()).plan, {});
  expect(fake.state.sheets.some((s) => s.name.startsWith(BACKUP_PREFIX))).toBe(true);
  const removed = await host.keepCleanup();
  expect(removed).toBeGreaterThan(0);
  expect(fake.state.sheets.some((s) => s.name.startsWith(BACKUP_PREFIX))).toBe(false);
  expect(fake.state.settings.has('jixiao.cleanup')).toBe(false);
  await expect(host.undoCleanup()).rejects.toMatchObject({ code: 'NothingToUndo' });
});

test('unticked kinds stay: hints kept, the rest applied; protected sheets are refused before any change', async () => {
  const { fake, host } = harness(await snapshotFromFile(path.join(EDGE, 'seed002-shigu.dirty.xlsx')));
  const preview = await host.previewCleanup();
  const hint = preview.plan.changes.find((c) => c.kind === 'hint' && c.op === 'set')!;
  const r = await host.applyCleanup(preview.plan, { hint: false });
  expect(r.counts.hint).toBe(0);
  expect(r.applied).toBe(preview.plan.changes.length - preview.plan.counts.hint);
  const again = await host.previewCleanup();
  expect(again.plan.counts.hint).toBeGreaterThan(0);
  void hint;
  await host.undoCleanup();

  fake.state.sheets[0].protected = true;
  await expect(host.applyCleanup(preview.plan, {})).rejects.toMatchObject({ code: 'AccessDenied' });
  expect(fake.state.sheets.some((s) => s.name.startsWith(BACKUP_PREFIX))).toBe(false);
});

test('apply takes the same number of syncs for a small and a large plan', async () => {
  const small = harness(await snapshotFromFile(path.join(EDGE, 'seed002-shigu.dirty.xlsx')));
  const big = harness(await snapshotFromFile(path.join(EDGE, 'seed000-shijiazhuang.dirty.xlsx')));
  const a = await small.host.applyCleanup((await small.host.previewCleanup()).plan, {});
  const pb = (await big.host.previewCleanup()).plan;
  const b = await big.host.applyCleanup(pb, {});
  console.log(`清理模板 apply: ${a.applied} changes in ${a.syncs} syncs; ${b.applied} changes in ${b.syncs} syncs`);
  expect(a.applied).not.toBe(b.applied);
  expect(a.syncs).toBe(b.syncs);
});

test('past the request budget the apply batch is split, in order, with the same result', async () => {
  const snap = await snapshotFromFile(path.join(EDGE, 'seed002-shigu.dirty.xlsx'));
  const whole = harness(snap);
  const plan = (await whole.host.previewCleanup()).plan;
  await whole.host.applyCleanup(plan, {});
  const split = harness(snap);
  const small = createExcelHost({ excel: split.fake.Excel as unknown as typeof Excel, office: split.fake.Office as unknown as typeof Office, writeBudget: 4096 });
  const r = await small.applyCleanup(plan, {});
  console.log(`清理模板 apply with a 4 KB budget: ${r.syncs} syncs (3 under 5 MB)`);
  expect(r.syncs).toBeGreaterThan(3);
  const visible = (f: FakeHost) => f.state.toSnapshot().sheets.filter((x) => !x.name.startsWith(BACKUP_PREFIX));
  expect(visible(split.fake)).toEqual(visible(whole.fake));
});
