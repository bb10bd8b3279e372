#!/usr/bin/env node
// `npm run bench`: prints figures, asserts nothing (see README). Uses the built dist/.
//  1. engine time on a synthetic grid of 10,000 indicator rows (target ≤ 100 ms);
//  2. `jixiao check` on a generated 5,000-row workbook against a bare ExcelJS read of the
//     same file, in process (target ≤ 1.5×);
//  3. the same as whole processes, as a user runs them: `node dist/cli/main.js check FILE
//     --json` against `node -e` with ExcelJS `readFile`, alternating, median of five, on the
//     5,000-row one-table workbook and on a 250-table workbook of 5,000 indicator rows
//     (target ≤ 1.5×);
//  4. peak memory (maxRSS of the child process) of `check` on a one-column sheet of a
//     million rows, beside a bare ExcelJS read of it;
//  5. a sheet whose used range ends at XFD1048576 (one stray cell): the read takes the time
//     of its cells, not of the area.
const { spawnSync } = require('child_process');
const fs = require('fs');
const JSZip = require('jszip');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const ExcelJS = require('exceljs');
const { analyzeWorkbook, sheetFromRows } = require('../dist/core');
const { run } = require('../dist/cli/main.js');
const { rowsFor } = require('./rows');



function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  // 1. Engine on 10,000 rows.
  // As in real sheets, the 绩效指标 label is merged down the whole indicator block.
  const grid = { sheets: [sheetFromRows('基准', rowsFor(10000), [{ top: 5, left: 1, bottom: 10005, right: 1 }])] };
  const warm = analyzeWorkbook(grid);
  const tables = warm.tables.length;
  const indicators = warm.tables[0].indicators.length;
  analyzeWorkbook(grid);
  const engine = await time(() => analyzeWorkbook(grid), 15);
  console.log(`引擎（${indicators} 行指标，${tables} 张表）：中位数 ${median(engine).toFixed(1)} ms（最快 ${Math.min(...engine).toFixed(1)} ms，目标 ≤ 100 ms）`);

  // 2. jixiao check vs bare ExcelJS read, 5,000 rows.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-'));
  const file = path.join(dir, 'bench-5000.xlsx');
  await writeOneTable(file);
  const quiet = { stdout: () => {}, stderr: () => {} };
  const bareRead = async () => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(file);
  };
  const checkRun = () => run(['check', file, '--json'], quiet);
  await bareRead();
  await checkRun();
  // Interleave the two so machine noise hits both alike.
  const bare = [];
  const check = [];
  for (let i = 0; i < 9; i++) {
    bare.push(...(await time(bareRead, 1)));
    check.push(...(await time(checkRun, 1)));
  }
  const ratio = median(check) / median(bare);
  console.log(`ExcelJS 读取 5,000 行工作簿：中位数 ${median(bare).toFixed(0)} ms`);
  console.log(`jixiao check 同一文件：中位数 ${median(check).toFixed(0)} ms，为 ExcelJS 读取的 ${ratio.toFixed(2)} 倍（目标 ≤ 1.5 倍）`);

  // 3. Whole processes.
  const many = path.join(dir, 'bench-250-tables.xlsx');
  await writeStacked(many, 250, 20);
  for (const [label, f] of [['5,000 行单表', file], ['250 张表共 5,000 行指标', many]]) {
    const p = processRatio(f, 5);
    console.log(
      `进程计时（${label}）：node -e ExcelJS readFile 中位数 ${p.bare.toFixed(0)} ms，jixiao check --json 中位数 ${p.check.toFixed(0)} ms，` +
        `为其 ${(p.check / p.bare).toFixed(2)} 倍（目标 ≤ 1.5 倍）`,
    );
  }

  // 4. Peak memory on a million rows.
  const million = path.join(dir, 'million.xlsx');
  await writeOneColumn(million, 1000000);
  const checkMem = peakMemory(['-e', CHECK_MEM, million]);
  const bareMem = peakMemory(['-e', BARE_MEM, million]);
  console.log(
    `一列一百万行：jixiao check 峰值内存 ${mb(checkMem.rss)} MB（${(checkMem.ms / 1000).toFixed(1)} s）；` +
      `ExcelJS readFile 峰值内存 ${mb(bareMem.rss)} MB（${(bareMem.ms / 1000).toFixed(1)} s）`,
  );

  // 5. One stray cell at XFD1048576.
  const far = path.join(dir, 'far.xlsx');
  await writeFarCell(far);
  // The reader only (detection on such sheets is the engine's, SPEC issue 6 item 1).
  const farRun = peakMemory(['-e', READ_MEM, far]);
  console.log(`右下角 XFD1048576 有一个单元格：读取为网格 ${farRun.ms.toFixed(0)} ms（含 Node 启动），峰值内存 ${mb(farRun.rss)} MB`);
  fs.rmSync(dir, { recursive: true, force: true });

  // 6. 清理模板 in the add-in (fake Excel): the constant number of syncs of applying the plan.
  const clean = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(__dirname, 'addin-cleanup.ts')], {
    cwd: path.join(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (clean.status !== 0) throw new Error(`bench/addin-cleanup.ts exited ${clean.status}: ${clean.stderr}`);
  process.stdout.write(clean.stdout);
}

const MAIN = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
const BARE_READ = "const E=require('exceljs');new E.Workbook().xlsx.readFile(process.argv[1]).catch((e)=>{console.error(e);process.exit(1)})";
// Run in a child; print maxRSS (KB) when done.
const CHECK_MEM = `require(${JSON.stringify(MAIN)}).run(['check',process.argv[1],'--json'],{stdout(){},stderr(s){console.error(s)}}).then(()=>console.log(process.resourceUsage().maxRSS))`;
const READ_MEM = `require(${JSON.stringify(path.join(__dirname, '..', 'dist', 'cli', 'read.js'))}).readGrid(process.argv[1]).then(()=>console.log(process.resourceUsage().maxRSS))`;
const BARE_MEM = "const E=require('exceljs');new E.Workbook().xlsx.readFile(process.argv[1]).then(()=>console.log(process.resourceUsage().maxRSS))";

function mb(kb) {
  return (kb / 1024).toFixed(0);
}

function timedSpawn(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: path.join(__dirname, '..'), encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function processRatio(file, runs) {
  const check = [];
  const bare = [];
  timedSpawn([MAIN, 'check', file, '--json']);
  timedSpawn(['-e', BARE_READ, file]);
  for (let i = 0; i < runs; i++) {
    bare.push(timedSpawn(['-e', BARE_READ, file]).ms);
    check.push(timedSpawn([MAIN, 'check', file, '--json']).ms);
  }
  return { bare: median(bare), check: median(check) };
}

function peakMemory(args) {
  const r = timedSpawn(['--max-old-space-size=8192', ...args]);
  const lines = r.stdout.trim().split('\n');
  return { rss: Number(lines[lines.length - 1]), ms: r.ms };
}

/** `count` tables of `rows` indicator rows each, stacked down one sheet. */
async function writeStacked(file, count, rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基准');
  let r = 0;
  for (let t = 0; t < count; t++) {
    const block = rowsFor(rows);
    block[1][1] = `基准测试项目${t + 1}`;
    for (const row of block) ws.addRow(row);
    ws.mergeCells(r + 5, 1, r + 5 + rows, 1);
    ws.addRow([]);
    ws.addRow([]);
    r += block.length + 2;
  }
  await wb.xlsx.writeFile(file);
}

/** A minimal package written directly (ExcelJS would take minutes to build a million rows). */
async function writePackage(file, sheetXml) {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  zip.file('xl/worksheets/sheet1.xml', sheetXml);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

const SHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_CLOSE = '</sheetData></worksheet>';

async function writeOneColumn(file, n) {
  const parts = [SHEET_OPEN];
  for (let r = 1; r <= n; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  parts.push(SHEET_CLOSE);
  await writePackage(file, parts.join(''));
}

async function writeFarCell(file) {
  const parts = [SHEET_OPEN];
  const rows = rowsFor(20);
  rows.forEach((row, i) => {
    const cells = row
      .map((v, c) => (v === '' ? '' : typeof v === 'number' ? `<c r="${String.fromCharCode(65 + c)}${i + 1}"><v>${v}</v></c>` : `<c r="${String.fromCharCode(65 + c)}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`))
      .join('');
    parts.push(`<row r="${i + 1}">${cells}</row>`);
  });
  parts.push('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>', SHEET_CLOSE);
  await writePackage(file, parts.join(''));
}

/** The one-table 5,000-row workbook of step 2. */
async function writeOneTable(file) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基准');
  for (const r of rowsFor(5000)) ws.addRow(r);
  ws.mergeCells('A5:A5005');
  await wb.xlsx.writeFile(file);
}

module.exports = { rowsFor, writeOneTable, writeStacked, writeOneColumn, writeFarCell };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
