/**
 * `clean` patches the package like `score` (issue 13): for every fixture, example, dirty
 * copy and producer copy, every part of the output is the input's byte for byte except the
 * parts the plan names, and inside those only the elements it names differ. The workbook
 * read back equals the engine's own application of the plan (`cleanup.applyCleanup`),
 * LibreOffice opens and re-saves every output, and `check` on the output equals `check`
 * after the same plan in the add-in's fake Excel. The comparisons parse the XML here, with
 * saxes and regular expressions of their own, not with the writer's code.
 *
 * Closing figures per producer are printed at the end (parts and cells kept byte for byte).
 */
import { spawnSync } from 'child_process';
import { isDeepStrictEqual } from 'util';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

import { analyzeWorkbook, cleanup, type WorkbookGrid } from '../../src/core';
import { readGrid, readGridAndBytes } from '../../src/cli/read';
import { writeCleaned } from '../../src/cli/package/clean';
import { planCleanupOf } from '../../src/cli/package/plan';
import { missingProducers } from '../../scripts/producers';
import { CLI_LIKE, harnessFor } from '../excel/helpers';
import { FIXTURES } from '../helpers/fixtures';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');

/** Deliberately damaged packages: test/cli/read-errors.test.ts covers them. */
const DAMAGED = /^reader-(shared-string-out-of-range|sheet-xml-truncated|shared-strings-missing|sheet-part-missing|styles-garbled|crc-mismatch)\.xlsx$/;

function workbooksIn(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.xlsx') && !path.basename(f).startsWith('~$') && !DAMAGED.test(path.basename(f)))
    .sort()
    .map((f) => path.join(folder, f));
}

const ALL = [...workbooksIn(FIXTURES), ...workbooksIn(EXAMPLES)];
const OPTIONS: cleanup.CleanupOptions = { kinds: { hint: true, 'blank-sheet': true, reuse: false } };
/** The dirty copies are cleaned a second time with every kind on (unmerge and reuse too). */
const EVERYTHING: cleanup.CleanupOptions = { kinds: { unmerge: true, reuse: true } };

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-clean-diff-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------
// Reading a package here, independently of the writer

async function partsOf(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name.replace(/^\//, ''), await f.async('nodebuffer'));
  return out;
}

function attrsOf(xml: string, on: (name: string, attrs: Record<string, string>) => void): void {
  const p = new SaxesParser();
  p.on('opentag', (t) => on(t.name.replace(/^.*:/, ''), t.attributes as Record<string, string>));
  p.write(xml).close();
}

function resolve(source: string, target: string): string {
  const t = decodeURIComponent(target);
  if (t.startsWith('/')) return path.posix.normalize(t).slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(source), t));
}

/** Relationship targets of every part (source → parts), from the `.rels` parts. */
function relGraph(parts: Map<string, Buffer>): Map<string, { id: string; part: string; type: string }[]> {
  const out = new Map<string, { id: string; part: string; type: string }[]>();
  for (const [name, buf] of parts) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(name);
    if (!m) continue;
    const source = `${m[1]}${m[2]}`;
    const list: { id: string; part: string; type: string }[] = [];
    attrsOf(buf.toString('utf8'), (n, a) => {
      if (n === 'Relationship' && a.TargetMode !== 'External') list.push({ id: a.Id, part: resolve(source, a.Target), type: a.Type });
    });
    out.set(source, list);
  }
  return out;
}

/** Sheet name → worksheet part. */
function sheetParts(parts: Map<string, Buffer>): Map<string, string> {
  const graph = relGraph(parts);
  const rootDoc = (graph.get('') ?? []).find((r) => r.type.endsWith('/officeDocument'));
  const wbPart = rootDoc?.part ?? 'xl/workbook.xml';
  const rels = new Map((graph.get(wbPart) ?? []).map((r) => [r.id, r.part]));
  const out = new Map<string, string>();
  attrsOf(parts.get(wbPart)!.toString('utf8'), (n, a) => {
    if (n !== 'sheet') return;
    const rid = Object.entries(a).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
    if (rid && rels.has(rid)) out.set(a.name, rels.get(rid)!);
  });
  return out;
}

/** Top-level children of a worksheet, by local name, as written. */
function children(xml: string): { name: string; text: string }[] {
  const p = new SaxesParser({ position: true });
  const out: { name: string; text: string }[] = [];
  let depth = 0;
  let start = 0;
  let open = 0;
  p.on('opentagstart', () => {
    start = xml.lastIndexOf('<', p.position - 1);
  });
  p.on('opentag', () => {
    depth++;
    if (depth === 2) open = start;
  });
  p.on('closetag', (t) => {
    if (depth === 2) out.push({ name: t.name.replace(/^.*:/, ''), text: xml.slice(open, p.position) });
    depth--;
  });
  p.write(xml).close();
  return out;
}

