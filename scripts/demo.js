#!/usr/bin/env node
// `npm run demo`: check and score the bundled example workbooks with the built CLI, clean a
// dirty template, and write the reviewer's summary workbook of the examples folder.
const fs = require('fs');
const path = require('path');
const { run } = require('../dist/cli/main.js');

const root = path.join(__dirname, '..');
const examples = path.join(root, 'examples');
const outDir = path.join(root, '.tmp', 'demo');
const folder = path.relative(root, examples) + '/';

const io = { stdout: (s) => console.log(s), stderr: (s) => console.error(s) };

(async () => {
  process.chdir(root);
  // A reviewer's view of a folder of submissions: one line per file, errors first.
  console.log(`== jixiao check ${folder}\n`);
  const checked = await run(['check', folder], io);
  fs.mkdirSync(outDir, { recursive: true });
  console.log(`\n== jixiao score … -o ${path.relative(root, outDir)}\n`);
  let json = '';
  const scored = await run(['score', folder, '-o', path.relative(root, outDir), '--json', '--force'], { stdout: (s) => (json += s), stderr: io.stderr });
  for (const f of JSON.parse(json).files) console.log(`${f.file} → ${f.written}（${f.edits} 处修改）`);
  console.log(`\n计分后的工作簿在 ${path.relative(root, outDir)}/，原文件未改动。`);
  // Template clean-up (issue 8): preview, then write NAME.clean.xlsx into the demo folder.
  const dirty = path.relative(root, path.join(examples, 'seed002-shigu.dirty.xlsx'));
  console.log(`\n== jixiao clean ${dirty} --dry-run\n`);
  await run(['clean', dirty, '--dry-run'], io);
  const cleaned = path.join(path.relative(root, outDir), 'seed002-shigu.clean.xlsx');
  console.log(`== jixiao clean ${dirty} -o ${cleaned}\n`);
  await run(['clean', dirty, '-o', cleaned, '--force'], io);
  // The reviewer's summary workbook (issue 13): one row per table, one per finding.
  const report = path.join(path.relative(root, outDir), '审核汇总.xlsx');
  console.log(`== jixiao check ${folder} --report ${report}\n`);
  const reported = await run(['check', folder, '--report', report, '--force'], io);
  console.log(`\n用 Excel、WPS 或 LibreOffice 打开 ${report} 查看「汇总」「问题」「说明」三张工作表。`);
  // Exit 1 only means the examples contain errors, which is what they are for.
  process.exitCode = [checked, scored, reported].includes(2) ? 2 : 0;
})();
