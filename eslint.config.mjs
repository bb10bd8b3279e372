import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'examples/', 'test/fixtures/', 'bench/*.js', 'scripts/*.js', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
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
);
