/** `jixiao clean` on the command line (issue 8): outputs, flags, JSON, exit codes. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { jixiao, sha } from '../helpers/cli';

const FIX = path.join(__dirname, '..', 'fixtures');
const DIRTY = path.join(FIX, 'edge', 'seed002-shigu.dirty.xlsx');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-clean-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const copy = (src: string, name = path.basename(src)) => {
  const f = path.join(dir, name);
  fs.copyFileSync(src, f);
  return f;
};

interface Doc {
  files: { file: string; output: string | null; dryRun: boolean; counts: Record<string, number>; changes: { kind: string; op: string }[]; findingsAfter: Record<string, number>; error?: string; notes?: string[] }[];
}
const doc = (out: string) => JSON.parse(out) as Doc;

describe('jixiao clean', () => {
  it('writes NAME.clean.xlsx beside the input and leaves the input alone', async () => {
    const f = copy(DIRTY);
    const before = sha(f);
    const r = await jixiao('clean', f);
    expect(r.code).toBe(1); // seed 002 keeps its real errors (total-mismatch …): as for check
    expect(sha(f)).toBe(before);
    expect(fs.existsSync(path.join(dir, 'seed002-shigu.dirty.clean.xlsx'))).toBe(true);
    expect(r.out).toContain('删除占位指标行');
    expect(r.out).toContain('→ ' + path.join(dir, 'seed002-shigu.dirty.clean.xlsx'));
  });

  it('an existing NAME.clean.xlsx is replaced only with --force, a read-only one never', async () => {
    const f = copy(DIRTY);
    const out = path.join(dir, 'seed002-shigu.dirty.clean.xlsx');
    fs.writeFileSync(out, 'earlier');
    const r = await jixiao('clean', f);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(out, 'utf8')).toBe('earlier');
    // Issue 13: one file policy for score and clean, so one message.
    expect(r.err).toEqual([`jixiao：输出文件 ${out} 已存在，未写入任何文件；如需替换请加 --force`]);
    expect((await jixiao('clean', f, '--force')).code).toBe(1);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    fs.chmodSync(out, 0o444);
    const ro = await jixiao('clean', f, '--force');
    expect(ro.code).toBe(2);
    expect(ro.err.join('\n')).toContain('输出文件为只读，未覆盖');
    fs.chmodSync(out, 0o644);
  });

  it('--dry-run prints the preview by sheet and kind and writes nothing', async () => {
    const f = copy(DIRTY);
    const r = await jixiao('clean', f, '--dry-run');
    expect(fs.readdirSync(dir)).toEqual(['seed002-shigu.dirty.xlsx']);
    expect(r.out).toMatch(/共 \d+ 处：文字整理 \d+ 处/);
    expect(r.out).toContain('工作表「劳模服务」');
    expect(r.out).toContain('清除填写提示：');
    expect(r.out).toContain('（单独列出：如需保留请用 --keep-hints）');
    expect(r.out).toMatch(/C5：「 6」 → 6/);
    // Our earlier marks by colour name, notes as Excel (where the file is opened) calls them.
    expect(r.out).toContain('A1：底色 浅红色（错误标记） → （无底色）');
    expect(r.out).toContain('B2：底色 浅黄色（警告标记） → （无底色）');
    expect(r.out).toContain('C3：底色 浅蓝色（提示标记） → （无底色）');
    expect(r.out).toContain('B2：备注「【绩效自评助手】这里有问题（上次运行添加）」 → （删除备注）');
    expect(r.out).not.toMatch(/底色 FF[0-9A-F]{6}/);
  });

  it('--json gives the plan; --keep-hints and --keep-sheets leave those kinds out', async () => {
    const f = copy(DIRTY);
    const all = doc((await jixiao('clean', f, '--dry-run', '--json')).out).files[0];
    expect(all.dryRun).toBe(true);
    expect(all.output).toBeNull();
    expect(all.counts.hint).toBeGreaterThan(0);
    expect(all.counts['blank-sheet']).toBe(1);
    expect(all.changes.length).toBe(Object.values(all.counts).reduce((a, b) => a + b, 0));
    const kept = doc((await jixiao('clean', f, '--dry-run', '--json', '--keep-hints', '--keep-sheets')).out).files[0];
    expect(kept.counts.hint).toBe(0);
    expect(kept.counts['blank-sheet']).toBe(0);
  });

  it('--in-place overwrites only when asked, and not at all when there is nothing to do', async () => {
    const f = copy(DIRTY, 'a.xlsx');
    const r = await jixiao('clean', f, '--in-place', '--json');
    expect(doc(r.out).files[0].output).toBe(f);
    const cleaned = sha(f);
    const again = await jixiao('clean', f, '--in-place', '--json');
    expect(doc(again.out).files[0].changes).toEqual([]);
    expect(doc(again.out).files[0].output).toBeNull();
    expect(sha(f)).toBe(cleaned);
  });

  it('refuses contradictory options with exit 2', async () => {
    const f = copy(DIRTY);
    expect((await jixiao('clean', f, '--in-place', '-o', path.join(dir, 'x.xlsx'))).code).toBe(2);
    expect((await jixiao('clean', f, '--dry-run', '--in-place')).code).toBe(2);
    expect((await jixiao('clean', f, '--bogus')).code).toBe(2);
    expect((await jixiao('clean')).code).toBe(2);
    expect((await jixiao('clean', '--help')).out).toContain('jixiao clean');
    expect((await jixiao('clean', path.join(dir, 'missing.xlsx'))).code).toBe(2);
  });

  it('exits 0 when the cleaned workbook has no errors', async () => {
    const f = copy(path.join(FIX, 'edge', 'seed003-jinzhong.dirty.xlsx'));
    const r = await jixiao('clean', f, '-o', path.join(dir, 'out.xlsx'));
    expect(r.code).toBe(0);
  });

  it('skips its own outputs in a folder', async () => {
    copy(DIRTY, 'a.xlsx');
    await jixiao('clean', path.join(dir, 'a.xlsx'));
    const r = await jixiao('clean', dir, '--dry-run', '--json');
    expect(doc(r.out).files.map((x) => path.basename(x.file))).toEqual(['a.xlsx']);
  });

  it('--reuse-next-year clears actuals and scores but keeps targets', async () => {
    const f = copy(path.join(FIX, 'seed004-liangzhou.xlsx'));
    const out = path.join(dir, 'next.xlsx');
    const r = await jixiao('clean', f, '--reuse-next-year', '-o', out, '--json');
    expect(doc(r.out).files[0].counts.reuse).toBeGreaterThan(10);
    const before = JSON.parse((await jixiao('check', f, '--json')).out).files[0].tables[0];
    const after = JSON.parse((await jixiao('check', out, '--json')).out).files[0].tables[0];
    expect(after.indicators.map((i: { target: string }) => i.target)).toEqual(before.indicators.map((i: { target: string }) => i.target.replace('<=', '≤').replace('>=', '≥')));
    expect(after.indicators.every((i: { actual: string | null }) => !i.actual)).toBe(true);
    expect(after.total.stated).toBeNull();
  });

  it('cleans a workbook with a picture in place, keeping the picture byte for byte (the package is patched, issue 13)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(DIRTY);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
    wb.worksheets[0].addImage(id, 'K1:L2');
    const f = path.join(dir, 'pic.xlsx');
    await wb.xlsx.writeFile(f);
    const mediaOf = async (file: string) => {
      const zip = await JSZip.loadAsync(fs.readFileSync(file));
      const names = Object.keys(zip.files).filter((n) => n.startsWith('xl/media/') && !zip.files[n].dir).sort();
      return Promise.all(names.map(async (n) => [n, (await zip.file(n)!.async('nodebuffer')).toString('base64')]));
    };
    const before = await mediaOf(f);
    expect(before).toHaveLength(1);
    const ok = await jixiao('clean', f, '--json');
    expect(ok.code).not.toBe(2);
    expect(doc(ok.out).files[0].notes?.join('') ?? '').not.toContain('图片');
    const r = await jixiao('clean', f, '--in-place');
    expect(r.code).not.toBe(2);
    expect(r.out).toContain('已覆盖原文件');
    expect(await mediaOf(f)).toEqual(before);
  });
});

describe('issue 12/13: clean says what it does and fails in Chinese', () => {
  it('a full disk is reported in Chinese, as score reports it, and leaves no temporary file', async () => {
    const f = copy(DIRTY);
    const out = path.join(dir, 'seed002-shigu.dirty.clean.xlsx');
    const nospace = (): Promise<never> => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    const open = fs.promises.open;
    const spies = [
      jest.spyOn(fs.promises, 'writeFile').mockImplementation((p) => (String(p).endsWith('.tmp') ? nospace() : Promise.resolve())),
      jest.spyOn(fs.promises, 'open').mockImplementation(async (p, ...rest) => {
        const handle = await open(p, ...(rest as [string]));
        if (String(p).endsWith('.tmp')) handle.writeFile = nospace;
        return handle;
      }),
    ];
    try {
      const r = await jixiao('clean', f);
      expect(r.code).toBe(2);
      expect(r.err).toEqual([`${out}：磁盘空间不足，无法写入`]);
      expect(fs.readdirSync(dir)).toEqual(['seed002-shigu.dirty.xlsx']);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });

  it('a workbook with nothing to clean: no file is written, and the output says so', async () => {
    const f = copy(DIRTY);
    const once = path.join(dir, 'once.xlsx');
    expect((await jixiao('clean', f, '-o', once)).code).toBe(1);
    const twice = path.join(dir, 'twice.xlsx');
    const r = await jixiao('clean', once, '-o', twice);
    expect(r.out).toContain(`== ${once}\n无需清理：没有发现需要处理的内容，未写入文件`);
    expect(fs.existsSync(twice)).toBe(false);
    const j = doc((await jixiao('clean', once, '--json')).out).files[0];
    expect(j.output).toBeNull();
    expect(j.changes).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(['once.xlsx', 'seed002-shigu.dirty.xlsx']);
  });

  it('--in-place says what it will do and what it did', async () => {
    const f = copy(DIRTY, '表.xlsx');
    const r = await jixiao('clean', f, '--in-place');
    expect(r.err).toEqual(['jixiao：--in-place 将直接覆盖原文件（1 个；没有需要清理的内容或只读的不覆盖，受保护的工作表不清理）']);
    expect(r.out).toMatch(new RegExp(`删除占位指标行 \\d+ 处.* → 已覆盖原文件 ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}（共 \\d+ 处改动）`));
  });

  it('a protected sheet is left as it is, and the output says so', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(DIRTY);
    await wb.getWorksheet('劳模服务')!.protect('', {});
    const f = path.join(dir, 'protected.xlsx');
    await wb.xlsx.writeFile(f);
    const r = await jixiao('clean', f, '--dry-run');
    expect(r.out).toContain('注意：工作表「劳模服务」受保护，未清理（请撤销保护后重试）');
    const j = doc((await jixiao('clean', f, '--dry-run', '--json')).out).files[0];
    expect(j.notes).toContain('工作表「劳模服务」受保护，未清理（请撤销保护后重试）');
    expect(j.changes.some((c) => (c as unknown as { place: { sheet: string } }).place.sheet === '劳模服务')).toBe(false);
  });
});
