/**
 * End to end in Debian's chromium: the built WPS add-in (npm run build:wps with the fake WPS
 * host loaded first on both pages) served on localhost. index.html is the page WPS loads at
 * start-up; the fake draws a stand-in WPS window around it: the 绩效自评 tab from ribbon.xml,
 * the sheet, and the task pane `CreateTaskPane` opens (an iframe sharing the Application).
 *
 * Scores seed 002 from the ribbon, clicks a finding, applies and undoes a clean-up of the dirty
 * example. Screenshots: docs/wps*.png with UPDATE_SCREENSHOTS=1 (else .tmp/).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Frame, Page } from 'playwright-core';
import { analyzeWorkbook, type CellEdit } from '../../src/core';
import { readWorkbook } from '../../src/cli/workbook';
import { snapshotFromFile } from '../fake-excel/load';
import { serveStatic, type StaticServer } from '../e2e/server';
import { ROOT, wpsHarness } from './helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const SEED = path.join(ROOT, 'examples', 'seed002-shigu.xlsx');
const DIRTY = path.join(ROOT, 'examples', 'seed002-shigu.dirty.xlsx');

function screenshotPath(name: string): string {
  const docs = path.join(ROOT, 'docs', name);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !fs.existsSync(docs)) return docs;
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  return path.join(ROOT, '.tmp', name);
}

if (!HAVE_CHROMIUM) {
  const bar = '!'.repeat(78);
  console.warn(`${bar}\n!! WPS 端到端测试已跳过：未找到 chromium（${CHROMIUM}）。\n${bar}`);
}
const maybe = HAVE_CHROMIUM ? describe : describe.skip;

type Fx = { fakeWps: { cell(s: string, a: string): { value: unknown; fill: string | null }; selection: { sheet: string; address: string }; snapshot(): string } };

maybe('the WPS add-in in headless chromium (build:wps, fake WPS host)', () => {
  let tmp: string;
  let server: StaticServer;
  let browser: Browser;
  let plan: readonly CellEdit[];
  let addin: string;
  const foreign: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-wps-e2e-'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { build } = require('../../scripts/build-wps.js') as { build(o: { out: string; fake: boolean; mode?: string }): Promise<{ addin: string }> };
    addin = (await build({ out: path.join(tmp, 'wps'), fake: true })).addin;
    const { grid } = await readWorkbook(SEED);
    plan = analyzeWorkbook(grid).plan;
    server = await serveStatic(addin, {
      '/fake/seed002-shigu.json': JSON.stringify(await snapshotFromFile(SEED)),
      '/fake/seed002-shigu.dirty.json': JSON.stringify(await snapshotFromFile(DIRTY)),
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 600000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function open(workbook: string, errors: string[]): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 }, locale: 'zh-CN' });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}index.html?workbook=${workbook}`);
    await page.locator('[data-control="openPane"]').waitFor({ timeout: 30000 });
    return page;
  }

  async function paneOf(page: Page): Promise<Frame> {
    await page.locator('#wps-pane iframe').waitFor({ timeout: 30000 });
    const frame = page.frames().find((f) => f.url().includes('taskpane.html'));
    if (!frame) throw new Error('no task pane');
    return frame;
  }

  it('ships the WPS layout: ribbon.xml with the five buttons, both pages, icons', () => {
    const xml = fs.readFileSync(path.join(addin, 'ribbon.xml'), 'utf8');
    expect([...xml.matchAll(/<button id="(\w+)"/g)].map((m) => m[1])).toEqual(['openPane', 'checkWorkbook', 'scoreWorkbook', 'clearMarks', 'cleanTemplate']);
    for (const f of ['index.html', 'taskpane.html', 'assets/icon-32.png']) expect(fs.existsSync(path.join(addin, f))).toBe(true);
    expect(fs.readFileSync(path.join(path.dirname(addin), 'jsplugins.xml'), 'utf8')).toContain('type="et"');
  });

  it('计分并写回 from the ribbon writes seed 002’s planned cells and shows them in the pane; a finding selects its cell', async () => {
    const errors: string[] = [];
    const page = await open('seed002-shigu', errors);
    await page.locator('[data-control="openPane"]').click();
    const pane = await paneOf(page);
    await pane.getByTestId('table-card').first().waitFor({ timeout: 60000 });
    await page.locator('[data-control="scoreWorkbook"]').click();
    await pane.getByTestId('notice').getByText(`已写入 ${plan.length} 个单元格`, { exact: false }).waitFor({ timeout: 60000 });
    const written = await page.evaluate((cells) => cells.map(([s, c]) => (window as unknown as Fx).fakeWps.cell(s, c).value), plan.map((e) => [e.sheet, e.cell]));
    expect(written).toEqual(plan.map((e) => e.value));
    expect(written).toContain(95.67);
    await page.locator('td[data-cell="H23"]').filter({ hasText: '95.67' }).waitFor({ timeout: 10000 }).catch(() => undefined);
    await page.screenshot({ path: screenshotPath('wps.png') });

    await pane.getByRole('button', { name: '检查', exact: true }).click();
    await pane.getByRole('group', { name: /^错误/ }).waitFor({ timeout: 60000 });
    await pane.getByRole('group', { name: /^错误/ }).getByRole('button').filter({ hasText: '基础数据表!B11' }).click();
    await page.waitForFunction(() => (window as unknown as Fx).fakeWps.selection.address === 'B11', undefined, { timeout: 30000 });
    expect(await page.evaluate(() => (window as unknown as Fx).fakeWps.selection)).toMatchObject({ sheet: '基础数据表', address: 'B11' });
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  }, 180000);

  it('清理模板 from the ribbon: apply, then undo gives the workbook back', async () => {
    const { host } = wpsHarness(await snapshotFromFile(DIRTY));
    const planned = (await host.previewCleanup()).plan;
    const errors: string[] = [];
    const page = await open('seed002-shigu.dirty', errors);
    const before = await page.evaluate(() => (window as unknown as Fx).fakeWps.snapshot());
    await page.locator('[data-control="cleanTemplate"]').click();
    const pane = await paneOf(page);
    await pane.getByTestId('cleanup-view').waitFor({ timeout: 60000 });
    await pane.getByTestId('cleanup-counts').getByText(`共 ${planned.changes.length} 处`, { exact: false }).waitFor({ timeout: 60000 });
    await pane.getByRole('button', { name: '应用' }).click();
    await pane.getByTestId('cleanup-notice').waitFor({ timeout: 60000 });
    expect(await pane.getByTestId('cleanup-notice').textContent()).toContain(`已清理 ${planned.changes.length} 处`);
    expect(await page.evaluate(() => (window as unknown as Fx).fakeWps.snapshot())).not.toBe(before);
    await page.screenshot({ path: screenshotPath('wps-cleanup.png') });
    await pane.getByTestId('cleanup-backups').getByRole('button', { name: '撤销清理' }).click();
    await pane.getByTestId('cleanup-notice').getByText('已撤销清理', { exact: false }).waitFor({ timeout: 60000 });
    expect(await page.evaluate(() => (window as unknown as Fx).fakeWps.snapshot())).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  }, 180000);
});
