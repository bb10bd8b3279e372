import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { jixiao, sha } from '../helpers/cli';
import { fixture } from '../helpers/fixtures';



let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function copy(name: string): string {
  const to = path.join(dir, name);
  fs.copyFileSync(fixture(name), to);
  return to;
}

describe('jixiao check', () => {
  it('prints one JSON document with the SPEC §14 shape and exits 1 on an error finding', async () => {
    const file = copy('seed002-shigu.xlsx');
    const r = await jixiao('check', file, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toEqual([]);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['files']);
    expect(doc.files[0].file).toBe(file);
    const t = doc.files[0].tables[1];
    expect(Object.keys(t)).toEqual(['sheet', 'kind', 'range', 'title', 'execution', 'indicators', 'total', 'grade', 'findings']);
    expect(t).toMatchObject({ sheet: '劳模服务', kind: 'project', title: '劳模服务', total: { score: 95.67, stated: 90, cell: 'H23' } });
    expect(Object.keys(t.execution)).toEqual(['budget', 'executed', 'rate', 'weight', 'score', 'deduction', 'statedRate', 'statedScore', 'rateCell', 'scoreCell', 'rateConvention']);
    expect(Object.keys(t.indicators[0])).toEqual(['row', 'level1', 'level2', 'level3', 'target', 'actual', 'weight', 'score', 'statedScore', 'method', 'scoreCell']);
    expect(t.findings[0]).toEqual({ rule: 'total-mismatch', severity: 'error', cell: 'H23', message: '总分应为 95.67（指标得分 90 + 预算执行率得分 5.67），表中为 90' });
  });

  it('exits 0 on a consistent workbook and writes nothing', async () => {
    const file = copy('seed003-jinzhong.xlsx');
    const before = sha(file);
    const r = await jixiao('check', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('晋中!A1:G47  部门整体支出绩效评价指标体系「晋中市总工会」');
    expect(r.out).toContain('总分 91（表中 91），等级 优（表中 优）');
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['seed003-jinzhong.xlsx']);
  });

  it('prints a readable report per table for a person', async () => {
    const r = await jixiao('check', copy('seed002-shigu.xlsx'));
    expect(r.out).toContain('▸ 劳模服务!A1:I23  项目支出绩效自评表「劳模服务」');
    expect(r.out).toContain('预算执行：预算 6，执行 3.4，执行率 56.67%，得分 5.67 / 10，扣分 4.33');
    expect(r.out).toContain('总分 95.67（表中 90），等级 优');
    expect(r.out).toContain('[错误] 劳模服务!H23  总分应为 95.67（指标得分 90 + 预算执行率得分 5.67），表中为 90（total-mismatch）');
    expect(r.out).toMatch(/共 1 个文件、\d+ 张表：错误 \d+，警告 \d+，提示 \d+$/);
  });

  it('takes a profile by name or from a JSON file', async () => {
    const file = copy('seed002-shigu.xlsx');
    const hubei = JSON.parse((await jixiao('check', file, '--json', '--profile', 'hubei')).out);
    // 劳模服务 leaves 分值 empty: Hubei's 20 applies; 双联工作 writes 10 in its 分值 cell, which wins.
    expect(hubei.files[0].tables[1].execution).toMatchObject({ weight: 20, score: 11.33, deduction: 8.67 });
    expect(hubei.files[0].tables[2].execution).toMatchObject({ weight: 10, score: 10 });
    const custom = path.join(dir, 'p.json');
    fs.writeFileSync(custom, JSON.stringify({ name: '本市', grades: [{ min: 85, label: '优' }, { min: 75, label: '良' }, { min: 60, label: '中' }, { min: 0, label: '差' }] }));
    const r = await jixiao('check', copy('seed000-shijiazhuang.xlsx'), '--json', '--profile', custom);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).files[0].tables[0].grade.value).toBe('优');
  });
});

