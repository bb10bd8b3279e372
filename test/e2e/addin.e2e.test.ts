/**
 * End to end in a real browser: the production build of the task pane, served on localhost,
 * driven in Debian's chromium with playwright-core. The office.js request is answered with the
 * browser build of the fake Excel host, loaded with examples/seed002-shigu.xlsx.
 *
 * Without /usr/bin/chromium (or CHROMIUM_PATH) the test is skipped with a loud message;
 * CI installs chromium.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { analyzeWorkbook, type CellEdit } from '../../src/core';
import { readWorkbook } from '../../src/cli/workbook';
import { snapshotFromFile } from '../fake-excel/load';
import { harness } from '../excel/helpers';
import { serveStatic, type StaticServer } from './server';

const ROOT = path.join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const SEED = path.join(ROOT, 'examples', 'seed002-shigu.xlsx');
/**
 * Screenshots go to docs/ (shown in the README) when UPDATE_SCREENSHOTS=1 or when missing;
 * otherwise to .tmp/, so an ordinary test run leaves the working tree clean.
 */
function screenshotPath(name: string): string {
  const docs = path.join(ROOT, 'docs', name);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !fs.existsSync(docs)) return docs;
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  return path.join(ROOT, '.tmp', name);
}
const DIRTY = path.join(ROOT, 'examples', 'seed002-shigu.dirty.xlsx');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OFFICE_JS_CDN } = require('../../webpack.config.js') as { OFFICE_JS_CDN: string };

if (!HAVE_CHROMIUM) {
  const bar = '!'.repeat(78);
  console.warn(`${bar}\n!! 端到端测试已跳过：未找到 chromium（${CHROMIUM}）。\n!! E2E SKIPPED: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.\n${bar}`);
}

/** Runs webpack (the repository's config) into `outDir`. */
async function build(env: Record<string, unknown>, outDir: string, mode = 'production'): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as typeof import('webpack');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (env: unknown, argv: unknown) => Promise<import('webpack').Configuration>;
  const config = await makeConfig({ ...env, outDir }, { mode });
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

const maybe = HAVE_CHROMIUM ? describe : describe.skip;

