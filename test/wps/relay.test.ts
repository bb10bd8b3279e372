/** Messages between the ribbon's page and the pane's page through PluginStorage (src/wps/relay.ts). */
import { AddinError, type HostEvent } from '../../src/core';
import { createRelay } from '../../src/wps/relay';
import type { WpsPluginStorage } from '../../src/wps/types';
import { FakeBook, FakeSheet, createFakeWps } from '../fake-wps';

function storage(): () => WpsPluginStorage {
  const book = new FakeBook('t.xlsx');
  book.sheets.push(new FakeSheet('表1'));
  const app = createFakeWps(book).Application;
  return () => app.PluginStorage as unknown as WpsPluginStorage;
}

const marks = (count: number): HostEvent => ({ type: 'marks-cleared', count });

test('events posted by one page reach the other page, not the sender; stale and progress stay local', () => {
  const s = storage();
  const ribbon = createRelay(s, 'ribbon');
  const pane = createRelay(s, 'pane');
  const seenByPane: HostEvent[] = [];
  const seenByRibbon: HostEvent[] = [];
  const off = pane.onEvent((e) => seenByPane.push(e));
  const off2 = ribbon.onEvent((e) => seenByRibbon.push(e));
  ribbon.postEvent(marks(3));
  ribbon.postEvent({ type: 'stale' });
  ribbon.postEvent({ type: 'progress', progress: { stage: 'read', done: 1, total: 2 } });
  pane.poll();
  ribbon.poll();
  expect(seenByPane).toEqual([marks(3)]);
  expect(seenByRibbon).toEqual([]);
  pane.poll();
  expect(seenByPane).toHaveLength(1); // delivered once
  off();
  off2();
});

test('a pane opened later does not replay earlier events; a long log keeps the newest', () => {
  const s = storage();
  const ribbon = createRelay(s, 'ribbon');
  ribbon.postEvent(marks(1));
  const pane = createRelay(s, 'pane');
  const seen: HostEvent[] = [];
  pane.onEvent((e) => seen.push(e))();
  const off = pane.onEvent((e) => seen.push(e));
  for (let i = 2; i <= 40; i++) ribbon.postEvent(marks(i));
  pane.poll();
  expect(seen.map((e) => (e as { count: number }).count)).toEqual(Array.from({ length: 16 }, (_, i) => 25 + i));
  off();
});

test('an outcome (with its AddinError) and a requested view are taken once', () => {
  const s = storage();
  const ribbon = createRelay(s, 'ribbon');
  const pane = createRelay(s, 'pane');
  ribbon.postOutcome({ command: 'scoreWorkbook', error: new AddinError('ReadOnly', '只读（错误代码：ReadOnly）') });
  ribbon.postView('cleanup');
  const o = pane.takeOutcome();
  expect(o?.error).toBeInstanceOf(AddinError);
  expect(o?.error?.code).toBe('ReadOnly');
  expect(o?.command).toBe('scoreWorkbook');
  expect(pane.takeOutcome()).toBeNull();
  expect(pane.takeView()).toBe('cleanup');
  expect(pane.takeView()).toBeNull();
  ribbon.postOutcome({ command: 'checkWorkbook', notice: { intent: 'info', title: '检查完成', lines: ['错误 1 处'] } });
  expect(pane.takeOutcome()).toEqual({ command: 'checkWorkbook', notice: { intent: 'info', title: '检查完成', lines: ['错误 1 处'] } });
});
