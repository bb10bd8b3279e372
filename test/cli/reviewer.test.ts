/**
 * The reviewer workflow: folders of submitted workbooks, a summary line per file, findings
 * grouped by severity, `--min-severity`, `--year`, and `score DIR -o OUT` mirroring.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Finding, Severity, TableResult } from '../../src/core';
import { parseArgs } from '../../src/cli/args';
import { loadProfile } from '../../src/cli/profile';
import { jixiao, sha, type Captured } from '../helpers/cli';
import { analyzeFixture, fixture } from '../helpers/fixtures';


interface JsonFile {
  file: string;
  error?: string;
  tables: TableResult[];
  written?: string;
}
const json = (r: Captured): JsonFile[] => (JSON.parse(r.out) as { files: JsonFile[] }).files;

let dir: string;
let root: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-reviewer-'));
  root = path.join(dir, '2023年自评表');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function put(rel: string, from: string | Buffer): string {
  const to = path.join(root, rel);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  if (typeof from === 'string') fs.copyFileSync(fixture(from), to);
  else fs.writeFileSync(to, from);
  return to;
}

/**
 * A reviewer's folder: workbooks at the top and in a sub-folder, plus everything that must
 * be skipped. The lock file, the hidden copies and the text file would fail to read (exit 2)
 * or change the counts if they were processed.
 */
function buildTree(): void {
  put('seed002-shigu.xlsx', 'seed002-shigu.xlsx');
  put('seed000-shijiazhuang.xlsx', 'seed000-shijiazhuang.xlsx');
  put('sub/seed003-jinzhong.xlsx', 'seed003-jinzhong.xlsx');
  put('sub/第10单位.xlsx', 'seed004-liangzhou.xlsx');
  put('sub/第2单位.xlsx', 'seed004-liangzhou.xlsx');
  put('~$lock.xlsx', Buffer.from('owner lock file'));
  put('sub/~$第2单位.xlsx', Buffer.from('owner lock file'));
  put('.hidden/seed004-liangzhou.xlsx', 'seed004-liangzhou.xlsx');
  put('.隐藏.xlsx', Buffer.from('not a workbook'));
  put('x.scored.xlsx', 'seed002-shigu.xlsx');
  put('sub/seed003-jinzhong.scored.xlsx', 'seed003-jinzhong.xlsx');
  put('说明.txt', Buffer.from('请于 3 月底前报送'));
}

/** The order SPEC'd for a folder: path by path, 中文 by pinyin before Latin, numbers by value. */
const ORDER = ['seed000-shijiazhuang.xlsx', 'seed002-shigu.xlsx', 'sub/第2单位.xlsx', 'sub/第10单位.xlsx', 'sub/seed003-jinzhong.xlsx'];
const SOURCE: Record<string, string> = {
  'seed000-shijiazhuang.xlsx': 'seed000-shijiazhuang.xlsx',
  'seed002-shigu.xlsx': 'seed002-shigu.xlsx',
  'sub/第2单位.xlsx': 'seed004-liangzhou.xlsx',
  'sub/第10单位.xlsx': 'seed004-liangzhou.xlsx',
  'sub/seed003-jinzhong.xlsx': 'seed003-jinzhong.xlsx',
};
/** Tables, totals and grades of each seed: SPEC §13 figures. */
const TABLES: Record<string, string> = {
  'seed000-shijiazhuang.xlsx': '6 张表，总分 98.35/99.98/100/100/100/98.16，等级均为优',
  'seed002-shigu.xlsx': '5 张表（含 1 张绩效评价基础数据表），总分 100/95.67/100/100，等级均为优',
  'seed003-jinzhong.xlsx': '1 张表，总分 91 优',
  'seed004-liangzhou.xlsx': '1 张表，总分 92.62 优',
};

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

async function counts(seed: string): Promise<Record<Severity, number>> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const t of (await analyzeFixture(seed)).tables) for (const f of t.findings) c[f.severity]++;
  return c;
}