/** Chromium's launch flags for these tests (no sandbox in CI containers, nothing phoning home). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

maybe('the add-in in headless chromium (production build, fake Excel host)', () => {
  let tmp: string;
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;
  let plan: readonly CellEdit[];
  let prod: string;
  const pageErrors: string[] = [];
  const foreign: string[] = [];
  let firstRenderMs = NaN;

  /** A fresh page of the built pane on `workbook`, `width` px wide, its errors recorded. */
  async function openPane(workbook: string, width: number, errors: string[] = pageErrors): Promise<Page> {
    const p = await context.newPage();
    await p.setViewportSize({ width, height: 1000 });
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await p.goto(`${server.url}taskpane.html?workbook=${workbook}`);
    return p;
  }

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-e2e-'));
    prod = path.join(tmp, 'dist');
    const fake = path.join(tmp, 'fake');
    await build({}, prod);
    await build({ fakeOnly: true }, fake);
    const { grid } = await readWorkbook(SEED);
    plan = analyzeWorkbook(grid).plan;
    server = await serveStatic(prod, {
      '/fake/seed002-shigu.json': JSON.stringify(await snapshotFromFile(SEED)),
      '/fake/seed002-shigu.dirty.json': JSON.stringify(await snapshotFromFile(DIRTY)),
    });

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 360, height: 1000 },
      locale: 'zh-CN',
    });
    const fakeOffice = fs.readFileSync(path.join(fake, 'fake-office.js'));
    // Only our own files and office.js: anything else is recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS_CDN) return route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeOffice });
      if (url.startsWith(server.url)) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    await context.addInitScript(() => {
      window.addEventListener('unhandledrejection', (e) => console.error(`unhandledrejection: ${String(e.reason)}`));
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(`${server.url}taskpane.html?workbook=seed002-shigu`);
    await page.getByTestId('table-card').first().waitFor({ timeout: 30000 });
    firstRenderMs = await page.evaluate(() => performance.getEntriesByName('jixiao-first-render')[0]?.startTime ?? NaN);
    const resultsMs = await page.evaluate(() => performance.now());
    console.log(
      `任务窗格首次渲染（headless Chromium，自导航开始）：${firstRenderMs.toFixed(0)} ms；` +
        `读取并显示 seed002 的 5 张表：≤ ${resultsMs.toFixed(0)} ms；机器负载 ${os.loadavg()[0].toFixed(1)}（计时见 npm run bench）`,
    );
  }, 600000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('renders the pane from its own files and office.js only; the ribbon’s entry loads first', () => {
    expect(Number.isFinite(firstRenderMs)).toBe(true);
    expect(firstRenderMs).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    expect(server.requested).toEqual(expect.arrayContaining(['/taskpane.html', '/fake/seed002-shigu.json']));
    const html = fs.readFileSync(path.join(prod, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|([^\s>]+))/g)].map((m) => m[1] ?? m[2]);
    expect(scripts.map((src) => src.replace(/\.[0-9a-f]{8}\.js$/, '.js'))).toEqual([OFFICE_JS_CDN, 'commands.js', 'taskpane.js']);
  });

  it('计分并写回 shows seed 002’s figures and the fake workbook holds every planned cell', async () => {
    expect(plan.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: '计分并写回', exact: true }).click();
    await page.getByTestId('notice').getByText(`已写入 ${plan.length} 个单元格`, { exact: false }).waitFor({ timeout: 30000 });
    const card = page.locator('[data-table="劳模服务"]');
    expect(await card.getByTestId('total').textContent()).toBe('95.67 分');
    expect(await card.getByTestId('grade').textContent()).toBe('优');
    expect(await card.getByTestId('changed').textContent()).toBe('（表中原为 总分 90，已更正）');
    // The workbook as written: the three total mismatches are 已更正, not errors any more.
    expect(await page.getByTestId('severity-counts').textContent()).toMatch(/^错误 1警告 \d+提示 \d+已更正 \d+$/);
    expect(await page.getByRole('group', { name: /^已更正/ }).getByRole('button').filter({ hasText: '劳模服务!H23 总分不符' }).count()).toBe(1);
    const written = await page.evaluate(
      (cells) => cells.map(([sheet, cell]) => (window as unknown as { fakeExcel: { cell(s: string, a: string): { value: unknown } } }).fakeExcel.cell(sheet, cell).value),
      plan.map((e) => [e.sheet, e.cell]),
    );
    expect(written).toEqual(plan.map((e) => e.value));
    expect(written).toContain(95.67);
    const shot = await page.screenshot({ path: screenshotPath('screenshot.png'), fullPage: false });
    expect(shot.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('clicking a finding selects its cell in the workbook', async () => {
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await page.getByRole('group', { name: /^错误/ }).waitFor({ timeout: 30000 });
    const finding = page.getByRole('group', { name: /^错误/ }).getByRole('button').filter({ hasText: '基础数据表!B11' });
    await finding.click();
    await page.waitForFunction(() => (window as unknown as { fakeExcel: { selection: { address: string } } }).fakeExcel.selection.address === 'B11');
    const sel = await page.evaluate(() => (window as unknown as { fakeExcel: { selection: unknown } }).fakeExcel.selection);
    expect(sel).toMatchObject({ sheet: '基础数据表', address: 'B11' });
  });

  it('registers the ribbon commands in the shared runtime, with no page error', async () => {
    const names = await page.evaluate(() => (window as unknown as { fakeExcel: { associated(): string[] } }).fakeExcel.associated());
    expect(names.sort()).toEqual(['checkWorkbook', 'cleanTemplate', 'clearMarks', 'scoreWorkbook']);
    expect(pageErrors).toEqual([]);
  });

  it('the ribbon’s 计分并写回 shows what it wrote in the pane', async () => {
    const p = await openPane('seed002-shigu', 360);
    await p.getByTestId('table-card').first().waitFor({ timeout: 30000 });
    const completed = await p.evaluate(async () => {
      const office = (window as unknown as { Office: { associated: Map<string, (e: { completed(): void }) => Promise<void>> } }).Office;
      let done = 0;
      await office.associated.get('scoreWorkbook')!({ completed: () => void done++ });
      return done;
    });
    expect(completed).toBe(1);
    await p.getByTestId('notice').getByText(`已写入 ${plan.length} 个单元格`, { exact: false }).waitFor({ timeout: 30000 });
    await p.close();
  });

  it.each([320, 350, 500])('nothing overflows at %i px; screenshot', async (width) => {
    const errors: string[] = [];
    const p = await openPane('seed002-shigu', width, errors);
    await p.getByTestId('table-card').first().waitFor({ timeout: 30000 });
    await p.getByRole('button', { name: '计分并写回', exact: true }).click();
    await p.getByTestId('notice').waitFor({ timeout: 30000 });
    // The longest table title in the table filter, the longest finding, the settings' select.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await p.screenshot({ path: screenshotPath(`pane-${width}.png`), fullPage: false });
    await p.getByTestId('open-cleanup').click();
    await p.getByTestId('cleanup-view').waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('follows a dark Office theme (the fake host reports Office.ThemeId.Black); screenshot', async () => {
    const p = await openPane('seed002-shigu&theme=Black', 350);
    await p.getByTestId('table-card').first().waitFor({ timeout: 30000 });
    await p.waitForFunction(() => document.documentElement.style.colorScheme === 'dark', undefined, { timeout: 30000 });
    const bg = await p.evaluate(() => getComputedStyle(document.querySelector('main')!).backgroundColor);
    const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(3 * 80);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(350);
    await p.screenshot({ path: screenshotPath('pane-dark.png'), fullPage: false });
    await p.close();
  });

  it('清理模板 on the dirty example: untick one kind, apply, see the counts; undo gives the original back', async () => {
    // What the adapter plans for the same workbook, computed in Node over the Node fake.
    const { host } = harness(await snapshotFromFile(DIRTY));
    const planned = (await host.previewCleanup()).plan;
    const hints = planned.counts.hint;
    expect(hints).toBeGreaterThan(0);

    const errors: string[] = [];
    const dirty = await openPane('seed002-shigu.dirty', 360, errors);
    type Fx = { fakeExcel: { sheets(): unknown; sheetNames(): string[] } };
    await dirty.waitForFunction(() => (window as unknown as Fx).fakeExcel.sheetNames().length > 0);
    const before = await dirty.evaluate(() => JSON.stringify((window as unknown as Fx).fakeExcel.sheets()));
    // The ribbon button 清理模板 (ExecuteFunction cleanTemplate) in the shared runtime.
    const completed = await dirty.evaluate(async () => {
      const office = (window as unknown as { Office: { associated: Map<string, (e: { completed(): void }) => Promise<void>> } }).Office;
      let done = 0;
      await office.associated.get('cleanTemplate')!({ completed: () => void done++ });
      return done;
    });
    expect(completed).toBe(1);
    const view = dirty.getByTestId('cleanup-view');
    await view.waitFor({ timeout: 30000 });
    await dirty.getByTestId('cleanup-counts').getByText(`共 ${planned.changes.length} 处`, { exact: false }).waitFor({ timeout: 30000 });
    await dirty.getByRole('checkbox', { name: /^清除填写提示/ }).uncheck();
    await dirty.getByRole('button', { name: '应用' }).click();
    const notice = dirty.getByTestId('cleanup-notice');
    await notice.waitFor({ timeout: 30000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(`已清理 ${planned.changes.length - hints} 处`);
    expect(text).not.toContain('清除填写提示');
    expect(await dirty.evaluate(() => JSON.stringify((window as unknown as Fx).fakeExcel.sheets()))).not.toBe(before);
    await dirty.getByTestId('cleanup-backups').getByRole('button', { name: '撤销清理' }).click();
    await dirty.getByTestId('cleanup-notice').getByText('已撤销清理', { exact: false }).waitFor({ timeout: 30000 });
    expect(await dirty.evaluate(() => JSON.stringify((window as unknown as Fx).fakeExcel.sheets()))).toBe(before);
    expect(errors).toEqual([]);
    await dirty.close();
  });

  it('导出审核汇总 → 新工作表 adds 审核汇总 and 审核问题 through insertWorksheetsFromBase64; the pane stays within 320 px', async () => {
    const errors: string[] = [];
    const p = await openPane('seed002-shigu', 320, errors);
    type Fx = { fakeExcel: { sheetNames(): string[]; cell(s: string, a: string): { value: unknown } } };
    await p.waitForFunction(() => (window as unknown as Fx).fakeExcel.sheetNames().length > 0);
    const names = await p.evaluate(() => (window as unknown as Fx).fakeExcel.sheetNames());
    await p.getByRole('button', { name: '导出审核汇总' }).click();
    await p.getByRole('button', { name: '新工作表' }).click();
    const done = p.getByTestId('export-done');
    await done.waitFor({ timeout: 30000 });
    expect(await done.textContent()).toContain('已新建工作表 “审核汇总”、“审核问题”：5 张表（4 张有错误）');
    expect(await p.evaluate(() => (window as unknown as Fx).fakeExcel.sheetNames())).toEqual([...names, '审核汇总', '审核问题']);
    expect(await p.evaluate(() => (window as unknown as Fx).fakeExcel.cell('审核汇总', 'R1').value)).toBe('结论');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(errors).toEqual([]);
    await p.close();
  });
});

maybe('npm run preview: the pane beside a grid of the fake workbook', () => {
  let tmp: string;
  let server: StaticServer;
  let context: BrowserContext;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-preview-'));
    const out = path.join(tmp, 'preview');
    await build({ preview: true }, out, 'development');
    const names = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.xlsx')).map((f) => f.replace(/\.xlsx$/, ''));
    const extra: Record<string, string> = { '/fake/index.json': JSON.stringify(names) };
    for (const n of names) extra[`/fake/${n}.json`] = JSON.stringify(await snapshotFromFile(path.join(ROOT, 'examples', `${n}.xlsx`)));
    server = await serveStatic(out, extra);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 760 },
      locale: 'zh-CN',
    });
  }, 600000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('scores the selected example and shows the written cells and the selection in the grid', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}index.html?workbook=seed002-shigu`);
    // The example list is filled in after the page loads: wait for all six options.
    await page.locator('select').first().locator('option').nth(5).waitFor({ state: 'attached', timeout: 30000 });
    expect(await page.locator('select').first().locator('option').allTextContents()).toEqual([
      'seed000-shijiazhuang',
      'seed001-boye',
      'seed002-shigu.dirty', // the dirty example for 清理模板
      'seed002-shigu',
      'seed003-jinzhong',
      'seed004-liangzhou',
    ]);
    const pane = page.frameLocator('iframe[title="绩效自评助手任务窗格"]');
    await pane.getByTestId('table-card').first().waitFor({ timeout: 60000 });
    await pane.getByRole('button', { name: '计分并写回', exact: true }).click();
    await pane.getByText(/^已写入 8 个单元格/).waitFor({ timeout: 30000 });
    await pane.getByRole('group', { name: /^警告/ }).getByRole('button').filter({ hasText: '劳模服务!F12' }).click();
    await page.getByRole('tab', { name: '劳模服务', selected: true }).waitFor();
    const h23 = page.locator('td[data-cell="H23"]');
    await h23.and(page.locator('[data-written]')).waitFor();
    expect(await h23.textContent()).toBe('95.67');
    await page.locator('td[data-cell="F12"][data-selected]').waitFor();
    expect(await page.locator('td[data-written]').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: screenshotPath('screenshot-preview.png') });
    expect(errors).toEqual([]);
  });
});
