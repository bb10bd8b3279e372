#!/usr/bin/env node
// `npm run bench` (and `node bench/million.js` alone): `jixiao check` on one table of
// 1,000,000 indicator rows, as a user runs it, against the goal of issue 12: ≤ 30 s wall
// and ≤ 1.5 GB peak RSS for the whole process. Prints figures, asserts nothing.
//
// The workbook (the shape of bench/run.js's tables: a budget block, then 1,000,000 rows
// under one merged 绩效指标 label, shared strings as Excel writes them) is generated once,
// streamed through JSZip, and cached in the temp dir (`--fresh` rebuilds it). Each run is a
// child `node` under /usr/bin/time -v when present (its maximum resident set size is the
// peak of the whole process); otherwise the child prints process.resourceUsage().maxRSS.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Readable } = require('stream');
const { performance } = require('perf_hooks');
const JSZip = require('jszip');
const { head, indicatorRow } = require('./rows');

// `--rows N` for profiling a smaller case; the goal is stated for 1,000,000.
const ROWS = Number(process.argv.find((a) => a.startsWith('--rows='))?.slice(7) ?? 1000000);
const GOAL_S = 30;
const GOAL_MB = 1536;
const MAIN = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
// v2: bump when the generated workbook changes, so a stale cache is not measured.
const CACHE = path.join(os.tmpdir(), 'jixiao-bench-cache', `million-${ROWS}-v2.xlsx`);


const HEAD = head('百万行基准项目');


function colName(c) {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function esc(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

async function generate(file, rows) {
  const strings = new Map();
  const sst = (s) => {
    let i = strings.get(s);
    if (i === undefined) strings.set(s, (i = strings.size));
    return i;
  };
  const rowXml = (r, values) => {
    let out = `<row r="${r}">`;
    values.forEach((v, c) => {
      if (v === '') return;
      const ref = `${colName(c + 1)}${r}`;
      out += typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="s"><v>${sst(v)}</v></c>`;
    });
    return `${out}</row>`;
  };
  const last = HEAD.length + rows + 1;
  function* sheet() {
    yield `${XML}<worksheet xmlns="${NS}"><dimension ref="A1:I${last}"/><sheetData>`;
    let chunk = HEAD.map((v, i) => rowXml(i + 1, v)).join('');
    for (let i = 0; i < rows; i++) {
      chunk += rowXml(HEAD.length + 1 + i, indicatorRow(i));
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}${rowXml(last, ['总分'])}</sheetData><mergeCells count="1"><mergeCell ref="A${HEAD.length + 1}:A${HEAD.length + rows}"/></mergeCells></worksheet>`;
  }
  // Pulled only after the sheet is written (JSZip generates entries in order), so every
  // string is known by then.
  function* sharedStrings() {
    yield `${XML}<sst xmlns="${NS}" count="${strings.size}" uniqueCount="${strings.size}">`;
    let chunk = '';
    for (const s of strings.keys()) {
      chunk += `<si><t>${esc(s)}</t></si>`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}</sst>`;
  }
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      '<sheets><sheet name="百万行" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
  );
  zip.file('xl/worksheets/sheet1.xml', Readable.from(utf8(sheet())));
  zip.file('xl/sharedStrings.xml', Readable.from(utf8(lazy(sharedStrings))));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await new Promise((resolve, reject) => {
    zip
      .generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE', compressionOptions: { level: 1 } })
      .pipe(fs.createWriteStream(tmp))
      .on('finish', resolve)
      .on('error', reject);
  });
  fs.renameSync(tmp, file);
}

/** JSZip reads string chunks of a stream as binary strings: hand it UTF-8 bytes. */
function* utf8(chunks) {
  for (const c of chunks) yield Buffer.from(c, 'utf8');
}

/** A generator started only when first pulled. */
function* lazy(make) {
  yield* make();
}

/** `node args…` as a child: wall time (ms) and peak RSS (KB) of the whole process. */
function measure(args, { stdoutTo } = {}) {
  const timeV = fs.existsSync('/usr/bin/time');
  const out = stdoutTo ? fs.openSync(stdoutTo, 'w') : 'ignore';
  const rssProbe = ['-e', `process.on('exit',()=>process.stderr.write('\\nmaxRSS '+process.resourceUsage().maxRSS+'\\n'));process.argv.splice(1,1);require(process.argv[1])`, '--'];
  const cmd = timeV ? '/usr/bin/time' : process.execPath;
  const argv = timeV ? ['-v', process.execPath, MAIN, ...args] : [...rssProbe, MAIN, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', out, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (typeof out === 'number') fs.closeSync(out);
  const err = r.stderr ?? '';
  const m = timeV ? /Maximum resident set size \(kbytes\): (\d+)/.exec(err) : /maxRSS (\d+)/.exec(err);
  const code = timeV ? Number(/Exit status: (\d+)/.exec(err)?.[1] ?? r.status) : r.status;
  // CPU seconds (user + system) say how much work it was when other processes share the cores.
  const cpu = timeV ? ['User', 'System'].reduce((s, k) => s + Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(err)?.[1] ?? NaN), 0) : NaN;
  return { ms, cpu, rss: m ? Number(m[1]) : NaN, code, stderr: err };
}

function line(label, r) {
  const s = r.ms / 1000;
  const mb = r.rss / 1024;
  const ok = r.code === 0 || r.code === 1;
  // The goal is stated for a million rows; a smaller `--rows` run only prints its figures.
  const verdict = ROWS !== 1000000 ? '' : ok && s <= GOAL_S && mb <= GOAL_MB ? '达标' : '未达标';
  const exit = ok ? '' : `，退出码 ${r.code}：${r.stderr.trim().split('\n').filter((l) => !/^\s/.test(l)).slice(-3).join(' / ')}`;
  const cpu = Number.isFinite(r.cpu) ? `（CPU ${r.cpu.toFixed(1)} s）` : '';
  return `${label}：${s.toFixed(1)} s${cpu}，峰值内存 ${mb.toFixed(0)} MB（目标 ≤ ${GOAL_S} s、≤ ${GOAL_MB} MB）${verdict}${exit}`;
}

async function main() {
  if (!fs.existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: npm run build:cli first');
  const fresh = process.argv.includes('--fresh');
  if (fresh || !fs.existsSync(CACHE)) {
    const t0 = performance.now();
    await generate(CACHE, ROWS);
    console.log(`生成 ${ROWS.toLocaleString('en')} 行指标的工作簿：${((performance.now() - t0) / 1000).toFixed(1)} s，${(fs.statSync(CACHE).size / 1048576).toFixed(0)} MB（缓存于 ${CACHE}）`);
  }
  const rows = ROWS.toLocaleString('en');
  // Wall time depends on what else runs: say so.
  console.log(`本机 ${os.cpus().length} 核，负载（1/5/15 分钟）${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
  console.log(line(`jixiao check（${rows} 行指标）`, measure(['check', CACHE])));
  const json = path.join(os.tmpdir(), `jixiao-million-${process.pid}.json`);
  try {
    const r = measure(['check', CACHE, '--json'], { stdoutTo: json });
    console.log(line(`jixiao check --json（${rows} 行指标）`, r) + `，输出 ${(fs.statSync(json).size / 1048576).toFixed(0)} MB`);
  } finally {
    fs.rmSync(json, { force: true });
  }
}

module.exports = { generate };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
