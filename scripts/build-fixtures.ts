/**
 * Builds the fixture workbooks (real .xlsx files) that reproduce the seed tables as an
 * accountant would have them in Excel: merged cells, line breaks inside header cells,
 * U+3000 and stray spaces, numbers stored as text, placeholder rows, stated rates and
 * scores exactly as the reports print them. The table data lives in ./seed-tables.ts.
 *
 *   npx ts-node --transpile-only scripts/build-fixtures.ts [outDir] [--examples]
 *
 * outDir defaults to test/fixtures; --examples also writes the demo set and a README
 * into examples/. `buildFixtures(outDir)` is exported for a jest globalSetup.
 *
 * Output is deterministic: fixed document dates and creator, and fixed timestamps on
 * the zip entries, so two runs produce byte-identical files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Workbook, Worksheet, Style, Alignment } from 'exceljs';
import JSZip from 'jszip';
import { WORKBOOKS, WorkbookSpec, SheetSpec, CellSpec, Num } from './seed-tables';
import { EDGE_CASES } from './edge-cases';
import { DIRTY_EXAMPLE, buildDirty } from './edge-cases/dirty';
import { buildProducerCopies } from './producers';

export const FIXTURE_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));
export const FIXTURE_CREATOR = '绩效自评助手 fixtures';

const FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseAddress(a: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a);
  if (!m) throw new Error(`bad cell address ${a}`);
  return { row: Number(m[2]), col: colNumber(m[1]) };
}

function parseRange(range: string): Rect {
  const [a, b] = range.split(':');
  const p = parseAddress(a);
  const q = parseAddress(b ?? a);
  return { top: p.row, left: p.col, bottom: q.row, right: q.col };
}

function isNum(v: CellSpec): v is Num {
  return typeof v === 'object' && v !== null;
}

/** Writes one sheet; throws when the spec is inconsistent (value under a merge, overlap, out of range). */
function addSheet(wb: Workbook, spec: SheetSpec): Worksheet {
  const ws = wb.addWorksheet(spec.sheet, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const ncol = spec.widths.length;
  const nrow = spec.rows.length;
  spec.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });

  // Which cells are masters / slaves of merged areas.
  const owner = new Map<string, Rect>();
  const rects = spec.merges.map(parseRange);
  rects.forEach((rect, i) => {
    if (rect.bottom > nrow || rect.right > ncol || rect.top < 1 || rect.left < 1) {
      throw new Error(`${spec.sheet}: merge ${spec.merges[i]} outside the ${nrow}x${ncol} table`);
    }
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) {
        const key = `${r},${c}`;
        if (owner.has(key)) throw new Error(`${spec.sheet}: merge ${spec.merges[i]} overlaps another merge`);
        owner.set(key, rect);
      }
    }
  });

  spec.rows.forEach((row, ri) => {
    if (row.length > ncol) throw new Error(`${spec.sheet}: row ${ri + 1} has ${row.length} cells, table has ${ncol} columns`);
    row.forEach((v, ci) => {
      if (v === null) return;
      const rect = owner.get(`${ri + 1},${ci + 1}`);
      if (rect && (rect.top !== ri + 1 || rect.left !== ci + 1)) {
        throw new Error(`${spec.sheet}: value in row ${ri + 1} column ${ci + 1} lies under a merged area`);
      }
      ws.getCell(ri + 1, ci + 1).value = isNum(v) ? v.v : v;
    });
  });

  for (const m of spec.merges) ws.mergeCells(m);

  const titles = new Set(spec.titleRows);
  const plain = new Set(spec.plainRows ?? []);
  const headers = new Set(spec.headerRows);
  for (let r = 1; r <= nrow; r++) {
    const row = spec.rows[r - 1];
    for (let c = 1; c <= ncol; c++) {
      const v = c <= row.length ? row[c - 1] : null;
      const rect = owner.get(`${r},${c}`);
      const tall = rect !== undefined && rect.bottom > rect.top;
      let style: Partial<Style>;
      if (titles.has(r)) {
        style = {
          font: { name: FONT, size: 16, bold: true },
          alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
        };
      } else {
        let horizontal: Alignment['horizontal'];
        if (plain.has(r)) horizontal = typeof v === 'string' && v.endsWith('：') ? 'left' : 'center';
        else if (headers.has(r) || tall || c === 1) horizontal = 'center';
        else if (typeof v === 'string') horizontal = 'left';
        else horizontal = 'right';
        style = {
          font: { name: FONT, size: 10, bold: headers.has(r) },
          alignment: { horizontal, vertical: 'middle', wrapText: true },
        };
        if (!plain.has(r)) style.border = BORDER;
      }
      if (isNum(v)) style.numFmt = v.fmt;
      // a fresh object per cell: merged cells would otherwise share (and mutate) one style
      ws.getCell(r, c).style = style;
    }
  }
  for (const r of spec.titleRows) ws.getRow(r).height = 30;
  for (const [r, h] of Object.entries(spec.heights ?? {})) ws.getRow(Number(r)).height = h;
  for (const [a, horizontal] of Object.entries(spec.aligns ?? {})) {
    const cell = ws.getCell(a);
    cell.alignment = { ...cell.alignment, horizontal };
  }
  return ws;
}