/** Rows of a worksheet: number → { start tag without r/spans, cells by column (canonical, no r, no formula text) }. */
function rowsOf(xml: string): Map<number, { attrs: string; cells: Map<number, string> }> {
  const out = new Map<number, { attrs: string; cells: Map<number, string> }>();
  const sd = /<(?:\w+:)?sheetData\b[^>]*?(?:\/>|>([\s\S]*)<\/(?:\w+:)?sheetData>)/.exec(xml)?.[1] ?? '';
  let last = 0;
  for (const m of sd.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const r = /\sr="(\d+)"/.exec(m[1]);
    const n = r ? Number(r[1]) : last + 1;
    last = n;
    const attrs = m[1].replace(/\s(r|spans)="[^"]*"/g, '').trim();
    const cells = new Map<number, string>();
    let col = 0;
    for (const c of (m[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ref = /\sr="([A-Z]+)\d+"/.exec(c[1]);
      col = ref ? [...ref[1]].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) : col + 1;
      const body = (c[2] ?? '').replace(/<((?:\w+:)?f)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/, '<f/>').replace(/<(?:\w+:)?v>[\s\S]*?<\/(?:\w+:)?v>/, (v) => (c[2]?.includes('<f') ? '<v/>' : v));
      cells.set(col, `${c[1].replace(/\sr="[^"]*"/, '').trim()}|${body}`);
    }
    out.set(n, { attrs, cells });
  }
  return out;
}

/** Values, formulas, number formats, merges and sheet names: what the read-back must equal. */
function comparable(grid: WorkbookGrid): unknown {
  return grid.sheets.map((s) => {
    const cells: Record<string, unknown> = {};
    s.cells.forEach((row, r) =>
      row?.forEach((c, col) => {
        if (!c) return;
        const v = c.value.t === 'number' ? { t: 'number', v: Number(c.value.v.toPrecision(15)) } : c.value;
        if (v.t === 'empty' && !c.formula) return;
        cells[`${r},${col}`] = { v, ...(c.formula ? { f: c.formula } : {}), nf: c.numFmt ?? 'General' };
      }),
    );
    return { name: s.name, cells, merges: s.merges.map((m) => `${m.top},${m.left}:${m.bottom},${m.right}`).sort() };
  });
}

// ---------------------------------------------------------------------------------------
// The comparison

interface Figures {
  parts: number;
  partsKept: number;
  partsChanged: number;
  partsRemoved: number;
  cells: number;
  cellsKept: number;
  cellsNamed: number;
}

const figures = new Map<string, Figures>();

function producerOf(file: string): string {
  const base = path.basename(file);
  if (base.includes('.libreoffice')) return 'LibreOffice';
  if (base.includes('.openpyxl')) return 'openpyxl';
  if (base.startsWith('clean-excel-like')) return 'Excel-like (ExcelJS + Excel parts)';
  return 'ExcelJS (fixtures, examples)';
}

interface Run {
  plan: cleanup.CleanupPlan;
  grid: WorkbookGrid;
  out: string;
  written: boolean;
}

async function run(file: string, options: cleanup.CleanupOptions, tag: string): Promise<Run> {
  const { grid, bytes } = await readGridAndBytes(file);
  const { plan } = await planCleanupOf(file, bytes, grid, options);
  const out = path.join(dir, `${tag}-${path.relative(ROOT, file).replace(/[\\/]/g, '-')}`);
  const r = await writeCleaned(bytes, plan, out);
  return { plan, grid, out, written: r.written };
}

async function expectOnlyNamedChanges(file: string, { plan, grid, out }: Run, count: boolean): Promise<void> {
  // 1. Read back, the workbook is what the engine's own application of the plan gives.
  expect(comparable((await readGrid(out)).grid)).toEqual(comparable(cleanup.applyCleanup(grid, plan)));

  const before = await partsOf(file);
  const after = await partsOf(out);
  const sheets = sheetParts(before);
  const graph = relGraph(before);
  const changes = plan.changes;
  const deleted = new Map<string, number[]>();
  for (const c of changes) if (c.op === 'delete-row') deleted.set(c.place.sheet, [...(deleted.get(c.place.sheet) ?? []), c.place.row].sort((a, b) => a - b));
  const goneSheets = new Set(changes.filter((c) => c.op === 'delete-sheet').map((c) => c.place.sheet));
  const touched = new Set(changes.filter((c) => c.op !== 'delete-sheet').map((c) => c.place.sheet));
  const notesGone = new Set(changes.filter((c) => c.op === 'remove-note').map((c) => c.place.sheet));

  // 2. No part added; a removed part belongs to a deleted sheet, is the calculation chain,
  //    or holds notes (and their shapes) of a sheet whose last note went.
  expect([...after.keys()].filter((k) => !before.has(k))).toEqual([]);
  const reach = new Set<string>();
  const walk = (p: string): void => {
    if (reach.has(p)) return;
    reach.add(p);
    for (const r of graph.get(p) ?? []) walk(r.part);
  };
  for (const s of goneSheets) walk(sheets.get(s)!);
  const notesOf = (s: string) => (graph.get(sheets.get(s)!) ?? []).filter((r) => /\/(comments|vmlDrawing)$/.test(r.type)).map((r) => r.part);
  const removable = new Set([...reach, ...[...reach].map((p) => p.replace(/([^/]+)$/, '_rels/$1.rels')), 'xl/calcChain.xml', ...[...notesGone].flatMap(notesOf)]);
  const removed = [...before.keys()].filter((k) => !after.has(k));
  for (const p of removed) expect([p, removable.has(p)]).toEqual([p, true]);

  // 3. A changed part is one the plan names.
  const anyDeleted = deleted.size > 0;
  const sheetOwned = (s: string, kind: RegExp) => (graph.get(sheets.get(s)!) ?? []).filter((r) => kind.test(r.type)).map((r) => r.part);
  const mayChange = new Set<string>(['xl/workbook.xml', 'xl/styles.xml']);
  for (const [name, part] of sheets) {
    if (touched.has(name) || anyDeleted) mayChange.add(part);
    if (notesGone.has(name) || deleted.has(name)) {
      for (const p of sheetOwned(name, /\/(comments|vmlDrawing|threadedComment)s?$/)) mayChange.add(p);
      mayChange.add(sheets.get(name)!.replace(/([^/]+)$/, '_rels/$1.rels'));
    }
    if (deleted.has(name)) for (const p of sheetOwned(name, /\/(drawing|table)$/)) mayChange.add(p);
    // hyperlinks removed with their rows drop their relationships
    if (deleted.has(name)) mayChange.add(sheets.get(name)!.replace(/([^/]+)$/, '_rels/$1.rels'));
  }
  if (anyDeleted) for (const k of before.keys()) if (/^xl\/charts\/chart[^/]*\.xml$/.test(k)) mayChange.add(k);
  if (removed.length) ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels'].forEach((p) => mayChange.add(p));
  if (goneSheets.size) mayChange.add('docProps/app.xml');
  const differ = [...after.keys()].filter((k) => !before.get(k)!.equals(after.get(k)!));
  for (const p of differ) expect([p, mayChange.has(p)]).toEqual([p, true]);

  // 4. Inside a worksheet: elements the plan does not name keep their bytes; rows keep their
  //    attributes; cells the plan does not name keep theirs (their `r` and formula aside).
  const SHIFTING = new Set(['sheetData', 'mergeCells', 'dimension', 'sheetViews', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'rowBreaks', 'ignoredErrors', 'extLst', 'legacyDrawing', 'autoFilter']);
  let cells = 0;
  let cellsKept = 0;
  let cellsNamed = 0;
  for (const [name, part] of sheets) {
    if (goneSheets.has(name) || !after.has(part)) continue;
    const a = before.get(part)!.toString('utf8');
    const b = after.get(part)!.toString('utf8');
    const rows = deleted.get(name) ?? [];
    const mayShift = anyDeleted;
    const keepOf = (xml: string) => children(xml).filter((c) => !(c.name === 'sheetData' || (c.name === 'mergeCells' && touched.has(name)) || (c.name === 'legacyDrawing' && notesGone.has(name)) || (mayShift && SHIFTING.has(c.name))));
    expect(keepOf(b)).toEqual(keepOf(a));
    // Elements that follow the rows change in their numbers only (clean-package.test.ts checks the numbers).
    if (mayShift) {
      const digitsOnly = (xml: string) =>
        children(xml)
          .filter((c) => SHIFTING.has(c.name) && c.name !== 'sheetData' && c.name !== 'mergeCells' && !(c.name === 'legacyDrawing' && notesGone.has(name)))
          .map((c) => c.text.replace(/\d+/g, '#'));
      const da = digitsOnly(a);
      const db = digitsOnly(b);
      // An area wholly on deleted rows goes with them (a validation, a link): fewer, never other.
      if (db.length === da.length) expect(db).toEqual(da);
      else expect(db.every((x) => da.includes(x) || da.some((y) => y.length >= x.length))).toBe(true);
    }
    const named = new Set(changes.filter((c) => c.place.sheet === name && c.place.type === 'cell').map((c) => (c.place.type === 'cell' ? `${c.place.row}:${c.place.col}` : '')));
    const ra = rowsOf(a);
    const rb = rowsOf(b);
    for (const [r, row] of ra) {
      const n = cleanup.shiftRow(r, rows);
      if (n === null) continue;
      const nb = rb.get(n);
      expect({ at: `${name}!${r}`, attrs: nb?.attrs }).toEqual({ at: `${name}!${r}`, attrs: row.attrs });
      for (const [c, cell] of row.cells) {
        cells++;
        if (named.has(`${r}:${c}`)) {
          cellsNamed++;
          continue;
        }
        expect({ at: `${name}!${r}:${c}`, cell: nb?.cells.get(c) }).toEqual({ at: `${name}!${r}:${c}`, cell });
        cellsKept++;
      }
    }
    for (const r of rows) if (ra.has(r)) cells += ra.get(r)!.cells.size;
  }

  // 5. Styles: formats and cell formats only appended, everything else as it was.
  if (differ.includes('xl/styles.xml')) {
    const sa = before.get('xl/styles.xml')!.toString('utf8');
    const sb = after.get('xl/styles.xml')!.toString('utf8');
    const block = (x: string, n: string) => new RegExp(`<(?:\\w+:)?${n}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${n}>)`).exec(x);
    expect(block(sb, 'cellXfs')![1].startsWith(block(sa, 'cellXfs')![1])).toBe(true);
    const rest = (x: string) => x.replace(block(x, 'cellXfs')![0], '').replace(block(x, 'numFmts')?.[0] ?? '\u0000', '');
    expect(rest(sb)).toBe(rest(sa));
  }

  // 6. The workbook part: calcPr asks for a full calculation; sheets only removed; names
  //    only follow their rows (the engine's own shiftFormula is the oracle) or go with their sheet.
  const wa = before.get('xl/workbook.xml')!.toString('utf8');
  const wb = after.get('xl/workbook.xml')!.toString('utf8');
  expect(/<(?:\w+:)?calcPr\b[^>]*>/.exec(wb)?.[0]).toMatch(/fullCalcOnLoad="1"/);
  const strip = (x: string) => x.replace(/<(?:\w+:)?calcPr\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?calcPr>)/, '').replace(/<(?:\w+:)?definedNames\b[\s\S]*?<\/(?:\w+:)?definedNames>/, '').replace(/<(?:\w+:)?sheet\b[^>]*\/>/g, '').replace(/<(?:\w+:)?workbookView\b[^>]*\/>/, '');
  expect(strip(wb)).toBe(strip(wa));
  const order = [...sheets.keys()];
  const namesOf = (x: string, list: string[]) =>
    [...x.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)].map((m) => {
      const local = /localSheetId="(\d+)"/.exec(m[1])?.[1];
      return { name: /name="([^"]*)"/.exec(m[1])![1], scope: local === undefined ? '' : list[Number(local)], text: m[2].replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') };
    });
  const kept = order.filter((s) => !goneSheets.has(s));
  const expected = namesOf(wa, order)
    .filter((n) => !goneSheets.has(n.scope))
    .map((n) => ({ ...n, text: [...deleted].reduce((f, [s, rs]) => cleanup.shiftFormula(f, n.scope, s, rs), n.text) }));
  expect(namesOf(wb, kept)).toEqual(expected);

  if (count) {
    const key = producerOf(file);
    const f = figures.get(key) ?? { parts: 0, partsKept: 0, partsChanged: 0, partsRemoved: 0, cells: 0, cellsKept: 0, cellsNamed: 0 };
    f.parts += before.size;
    f.partsKept += before.size - differ.length - removed.length;
    f.partsChanged += differ.length;
    f.partsRemoved += removed.length;
    f.cells += cells;
    f.cellsKept += cellsKept;
    f.cellsNamed += cellsNamed;
    figures.set(key, f);
  }
}