const countsText = (c: Record<Severity, number>, shown = SEVERITIES) => shown.map((s) => `${LABEL[s]} ${c[s]}`).join('，');
const place = (t: TableResult, f: Finding) => `${t.title && t.title !== t.sheet ? `${t.title}/` : ''}${t.sheet}${f.cell ? `!${f.cell}` : ''}`;

describe('folders', () => {
  it('walks a folder recursively, sorted, skipping lock files, hidden entries, our outputs and other files', async () => {
    buildTree();
    const r = await jixiao('check', root, '--json');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(1);
    expect(json(r).map((f) => f.file)).toEqual(ORDER.map((rel) => path.join(root, rel)));
    expect(json(r).every((f) => f.error === undefined && f.tables.length > 0)).toBe(true);
  });

  it('prints one summary line per file, findings grouped by severity, then the overall line', async () => {
    buildTree();
    const r = await jixiao('check', `${root}${path.sep}`);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    const expected: string[] = [];
    const total = { error: 0, warning: 0, info: 0 };
    let tables = 0;
    for (const rel of ORDER) {
      const c = await counts(SOURCE[rel]);
      for (const s of SEVERITIES) total[s] += c[s];
      tables += (await analyzeFixture(SOURCE[rel])).tables.length;
      expected.push(`${path.join(root, rel)}  ${TABLES[SOURCE[rel]]}；${countsText(c)}`);
    }
    expect(lines.slice(0, ORDER.length)).toEqual(expected);
    expect(lines[ORDER.length]).toBe('');
    expect(lines[lines.length - 1]).toBe(`共 ${ORDER.length} 个文件、${tables} 张表：${countsText(total)}`);
    // seed002 alone: 劳模服务, 双联工作, 省级困难帮扶 state 90 → three total-mismatch errors.
    expect(lines[1]).toMatch(/；错误 [3-9]，/);

    // Groups: 错误, then 警告, then 提示, each listing its findings file by file, as JSON has them.
    const doc = json(await jixiao('check', root, '--json'));
    const body: string[] = [];
    for (const s of SEVERITIES) {
      const group: string[] = [];
      let n = 0;
      for (const f of doc) {
        // Issue 12: at most 5 findings of one rule per table in the text, then how many more.
        const mine = f.tables.flatMap((t) => {
          const of = t.findings.filter((x) => x.severity === s);
          n += of.length;
          const seen = new Map<string, number>();
          return of.flatMap((x) => {
            const k = (seen.get(x.rule) ?? 0) + 1;
            seen.set(x.rule, k);
            const all = of.filter((y) => y.rule === x.rule).length;
            if (k > 5) return [];
            const line = `    ${place(t, x)}  ${x.message}（${x.rule}）`;
            return k === 5 && all > 5 ? [line, `    …还有 ${all - 5} 条同类问题（${x.rule}）`] : [line];
          });
        });
        if (mine.length) group.push(`  ${f.file}`, ...mine);
      }
      if (n) body.push('', `${LABEL[s]}（${n}）`, ...group);
      expect(n).toBe(total[s]);
    }
    expect(lines.slice(ORDER.length, lines.length - 2)).toEqual(body);
    expect(lines[lines.length - 2]).toBe('');
    expect(r.out).toContain(`错误（${total.error}）\n  ${path.join(root, 'seed000-shijiazhuang.xlsx')}\n    专项业务培训费/专项业务培训!G8  预算执行率应为 83.49%`);
    expect(r.out).toContain(`  ${path.join(root, 'seed002-shigu.xlsx')}\n    劳模服务!H23  总分应为 95.67（指标得分 90 + 预算执行率得分 5.67），表中为 90（total-mismatch）`);
    expect(r.out.indexOf('错误（')).toBeLessThan(r.out.indexOf('警告（'));
    expect(r.out).toContain('    石鼓区总工会/部门整体!G4  预算执行率未填写，应为 100.00%（execution-missing）');
  });

  it('mixes files and folders in command-line order and processes a workbook reached twice once', async () => {
    buildTree();
    const loose = path.join(dir, 'seed004-liangzhou.xlsx');
    fs.copyFileSync(fixture('seed004-liangzhou.xlsx'), loose);
    const missing = path.join(dir, '没有这个文件.xlsx');
    const r = await jixiao('check', loose, path.join(root, 'sub'), path.join(root, 'sub', '第2单位.xlsx'), missing, '--json');
    expect(r.code).toBe(2);
    expect(json(r).map((f) => f.file)).toEqual([
      loose,
      path.join(root, 'sub', '第2单位.xlsx'),
      path.join(root, 'sub', '第10单位.xlsx'),
      path.join(root, 'sub', 'seed003-jinzhong.xlsx'),
      missing,
    ]);
    expect(json(r)[4]).toEqual({ file: missing, error: `${missing}：找不到文件`, tables: [] });
    expect(r.err).toEqual([`${missing}：找不到文件`]);
  });

  it('an unreadable workbook in a folder gets its own summary line and exit 2; the others are still reported', async () => {
    put('a.xlsx', Buffer.from('项目,得分\n'));
    put('b.xlsx', 'seed003-jinzhong.xlsx');
    const r = await jixiao('check', root);
    expect(r.code).toBe(2);
    const bad = path.join(root, 'a.xlsx');
    expect(r.err).toEqual([`${bad}：不是 Excel 工作簿（.xlsx）`]);
    const c = await counts('seed003-jinzhong.xlsx');
    expect(r.out.split('\n').slice(0, 2)).toEqual([`${bad}  无法处理：不是 Excel 工作簿（.xlsx）`, `${path.join(root, 'b.xlsx')}  1 张表，总分 91 优；${countsText(c)}`]);
    expect(r.out.split('\n').pop()).toBe(`共 1 个文件、1 张表：${countsText(c)}；1 个无法处理`);
  });

  it('an empty folder is one line on stderr and exit 2', async () => {
    fs.mkdirSync(root);
    const r = await jixiao('check', root);
    expect(r).toEqual({ code: 2, out: '', err: [`${root}：文件夹中没有 .xlsx 文件`] });
    const j = await jixiao('check', root, '--json');
    expect(j.code).toBe(2);
    expect(json(j)).toEqual([{ file: root, error: `${root}：文件夹中没有 .xlsx 文件`, tables: [] }]);
  });

  it('a folder holding only skipped files says what was skipped; other spreadsheet formats are named', async () => {
    // Without LibreOffice (issue 13: with it, check converts .xls; see summary-xls.test.ts).
    process.env.JIXIAO_SOFFICE = '';
    put('~$lock.xlsx', Buffer.from('lock'));
    put('x.scored.xlsx', 'seed002-shigu.xlsx');
    put('旧表.xls', Buffer.from('legacy'));
    const r = await jixiao('check', root);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `${root}：文件夹中没有 .xlsx 文件（${path.join(root, '旧表.xls')} 不是 .xlsx，请在 Excel 中另存为 .xlsx；未找到 LibreOffice（soffice），无法自动转换 .xls；已跳过 2 个隐藏、~$ 临时或 .scored.xlsx 文件）`,
    ]);

    put('b.xlsx', 'seed003-jinzhong.xlsx');
    const ok = await jixiao('check', root);
    expect(ok.code).toBe(0);
    expect(ok.err).toEqual([`jixiao：注意：${path.join(root, '旧表.xls')} 不是 .xlsx 文件，未审核（请在 Excel 中另存为 .xlsx；未找到 LibreOffice（soffice），无法自动转换 .xls）`]);
    delete process.env.JIXIAO_SOFFICE;
  });

  it('exit 0 for a folder without error findings', async () => {
    put('晋中.xlsx', 'seed003-jinzhong.xlsx');
    put('sub/晋中2.xlsx', 'seed003-jinzhong.xlsx');
    const r = await jixiao('check', root);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('错误（');
  });
});

