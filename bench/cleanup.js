#!/usr/bin/env node
// `npm run build && node bench/cleanup.js`: the clean-up plan for the 5,000-row bench
// workbook (same generator as bench/run.js), read with the CLI's reader, with debris in
// one row in ten. Target: plan ≤ 100 ms. Prints figures, asserts nothing. Uses dist/.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { cleanup, analyzeWorkbook } = require('../dist/core');
const { readWorkbook } = require('../dist/cli/workbook');
const { writeDirty } = require('./rows');



const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-clean-'));
  const file = path.join(dir, 'bench-5000.xlsx');
  await writeDirty(file);
  const { grid } = await readWorkbook(file);
  let plan = cleanup.planCleanup(grid);
  const times = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    plan = cleanup.planCleanup(grid);
    times.push(performance.now() - t0);
  }
  const engine = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    analyzeWorkbook(grid);
    engine.push(performance.now() - t0);
  }
  console.log(`清理计划（5,000 行指标）：中位数 ${median(times).toFixed(1)} ms（最快 ${Math.min(...times).toFixed(1)} ms，目标 ≤ 100 ms）`);
  console.log(`  同一工作表的审核（analyzeWorkbook）：中位数 ${median(engine).toFixed(1)} ms，供对照机器负载`);
  console.log(`  ${plan.changes.length} 处：${cleanup.countsLine(plan.counts)}`);
  fs.rmSync(dir, { recursive: true, force: true });
})();