describe('jixiao score', () => {
  it('writes NAME.scored.xlsx beside the input, leaves the input untouched, keeps styles', async () => {
    const file = copy('seed002-shigu.xlsx');
    const before = sha(file);
    const r = await jixiao('score', file);
    expect(r.code).toBe(1);
    const out = path.join(dir, 'seed002-shigu.scored.xlsx');
    expect(fs.existsSync(out)).toBe(true);
    expect(sha(file)).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('劳模服务')!;
    expect(ws.getCell('G8').value).toBe(0.5667);
    expect(ws.getCell('G8').numFmt).toBe('0.00%');
    expect(ws.getCell('H8').value).toBe(5.67);
    expect(ws.getCell('H23').value).toBe(95.67);
    expect(ws.getCell('H23').border).toEqual(ws.getCell('H22').border);
    expect(ws.getCell('C5').value).toBe(' 6'); // an amount typed as text is the user's: untouched
    const input = new ExcelJS.Workbook();
    await input.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(input.worksheets.map((w) => w.name));
    expect(wb.worksheets.map((w) => w.name).slice(0, 4)).toEqual(['部门整体', '劳模服务', '双联工作', '省级困难帮扶和送温暖']);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A4:A8', 'A23:G23']));
  });

  it('scoring a scored workbook changes nothing', async () => {
    const file = copy('seed002-shigu.xlsx');
    await jixiao('score', file);
    const scored = path.join(dir, 'seed002-shigu.scored.xlsx');
    const again = JSON.parse((await jixiao('score', scored, '--in-place', '--json')).out);
    expect(again.files[0].edits).toBe(0);
    expect(again.files[0].tables.flatMap((t: { findings: { rule: string }[] }) => t.findings.map((f) => f.rule))).not.toContain('total-mismatch');
  });

  it('honours -o for one file and a folder for several; --in-place overwrites only when asked', async () => {
    const a = copy('seed002-shigu.xlsx');
    const b = copy('seed004-liangzhou.xlsx');
    const one = path.join(dir, 'out.xlsx');
    expect((await jixiao('score', a, '-o', one)).code).toBe(1);
    expect(fs.existsSync(one)).toBe(true);
    const folder = path.join(dir, 'out');
    fs.mkdirSync(folder);
    await jixiao('score', a, b, '-o', folder);
    expect(fs.readdirSync(folder).sort()).toEqual(['seed002-shigu.xlsx', 'seed004-liangzhou.xlsx']);
    const before = sha(a);
    await jixiao('score', a, '--in-place');
    expect(sha(a)).not.toBe(before);
  });

  it('refuses to write over its own input without --in-place', async () => {
    const a = copy('seed002-shigu.xlsx');
    const before = sha(a);
    const r = await jixiao('score', a, '-o', a);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('--in-place');
    expect(sha(a)).toBe(before);
  });
});

