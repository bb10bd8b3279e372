/**
 * Builds the WPS 表格 add-in (WPS 加载项, "jsaddons") into dist/wps/jixiao_<version>/:
 *   index.html + ribbon.<hash>.js      the page WPS loads hidden at start-up: the ribbon's callbacks
 *                                      (OnAddinLoad, OnAction, GetImage, OnGetEnabled), the engine
 *                                      and the WPS adapter
 *   taskpane.html + pane.<hash>.js     the task pane (wps.CreateTaskPane): the same React pane as Excel
 *   ribbon.xml                         the 绩效自评 tab (CustomUI)
 *   assets/icon-*.png                  the icons
 * scripts/build-wps.js adds the deployment files (jsplugins.xml, publish.xml, install scripts).
 *
 * `--env fake`: also bundles the fake WPS host (test/fake-wps/browser.ts, `fake-wps.js`) and loads
 * it before the add-in's scripts on both pages: the end-to-end test and `npm run preview -- --host wps`.
 * `--env outDir=...` writes elsewhere.
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { version } = require('./package.json');

/** The add-in's name in jsplugins.xml / publish.xml and its folder `jixiao_<version>` (WPS's convention). */
const ADDIN_NAME = 'jixiao';
const folderName = () => `${ADDIN_NAME}_${version}`;

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const fake = Boolean(env.fake);
  const root = __dirname;
  const out = env.outDir ? path.resolve(env.outDir) : path.join(root, 'dist', 'wps', folderName());
  const entry = {
    ribbon: './src/wps/ribbon.ts',
    pane: './src/wps/pane.tsx',
  };
  if (fake) entry['fake-wps'] = './test/fake-wps/browser.ts';
  const before = fake ? ['fake-wps'] : [];
  return {
    mode,
    context: root,
    devtool: mode === 'production' ? false : 'source-map',
    entry,
    output: {
      path: out,
      filename: (data) => (data.chunk.name === 'fake-wps' || mode !== 'production' ? '[name].js' : '[name].[contenthash:8].js'),
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        { test: /[\\/]src[\\/]core[\\/]/, sideEffects: false },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(root, 'tsconfig.addin.json') } },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/wps/index.html', chunks: [...before, 'ribbon'], chunksSortMode: 'manual', inject: 'head', scriptLoading: 'blocking' }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/wps/taskpane.html', chunks: [...before, 'pane'], chunksSortMode: 'manual', inject: 'body', scriptLoading: 'blocking' }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps/ribbon.xml', to: 'ribbon.xml' },
          { from: 'assets/icon-{16,32,64,80}.png', to: 'assets/[name][ext]' },
        ],
      }),
    ],
    performance: { hints: false }, // sizes are printed by scripts/build-wps.js
  };
};

module.exports.ADDIN_NAME = ADDIN_NAME;
module.exports.folderName = folderName;
