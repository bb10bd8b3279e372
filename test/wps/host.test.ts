/**
 * The WPS host end to end over the fake WPS: bad conditions (protected sheet, cell editing,
 * read-only workbook, a WPS too old), staleness, selection, settings kept in the document, and
 * 清理模板 with its exact undo.
 */
import * as path from 'path';
import { AddinError, type HostEvent } from '../../src/core';
import { describeChange } from '../../src/core/cleanup';
import { snapshotFromFile } from '../fake-excel/load';
import { CLI_LIKE, MARKING, ROOT, valuesOf, wpsHarness, wpsHarnessFor } from './helpers';

const SEED = path.join(ROOT, 'examples', 'seed002-shigu.xlsx');
const DIRTY = path.join(ROOT, 'examples', 'seed002-shigu.dirty.xlsx');

test('a protected sheet is named and nothing is written to it', async () => {
  const snap = await snapshotFromFile(SEED);
  const w = wpsHarness({ ...snap, sheets: snap.sheets.map((s) => (s.name === '劳模服务' ? { ...s, protected: true } : s)) });
  const report = await w.host.score(CLI_LIKE);
  expect(report.protectedSheets).toEqual(['劳模服务']);
  expect(w.fake.app.writes.filter((x) => x.sheet === '劳模服务')).toEqual([]);
  expect(report.written).toBeGreaterThan(0);
});

test('while a cell is being edited: a Chinese message, nothing written', async () => {
  const w = await wpsHarnessFor(SEED);
  w.fake.setCellEditMode(true);
  const e = await w.host.score(CLI_LIKE).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(AddinError);
  expect((e as AddinError).code).toBe('InvalidOperationInCellEditMode');
  expect((e as AddinError).message).toContain('单元格编辑状态');
  expect(w.fake.app.writes).toEqual([]);
  w.fake.setCellEditMode(false);
  expect((await w.host.score(CLI_LIKE)).written).toBeGreaterThan(0);
});

test('a workbook opened read-only: checked, never written', async () => {
  const w = await wpsHarnessFor(SEED);
  w.fake.book.readOnly = true;
  expect((await w.host.check(CLI_LIKE)).counts.error).toBeGreaterThan(0);
  const e = (await w.host.score(CLI_LIKE).catch((x: unknown) => x)) as AddinError;
  expect(e.code).toBe('ReadOnly');
  expect(e.message).toContain('只读');
  expect(w.fake.app.writes).toEqual([]);
});

test('a WPS too old for an interface: the message names the version', async () => {
  const w = await wpsHarnessFor(SEED, { version: '11.1.0.9208', build: 9208, missing: ['Workbook.Worksheets'] });
  const e = (await w.host.check(CLI_LIKE).catch((x: unknown) => x)) as AddinError;
  expect(e.code).toBe('ApiNotFound');
  expect(e.message).toContain('11.1.0.9208');
  expect(e.message).toContain('Workbook.Worksheets');
});

test('a member an older WPS lacks (here Range.MergeArea) is reported with the version, not as a crash', async () => {
  const w = await wpsHarnessFor(SEED, { version: '11.1.0.8000', build: 8000, missing: ['Range.MergeArea'] });
  const e = (await w.host.check(CLI_LIKE).catch((x: unknown) => x)) as AddinError;
  expect(e).toBeInstanceOf(AddinError);
  expect(e.code).toBe('ApiNotFound');
  expect(e.message).toContain('11.1.0.8000');
});

test('user edits make results stale; the add-in’s own writes do not', async () => {
  const w = await wpsHarnessFor(SEED);
  const events: HostEvent['type'][] = [];
  const off = w.host.subscribe((e) => events.push(e.type));
  await w.host.score(MARKING);
  await new Promise((r) => setTimeout(r, 5));
  expect(events).not.toContain('stale');
  w.fake.userEdit('劳模服务', 'C5', '改了');
  expect(events).toContain('stale');
  off();
});

test('selecting a finding activates its sheet and selects its cell; settings stay with the document', async () => {
  const w = await wpsHarnessFor(SEED);
  await w.host.select('劳模服务', 'H23');
  expect(w.fake.book.activeSheet?.name).toBe('劳模服务');
  expect(w.fake.book.selection).toEqual({ top: 23, left: 8, bottom: 23, right: 8 });
  await w.host.saveSettings({ profile: 'hubei', year: 2023, highlight: false, notes: true });
  expect(await w.host.loadSettings()).toEqual({ profile: 'hubei', year: 2023, highlight: false, notes: true });
  expect(w.fake.book.sheet('绩效助手数据')?.visible).toBe(2);
  expect(w.fake.book.activeSheet?.name).toBe('劳模服务');
});

test('清理模板 on the dirty example: backups very hidden, the same plan as the Excel host, undo gives the workbook back', async () => {
  const original = await snapshotFromFile(DIRTY);
  const w = wpsHarness(original);
  const preview = await w.host.previewCleanup();
  expect(preview.plan.changes.length).toBeGreaterThan(0);
  const report = await w.host.applyCleanup(preview.plan, {});
  expect(report.applied).toBe(preview.plan.changes.length);
  const backups = w.fake.book.sheets.filter((s) => s.name.startsWith('绩效助手清理备份_'));
  expect(backups.length).toBe(report.backedUp.length);
  for (const b of backups) expect(b.visible).toBe(2);
  expect((await w.host.cleanupState()).undoAvailable).toBe(true);
  expect(valuesOf(w.snapshot())).not.toEqual(valuesOf(original));
  await w.host.undoCleanup();
  expect(w.snapshot()).toEqual(JSON.parse(JSON.stringify(wpsHarness(original).snapshot())));
  expect(w.fake.book.sheets.some((s) => s.name.startsWith('绩效助手清理备份_'))).toBe(false);
});

test('the word for notes is the host\'s: WPS calls them 批注 (Excel 备注), in the clean-up preview, the write summary and the capabilities', async () => {
  const w = wpsHarness(await snapshotFromFile(DIRTY));
  expect((await w.host.capabilities()).notesWord).toBe('批注');
  const preview = await w.host.previewCleanup();
  expect(preview.notesWord).toBe('批注');
  const note = preview.plan.changes.find((c) => c.op === 'remove-note')!;
  expect(note.reason).toBe('清除上次运行添加的批注');
  expect(describeChange(note, preview.notesWord)).toEqual({ place: 'B2', before: '批注「【绩效自评助手】这里有问题（上次运行添加）」', after: '（删除批注）' });
  const seed = await wpsHarnessFor(SEED);
  const written = await seed.host.score(MARKING);
  expect(written.notesAdded).toBeGreaterThan(0);
  expect(written.summary).toContain(`添加或更新 ${written.notesAdded} 条批注`);
  expect(written.summary).not.toContain('备注');
});
