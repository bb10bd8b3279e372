import * as fs from 'fs';
import * as path from 'path';
import { analyzeWorkbook } from '../../src/core';
import { readGrid } from '../../src/cli/read';
import { FIXTURES } from '../helpers/fixtures';

/**
 * Issue 12: long quoted text is cut everywhere (a finding line once reached 6,499 characters).
 * Over every seed workbook and every hand-built edge case, no finding message and no cell note
 * exceeds `BOUND` characters.
 */
const BOUND = 300;

const files = [
  ...fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')),
  ...fs.readdirSync(path.join(FIXTURES, 'edge')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join('edge', f)),
];

describe('every finding message and note is at most 300 characters', () => {
  it('has workbooks to look at', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)('%s', async (file) => {
    let grid;
    try {
      grid = (await readGrid(path.join(FIXTURES, file))).grid;
    } catch {
      return; // damaged-package cases: a read error, no findings
    }
    const r = analyzeWorkbook(grid, { includeHidden: true });
    const long = [
      ...r.tables.flatMap((t) => t.findings.map((f) => `${f.rule}@${t.sheet}!${f.cell ?? '-'}: ${f.message}`)),
      ...r.notes.map((n) => `note@${n.sheet}!${n.cell}: ${n.message}`),
    ].filter((m) => [...m.slice(m.indexOf(': ') + 2)].length > BOUND);
    expect(long).toEqual([]);
  });
});
