#!/usr/bin/env node
/**
 * Prints the add-in's production JavaScript sizes, raw and gzipped, per script of the runtime page
 * in load order (office.js excluded: it is Microsoft's, loaded from the CDN or dist/office-js):
 * the ribbon's entry (goal ≤ 30 KB gzipped, so commands are registered before the rest loads),
 * the host (engine + Office.js adapter) and the pane, and the total (goal ≤ 300 KB gzipped).
 * Reads dist/ as `npm run build` leaves it. Usage: node scripts/bundle-size.js [distDir]
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const TOTAL_LIMIT_KB = 300;
const RIBBON_LIMIT_KB = 30;

/** The scripts taskpane.html loads, in order, except office.js. */
function pageScripts(dist) {
  const html = path.join(dist, 'taskpane.html');
  if (!fs.existsSync(html)) return null;
  // The minified page drops attribute quotes: src=x.js, src="x.js" or src='x.js'.
  const srcs = [...fs.readFileSync(html, 'utf8').matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map((m) => m[1] || m[2] || m[3]);
  return srcs.filter((s) => !/^https?:/.test(s) && !/office\.js$/.test(s)).map((s) => path.join(dist, s));
}

/** { file, raw, gz } of each script. */
function sizes(files) {
  return files.map((f) => {
    const buf = fs.readFileSync(f);
    return { file: path.basename(f), raw: buf.length, gz: zlib.gzipSync(buf, { level: 9 }).length };
  });
}

const kb = (n) => (n / 1024).toFixed(1);

/** Prints the sizes; false when dist/ has no built page. */
function report(dist) {
  const files = pageScripts(dist);
  if (!files || !files.length) {
    console.log(`任务窗格打包体积：未找到 ${path.join(dist, 'taskpane.html')}，请先运行 npm run build`);
    return false;
  }
  const rows = sizes(files);
  const ribbon = rows[0];
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gz: a.gz + r.gz }), { raw: 0, gz: 0 });
  for (const r of rows) console.log(`  ${r.file}: ${kb(r.raw)} KB，gzip 后 ${kb(r.gz)} KB`);
  console.log(`功能区入口脚本 ${ribbon.file}：gzip 后 ${kb(ribbon.gz)} KB（目标 ≤ ${RIBBON_LIMIT_KB} KB：${ribbon.gz / 1024 <= RIBBON_LIMIT_KB ? '达标' : '超标'}）`);
  console.log(
    `加载项 JavaScript 合计（不含 office.js）：${kb(total.raw)} KB，gzip 后 ${kb(total.gz)} KB（目标 ≤ ${TOTAL_LIMIT_KB} KB：${total.gz / 1024 <= TOTAL_LIMIT_KB ? '达标' : '超标'}）`,
  );
  return true;
}

module.exports = { pageScripts, sizes, report };

if (require.main === module) {
  if (!report(path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist')))) process.exit(1);
}
