#!/usr/bin/env node
/**
 * `node bench/pane.js [distDir]`: the task pane's first render in headless chromium on the
 * production build (dist/ as `npm run build` leaves it), office.js load excluded: the office.js
 * URL is answered with a stand-in that only defines what the page touches before Office is
 * ready (`Office.actions.associate`, a pending `Office.onReady`), so the figure is our scripts'
 * download, parse and first React render. Median of 9 loads in a fresh page each (the first
 * load, with a cold cache, is reported apart). Then the scripts' sizes (scripts/bundle-size.js).
 * Goal: ≤ 300 ms median. Figures, not assertions. Needs Debian's chromium (CHROMIUM_PATH).
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');

const dist = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const RUNS = 9;
const GOAL_MS = 300;
const { OFFICE_JS_CDN } = require('../webpack.config.js');
/** The end-to-end test's launch flags (test/e2e/addin.e2e.test.ts). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What the page calls on office.js before `Office.onReady` resolves: nothing else runs. */
const OFFICE_STANDIN = 'window.Office = { actions: { associate: function () {} }, onReady: function () { return new Promise(function () {}); } };';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png' };

function serve(dir) {
  const server = http.createServer((req, res) => {
    const file = path.resolve(dir, `.${decodeURIComponent(new URL(req.url, 'http://x').pathname)}`);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!fs.existsSync(path.join(dist, 'taskpane.html'))) {
    console.log(`任务窗格首次渲染：未找到 ${path.join(dist, 'taskpane.html')}，请先运行 npm run build`);
    process.exitCode = 1;
    return;
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`任务窗格首次渲染：跳过（未找到 chromium：${CHROMIUM}）`);
  } else {
    const { chromium } = require('playwright-core');
    const server = await serve(dist);
    const url = `http://127.0.0.1:${server.address().port}/taskpane.html`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: 'zh-CN' });
      await context.route('**/*', (route) => {
        const u = route.request().url();
        if (u === OFFICE_JS_CDN) return route.fulfill({ status: 200, contentType: 'text/javascript', body: OFFICE_STANDIN });
        if (u.startsWith(url.slice(0, url.lastIndexOf('/') + 1))) return route.continue();
        return route.abort();
      });
      const times = [];
      for (let i = 0; i <= RUNS; i++) {
        const page = await context.newPage();
        await page.goto(url);
        const ms = await page.waitForFunction(() => performance.getEntriesByName('jixiao-first-render')[0]?.startTime, undefined, { timeout: 30000 });
        times.push(await ms.jsonValue());
        await page.close();
      }
      const [cold, ...warm] = times;
      console.log(
        `任务窗格首次渲染（headless Chromium，生产构建，不含 office.js 加载）：中位数 ${median(warm).toFixed(0)} ms（${RUNS} 次：${warm.map((t) => t.toFixed(0)).join(' / ')}；` +
          `首次冷启动 ${cold.toFixed(0)} ms；目标 ≤ ${GOAL_MS} ms：${median(warm) <= GOAL_MS ? '达标' : '未达标'}；机器负载 ${os.loadavg()[0].toFixed(1)}）`,
      );
    } finally {
      await browser.close();
      server.close();
    }
  }
  require('../scripts/bundle-size.js').report(dist);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
