#!/usr/bin/env node
/**
 * `npm run build:wps`: the WPS 表格 add-in and its deployment files, without internet access and
 * without Kingsoft's wpsjs tool (its build needs an interactive prompt and 7-Zip binaries; the
 * layout below is the one its offline build and its installer produce):
 *
 *   dist/wps/jixiao_<version>/   the add-in (webpack.wps.config.js): index.html, taskpane.html,
 *                                ribbon.xml, scripts, assets/
 *   dist/wps/publish.xml         one machine: copied with the folder into the jsaddons folder of
 *                                the user's WPS profile (what wpsjs's installer writes)
 *   dist/wps/jsplugins.xml       an office: served from an intranet server named by
 *                                JSPluginsServer in WPS's oem.ini (WPS_ADDIN_URL at build time);
 *                                without WPS_ADDIN_URL it lists the local folder (offline jsplugin)
 *   dist/wps/install-wps.sh      Linux (统信 UOS, 麒麟): copies into ~/.local/share/Kingsoft/wps/jsaddons
 *   dist/wps/install-wps.cmd     Windows: copies into %APPDATA%\kingsoft\wps\jsaddons
 *
 * Environment: WPS_ADDIN_URL (http or https, the folder that holds jsplugins.xml on the server).
 * Options: --out <dir> (default dist/wps), --fake (also bundle the fake WPS host, for tests).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const root = path.join(__dirname, '..');
const { version } = require(path.join(root, 'package.json'));
const makeConfig = require(path.join(root, 'webpack.wps.config.js'));
const { ADDIN_NAME, folderName } = makeConfig;

/** `http://host/path` → `http://host/path/`; WPS loads online add-ins over http or https. */
function serverUrl(value) {
  if (!value) return null;
  const url = new URL(value); // throws on a malformed WPS_ADDIN_URL
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`WPS_ADDIN_URL 必须是 http 或 https 地址：${value}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

const xmlAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** publish.xml for the jsaddons folder: the entry wpsjs's installer writes for an offline add-in. */
function publishXml() {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jsplugin name="${ADDIN_NAME}" type="et" url="${folderName()}" version="${version}" enable="enable_dev" install="null"/>\n</jsplugins>\n`;
}

/** jsplugins.xml: online from the intranet server when its URL is known, else the local folder. */
function jspluginsXml(base) {
  const entry = base
    ? `  <jspluginonline name="${ADDIN_NAME}" type="et" url="${xmlAttr(`${base}${folderName()}/`)}"/>`
    : `  <jsplugin name="${ADDIN_NAME}" type="et" url="${folderName()}" version="${version}"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n${entry}\n</jsplugins>\n`;
}

function installSh() {
  return `#!/bin/sh
# 绩效自评助手：安装到本机 WPS 表格（Linux：统信 UOS、麒麟等）。不需要网络，也不需要管理员权限。
set -e
here="$(cd "$(dirname "$0")" && pwd)"
dir="\${HOME}/.local/share/Kingsoft/wps/jsaddons"
mkdir -p "$dir"
rm -rf "$dir/${ADDIN_NAME}_"*
cp -R "$here/${folderName()}" "$dir/"
entry='  <jsplugin name="${ADDIN_NAME}" type="et" url="${folderName()}" version="${version}" enable="enable_dev" install="null"/>'
if [ ! -f "$dir/publish.xml" ] || ! grep -q '<jsplugins' "$dir/publish.xml"; then
  cp "$here/publish.xml" "$dir/publish.xml"
else
  grep -v 'name="${ADDIN_NAME}"' "$dir/publish.xml" | sed "s#</jsplugins>#$entry\\n</jsplugins>#" > "$dir/publish.xml.new"
  mv "$dir/publish.xml.new" "$dir/publish.xml"
fi
echo "已安装到 $dir/${folderName()}，请重新启动 WPS 表格，在“绩效自评”选项卡中使用。"
`;
}