describe('layout of the human output', () => {
  it('one file: the detailed report; a folder or several files: the summary; --detail / --summary override', async () => {
    const one = put('seed002-shigu.xlsx', 'seed002-shigu.xlsx');
    put('sub/seed003-jinzhong.xlsx', 'seed003-jinzhong.xlsx');
    const detail = await jixiao('check', one);
    expect(detail.out).toContain('▸ 劳模服务!A1:I23  项目支出绩效自评表「劳模服务」');
    expect(detail.out).not.toContain('错误（');

    const summary = await jixiao('check', one, '--summary');
    expect(summary.out.split('\n')[0]).toMatch(new RegExp(`^${one.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}  5 张表（含 1 张绩效评价基础数据表），总分 100/95.67/100/100，等级均为优；错误 \\d+，警告 \\d+，提示 \\d+$`));
    expect(summary.out).not.toContain('▸');

    // A folder with a single workbook still gets the summary: the format does not depend on how many it holds.
    const folder = await jixiao('check', path.join(root, 'sub'));
    expect(folder.out).not.toContain('▸');
    expect(folder.out.split('\n')[0]).toMatch(/seed003-jinzhong\.xlsx {2}1 张表，总分 91 优；/);

    const both = await jixiao('check', root, '--detail');
    expect(both.out).toContain('▸ 劳模服务!A1:I23');
    expect(both.out).toContain('▸ 晋中!A1:G47');
    expect(both.out).not.toContain('错误（');
    expect(both.out.split('\n').pop()).toMatch(/^共 2 个文件、6 张表：/);

    const clash = await jixiao('check', root, '--detail', '--summary');
    expect(clash.code).toBe(2);
    expect(clash.err[0]).toContain('只能二选一');
  });
});