/** Builds one workbook in memory. */
export function buildWorkbook(spec: WorkbookSpec): Workbook {
  const wb = new Workbook();
  wb.creator = FIXTURE_CREATOR;
  wb.lastModifiedBy = FIXTURE_CREATOR;
  wb.created = FIXTURE_DATE;
  wb.modified = FIXTURE_DATE;
  for (const sheet of spec.sheets) addSheet(wb, sheet);
  return wb;
}

/** Writes the given workbooks into dir with fixed zip-entry timestamps; returns their paths. */
async function writeAll(specs: WorkbookSpec[], dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  // ExcelJS zips through JSZip, which stamps every entry with `new Date()` unless a date
  // is given; its defaults object is the only hook. Restore it afterwards.
  const savedDate = JSZip.defaults.date;
  JSZip.defaults.date = FIXTURE_DATE;
  try {
    const out: string[] = [];
    for (const spec of specs) {
      const file = path.join(dir, spec.file);
      const buffer = await buildWorkbook(spec).xlsx.writeBuffer();
      fs.writeFileSync(file, Buffer.from(buffer as ArrayBuffer));
      out.push(file);
    }
    return out;
  } finally {
    JSZip.defaults.date = savedDate;
  }
}

/** Writes the hand-written edge cases into `dir` (created if needed); returns their paths. */
async function writeEdgeCases(dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const savedDate = JSZip.defaults.date;
  JSZip.defaults.date = FIXTURE_DATE;
  try {
    const out: string[] = [];
    for (const edge of EDGE_CASES) {
      const file = path.join(dir, edge.file);
      fs.writeFileSync(file, await edge.build());
      out.push(file);
    }
    return out;
  } finally {
    JSZip.defaults.date = savedDate;
  }
}

/**
 * Writes every fixture workbook into outDir (created if needed), the edge cases into
 * outDir/edge and the producers' copies into outDir/producers; returns the file paths.
 */
export async function buildFixtures(outDir: string): Promise<string[]> {
  const dir = path.resolve(outDir);
  const files = [...(await writeAll(WORKBOOKS, dir)), ...(await writeEdgeCases(path.join(dir, 'edge')))];
  // The seeds as openpyxl and LibreOffice save them (outDir/producers; skipped where not installed).
  return [...files, ...(await buildProducerCopies(dir)).files];
}

function examplesReadme(): string {
  const lines = [
    '# 示例工作簿',
    '',
    '以下工作簿由 `scripts/build-fixtures.ts --examples` 生成，按种子报告（`shared/seeds/`）中的真实自评表原样还原，',
    '保留了原表的合并单元格、单元格内换行、全角空格、文本型数字、占位行以及表中原有的计算错误，用于演示 `jixiao check` / `jixiao score`。',
    '除自评表外，`seed001-boye.xlsx` 收录绩效目标表（只有指标值和指标值确定依据，用于检查目标设置和资金支出计划），',
    '`seed002-shigu.xlsx` 的最后一张工作表“基础数据表”是部门整体支出绩效评价基础数据表（用于核对人员控制率、三公经费和各项支出合计）。',
    '',
    ...WORKBOOKS.map((w) => `- \`${w.file}\`（工作表：${w.sheets.map((s) => s.sheet).join('、')}）：${w.description}`),
    '',
    `- \`${DIRTY_EXAMPLE.file.replace(/\.xlsx$/, '.dirty.xlsx')}\`：上一份的“脏”副本，用于演示 \`jixiao clean\`（填写提示、合并分组内的占位行、文本型数字、全角符号、网页标签和 Word 书签残留、空白模板工作表、上次运行的标记）。`,
    '',
    '试用：',
    '',
    '```sh',
    'npx jixiao check examples/seed002-shigu.xlsx',
    'npx jixiao check examples/seed001-boye.xlsx',
    'npx jixiao score examples/seed004-liangzhou.xlsx -o /tmp/liangzhou.scored.xlsx',
    'npx jixiao clean examples/seed002-shigu.dirty.xlsx --dry-run',
    '```',
    '',
  ];
  return lines.join('\n');
}

/** Writes the demo workbooks and examples/README.md into dir; returns the file paths. */
export async function buildExamples(dir: string): Promise<string[]> {
  const files = await writeAll(WORKBOOKS, path.resolve(dir));
  // One dirty workbook for `jixiao clean` (issue 8); fixed zip timestamps as above.
  const dirty = path.join(path.resolve(dir), DIRTY_EXAMPLE.file.replace(/\.xlsx$/, '.dirty.xlsx'));
  const savedDate = JSZip.defaults.date;
  JSZip.defaults.date = FIXTURE_DATE;
  try {
    fs.writeFileSync(dirty, await buildDirty(DIRTY_EXAMPLE));
  } finally {
    JSZip.defaults.date = savedDate;
  }
  files.push(dirty);
  const readme = path.join(path.resolve(dir), 'README.md');
  fs.writeFileSync(readme, examplesReadme(), 'utf8');
  return [...files, readme];
}

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--examples');
  const positional = argv.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || positional.length > 1) {
    console.error('usage: build-fixtures.ts [outDir] [--examples]');
    process.exit(2);
  }
  const root = path.resolve(__dirname, '..');
  const outDir = positional[0] !== undefined ? path.resolve(positional[0]) : path.join(root, 'test', 'fixtures');
  const files = await buildFixtures(outDir);
  if (argv.includes('--examples')) files.push(...(await buildExamples(path.join(root, 'examples'))));
  for (const f of files) console.log(path.relative(process.cwd(), f));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
