/**
 * Builds the Excel add-in into dist/ (next to the CLI's dist/cli and dist/core, which it keeps):
 *   taskpane.html                         the runtime page: task pane and the manifest's FunctionFile
 *     commands.<hash>.js                  1st script: registers the ribbon commands at its top level (small)
 *     host.<hash>.js                      2nd: the engine and the Office.js adapter, given to the runtime
 *     taskpane.<hash>.js                  3rd: the pane (React, Fluent UI)
 *   assets/icon-*.png                     the icons
 *   examples/*.xlsx                       example workbooks the pane's empty state links to
 *   manifest.xml                          with every https://localhost:3000/ replaced by ADDIN_URL
 *   office-js/                            only with OFFICE_JS=local: office.js from our own origin
 *
 * Environment: ADDIN_URL (default https://localhost:3000/), OFFICE_JS=local (default: Microsoft's CDN).
 * `--env preview` builds the preview page instead (dist/preview/): the same pane over the fake
 * Excel host (test/fake-excel/browser.ts served as office.js) beside a plain grid of the sheet.
 * `--env outDir=...` writes elsewhere (the end-to-end test builds into a temporary folder).
 */
const fs = require('fs');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** The runtime page's scripts, in load order. */
const PAGE_CHUNKS = ['commands', 'host', 'taskpane'];

/** `https://host/path` → `https://host/path/`: the manifest's URLs are joined to it. */
function addinUrl(value) {
  const url = new URL(value || DEV_URL); // throws on a malformed ADDIN_URL
  if (url.protocol !== 'https:') throw new Error(`ADDIN_URL 必须是 https 地址（Office 只加载 https 加载项）：${value}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** manifest.xml for a server: every development URL rewritten to ADDIN_URL. */
function rewriteManifest(xml, base) {
  return xml.split(DEV_URL).join(base);
}

async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const preview = Boolean(env.preview);
  const serving = Boolean(env.WEBPACK_SERVE);
  const base = addinUrl(process.env.ADDIN_URL);
  const localOffice = process.env.OFFICE_JS === 'local';
  const root = __dirname;
  const out = env.outDir ? path.resolve(env.outDir) : path.join(root, 'dist', preview ? 'preview' : '');
  const officeJs = preview ? 'fake-office.js' : localOffice ? 'office-js/office.js' : OFFICE_JS_CDN;

  // `--env fakeOnly`: only the fake host's browser bundle (the end-to-end test serves it as office.js).
  const fakeOnly = Boolean(env.fakeOnly);
  // Three entries sharing one webpack runtime (dependOn), loaded in this order: the ribbon's
  // commands first (registered before anything else can delay them), then the host they wait
  // for, then the pane. A module used by several (src/runtime, src/core) is instantiated once.
  const entry = fakeOnly
    ? {}
    : {
        commands: './src/commands/index.ts',
        host: { import: './src/commands/host.ts', dependOn: 'commands' },
        taskpane: { import: './src/taskpane/index.tsx', dependOn: 'host' },
      };
  if (fakeOnly) entry['fake-office'] = './test/fake-excel/browser.ts';
  if (preview) {
    entry['fake-office'] = './test/fake-excel/browser.ts';
    entry.preview = './src/preview/index.tsx';
  }

  const copies = [
    { from: 'assets/*.png', to: 'assets/[name][ext]' },
    { from: 'examples/{seed002-shigu,seed003-jinzhong,seed004-liangzhou}.xlsx', to: 'examples/[name][ext]' },
  ];
  if (!preview) copies.push({ from: 'manifest.xml', to: 'manifest.xml', transform: (buf) => rewriteManifest(buf.toString('utf8'), base) });
  // Microsoft's files as published: marked minimized so Terser does not rework 86 MB of them.
  if (!preview && localOffice) copies.push({ from: path.join(root, 'node_modules/@microsoft/office-js/dist'), to: 'office-js', info: { minimized: true } });

  const pages = [
    new HtmlWebpackPlugin({
      filename: 'taskpane.html',
      template: './src/taskpane/taskpane.html',
      chunks: PAGE_CHUNKS,
      chunksSortMode: 'manual',
      officeJs,
      guard: fs.readFileSync(path.join(root, 'src', 'taskpane', 'guard.js'), 'utf8'),
    }),
  ];
  if (preview) pages.push(new HtmlWebpackPlugin({ filename: 'index.html', template: './src/preview/preview.html', chunks: ['preview'] }));

  return {
    mode,
    context: root,
    devtool: mode === 'production' ? false : 'source-map',
    entry,
    output: {
      path: out,
      // Hashed names in production so an intranet server may cache them; the fake host keeps its name.
      filename: (data) => (data.chunk.name === 'fake-office' || mode !== 'production' ? '[name].js' : '[name].[contenthash:8].js'),
      // The CLI lives in dist/cli and dist/core (tsc): never wipe it.
      clean: env.outDir || preview ? true : { keep: /^(cli|core)([\\/]|$)/ },
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        // The engine's modules have no side effects on load: the ribbon's small entry takes only
        // what it uses from src/core (AddinError), not the whole engine.
        { test: /[\\/]src[\\/]core[\\/]/, sideEffects: false },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(root, 'tsconfig.addin.json') } },
        },
      ],
    },
    plugins: fakeOnly ? [] : [...pages, new CopyWebpackPlugin({ patterns: copies })],
    performance: { hints: false }, // bundle size is measured and printed by scripts/bundle-size.js
    devServer: {
      port: preview ? 3001 : 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: preview ? [{ directory: path.join(root, 'dist', 'preview-data'), publicPath: '/' }] : false,
      server: preview ? 'http' : { type: 'https', options: serving ? await httpsOptions() : {} },
      client: { overlay: { warnings: false } },
    },
  };
};

module.exports.addinUrl = addinUrl;
module.exports.rewriteManifest = rewriteManifest;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.PAGE_CHUNKS = PAGE_CHUNKS;
