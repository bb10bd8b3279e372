#!/usr/bin/env node
// Make docs/summary.png: the summary workbook of the examples folder (npm run demo writes
// it), opened in LibreOffice headless, printed to PDF, first page rendered by pdftoppm.
// Not run in CI; needs soffice and poppler-utils (apt-get install poppler-utils).
//   npm run build:cli && node scripts/summary-screenshot.js
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { run } = require('../dist/cli/main.js');

const root = path.join(__dirname, '..');

(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-shot-'));
  try {
    const report = path.join(tmp, '审核汇总.xlsx');
    const quiet = { stdout: () => undefined, stderr: (s) => console.error(s) };
    process.chdir(root); // links and file names as a reviewer sees them: examples/…
    const code = await run(['check', 'examples/', '--report', report], quiet);
    if (code === 2) throw new Error('jixiao check --report failed');
    // The PDF of the first sheet only: LibreOffice prints every sheet; page 1 is 汇总.
    execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(path.join(tmp, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, report], { stdio: 'ignore' });
    const pdf = path.join(tmp, '审核汇总.pdf');
    // Page 1 at 220 dpi, cropped to the table (the sheet is fitted to one landscape page wide).
    execFileSync('pdftoppm', ['-png', '-r', '220', '-f', '1', '-l', '1', '-x', '140', '-y', '150', '-W', '2260', '-H', '420', '-singlefile', pdf, path.join(tmp, 'page')]);
    const out = path.join(root, 'docs', 'summary.png');
    fs.copyFileSync(path.join(tmp, 'page.png'), out);
    console.log(`已生成 ${path.relative(root, out)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
