/**
 * One name per action (issue 11): the Excel ribbon (manifest.xml), the WPS ribbon (ribbon.xml,
 * checked in test/wps/ribbon.test.ts), the pane's buttons, the README and every sentence that
 * sends the user to an action name the same four commands as `COMMAND_LABEL`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { COMMAND_LABEL } from '../../src/runtime';

const ROOT = path.join(__dirname, '..', '..');
const read = (...p: string[]): string => fs.readFileSync(path.join(ROOT, ...p), 'utf8');
const LABELS = Object.values(COMMAND_LABEL);

test('manifest.xml: each ExecuteFunction button is labelled with its command’s name', () => {
  const manifest = read('manifest.xml');
  const strings = new Map([...manifest.matchAll(/<bt:String id="([^"]+)" DefaultValue="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const controls = [...manifest.matchAll(/<Control [\s\S]*?<\/Control>/g)].map((m) => m[0]);
  const named = controls
    .map((c) => [/<FunctionName>(\w+)<\/FunctionName>/.exec(c)?.[1], strings.get(/<Label resid="([^"]+)"/.exec(c)![1])])
    .filter(([fn]) => fn !== undefined);
  expect(Object.fromEntries(named)).toEqual(COMMAND_LABEL);
});

test('the README’s ribbon table and WPS section name the same buttons', () => {
  const readme = read('README.md');
  const table = [...readme.matchAll(/^\| \*\*(.+?)\*\* \|/gm)].map((m) => m[1]);
  expect(table).toEqual(['打开助手', ...LABELS]);
  const wps = readme.slice(readme.indexOf('## 在 WPS 中使用'));
  expect([...wps.slice(0, wps.indexOf('任务窗格与 Excel 中完全相同')).matchAll(/\*\*(.+?)\*\*/g)].map((m) => m[1])).toEqual(['打开助手', ...LABELS]);
});

test('the pane’s action buttons carry the same names', () => {
  const actions = read('src', 'taskpane', 'components', 'Actions.tsx');
  for (const l of LABELS) expect(actions).toContain(l);
});

test('no sentence sends the user to an action by another name (重新计分 is 计分并写回)', () => {
  const files = ['src/core/app/messages.ts', 'src/runtime/notices.ts', 'manifest.xml', 'src/wps/ribbon.xml', 'README.md'];
  for (const f of files) expect(`${f}: ${read(f).includes('重新计分') ? '重新计分' : 'ok'}`).toBe(`${f}: ok`);
});
