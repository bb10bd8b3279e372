/**
 * The ribbon: every ExecuteFunction in manifest.xml is registered in src/commands, and every
 * command completes its event, also when Excel throws.
 */
import * as fs from 'fs';
import * as path from 'path';
import { COMMANDS, registerCommands } from '../../src/commands/commands';
import { AddinError } from '../../src/core';
import { onCommandFailure, onViewRequest, setHostFactory, takeViewRequest, type CommandFailure } from '../../src/taskpane/host-singleton';
import { parseXml, walk } from '../manifest/xml';
import { checkReportOf, exampleResult, writeReportOf } from '../taskpane/reports';
import { cellEditError, StubHost } from '../taskpane/stub-host';

const manifest = parseXml(fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.xml'), 'utf8'));
const functionNames = walk(manifest)
  .filter((e) => e.name === 'FunctionName')
  .map((e) => e.text.trim());

const associated = new Map<string, unknown>();
const showAsTaskpane = jest.fn(async () => undefined);
(globalThis as unknown as { Office: unknown }).Office = {
  actions: { associate: (name: string, fn: unknown) => associated.set(name, fn) },
  addin: { showAsTaskpane },
};

function event(): { completed: jest.Mock } {
  return { completed: jest.fn() };
}

let host: StubHost;
beforeAll(async () => {
  const result = await exampleResult('seed002-shigu.xlsx');
  host = new StubHost(checkReportOf(result), writeReportOf(result));
});
beforeEach(() => {
  host.calls = [];
  host.failures = {};
  showAsTaskpane.mockClear();
  setHostFactory(() => host);
});

describe('ribbon commands', () => {
  it('registers every ExecuteFunction of the manifest with Office.actions.associate, and nothing else', () => {
    expect(functionNames).toEqual(['checkWorkbook', 'scoreWorkbook', 'clearMarks', 'cleanTemplate']);
    registerCommands();
    expect([...associated.keys()].sort()).toEqual([...functionNames].sort());
    for (const name of functionNames) expect(associated.get(name)).toBe(COMMANDS[name]);
  });

  it('清理模板 opens the pane on the clean-up view and completes, also when the pane cannot open', async () => {
    const e = event();
    await COMMANDS.cleanTemplate(e);
    expect(takeViewRequest()).toBe('cleanup'); // pane not listening yet: kept for it
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(host.calls).toEqual([]); // nothing read or written by the command itself
    const seen: string[] = [];
    const off = onViewRequest((v) => seen.push(v));
    showAsTaskpane.mockRejectedValueOnce(new Error('no pane'));
    const e2 = event();
    await COMMANDS.cleanTemplate(e2);
    off();
    expect(seen).toEqual(['cleanup']);
    expect(e2.completed).toHaveBeenCalledTimes(1);
  });

  it('检查 reads only, and opens the pane because seed 002 has error-level findings', async () => {
    expect(host.checkReport.counts.error).toBeGreaterThan(0);
    const e = event();
    await COMMANDS.checkWorkbook(e);
    expect(host.calls.map((c) => c[0])).toEqual(['loadSettings', 'check']);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
  });

  it('检查 leaves the pane closed when there are no errors', async () => {
    const clean = { ...host.checkReport, counts: { error: 0, warning: 2, info: 1 } };
    const quiet = new StubHost(clean, host.writeReport);
    setHostFactory(() => quiet);
    const e = event();
    await COMMANDS.checkWorkbook(e);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(showAsTaskpane).not.toHaveBeenCalled();
  });

  it('重新计分 scores and writes with the workbook’s own settings', async () => {
    host.settings = { ...host.settings, profile: 'hubei', year: 2023 };
    const e = event();
    await COMMANDS.scoreWorkbook(e);
    expect(host.calls).toEqual([['loadSettings'], ['score', host.settings]]);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it('清除标记 clears the marks', async () => {
    const e = event();
    await COMMANDS.clearMarks(e);
    expect(host.calls.map((c) => c[0])).toEqual(['clearMarks']);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['checkWorkbook', 'check'],
    ['scoreWorkbook', 'score'],
    ['clearMarks', 'clearMarks'],
  ] as const)('%s completes its event when Excel throws, and tells the pane', async (name, method) => {
    const failures: CommandFailure[] = [];
    const off = onCommandFailure((f) => failures.push(f));
    host.failures = { [method]: cellEditError() };
    const e = event();
    await expect(COMMANDS[name](e)).resolves.toBeUndefined();
    off();
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(failures).toHaveLength(1);
    expect(failures[0].command).toBe(name);
    expect(failures[0].error.code).toBe('InvalidOperationInCellEditMode');
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
  });

  it('completes its event even when a non-AddinError is thrown and the pane cannot open', async () => {
    showAsTaskpane.mockRejectedValueOnce(new Error('no shared runtime'));
    host.failures = { loadSettings: { code: 'GeneralException', message: 'boom' } };
    const failures: CommandFailure[] = [];
    const off = onCommandFailure((f) => failures.push(f));
    const e = event();
    await COMMANDS.scoreWorkbook(e);
    off();
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(failures[0].error).toBeInstanceOf(AddinError);
    expect(failures[0].error.code).toBe('GeneralException');
  });

  it('completes its event when there is no host yet', async () => {
    setHostFactory(null);
    const e = event();
    await COMMANDS.clearMarks(e);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });
});
