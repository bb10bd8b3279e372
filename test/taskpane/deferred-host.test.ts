/** The pane renders before Office.onReady: its host calls wait, none is lost or made early. */
import { deferredHost } from '../../src/taskpane/host-singleton';
import type { HostEvent } from '../../src/core';
import { checkReportOf, exampleResult, writeReportOf } from './reports';
import { StubHost } from './stub-host';

describe('deferredHost', () => {
  it('forwards calls and subscriptions once the real host exists', async () => {
    const result = await exampleResult('seed002-shigu.xlsx');
    const real = new StubHost(checkReportOf(result), writeReportOf(result));
    let resolve!: (h: StubHost) => void;
    const host = deferredHost(new Promise((r) => (resolve = r)));
    const events: HostEvent[] = [];
    host.subscribe((e) => events.push(e));
    const gone: HostEvent[] = [];
    host.subscribe((e) => gone.push(e))(); // unsubscribed before the host exists
    const settings = host.loadSettings();
    const selected = host.select('劳模服务', 'H23');
    await Promise.resolve();
    expect(real.calls).toEqual([]);
    resolve(real);
    await expect(settings).resolves.toEqual(real.settings);
    await selected;
    expect(real.calls).toEqual([['loadSettings'], ['select', '劳模服务', 'H23']]);
    real.emit({ type: 'stale' });
    expect(events).toEqual([{ type: 'stale' }]);
    expect(gone).toEqual([]);
  });

  it('rejects every call with the host’s failure', async () => {
    const host = deferredHost(Promise.reject(new Error('office.js failed')));
    host.subscribe(() => undefined);
    await expect(host.canUndo()).rejects.toThrow('office.js failed');
  });
});
