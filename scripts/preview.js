#!/usr/bin/env node
/**
 * `npm run preview`: try the task pane without Excel. Snapshots every example workbook for the
 * fake Excel host (dist/preview-data/fake/<name>.json), then serves the preview page over http on
 * http://localhost:3001/ (webpack-dev-server, `--env preview`): the pane beside a grid of the sheet.
 * Options: --port <n>; --build (write dist/preview/ and exit instead of serving);
 * --host wps (the WPS host instead: scripts/preview-wps.js, http://localhost:3002/); --help.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync, spawn } = require('child_process');

const root = path.join(__dirname, '..');
const examples = path.join(root, 'examples');
const dataDir = path.join(root, 'dist', 'preview-data', 'fake');
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`用法：npm run preview -- [选项]
  无需 Excel 或 WPS 试用任务窗格：左边是工作表，右边是任务窗格，接在模拟的表格程序上（examples/ 中的示例工作簿）。
  --host excel|wps   模拟 Excel（默认，http://localhost:3001/）或 WPS 表格（http://localhost:3002/index.html）
  --port 端口        改用其他端口
  --build            只生成静态页面（dist/preview/ 或 dist/preview-wps/）后退出，不启动服务
  -h, --help         显示本说明
页面地址可加 ?workbook=示例名（如 seed002-shigu.dirty）；Excel 预览另可加 ?api=17（较旧的 Excel）、?theme=Black（深色主题）。`);
  process.exit(0);
}
const hostAt = args.indexOf('--host');
const host = hostAt >= 0 ? args[hostAt + 1] : 'excel';
if (host !== 'excel' && host !== 'wps') {
  console.error(`--host 应为 excel 或 wps，收到 ${host}`);
  process.exit(2);
}
if (host === 'wps') {
  require('./preview-wps.js');
  return;
}
const portAt = args.indexOf('--port');
const port = portAt >= 0 ? args[portAt + 1] : '3001';

const files = fs
  .readdirSync(examples)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => path.join(examples, f));
console.log(`正在为 ${files.length} 个示例工作簿生成预览数据…`);
const snap = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(root, 'scripts', 'fake-snapshot.ts'), ...files, '--out', dataDir], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (snap.status !== 0) process.exit(snap.status ?? 1);
fs.writeFileSync(path.join(dataDir, 'index.json'), JSON.stringify(files.map((f) => path.basename(f, '.xlsx'))));

const webpack = require.resolve('webpack-cli/bin/cli.js');
if (args.includes('--build')) {
  const r = spawnSync(process.execPath, [webpack, '--env', 'preview', '--mode', 'development'], { cwd: root, stdio: 'inherit' });
  if (r.status === 0) fs.cpSync(path.dirname(dataDir), path.join(root, 'dist', 'preview'), { recursive: true });
  process.exit(r.status ?? 1);
}
console.log(`预览地址：http://localhost:${port}/  （按 Ctrl+C 结束）`);
const child = spawn(process.execPath, [webpack, 'serve', '--env', 'preview', '--mode', 'development', '--port', port], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
