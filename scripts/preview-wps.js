#!/usr/bin/env node
/**
 * `npm run preview:wps` (or `npm run preview -- --host wps`): try the WPS add-in without WPS.
 * Snapshots every example workbook for the fake WPS host, builds the WPS add-in with the fake
 * (webpack.wps.config.js `--env fake`) into dist/preview-wps/, and serves it on
 * http://localhost:3002/index.html: a stand-in WPS window with the 绩效自评 tab, the sheet, and the
 * same task pane as in Excel. `?workbook=<name>` picks an example. Options: --port <n>; --build
 * (write dist/preview-wps/ and exit).
 */
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { spawnSync } = require('child_process');
const { build } = require('./build-wps');

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const port = Number(portAt >= 0 ? args[portAt + 1] : 3002);
const out = path.join(root, 'dist', 'preview-wps');

async function main() {
  const examples = path.join(root, 'examples');
  const files = fs.readdirSync(examples).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(examples, f));
  const { addin } = await build({ out, fake: true, mode: 'development' });
  const dataDir = path.join(addin, 'fake');
  console.log(`正在为 ${files.length} 个示例工作簿生成预览数据…`);
  const snap = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(root, 'scripts', 'fake-snapshot.ts'), ...files, '--out', dataDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (snap.status !== 0) process.exit(snap.status || 1);
  fs.writeFileSync(path.join(dataDir, 'index.json'), JSON.stringify(files.map((f) => path.basename(f, '.xlsx'))));
  if (args.includes('--build')) return;
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.xml': 'application/xml; charset=utf-8', '.map': 'application/json' };
  http
    .createServer((req, res) => {
      const p = decodeURIComponent(new URL(req.url || '/', 'http://x').pathname);
      const file = path.resolve(addin, `.${p === '/' ? '/index.html' : p}`);
      if (!file.startsWith(addin + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' }).end(fs.readFileSync(file));
    })
    .listen(port, '127.0.0.1', () => console.log(`WPS 预览地址：http://localhost:${port}/index.html?workbook=seed002-shigu  （按 Ctrl+C 结束）`));
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