const outputs: string[] = [];
const runs = new Map<string, Run>();

describe('clean patches the package: only what the plan names differs', () => {
  it('has workbooks of every producer to compare', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(40);
    expect(ALL.some((f) => f.includes('.dirty.'))).toBe(true);
    if (!missingProducers().openpyxl) expect(ALL.some((f) => f.includes('.openpyxl-rich.'))).toBe(true);
    if (!missingProducers().libreoffice) expect(ALL.some((f) => f.includes('.libreoffice.'))).toBe(true);
  });

  it.each(ALL.map((f) => [path.relative(ROOT, f), f]))('%s', async (_name, file) => {
    const r = await run(file, OPTIONS, 'default');
    if (!r.plan.changes.length) {
      // Nothing to clean: nothing written.
      expect(r.written).toBe(false);
      expect(fs.existsSync(r.out)).toBe(false);
      return;
    }
    expect(r.written).toBe(true);
    outputs.push(r.out);
    runs.set(file, r);
    await expectOnlyNamedChanges(file, r, true);
  });

  it.each(ALL.filter((f) => f.includes('.dirty.')).map((f) => [path.relative(ROOT, f), f]))('%s with unmerge and reuse', async (_name, file) => {
    const r = await run(file, EVERYTHING, 'all');
    expect(r.plan.counts.unmerge + r.plan.counts.reuse).toBeGreaterThan(0);
    outputs.push(r.out);
    await expectOnlyNamedChanges(file, r, false);
  });

  afterAll(() => {
    const lines = [...figures].map(
      ([p, f]) =>
        `${p}：部件 ${f.parts} 个，逐字节相同 ${f.partsKept}，修改 ${f.partsChanged}，删除 ${f.partsRemoved}；` +
        `单元格 ${f.cells} 个，未点名而逐字节相同（行号随删除移动的除外）${f.cellsKept}，计划点名 ${f.cellsNamed}，随占位行删除 ${f.cells - f.cellsKept - f.cellsNamed}`,
    );
    if (lines.length) console.log(`clean package-diff figures\n${lines.join('\n')}`);
  });
});

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
const required = process.env.JIXIAO_REQUIRE_PRODUCERS === '1' || !!process.env.CI;

