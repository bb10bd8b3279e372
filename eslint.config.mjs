import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

/**
 * The add-in's browser code: the task pane, the ribbon commands, the runtime they share, the
 * Office.js adapter, the WPS adapter and pages, the preview.
 */
const ADDIN_FILES = [
  'src/taskpane/**/*.{ts,tsx}',
  'src/commands/**/*.{ts,tsx}',
  'src/runtime/**/*.{ts,tsx}',
  'src/excel/**/*.{ts,tsx}',
  'src/wps/**/*.{ts,tsx}',
  'src/preview/**/*.{ts,tsx}',
];

/** Browser code never reaches Node or ExcelJS. */
const BROWSER_ONLY = [
  { group: ['exceljs', 'exceljs/*'], message: '加载项在浏览器中运行，不能使用 ExcelJS。' },
  { group: ['**/cli', '**/cli/**'], message: '加载项不能引用命令行工具 src/cli（Node 专用）。' },
  { group: ['fs', 'path', 'node:*', 'child_process'], message: '加载项在浏览器中运行，不能使用 Node 模块。' },
];

/**
 * eslint-plugin-office-addins' own `recommended` and `react` configs, scoped to the add-in's
 * files. Two parts are left out on purpose: its prettier rule (this repository is not formatted
 * by prettier) and its own copy of the @typescript-eslint plugin and parser (a second, older
 * copy of a plugin under the same name is refused by flat config; ours is already registered).
 * Its office-addins/* rules (load before read, sync before read, no sync in a loop, isNullObject
 * tests) and eslint-plugin-react's recommended rules are kept as published.
 */
function scoped(configs) {
  return configs.map((c) => {
    const { plugins = {}, rules = {}, languageOptions, ...rest } = c;
    const keptPlugins = Object.fromEntries(Object.entries(plugins).filter(([name]) => name !== 'prettier' && name !== '@typescript-eslint'));
    const keptRules = Object.fromEntries(
      Object.entries(rules).filter(([name]) => !name.startsWith('prettier/') && !name.startsWith('@typescript-eslint/') && name !== 'no-unused-vars'),
    );
    const out = { ...rest, files: ADDIN_FILES, plugins: keptPlugins, rules: keptRules };
    if (languageOptions) {
      const lo = { ...languageOptions };
      delete lo.parser;
      delete lo.ecmaVersion;
      out.languageOptions = lo;
    }
    return out;
  });
}

// A plugin object may be registered once; the react config repeats the office-addins plugin.
function dedupePlugins(configs) {
  const seen = new Map();
  return configs.map((c) => {
    if (!c.plugins) return c;
    const plugins = {};
    for (const [name, plugin] of Object.entries(c.plugins)) {
      if (seen.has(name) && seen.get(name) === plugin) continue;
      seen.set(name, plugin);
      plugins[name] = plugin;
    }
    return { ...c, plugins };
  });
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'examples/', 'test/fixtures/', 'bench/*.js', 'scripts/*.js', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...dedupePlugins(scoped(officeAddins.configs.react)),
  {
    files: ADDIN_FILES,
    rules: {
      // React 17+ JSX transform (tsconfig jsx: react-jsx): React need not be in scope.
      'react/react-in-jsx-scope': 'off',
      'react/prop-types': 'off',
      // TypeScript checks names (Office, Excel, DOM globals); core ESLint's no-undef cannot see them.
      'no-undef': 'off',
    },
  },
  {
    // The engine must stay host-neutral: no ExcelJS, Office.js or DOM inside src/core.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['exceljs', 'office-js', '**/cli/**', 'fs', 'path', 'node:*'] }],
      'no-restricted-globals': ['error', 'document', 'window', 'Office', 'Excel'],
    },
  },
  {
    // The task pane, the ribbon commands, the runtime and the preview run in the browser,
    // through the AddinHost only: never the CLI (Node, ExcelJS) nor ExcelJS itself.
    files: ['src/taskpane/**/*.{ts,tsx}', 'src/commands/**/*.{ts,tsx}', 'src/runtime/**/*.{ts,tsx}', 'src/preview/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: BROWSER_ONLY }] },
  },
  {
    // Hosts are thin adapters that never import each other: the Excel adapter knows no WPS, no pane.
    files: ['src/excel/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...BROWSER_ONLY, { group: ['**/wps', '**/wps/**', '**/taskpane/**', '**/commands/**'], message: 'Excel 适配器只读取和应用改动，不引用其他宿主或界面。' }] },
      ],
    },
  },
  {
    // The WPS host reuses the pane and the ribbon's handlers, never the Excel adapter.
    files: ['src/wps/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...BROWSER_ONLY, { group: ['**/excel', '**/excel/**'], message: 'WPS 宿主不能引用 Excel 适配器：共用的规则在 src/core。' }] }],
    },
  },
);