describe('--min-severity', () => {
  it('error: only errors in the lines, the groups and the JSON; the exit status still counts errors', async () => {
    buildTree();
    const all = json(await jixiao('check', root, '--json'));
    const r = await jixiao('check', root, '--min-severity', 'error');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    const total = { error: 0, warning: 0, info: 0 };
    for (const [i, rel] of ORDER.entries()) {
      const c = await counts(SOURCE[rel]);
      for (const s of SEVERITIES) total[s] += c[s];
      expect(lines[i]).toBe(`${path.join(root, rel)}  ${TABLES[SOURCE[rel]]}；错误 ${c.error}`);
    }
    expect(r.out).toContain(`\n错误（${total.error}）\n`);
    expect(r.out).not.toMatch(/警告（|提示（|execution-missing/);
    const hidden = (['warning', 'info'] as const).filter((s) => total[s] > 0).map((s) => `${LABEL[s]} ${total[s]}`);
    expect(total.warning).toBeGreaterThan(0);
    expect(lines.pop()).toBe(`共 5 个文件、${all.reduce((n, f) => n + f.tables.length, 0)} 张表：错误 ${total.error}（另有${hidden.join('、')} 未列出）`);

    const j = await jixiao('check', root, '--json', '--min-severity=error');
    expect(j.code).toBe(1);
    const filtered = json(j);
    const severities = filtered.flatMap((f) => f.tables.flatMap((t) => t.findings.map((x) => x.severity)));
    expect(severities).toEqual(Array(total.error).fill('error'));
    // Only findings are filtered: same files, same tables, same figures, same key order.
    expect(filtered.map((f) => f.tables.map((t) => [Object.keys(t), t.total]))).toEqual(all.map((f) => f.tables.map((t) => [Object.keys(t), t.total])));
    expect(filtered[1].tables[1].findings).toEqual(all[1].tables[1].findings.filter((x) => x.severity === 'error'));
  });

  it('warning keeps errors and warnings; the detailed report says when a table has nothing left to show', async () => {
    const file = put('seed003-jinzhong.xlsx', 'seed003-jinzhong.xlsx');
    const d = await jixiao('check', file, '--min-severity', 'warning');
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/ {4}未发现(错误或警告|问题)|\[(错误|警告)\]/);
    expect(d.out).not.toContain('[提示]');
    expect(d.out.split('\n').pop()).toMatch(/^共 1 个文件、1 张表：错误 \d+，警告 \d+(（另有提示 \d+ 未列出）)?$/);

    const seed002 = put('seed002-shigu.xlsx', 'seed002-shigu.xlsx');
    const e = await jixiao('check', seed002, '--min-severity', '错误');
    expect(e.code).toBe(1);
    expect(e.out).toContain('▸ 部门整体!A1:I23');
    // 部门整体 has only a warning (execution-missing): hidden, so the table says it has no error.
    expect(e.out).toContain('▸ 部门整体!A1:I23  部门整体支出绩效自评表「石鼓区总工会」\n    预算执行：预算 118.67，执行 118.67，执行率 100.00%，得分 10 / 10，扣分 0\n    总分 100，等级 优\n    未发现错误\n');
    expect(e.out).not.toContain('[警告]');
  });

  it.each([['fatal'], ['Error!'], ['']])('an unknown severity %j is a usage error (exit 2, one line)', async (level) => {
    put('a.xlsx', 'seed003-jinzhong.xlsx');
    const r = await jixiao('check', root, `--min-severity=${level}`);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err[0]).toBe(`jixiao：未知的问题级别 ${level}（--min-severity 应为 error、warning 或 info）`);
  });

  it('needs a value', async () => {
    const r = await jixiao('check', 'a.xlsx', '--min-severity');
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('需要一个值');
  });
});

