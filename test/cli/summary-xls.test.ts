/**
 * Issue 13: `.xls` submissions are converted through LibreOffice (one process for the batch,
 * into a temporary folder) and reviewed like the others; the input is never touched. The
 * .xls fixtures are made here from the seed workbooks with soffice itself. Without soffice
 * the suite is skipped with a warning, and fails under JIXIAO_REQUIRE_PRODUCERS=1.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import ExcelJS from 'exceljs';
import { findSoffice } from '../../src/cli/files';
import { jixiao, sha } from '../helpers/cli';
import { fixture } from '../helpers/fixtures';

const soffice = findSoffice({ PATH: process.env.PATH });
const required = process.env.JIXIAO_REQUIRE_PRODUCERS === '1';
if (!soffice) {
  if (required) throw new Error('JIXIAO_REQUIRE_PRODUCERS=1 but soffice (LibreOffice) is not installed: the .xls conversion cannot be tested');
  console.warn('SKIPPED test/cli/summary-xls.test.ts: soffice (LibreOffice) is not installed, .xls conversion is not tested');
}
const suite = soffice ? describe : describe.skip;

let build: string;
let dir: string;

/** The .xls fixtures: seed workbooks saved as Excel 97-2003 by LibreOffice. */
function buildXls(): void {
  build = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-xls-fixtures-'));
  for (const name of ['seed002-shigu.xlsx', 'seed003-jinzhong.xlsx']) fs.copyFileSync(fixture(name), path.join(build, name));
  execFileSync(soffice!, [
    `-env:UserInstallation=${pathToFileURL(path.join(build, 'profile')).href}`,
    '--headless',
    '--convert-to',
    'xls',
    '--outdir',
    build,
    path.join(build, 'seed002-shigu.xlsx'),
    path.join(build, 'seed003-jinzhong.xlsx'),
  ], { stdio: 'ignore', timeout: 300000 });
  for (const name of ['seed002-shigu.xls', 'seed003-jinzhong.xls']) {
    const head = fs.readFileSync(path.join(build, name)).subarray(0, 4);
    if (!head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new Error(`${name} is not an OLE .xls`);
  }
}

suite('.xls through LibreOffice', () => {
  beforeAll(buildXls, 300000);
  afterAll(() => fs.rmSync(build, { recursive: true, force: true }));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-xls-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check converts every .xls of a folder with one soffice process and reviews it; inputs untouched', async () => {
    const root = path.join(dir, '收到');
    fs.mkdirSync(path.join(root, '乙单位'), { recursive: true });
    fs.mkdirSync(path.join(root, '丙单位'), { recursive: true });
    fs.copyFileSync(path.join(build, 'seed003-jinzhong.xls'), path.join(root, '甲单位.xls'));
    // Two submissions with one name: converted side by side without clobbering each other.
    fs.copyFileSync(path.join(build, 'seed003-jinzhong.xls'), path.join(root, '乙单位', '自评表.xls'));
    fs.copyFileSync(path.join(build, 'seed002-shigu.xls'), path.join(root, '丙单位', '自评表.xls'));
    fs.writeFileSync(path.join(root, '改了扩展名.xls'), '这不是工作簿');
    fs.copyFileSync(fixture('seed000-shijiazhuang.xlsx'), path.join(root, 'a.xlsx'));
    const hashes = fs.readdirSync(root, { recursive: true }).map(String).filter((f) => f.includes('.')).map((f) => [f, sha(path.join(root, f))]);
    // Count the LibreOffice processes through a wrapper that logs each start.
    const log = path.join(dir, 'soffice.log');
    const wrapper = path.join(dir, 'soffice-wrapper.sh');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho run >> "${log}"\nexec "${soffice}" "$@"\n`, { mode: 0o755 });
    const tmpBefore = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('jixiao-xls-') && !f.startsWith('jixiao-xls-fixtures')).length;
    process.env.JIXIAO_SOFFICE = wrapper;
    let r;
    const report = path.join(dir, '审核汇总.xlsx');
    try {
      r = await jixiao('check', root, '--json', '--report', report);
    } finally {
      delete process.env.JIXIAO_SOFFICE;
    }
    expect(fs.readFileSync(log, 'utf8')).toBe('run\n');
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('jixiao-xls-') && !f.startsWith('jixiao-xls-fixtures')).length).toBe(tmpBefore);
    for (const [f, h] of hashes) expect(sha(path.join(root, f))).toBe(h);

    const files = JSON.parse(r.out).files as { file: string; error?: string; notes?: string[]; tables: { sheet: string; total: { score: number } }[] }[];
    const by = (rel: string) => files.find((f) => f.file === path.join(root, rel))!;
    expect(files.map((f) => path.relative(root, f.file))).toEqual([path.join('丙单位', '自评表.xls'), '改了扩展名.xls', '甲单位.xls', path.join('乙单位', '自评表.xls'), 'a.xlsx']);
    expect(by('甲单位.xls').tables.map((t) => [t.sheet, t.total.score])).toEqual([['晋中', 91]]);
    expect(by('甲单位.xls').notes).toEqual(['已用 LibreOffice 将 .xls 转换为 .xlsx 后审核（原文件未改动）']);
    expect(by(path.join('乙单位', '自评表.xls')).tables.map((t) => t.sheet)).toEqual(['晋中']);
    expect(by(path.join('丙单位', '自评表.xls')).tables.map((t) => [t.sheet, t.total.score])).toEqual([
      ['部门整体', 100],
      ['劳模服务', 95.67],
      ['双联工作', 100],
      ['省级困难帮扶和送温暖', 100],
      ['基础数据表', null],
    ]);
    const fake = path.join(root, '改了扩展名.xls');
    expect(by('改了扩展名.xls').error).toBe(`${fake}：不是 Excel 97-2003 工作簿（.xls），无法读取`);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`${fake}：不是 Excel 97-2003 工作簿（.xls），无法读取`]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const ws = wb.getWorksheet('汇总')!;
    const rowOf = (rel: string) => [...Array(ws.rowCount).keys()].map((i) => i + 1).find((n) => (ws.getCell(n, 1).value as { text?: string })?.text === path.join(root, rel))!;
    const jia = rowOf('甲单位.xls');
    expect(ws.getCell(jia, 1).value).toEqual({ text: path.join(root, '甲单位.xls'), hyperlink: '收到/甲单位.xls' });
    expect([2, 3, 11, 14, 18, 19].map((c) => ws.getCell(jia, c).value)).toEqual(['晋中', '晋中市总工会', 91, '优', '通过', '已用 LibreOffice 将 .xls 转换为 .xlsx 后审核（原文件未改动）']);
    const bad = rowOf('改了扩展名.xls');
    expect([18, 19].map((c) => ws.getCell(bad, c).value)).toEqual(['无法读取', '不是 Excel 97-2003 工作簿（.xls），无法读取']);
  });

  it('a .xls given directly is converted for check; score still refuses it, naming the format', async () => {
    const file = path.join(dir, '单位.xls');
    fs.copyFileSync(path.join(build, 'seed003-jinzhong.xls'), file);
    const before = sha(file);
    const r = await jixiao('check', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('晋中!A1:G47  部门整体支出绩效评价指标体系「晋中市总工会」');
    expect(r.out).toContain('注意：已用 LibreOffice 将 .xls 转换为 .xlsx 后审核（原文件未改动）');
    const s = await jixiao('score', file);
    expect(s.code).toBe(2);
    expect(s.err[0]).toContain('这是旧版 Excel 97-2003 工作簿（.xls），无法读取');
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['单位.xls']);
  });
});
