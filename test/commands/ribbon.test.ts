/**
 * The ribbon: its entry registers every ExecuteFunction of the manifest at its top level (before
 * Office.onReady and without the pane), every command gives visible feedback (an outcome for the
 * pane, and the pane shown) also when the pane was closed and nothing is wrong, writes only with
 * the workbook's own settings, and completes its event on every path.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AddinError, type WorkbookResult } from '../../src/core';
import { COMMANDS } from '../../src/commands/commands';
import { onViewRequest, provideHost, takeOutcome, takeViewRequest, type CommandOutcome } from '../../src/runtime';
import { parseXml, walk } from '../manifest/xml';
import { checkReportOf, exampleResult, writeReportOf } from '../taskpane/reports';
import { cellEditError, StubHost } from '../taskpane/stub-host';

const ROOT = path.join(__dirname, '..', '..');
const manifest = parseXml(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
const functionNames = walk(manifest)
  .filter((e) => e.name === 'FunctionName')
  .map((e) => e.text.trim());

const showAsTaskpane = jest.fn(async () => undefined);
const onReady = jest.fn(() => new Promise<never>(() => undefined));
const associated = new Map<string, unknown>();
(globalThis as unknown as { Office: unknown }).Office = {
  actions: { associate: (name: string, fn: unknown) => associated.set(name, fn) },
  addin: { showAsTaskpane },
  onReady,
};

function event(): { completed: jest.Mock } {
  return { completed: jest.fn() };
}

let seed002: WorkbookResult;
let host: StubHost;
beforeAll(async () => {
  seed002 = await exampleResult('seed002-shigu.xlsx');
});
beforeEach(() => {
  host = new StubHost(checkReportOf(seed002), writeReportOf(seed002));
  provideHost(host);
  showAsTaskpane.mockClear();
  takeOutcome();
  takeViewRequest();
});

describe('the ribbon’s entry script', () => {
  it('registers every ExecuteFunction of the manifest at its top level, before Office.onReady', () => {
    expect(functionNames).toEqual(['checkWorkbook', 'scoreWorkbook', 'clearMarks', 'cleanTemplate']);
    associated.clear();
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../src/commands/index');
    });
    expect([...associated.keys()].sort()).toEqual([...functionNames].sort());
    expect(onReady).not.toHaveBeenCalled();
    for (const f of associated.values()) expect(typeof f).toBe('function');
  });

  it('stands on the shared runtime only: never the pane, the Excel adapter, React or Fluent UI', () => {
    const seen = importsOf(path.join(ROOT, 'src', 'commands', 'index.ts'));
    const files = [...seen.files].map((f) => path.relative(ROOT, f));
    expect(files).toEqual(expect.arrayContaining(['src/commands/commands.ts', 'src/runtime/index.ts']));
    expect(files.filter((f) => /^src\/(taskpane|excel|preview)\//.test(f))).toEqual([]);
    expect([...seen.packages].filter((p) => /^(react|react-dom|@fluentui\/)/.test(p))).toEqual([]);
  });

  it('takes a click made before the host has loaded and runs it once the host arrives (no lost first click)', async () => {
    let runtime!: typeof import('../../src/runtime');
    let commands!: typeof import('../../src/commands/commands');
    delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for('jixiao.runtime.v1')]; // a page with no host yet
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      runtime = require('../../src/runtime');
      commands = require('../../src/commands/commands');
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
    const e = event();
    const clicked = commands.COMMANDS.scoreWorkbook(e);
    await new Promise((r) => setTimeout(r, 10));
    expect(e.completed).not.toHaveBeenCalled();
    runtime.provideHost(host);
    await clicked;
    expect(host.calls).toEqual([['score']]);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(runtime.takeOutcome()?.notice?.title).toBe('已写入 8 个单元格。');
  });
});

describe('ribbon commands', () => {
  it('计分并写回 with warnings only still shows what it wrote (部门整体!G4) and opens the pane', async () => {
    const quiet = checkReportOf(seed002);
    host.writeReport = { ...writeReportOf(seed002), counts: { error: 0, warning: 2, info: 0 }, written: 1, undoAvailable: true, result: { ...quiet.result, plan: seed002.plan.filter((p) => p.sheet === '部门整体') } };
    const e = event();
    await COMMANDS.scoreWorkbook(e);
    expect(takeOutcome()).toEqual({ command: 'scoreWorkbook', notice: { intent: 'success', title: '已写入 1 个单元格。', lines: [] } });
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['checkWorkbook', ['check'], '检查完成：识别出 5 张表，错误 4 处、警告 13 处、提示 4 处。'],
    ['scoreWorkbook', ['score'], '已写入 8 个单元格。'],
    ['clearMarks', ['clearMarks', 'capabilities'], '已清除 3 处本加载项添加的标记（底色和备注）。'],
  ] as const)('%s gives visible feedback with the pane closed and nothing wrong: its outcome, and the pane shown', async (name, calls, title) => {
    const e = event();
    await COMMANDS[name](e);
    expect(host.calls.map((c) => c[0])).toEqual(calls);
    expect(takeOutcome()?.notice?.title).toBe(title);
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it('清理模板 opens the pane on the clean-up view and reads nothing itself', async () => {
    const e = event();
    await COMMANDS.cleanTemplate(e);
    expect(takeViewRequest()).toBe('cleanup'); // the pane was not listening yet: kept for it
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(host.calls).toEqual([]);
    const seen: string[] = [];
    const off = onViewRequest((v) => seen.push(v));
    await COMMANDS.cleanTemplate(event());
    off();
    expect(seen).toEqual(['cleanup']);
  });

  it('检查 and 计分并写回 pass no settings: the host reads the workbook’s stored ones (never the pane’s or the defaults)', async () => {
    host.settings = { ...host.settings, profile: 'hubei', year: 2023, highlight: false };
    await COMMANDS.checkWorkbook(event());
    await COMMANDS.scoreWorkbook(event());
    expect(host.calls).toEqual([['check'], ['score']]);
  });

  it('writes nothing when the host cannot read the workbook’s settings, and says why', async () => {
    host.failures = { score: new AddinError('GeneralException', '无法读取工作簿设置') };
    const e = event();
    await COMMANDS.scoreWorkbook(e);
    const o = takeOutcome() as CommandOutcome;
    expect(o.command).toBe('scoreWorkbook');
    expect(o.error?.message).toBe('无法读取工作簿设置');
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['checkWorkbook', 'check'],
    ['scoreWorkbook', 'score'],
    ['clearMarks', 'clearMarks'],
  ] as const)('%s completes its event when Excel throws, and tells the pane', async (name, method) => {
    host.failures = { [method]: cellEditError() };
    const e = event();
    await expect(COMMANDS[name](e)).resolves.toBeUndefined();
    expect(e.completed).toHaveBeenCalledTimes(1);
    const o = takeOutcome() as CommandOutcome;
    expect(o.command).toBe(name);
    expect(o.error?.code).toBe('InvalidOperationInCellEditMode');
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
  });

  it('completes its event when a non-AddinError is thrown and the pane cannot be shown; the outcome waits for the pane', async () => {
    showAsTaskpane.mockRejectedValueOnce(new Error('no shared runtime'));
    host.failures = { check: { code: 'GeneralException', message: 'boom' } };
    const e = event();
    await COMMANDS.checkWorkbook(e);
    expect(e.completed).toHaveBeenCalledTimes(1);
    const o = takeOutcome() as CommandOutcome;
    expect(o.error).toBeInstanceOf(AddinError);
    expect(o.error?.code).toBe('GeneralException');
  });

  it('completes its event and says the add-in did not start when no host ever arrives', async () => {
    jest.useFakeTimers();
    try {
      let runtime!: typeof import('../../src/runtime');
      let commands!: typeof import('../../src/commands/commands');
      delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for('jixiao.runtime.v1')]; // a page with no host
      jest.isolateModules(() => {
        /* eslint-disable @typescript-eslint/no-require-imports */
        runtime = require('../../src/runtime');
        commands = require('../../src/commands/commands');
        /* eslint-enable @typescript-eslint/no-require-imports */
      });
      const e = event();
      const clicked = commands.COMMANDS.clearMarks(e);
      await jest.advanceTimersByTimeAsync(runtime.HOST_WAIT_MS);
      await clicked;
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(runtime.takeOutcome()?.error?.code).toBe('NotInitialized');
    } finally {
      jest.useRealTimers();
    }
  });
});

/** Every file (and package) reachable by static import from `entry`, following relative paths. */
function importsOf(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const hit = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (hit) visit(hit);
    }
  };
  visit(entry);
  return { files, packages };
}