describe('--year', () => {
  it.each([['1999'], ['2101'], ['23'], ['二〇二三'], ['2023.5'], ['2023年']])('rejects %j with exit 2', async (y) => {
    const r = await jixiao('check', fixture('seed003-jinzhong.xlsx'), '--year', y);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`jixiao：--year 应为 2000–2100 之间的年份，收到 ${y}`);
  });

  it('accepts 2000–2100 and sets the profile year (a year on the command line wins over a profile file)', async () => {
    expect(parseArgs(['check', 'a.xlsx', '--year', '2000']).year).toBe(2000);
    expect(parseArgs(['check', 'a.xlsx', '--year=2100']).year).toBe(2100);
    expect(parseArgs(['check', 'a.xlsx']).year).toBeNull();
    expect(loadProfile(null, 2023)).toMatchObject({ name: 'mof-2020', year: 2023 });
    expect(loadProfile('hubei', 2024)).toMatchObject({ name: 'hubei', executionWeight: 20, year: 2024 });
    expect(loadProfile(null).year).toBeUndefined();
    fs.mkdirSync(root);
    const p = path.join(root, 'p.json');
    fs.writeFileSync(p, JSON.stringify({ name: '本市', year: 2020 }));
    expect(loadProfile(p).year).toBe(2020);
    expect(loadProfile(p, 2023).year).toBe(2023);

    const file = put('seed003-jinzhong.xlsx', 'seed003-jinzhong.xlsx');
    const r = await jixiao('check', file, '--year', '2023', '--json');
    expect(r.code).toBe(0);
    expect(json(r)[0].tables[0].total.score).toBe(91);
  });
});

