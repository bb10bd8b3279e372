#!/usr/bin/env node
/**
 * Prints the task pane's production JavaScript size, raw and gzipped (office.js excluded: it is
 * Microsoft's, loaded from the CDN or from dist/office-js). Target: ≤ 300 KB gzipped.
 * Reads dist/ as `npm run build` leaves it. Usage: node scripts/bundle-size.js [distDir]
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const LIMIT_KB = 300;
const dist = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist'));

/** The scripts taskpane.html loads, except office.js. */
function paneScripts() {
  const html = path.join(dist, 'taskpane.html');
  if (!fs.existsSync(html)) return null;
  // The minified page drops attribute quotes: src=x.js, src="x.js" or src='x.js'.
  const srcs = [...fs.readFileSync(html, 'utf8').matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map((m) => m[1] || m[2] || m[3]);
  return srcs.filter((s) => !/^https?:/.test(s) && !/office\.js$/.test(s)).map((s) => path.join(dist, s));
}

const files = paneScripts();
if (!files || !files.length) {
  console.log(`任务窗格打包体积：未找到 ${path.join(dist, 'taskpane.html')}，请先运行 npm run build`);
  process.exit(1);
}
let raw = 0;
let gz = 0;
for (const f of files) {
  const buf = fs.readFileSync(f);
  raw += buf.length;
  gz += zlib.gzipSync(buf, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
const ok = gz / 1024 <= LIMIT_KB;
console.log(
  `任务窗格 JavaScript（不含 office.js）：${files.map((f) => path.basename(f)).join(', ')}  ${kb(raw)} KB，gzip 后 ${kb(gz)} KB（目标 ≤ ${LIMIT_KB} KB：${ok ? '达标' : '超标'}）`,
);
