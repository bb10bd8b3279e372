#!/usr/bin/env node
// `npm run bench` (after the build): `jixiao check DIR --report 汇总.xlsx` on a folder of
// 300 submissions against `jixiao check DIR --json` alone, as whole processes, alternating,
// median of five (issue 13 target: the summary run within 1.5× of check alone). The 300
// files are the five seed workbooks copied under unit names (about 1,400 tables, 5,500 findings).
// Prints figures, asserts nothing. Uses dist/.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { buildFixtures } = (() => {
  try {
    require('ts-node').register({ transpileOnly: true });
    return require('../scripts/build-fixtures');
  } catch {
    return {};
  }
})();

const ROOT = path.join(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'cli', 'main.js');
const SEEDS = ['seed000-shijiazhuang.xlsx', 'seed001-boye.xlsx', 'seed002-shigu.xlsx', 'seed003-jinzhong.xlsx', 'seed004-liangzhou.xlsx'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, JIXIAO_SOFFICE: '' } });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`jixiao ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-report-'));
  try {
    let source = path.join(ROOT, 'examples');
    if (!SEEDS.every((s) => fs.existsSync(path.join(source, s)))) {
      source = path.join(dir, 'seeds');
      await buildFixtures(source);
    }
    const folder = path.join(dir, '收到的自评表');
    fs.mkdirSync(folder);
    for (let i = 0; i < 300; i++) {
      const seed = SEEDS[i % SEEDS.length];
      fs.copyFileSync(path.join(source, seed), path.join(folder, `第${i + 1}单位-${seed}`));
    }
    const report = path.join(dir, '审核汇总.xlsx');
    const check = [];
    const withReport = [];
    timed(['check', folder, '--json']); // warm the file cache
    for (let i = 0; i < 5; i++) {
      check.push(timed(['check', folder, '--json']));
      withReport.push(timed(['check', folder, '--json', '--report', report, '--force']));
    }
    const size = fs.statSync(report).size;
    const c = median(check);
    const r = median(withReport);
    console.log(`审核汇总（300 个文件）：check --report 中位数 ${(r / 1000).toFixed(2)} s，check 单独 ${(c / 1000).toFixed(2)} s，比值 ${(r / c).toFixed(2)}×（目标 ≤ 1.5×）`);
    console.log(`  汇总工作簿 ${(size / 1024).toFixed(0)} KB；每次：check ${check.map((x) => (x / 1000).toFixed(2)).join('/')} s，--report ${withReport.map((x) => (x / 1000).toFixed(2)).join('/')} s`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