describe('score DIR', () => {
  it('-o OUT mirrors the folder tree under OUT (created if needed) and leaves the inputs alone', async () => {
    buildTree();
    const before = new Map(ORDER.map((rel) => [rel, sha(path.join(root, rel))]));
    const listing = () => fs.readdirSync(root, { recursive: true }).map(String).sort();
    const inputs = listing();
    const out = path.join(dir, '已计分', '2023');
    const r = await jixiao('score', root, '-o', out, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toEqual([]);
    expect(json(r).map((f) => f.written)).toEqual(ORDER.map((rel) => path.join(out, rel)));
    const written = fs.readdirSync(out, { recursive: true }).map(String).sort();
    expect(written).toEqual(['seed000-shijiazhuang.xlsx', 'seed002-shigu.xlsx', 'sub', ...ORDER.filter((x) => x.startsWith('sub/')).map((x) => x.replace('/', path.sep))].sort());
    expect(listing()).toEqual(inputs);
    for (const rel of ORDER) expect(sha(path.join(root, rel))).toBe(before.get(rel));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'seed002-shigu.xlsx'));
    expect(wb.getWorksheet('劳模服务')!.getCell('H23').value).toBe(95.67);

    // The scored copies check clean of total-mismatch.
    const again = json(await jixiao('check', out, '--json'));
    expect(again.map((f) => f.file)).toEqual(ORDER.map((rel) => path.join(out, rel)));
    expect(again.flatMap((f) => f.tables.flatMap((t) => t.findings.map((x) => x.rule)))).not.toContain('total-mismatch');
  });

  it('without -o writes NAME.scored.xlsx beside each input, which the next run skips', async () => {
    put('a.xlsx', 'seed002-shigu.xlsx');
    put('sub/b.xlsx', 'seed003-jinzhong.xlsx');
    const r = await jixiao('score', root);
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.join(root, 'a.scored.xlsx'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'sub', 'b.scored.xlsx'))).toBe(true);
    expect(r.out.split('\n')[0]).toMatch(new RegExp(`；已写入 .*a\\.scored\\.xlsx（\\d+ 处修改）$`));
    const again = json(await jixiao('check', root, '--json'));
    expect(again.map((f) => f.file)).toEqual([path.join(root, 'a.xlsx'), path.join(root, 'sub', 'b.xlsx')]);
  });

  it('an -o folder inside the input folder is not walked on the next run', async () => {
    put('a.xlsx', 'seed003-jinzhong.xlsx');
    const out = path.join(root, '输出');
    expect((await jixiao('score', root, '-o', out)).code).toBe(0);
    expect(fs.existsSync(path.join(out, 'a.xlsx'))).toBe(true);
    // The earlier output exists now: replacing it needs --force (issue 6 item 12).
    const r = await jixiao('score', root, '-o', out, '--json', '--force');
    expect(json(r).map((f) => f.file)).toEqual([path.join(root, 'a.xlsx')]);
  });

  it('refuses, before writing anything, two inputs aimed at one output or an -o that is a file', async () => {
    put('甲/自评表.xlsx', 'seed003-jinzhong.xlsx');
    put('乙/自评表.xlsx', 'seed003-jinzhong.xlsx');
    const out = path.join(dir, 'out');
    const r = await jixiao('score', path.join(root, '甲'), path.join(root, '乙'), '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `jixiao：${path.join(root, '甲', '自评表.xlsx')} 与 ${path.join(root, '乙', '自评表.xlsx')} 会写到同一个输出文件 ${path.join(out, '自评表.xlsx')}，请分开处理`,
    ]);
    expect(fs.existsSync(out)).toBe(false);

    // The whole tree instead keeps them apart.
    expect((await jixiao('score', root, '-o', out)).code).toBe(0);
    expect(fs.readdirSync(out, { recursive: true }).map(String).sort()).toEqual(['乙', path.join('乙', '自评表.xlsx'), '甲', path.join('甲', '自评表.xlsx')].sort());

    const file = path.join(dir, 'out.xlsx');
    fs.writeFileSync(file, '');
    const f = await jixiao('score', root, '-o', file);
    expect(f.code).toBe(2);
    expect(f.err).toEqual([`jixiao：处理多个文件或文件夹时 -o 应为文件夹，而 ${file} 是一个文件`]);
    const g = await jixiao('score', root, '-o', path.join(dir, 'new.xlsx'));
    expect(g.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'new.xlsx'))).toBe(false);
  });

  it('--in-place rewrites each workbook in the folder and writes nothing else', async () => {
    const a = put('a.xlsx', 'seed002-shigu.xlsx');
    const before = sha(a);
    const r = await jixiao('score', root, '--in-place');
    expect(r.code).toBe(1);
    expect(sha(a)).not.toBe(before);
    expect(fs.readdirSync(root)).toEqual(['a.xlsx']);
  });
});

describe('usage', () => {
  it('--help documents folders, --min-severity, --year, --summary and --detail', async () => {
    const r = await jixiao('--help');
    expect(r.code).toBe(0);
    for (const words of ['文件或文件夹', '~$', '*.scored.xlsx', '--min-severity 级别', '--year 年份', '--summary', '--detail', '不受 --min-severity 影响']) {
      expect(r.out).toContain(words);
    }
  });
});
