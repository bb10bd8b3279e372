/**
 * The shared runtime (src/runtime): the host the ribbon and the pane wait for, and what a command
 * leaves for the pane.
 */
import { AddinError, type HostEvent } from '../../src/core';
import { checkReportOf, exampleResult, writeReportOf } from '../taskpane/reports';
import { StubHost } from '../taskpane/stub-host';

type Runtime = typeof import('../../src/runtime');

/** A fresh copy of the runtime module (its host and channels start empty). */
function freshRuntime(): Runtime {
  let rt!: Runtime;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    rt = require('../../src/runtime') as Runtime;
  });
  return rt;
}

let stub: () => StubHost;
beforeAll(async () => {
  const result = await exampleResult('seed002-shigu.xlsx');
  stub = () => new StubHost(checkReportOf(result), writeReportOf(result));
});

describe('the runtime’s host', () => {
  it('is usable before it is provided: calls and subscriptions wait, none is lost or made early', async () => {
    const rt = freshRuntime();
    const host = rt.getHost();
    const events: HostEvent[] = [];
    host.subscribe((e) => events.push(e));
    const gone: HostEvent[] = [];
    host.subscribe((e) => gone.push(e))(); // unsubscribed before the host exists
    const settings = host.loadSettings();
    const selected = host.select('劳模服务', 'H23');
    await Promise.resolve();
    const real = stub();
    expect(real.calls).toEqual([]);
    rt.provideHost(real);
    await expect(settings).resolves.toEqual(real.settings);
    await selected;
    expect(real.calls).toEqual([['loadSettings'], ['select', '劳模服务', 'H23']]);
    real.emit({ type: 'stale' });
    expect(events).toEqual([{ type: 'stale' }]);
    expect(gone).toEqual([]);
  });

  it('passes every argument through (更正此项’s `only` included)', async () => {
    const rt = freshRuntime();
    const real = stub();
    rt.provideHost(real);
    const only = { only: [{ sheet: '部门整体', cell: 'G4' }] };
    await (rt.getHost().score as unknown as (...a: unknown[]) => Promise<unknown>)(real.settings, only);
    expect(real.calls).toEqual([['score', real.settings, only]]);
  });

  it('rejects every call with the failure of a host that could not start', async () => {
    const rt = freshRuntime();
    rt.provideHost(Promise.reject(new AddinError('HostFailed', 'office.js 未能加载')));
    rt.getHost().subscribe(() => undefined);
    await expect(rt.getHost().canUndo()).rejects.toThrow('office.js 未能加载');
  });

  it('says the add-in did not start when no host arrives in time', async () => {
    jest.useFakeTimers();
    try {
      const rt = freshRuntime();
      const waiting = rt.whenHost();
      jest.advanceTimersByTime(rt.HOST_WAIT_MS);
      await expect(waiting).rejects.toMatchObject({ code: 'NotInitialized', message: expect.stringContaining('加载项未能启动') });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('outcomes and views', () => {
  it('keeps what was sent before the pane listened, once; afterwards delivers to listeners', () => {
    const rt = freshRuntime();
    const notice = { intent: 'success', title: '已写入 1 个单元格。', lines: [] } as const;
    rt.reportOutcome({ command: 'scoreWorkbook', notice });
    expect(rt.takeOutcome()).toEqual({ command: 'scoreWorkbook', notice });
    expect(rt.takeOutcome()).toBeNull();
    const seen: unknown[] = [];
    const off = rt.onOutcome((o) => seen.push(o));
    rt.reportOutcome({ command: 'clearMarks', error: new AddinError('AccessDenied', '工作表受保护') });
    off();
    expect(seen).toHaveLength(1);
    expect(rt.takeOutcome()).toBeNull();
    rt.requestView('cleanup');
    expect(rt.takeViewRequest()).toBe('cleanup');
  });

  it('tells whether a command is running, and when all are done', async () => {
    const rt = freshRuntime();
    let release!: () => void;
    const work = rt.trackCommand(() => new Promise<void>((r) => (release = r)));
    expect(rt.commandRunning()).toBe(true);
    let idle = false;
    void rt.commandsIdle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    release();
    await work;
    await Promise.resolve();
    expect(idle).toBe(true);
    expect(rt.commandRunning()).toBe(false);
  });

  it('names each command once, as the ribbon, the pane and the README do', () => {
    expect(freshRuntime().COMMAND_LABEL).toEqual({ checkWorkbook: '检查', scoreWorkbook: '计分并写回', clearMarks: '清除标记', cleanTemplate: '清理模板' });
  });
});