function installCmd() {
  return `@echo off\r
rem 绩效自评助手：安装到本机 WPS 表格（Windows）。不需要网络，也不需要管理员权限。\r
chcp 65001 >nul\r
set "dir=%APPDATA%\\kingsoft\\wps\\jsaddons"\r
if not exist "%dir%" mkdir "%dir%"\r
for /d %%d in ("%dir%\\${ADDIN_NAME}_*") do rmdir /s /q "%%d"\r
xcopy /e /i /y "%~dp0${folderName()}" "%dir%\\${folderName()}" >nul\r
if not exist "%dir%\\publish.xml" (\r
  copy /y "%~dp0publish.xml" "%dir%\\publish.xml" >nul\r
) else (\r
  powershell -NoProfile -Command "$p='%dir%\\publish.xml'; $x=Get-Content -Raw -Encoding UTF8 $p; $x=$x -replace '(?m)^.*name=\\"${ADDIN_NAME}\\".*\\r?\\n',''; $e='  <jsplugin name=\\"${ADDIN_NAME}\\" type=\\"et\\" url=\\"${folderName()}\\" version=\\"${version}\\" enable=\\"enable_dev\\" install=\\"null\\"/>'; $x=$x -replace '</jsplugins>', ($e + [Environment]::NewLine + '</jsplugins>'); Set-Content -Encoding UTF8 $p $x"\r
)\r
echo 已安装到 %dir%\\${folderName()}，请重新启动 WPS 表格，在“绩效自评”选项卡中使用。\r
pause\r
`;
}

async function build({ out, fake, mode = 'production' }) {
  // eslint-disable-next-line global-require
  const webpack = require('webpack');
  const addin = path.join(out, folderName());
  const config = await makeConfig({ outDir: addin, fake }, { mode });
  await new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
  const base = serverUrl(process.env.WPS_ADDIN_URL);
  fs.writeFileSync(path.join(out, 'publish.xml'), publishXml());
  fs.writeFileSync(path.join(out, 'jsplugins.xml'), jspluginsXml(base));
  fs.writeFileSync(path.join(out, 'install-wps.sh'), installSh(), { mode: 0o755 });
  fs.writeFileSync(path.join(out, 'install-wps.cmd'), installCmd());
  return { addin, base };
}

/** Gzipped size of each script a page loads (the fake host excluded). */
function pageSizes(dir, page) {
  const html = fs.readFileSync(path.join(dir, page), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map((m) => m[1] || m[2] || m[3]).filter((s) => !/fake-wps/.test(s));
  return srcs.map((s) => {
    const buf = fs.readFileSync(path.join(dir, s));
    return { file: s, raw: buf.length, gz: zlib.gzipSync(buf, { level: 9 }).length };
  });
}

module.exports = { build, pageSizes, publishXml, jspluginsXml, serverUrl };

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const out = path.resolve(at >= 0 ? args[at + 1] : path.join(root, 'dist', 'wps'));
  build({ out, fake: args.includes('--fake') })
    .then(({ addin, base }) => {
      const kb = (n) => (n / 1024).toFixed(1);
      for (const page of ['taskpane.html', 'index.html']) {
        const rows = pageSizes(addin, page);
        const gz = rows.reduce((n, r) => n + r.gz, 0);
        console.log(`${page}：${rows.map((r) => r.file).join(', ')}，gzip 后 ${kb(gz)} KB（目标 ≤ 300 KB：${gz / 1024 <= 300 ? '达标' : '超标'}）`);
      }
      console.log(`WPS 加载项已生成：${path.relative(root, addin)}/`);
      console.log(base ? `jsplugins.xml 指向 ${base}${folderName()}/（把 ${path.relative(root, out)}/ 整个目录放到该地址）` : 'jsplugins.xml 指向本地文件夹；内网服务器部署请设置 WPS_ADDIN_URL 后重新生成');
    })
    .catch((e) => {
      console.error(e.message || e);
      process.exit(1);
    });
}
