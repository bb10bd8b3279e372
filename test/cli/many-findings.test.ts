import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MANY_FINDINGS_ROWS, manyFindingsWorkbook } from '../../scripts/edge-cases/large';
import { jixiao } from '../helpers/cli';

// Issue 12: `check` on 150,000+ findings crashed with `Maximum call stack size exceeded`.
// `--json` keeps every finding; the text report lists five of one rule per table and says
// how many more there are. Not timed.
let dir: string;
let file: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-many-'));
  file = path.join(dir, 'many-findings.xlsx');
  fs.writeFileSync(file, await manyFindingsWorkbook());
}, 120000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe(`jixiao check on ${MANY_FINDINGS_ROWS.toLocaleString('en')} findings of one rule`, () => {
  it('--json keeps them all', async () => {
    const r = await jixiao('check', file, '--json');
    expect(r.err).toEqual([]);
    const doc = JSON.parse(r.out);
    const findings: { rule: string; cell: string | null }[] = doc.files[0].tables[0].findings;
    const mismatches = findings.filter((f) => f.rule === 'score-mismatch');
    expect(mismatches).toHaveLength(150001);
    expect(mismatches[0].cell).toBe('H4');
    expect(mismatches[150000].cell).toBe('H150004');
    expect(doc.files[0].tables[0].indicators).toHaveLength(150001);
  }, 300000);

  it('the text report shows five and counts the rest', async () => {
    const r = await jixiao('check', file);
    expect(r.err).toEqual([]);
    const lines = r.out.split('\n');
    const shown = lines.filter((l) => l.startsWith('    [警告] ') && l.endsWith('（score-mismatch）'));
    expect(shown).toEqual([4, 5, 6, 7, 8].map((row) => `    [警告] 问题!H${row}  第 ${row} 行「指标${row - 3}」得分应为 1（正向指标，实际 ÷ 目标 × 分值，分值 1），表中为 0.5（score-mismatch）`));
    expect(lines).toContain('    …还有 149996 条同类问题（score-mismatch）');
    expect(lines.length).toBeLessThan(60);
  }, 300000);
});
