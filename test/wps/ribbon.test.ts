/**
 * The ribbon's page in WPS (src/wps/ribbon.ts, ribbon.xml): the callbacks WPS calls by name run
 * the same command handlers as Excel's ribbon, show the task pane with CreateTaskPane (once, then
 * GetTaskPane), and leave the command's outcome for the pane's page.
 */
import * as fs from 'fs';
import * as path from 'path';
import { COMMAND_LABEL } from '../../src/runtime';
import { createRelay } from '../../src/wps/relay';
import type { WpsPluginStorage } from '../../src/wps/types';
import { ROOT, fakeFor } from './helpers';

const XML = fs.readFileSync(path.join(ROOT, 'src', 'wps', 'ribbon.xml'), 'utf8');

test('ribbon.xml: the Excel ribbon’s tab, group and buttons, with the runtime’s labels', () => {
  const manifest = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const label = (id: string): string => new RegExp(`<bt:String id="${id}" DefaultValue="([^"]+)"`).exec(manifest)![1];
  expect(XML).toContain(`<tab id="jixiaoTab" label="${label('Tab.Label')}">`);
  expect(XML).toContain(`label="${label('Group.Label')}"`);
  const buttons = [...XML.matchAll(/<button id="(\w+)" label="([^"]+)"[^>]*onAction="OnAction"[^>]*getImage="GetImage"/g)].map((m) => [m[1], m[2]]);
  expect(buttons).toEqual([['openPane', label('Open.Label')], ...Object.entries(COMMAND_LABEL)]);
  expect(XML).toContain('onLoad="OnAddinLoad"');
});

describe('the callbacks', () => {
  type G = Record<string, unknown>;
  const g = globalThis as G;
  afterEach(() => {
    for (const k of ['Application', 'wps', 'OnAddinLoad', 'OnAction', 'GetImage', 'OnGetEnabled', 'OnGetVisible', 'location']) delete g[k];
  });

  test('计分并写回 writes, shows the pane once, and leaves its outcome for the pane page', async () => {
    const fake = await fakeFor(path.join(ROOT, 'examples', 'seed002-shigu.xlsx'));
    g.Application = fake.Application;
    g.location = { href: 'file:///home/u/.local/share/Kingsoft/wps/jsaddons/jixiao_0.1.0/index.html' };
    jest.isolateModules(() => {
      require('../../src/wps/ribbon'); // eslint-disable-line @typescript-eslint/no-require-imports
    });
    const ribbonUI = { Invalidate() {} };
    expect((g.OnAddinLoad as (r: unknown) => boolean)(ribbonUI)).toBe(true);
    expect((fake.Application as unknown as G).ribbonUI).toBe(ribbonUI);
    expect((g.GetImage as (c: { Id: string }) => string)({ Id: 'scoreWorkbook' })).toBe('assets/icon-32.png');
    expect((g.OnAction as (c: { Id: string }) => boolean)({ Id: 'scoreWorkbook' })).toBe(true);
    await new Promise<void>((resolve) => {
      const wait = (): void => void (fake.app.panes.length ? resolve() : setTimeout(wait, 20));
      wait();
    });
    expect(fake.app.writes.length).toBeGreaterThan(0);
    expect(fake.app.panes).toHaveLength(1);
    expect(fake.app.panes[0].url).toBe('file:///home/u/.local/share/Kingsoft/wps/jsaddons/jixiao_0.1.0/taskpane.html');
    expect(fake.app.panes[0].Visible).toBe(true);
    const pane = createRelay(() => fake.Application.PluginStorage as unknown as WpsPluginStorage, 'pane');
    const outcome = pane.takeOutcome();
    expect(outcome?.command).toBe('scoreWorkbook');
    expect([outcome?.notice?.title, ...(outcome?.notice?.lines ?? [])].join('')).toMatch(/已写入 \d+ 个单元格/);
    // 打开助手 shows the same pane again instead of a second one.
    fake.app.panes[0].Visible = false;
    (g.OnAction as (c: { Id: string }) => boolean)({ Id: 'openPane' });
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.app.panes).toHaveLength(1);
    expect(fake.app.panes[0].Visible).toBe(true);
    // The ribbon's page does not watch edits: its SheetChange would fire for the pane's writes.
    expect(fake.app.listeners.get('SheetChange')?.size ?? 0).toBe(0);
  });

  test('清理模板 asks the pane for its clean-up view', async () => {
    const fake = await fakeFor(path.join(ROOT, 'examples', 'seed002-shigu.dirty.xlsx'));
    g.Application = fake.Application;
    g.location = { href: 'http://10.1.2.3/wps/jixiao_0.1.0/index.html' };
    jest.isolateModules(() => {
      require('../../src/wps/ribbon'); // eslint-disable-line @typescript-eslint/no-require-imports
    });
    (g.OnAction as (c: { Id: string }) => boolean)({ Id: 'cleanTemplate' });
    await new Promise<void>((resolve) => {
      const wait = (): void => void (fake.app.panes.length ? resolve() : setTimeout(wait, 20));
      wait();
    });
    const pane = createRelay(() => fake.Application.PluginStorage as unknown as WpsPluginStorage, 'pane');
    expect(pane.takeView()).toBe('cleanup');
    expect(fake.app.writes).toEqual([]);
  });
});
