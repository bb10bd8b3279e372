/**
 * Round trip on real .xlsx files (issue 8): cleaning a dirty copy of each seed gives the
 * workbook cleaning the original gives (same `jixiao check --json` tables), the figures
 * match the original's, a second clean finds nothing, and only our own marks go.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { cleanup } from '../../src/core';
import { WORKBOOKS } from '../../scripts/seed-tables';
import { jixiao, sha } from '../helpers/cli';

const FIX = path.join(__dirname, '..', 'fixtures');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-clean-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Json {
  files: { file: string; tables: Table[] }[];
}
interface Table {
  sheet: string;
  title: string | null;
  execution: { score: number | null; rate: number | null } | null;
  indicators: { level3: string; score: number | null; placeholder?: boolean; weight: number | null }[];
  total: { score: number | null } | null;
  grade: { value: string | null } | null;
  findings: { rule: string; cell: string | null; severity: string }[];
}

async function checkJson(file: string): Promise<Table[]> {
  const r = await jixiao('check', file, '--json');
  expect(r.code).not.toBe(2);
  return (JSON.parse(r.out) as Json).files[0].tables;
}

/** Findings the debris itself causes in the original seeds (numbers typed as text). */
const DEBRIS_RULES = new Set(['text-number']);

const figures = (ts: Table[]) =>
  ts.map((t) => ({
    sheet: t.sheet,
    title: t.title,
    execution: t.execution && { score: t.execution.score, rate: t.execution.rate },
    scores: t.indicators.filter((i) => i.score !== null || i.weight !== null).map((i) => [i.level3, i.weight, i.score]),
    total: t.total?.score ?? null,
    grade: t.grade?.value ?? null,
  }));

describe.each(WORKBOOKS.map((w) => w.file))('clean %s', (file) => {
  const original = path.join(FIX, file);
  const dirty = path.join(FIX, 'edge', file.replace(/\.xlsx$/, '.dirty.xlsx'));
  let cleanOrig = path.join(tmp, file.replace(/\.xlsx$/, '.orig.clean.xlsx'));
  const cleanDirty = path.join(tmp, file.replace(/\.xlsx$/, '.dirty.clean.xlsx'));

  beforeAll(async () => {
    const before = sha(dirty);
    const a = await jixiao('clean', original, '-o', cleanOrig);
    const b = await jixiao('clean', dirty, '-o', cleanDirty);
    expect([a.code, b.code]).not.toContain(2);
    expect(sha(dirty)).toBe(before);
    // Issue 13: a workbook with nothing to clean is not written; it is its own clean version.
    if (!fs.existsSync(cleanOrig)) {
      expect(a.out).toContain('无需清理：没有发现需要处理的内容，未写入文件');
      cleanOrig = original;
    }
  });

  it('gives the same check result as cleaning the clean original', async () => {
    expect(await checkJson(cleanDirty)).toEqual(await checkJson(cleanOrig));
  });

  it('keeps the original figures (scores, totals, grades, execution)', async () => {
    expect(figures(await checkJson(cleanDirty))).toEqual(figures(await checkJson(original)));
  });

  it('removes only findings the debris caused', async () => {
    const key = (f: Table['findings'][number], t: Table) => `${t.sheet}|${f.rule}`;
    const after = new Set((await checkJson(cleanDirty)).flatMap((t) => t.findings.map((f) => key(f, t))));
    const gone = (await checkJson(original)).flatMap((t) => t.findings.filter((f) => !after.has(key(f, t))).map((f) => f.rule));
    expect(gone.filter((r) => !DEBRIS_RULES.has(r))).toEqual([]);
  });

  it('finds nothing to do the second time', async () => {
    const r = await jixiao('clean', cleanDirty, '--dry-run', '--json');
    const doc = JSON.parse(r.out) as { files: { changes: unknown[] }[] };
    expect(doc.files[0].changes).toEqual([]);
  });

  it('removes our marks, keeps a person’s fill and note, and deletes the blank template sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(cleanDirty);
    expect(wb.worksheets.map((w) => w.name)).not.toContain('空白模板');
    const ws = wb.worksheets[0];
    const fillOf = (a: string) => (ws.getCell(a).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
    for (const a of ['A1', 'B2', 'C3']) expect(cleanup.isMarkFill(fillOf(a))).toBe(false);
    expect(fillOf('A2')).toBe('FF92D050');
    expect(ws.getCell('B2').note).toBeUndefined();
    expect(ws.getCell('A2').note).toBeDefined();
  });
});

describe('the dirty copies carry every kind of debris', () => {
  it.each(['seed002-shigu.xlsx', 'seed000-shijiazhuang.xlsx'])('%s', async (file) => {
    const r = await jixiao('clean', path.join(FIX, 'edge', file.replace(/\.xlsx$/, '.dirty.xlsx')), '--dry-run', '--json');
    const counts = (JSON.parse(r.out) as { files: { counts: Record<string, number> }[] }).files[0].counts;
    for (const k of ['text', 'notation', 'number', 'placeholder-row', 'hint', 'blank-sheet', 'mark']) expect([k, counts[k] >= 1]).toEqual([k, true]);
    expect(counts.hint).toBeGreaterThanOrEqual(2);
    expect(counts.mark).toBe(4);
    expect(counts['blank-sheet']).toBe(1);
  });
});
