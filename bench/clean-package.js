#!/usr/bin/env node
// `npm run build && node bench/clean-package.js`: applying the clean-up plan of the 5,000-row
// bench workbook (bench/cleanup.js's generator: debris in one row in ten, 500 placeholder
// rows) by patching the package (`writeCleaned`), beside the ExcelJS load + write the CLI
// used before (issue 13). Prints figures, asserts nothing. Uses dist/.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const ExcelJS = require('exceljs');
const { readGridAndBytes } = require('../dist/cli/read');
const { planCleanupOf } = require('../dist/cli/package/plan');
const { writeCleaned } = require('../dist/cli/package/clean');
const { writeDirty } = require('./rows');



const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-clean-pkg-'));
  const file = path.join(dir, 'bench-5000.xlsx');
  await writeDirty(file, 5000, { formula: 'SUM(G6:G5005)' });
  const { grid, bytes } = await readGridAndBytes(file);
  const { plan } = await planCleanupOf(file, bytes, grid, {});
  const patch = [];
  const exceljs = [];
  for (let i = 0; i < 5; i++) {
    const out = path.join(dir, `out-${i}.xlsx`);
    let t0 = performance.now();
    await writeCleaned(bytes, plan, out);
    patch.push(performance.now() - t0);
    t0 = performance.now();
    const round = new ExcelJS.Workbook();
    await round.xlsx.load(bytes);
    await round.xlsx.writeFile(path.join(dir, `exceljs-${i}.xlsx`));
    exceljs.push(performance.now() - t0);
  }
  const changes = plan.changes.length;
  const rows = plan.changes.filter((c) => c.op === 'delete-row').length;
  console.log(`清理写回（5,000 行指标，${changes} 处改动，其中删除 ${rows} 行）：修补文件包 中位数 ${median(patch).toFixed(0)} ms`);
  console.log(`  对照：ExcelJS 整体载入再写出（旧做法，不含应用改动）中位数 ${median(exceljs).toFixed(0)} ms`);
  fs.rmSync(dir, { recursive: true, force: true });
})();