describe('LibreOffice opens every output and saves it again', () => {
  if (!SOFFICE && !required) {
    it.skip('skipped: soffice is not installed (Debian libreoffice-calc-nogui)', () => {});
    beforeAll(() => console.warn('!!! SKIPPED: LibreOffice re-save of every clean output (soffice not installed)'));
    return;
  }
  it('converts each output without error', () => {
    expect(SOFFICE).toBeDefined();
    expect(outputs.length).toBeGreaterThan(20);
    const lo = path.join(dir, 'lo');
    fs.mkdirSync(lo, { recursive: true });
    const r = spawnSync(SOFFICE!, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'xlsx', '--outdir', lo, ...outputs], {
      encoding: 'utf8',
      timeout: 900_000,
    });
    const missingOut = outputs.filter((o) => !fs.existsSync(path.join(lo, path.basename(o))));
    expect({ status: r.status, missing: missingOut }).toEqual({ status: 0, missing: [] });
  }, 900_000);
});

describe('check on the output equals check after the same plan in the fake Excel', () => {
  it('for every output ExcelJS can load into the fake', async () => {
    let compared = 0;
    const skipped: string[] = [];
    for (const [file, r] of runs) {
      // The fake holds sheets densely: a stray cell at XFD1048576 is not for it.
      if (r.grid.sheets.some((s) => s.rowCount * s.colCount > 1_000_000)) {
        skipped.push(`${path.basename(file)}（区域过大）`);
        continue;
      }
      let harness;
      try {
        harness = await harnessFor(file);
      } catch {
        skipped.push(path.basename(file)); // ExcelJS cannot load it (openpyxl's absolute comment targets)
        continue;
      }
      // The add-in's own path: its check, and 清理模板 applying the same plan (every kind ticked).
      const { host } = harness;
      const read = async () => (await host.check(CLI_LIKE)).result.tables;
      // Where the fake already reads the input otherwise (a formula without a cached result is
      // empty there), the comparison would be about reading, not cleaning.
      if (!isDeepStrictEqual(await read(), analyzeWorkbook(r.grid).tables)) {
        skipped.push(`${path.basename(file)}（清理前已读法不同）`);
        continue;
      }
      await host.applyCleanup(r.plan, Object.fromEntries(cleanup.CLEANUP_KINDS.map((k) => [k, true])));
      const inExcel = await read();
      const ours = (await readGrid(r.out)).grid;
      expect({ file: path.basename(file), tables: analyzeWorkbook(ours).tables }).toEqual({ file: path.basename(file), tables: inExcel });
      compared++;
    }
    console.log(`check parity with the fake Excel: ${compared} outputs compared; not loaded into the fake: ${skipped.length} (${skipped.join(', ')})`);
    expect(compared).toBeGreaterThan(20);
  }, 300_000);
});