describe('bad input: one line naming the file, exit 2, nothing written', () => {
  it.each([
    ['a missing file', (d: string) => path.join(d, 'nope.xlsx'), '找不到文件'],
    ['a text file named .xlsx', (d: string) => (fs.writeFileSync(path.join(d, 't.xlsx'), '项目,得分\n'), path.join(d, 't.xlsx')), '不是 Excel 工作簿'],
    ['a legacy or encrypted OLE file', (d: string) => (fs.writeFileSync(path.join(d, 'e.xlsx'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)])), path.join(d, 'e.xlsx')), ''],
    ['a truncated workbook', (d: string) => (fs.writeFileSync(path.join(d, 'c.xlsx'), fs.readFileSync(fixture('seed002-shigu.xlsx')).subarray(0, 3000)), path.join(d, 'c.xlsx')), '已损坏'],
  ])('%s', async (_what, make, words) => {
    const file = make(dir);
    const r = await jixiao('score', file);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(file);
    expect(r.err[0]).toContain(words);
    expect(r.err[0]).not.toMatch(/\n|at .*\.ts:/);
    expect(fs.readdirSync(dir).filter((f) => f.includes('scored') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('a workbook without any recognisable table', async () => {
    const file = path.join(dir, 'empty.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('封面').getCell('A1').value = '2023年度部门决算';
    await wb.xlsx.writeFile(file);
    const r = await jixiao('check', file, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`${file}：未找到可识别的绩效自评表（已检查 1 个工作表）`]);
    expect(JSON.parse(r.out).files[0]).toMatchObject({ file, tables: [] });
  });

  it.each([
    [['frobnicate', 'x.xlsx'], '未知命令'],
    [['check'], '缺少要处理的 .xlsx 文件'],
    [['check', 'x.xlsx', '--in-place'], '不能与'],
    [['score', 'x.xlsx', '-o', 'a', '--in-place'], '二选一'],
    [['check', 'x.xlsx', '--profile', 'nope'], '未知配置'],
    [['check', 'x.xlsx', '--bogus'], '未知参数'],
  ])('wrong arguments %j', async (argv, words) => {
    const r = await jixiao(...argv);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain(words);
  });

  it('odd cells are read, reported and never crash: errors, dates, booleans, formulas without results, huge text', async () => {
    const file = path.join(dir, 'odd.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('自评');
    ws.addRow(['项目支出绩效自评表']);
    ws.addRow(['项目名称', '奇怪的单元格']);
    ws.addRow(['项目资金', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
    ws.addRow(['', '年度资金总额', 10, 10, 8, 10, { formula: 'E4/D4' }, { error: '#DIV/0!' }]);
    ws.addRow(['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    ws.addRow(['', '产出指标', '时效指标', '完成时间', new Date(Date.UTC(2023, 11, 31)), new Date(Date.UTC(2023, 10, 30)), 30, null, 'x'.repeat(10000)]);
    ws.addRow(['', '产出指标', '质量指标', '是否合格', '是否合格', true, 30, { error: '#VALUE!' }, '']);
    ws.addRow(['', '效益指标', '社会效益指标', '覆盖人数', '≥100人', '120人', 30, 30, '']);
    ws.addRow(['总分', '', '', '', '', '', '', { formula: 'SUM(H6:H8)' }]);
    await wb.xlsx.writeFile(file);
    const r = await jixiao('score', file, '--json');
    const doc = JSON.parse(r.out);
    const t = doc.files[0].tables[0];
    expect(t.indicators.map((i: { score: number; method: string }) => [i.score, i.method])).toEqual([
      [30, 'date'],
      [30, 'qualitative'],
      [30, 'positive'],
    ]);
    expect(t.execution).toMatchObject({ rate: 0.8, score: 8 });
    expect(doc.files[0].notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining('H4：单元格为错误值 #DIV/0!'),
        expect.stringContaining('G4：公式 =E4/D4 没有计算结果'),
        expect.stringContaining('I6：文字过长（10000 个字符）'),
      ]),
    );
    // Formulas are never overwritten, even without a cached result.
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(path.join(dir, 'odd.scored.xlsx'));
    expect(out.getWorksheet('自评')!.getCell('G4').formula).toBe('E4/D4');
    expect(out.getWorksheet('自评')!.getCell('H9').formula).toBe('SUM(H6:H8)');
    expect(out.getWorksheet('自评')!.getCell('H6').value).toBe(30);
  });
});

describe('parts ExcelJS would lose are kept: score patches the package', () => {
  it('keeps a chart, says nothing about losing it, and --in-place works on it', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(fs.readFileSync(fixture('seed003-jinzhong.xlsx')));
    const chart = '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>';
    zip.file('xl/charts/chart1.xml', chart);
    const file = path.join(dir, 'chart.xlsx');
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    const scored = JSON.parse((await jixiao('score', file, '--json')).out);
    expect(scored.files[0].notes ?? []).not.toContainEqual(expect.stringContaining('图表'));
    const out = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'chart.scored.xlsx')));
    expect(await out.file('xl/charts/chart1.xml')!.async('string')).toBe(chart);

    const inPlace = await jixiao('score', file, '--in-place');
    expect(inPlace.err).toEqual([]);
    expect(inPlace.code).toBe(0);
    const back = await JSZip.loadAsync(fs.readFileSync(file));
    expect(await back.file('xl/charts/chart1.xml')!.async('string')).toBe(chart);
  });
});

describe('issue 12: options end at --; repeated findings are capped in the text', () => {
  it('a file named -x.xlsx is read after --, and named in the message without it', async () => {
    fs.copyFileSync(fixture('seed003-jinzhong.xlsx'), path.join(dir, '-x.xlsx'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await jixiao('check', '--json', '--', '-x.xlsx');
      expect(r.err).toEqual([]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).files[0]).toMatchObject({ file: '-x.xlsx', tables: [{ sheet: '晋中', total: { score: 91 } }] });
      const bare = await jixiao('check', '-x.xlsx');
      expect(bare.code).toBe(2);
      expect(bare.err[0]).toBe('jixiao：未知参数 -x.xlsx（如果这是文件名，请写在 -- 之后：jixiao check -- -x.xlsx）');
      // After --, an option is a file name too.
      const late = await jixiao('check', '--', '-x.xlsx', '--json');
      expect(late.code).toBe(2);
      expect(late.err).toEqual(['--json：找不到文件']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('the text lists at most 5 findings of one rule per table and says how many more; --json keeps them all', async () => {
    const file = copy('seed004-liangzhou.xlsx');
    const all = JSON.parse((await jixiao('check', file, '--json')).out).files[0].tables[0].findings.filter((f: { rule: string }) => f.rule === 'completion-mismatch');
    expect(all).toHaveLength(15);
    const r = await jixiao('check', file);
    const lines = r.out.split('\n');
    const shown = lines.filter((l) => l.endsWith('（completion-mismatch）') && l.includes('完成率应为'));
    expect(shown).toHaveLength(5);
    expect(shown[0]).toBe(`    [提示] 凉州!H20  ${all[0].message}（completion-mismatch）`);
    const at = lines.indexOf(shown[4]);
    expect(lines[at + 1]).toBe('    …还有 10 条同类问题（completion-mismatch）');
    const summary = await jixiao('check', file, '--summary');
    expect(summary.out).toContain('    …还有 10 条同类问题（completion-mismatch）');
    expect(summary.out).toMatch(/提示（\d+）/);
  });
});
