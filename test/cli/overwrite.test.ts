/**
 * Issue 6 item 12: `score` replaces an existing output only with --force, never replaces a
 * read-only file, and a run that writes nothing does not say 已写入.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { jixiao, sha } from '../helpers/cli';
import { fixture } from '../helpers/fixtures';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-overwrite-'));
});
afterEach(() => {
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String)) fs.chmodSync(path.join(dir, f), 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

function copy(name: string, as = name): string {
  const to = path.join(dir, as);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(fixture(name), to);
  return to;
}

const listing = (): string[] => fs.readdirSync(dir, { recursive: true }).map(String).sort();

describe('an existing output is replaced only with --force', () => {
  it('NAME.scored.xlsx: exit 2, one clear line, nothing written; --force replaces it', async () => {
    const file = copy('seed002-shigu.xlsx');
    const out = path.join(dir, 'seed002-shigu.scored.xlsx');
    fs.writeFileSync(out, '上一次的结果');
    const r = await jixiao('score', file);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`jixiao：输出文件 ${out} 已存在，未写入任何文件；如需替换请加 --force`]);
    expect(r.out).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toBe('上一次的结果');
    expect(listing()).toEqual(['seed002-shigu.scored.xlsx', 'seed002-shigu.xlsx']);

    const forced = await jixiao('score', file, '--force');
    expect(forced.code).toBe(1);
    expect(forced.err).toEqual([]);
    expect(forced.out).toContain(`已写入 ${out}（`);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('-o FILE: the same', async () => {
    const file = copy('seed003-jinzhong.xlsx');
    const out = path.join(dir, '结果.xlsx');
    fs.writeFileSync(out, 'x');
    const r = await jixiao('score', file, '-o', out, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`jixiao：输出文件 ${out} 已存在，未写入任何文件；如需替换请加 --force`]);
    expect(fs.readFileSync(out, 'utf8')).toBe('x');
    expect((await jixiao('score', file, '-o', out, '--force')).code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('a folder: one existing output stops the whole run before anything is written', async () => {
    copy('seed002-shigu.xlsx', '表/a.xlsx');
    copy('seed003-jinzhong.xlsx', '表/b.xlsx');
    const out = path.join(dir, '输出');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'b.xlsx'), 'x');
    const r = await jixiao('score', path.join(dir, '表'), '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`jixiao：输出文件 ${path.join(out, 'b.xlsx')} 已存在，未写入任何文件；如需替换请加 --force`]);
    expect(fs.readdirSync(out)).toEqual(['b.xlsx']);
  });

  it('check refuses --force: it never writes', async () => {
    const r = await jixiao('check', copy('seed003-jinzhong.xlsx'), '--force');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('jixiao：check 只读取不写入，不能与 -o、--in-place 或 --force 同用');
  });
});

describe('a read-only file is never replaced', () => {
  it('--in-place on a read-only workbook: exit 2, the file is untouched', async () => {
    const file = copy('seed002-shigu.xlsx');
    fs.chmodSync(file, 0o444);
    const before = sha(file);
    const r = await jixiao('score', file, '--in-place');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`${file}：文件为只读，未覆盖；请取消只读属性后重试，或用 -o 另存`]);
    expect(sha(file)).toBe(before);
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    expect(listing()).toEqual(['seed002-shigu.xlsx']);
  });

  it('--force does not replace a read-only output either', async () => {
    const file = copy('seed002-shigu.xlsx');
    const out = path.join(dir, 'seed002-shigu.scored.xlsx');
    fs.writeFileSync(out, 'x');
    fs.chmodSync(out, 0o444);
    const r = await jixiao('score', file, '--force');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`${out}：输出文件为只读，未覆盖；请换一个输出位置`]);
    expect(fs.readFileSync(out, 'utf8')).toBe('x');
  });
});

describe('a run that writes nothing does not say 已写入', () => {
  it('--in-place with nothing to change: 无需修改, the file is untouched', async () => {
    const file = copy('seed003-jinzhong.xlsx');
    const before = fs.statSync(file).mtimeMs;
    const r = await jixiao('score', file, '--in-place');
    expect(r.code).toBe(0);
    expect(r.out).toContain('无需修改，原文件未改动');
    expect(r.out).not.toContain('已写入');
    expect(fs.statSync(file).mtimeMs).toBe(before);
    const summary = await jixiao('score', file, '--in-place', '--summary');
    expect(summary.out.split('\n')[0]).toMatch(/；无需修改，原文件未改动$/);
    const doc = JSON.parse((await jixiao('score', file, '--in-place', '--json')).out);
    expect(doc.files[0].edits).toBe(0);
    expect(doc.files[0].written).toBeUndefined();
  });

  it('a copy with nothing to change says so', async () => {
    const file = copy('seed003-jinzhong.xlsx');
    const r = await jixiao('score', file);
    const out = path.join(dir, 'seed003-jinzhong.scored.xlsx');
    expect(r.out).toContain(`已写入 ${out}（无需修改，内容与原文件相同）`);
    expect(sha(out)).toBe(sha(file));
  });
});

describe('issue 12: two runs writing one output, symbolic links', () => {
  it('an output that appears while the run is writing is not replaced: exit 2 without --force', async () => {
    const file = copy('seed002-shigu.xlsx');
    const out = path.join(dir, '结果.xlsx');
    // Another run finishes its write the moment this one starts its own (after every check).
    const open = fs.promises.open;
    const spy = jest.spyOn(fs.promises, 'open').mockImplementation(async (p, ...rest) => {
      if (String(p).endsWith('.tmp') && !fs.existsSync(out)) fs.writeFileSync(out, '另一次运行的结果');
      return open(p, ...(rest as [string]));
    });
    try {
      const r = await jixiao('score', file, '-o', out);
      expect(r.code).toBe(2);
      expect(r.err).toEqual([`${out}：输出文件已存在（可能是同时运行的另一个 jixiao 刚写入），未覆盖；如需替换请加 --force`]);
      expect(r.out).not.toContain('已写入');
      expect(fs.readFileSync(out, 'utf8')).toBe('另一次运行的结果');
      expect(listing()).toEqual(['seed002-shigu.xlsx', '结果.xlsx']); // no temporary file left
    } finally {
      spy.mockRestore();
    }
  });

  it('two processes writing the same -o at once: one succeeds, the other exits 2, nothing is lost silently', async () => {
    const { spawn } = await import('child_process');
    const main = path.join(__dirname, '..', '..', 'dist', 'cli', 'main.js');
    if (!fs.existsSync(main)) throw new Error('npm run build:cli first (this test spawns dist/cli/main.js)');
    const file = copy('seed002-shigu.xlsx');
    const out = path.join(dir, '同一个输出.xlsx');
    const runOne = () =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [main, 'score', file, '-o', out], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (code) => resolve({ code, err }));
      });
    const results = await Promise.all([runOne(), runOne(), runOne()]);
    expect(results.filter((r) => r.code === 1)).toHaveLength(1); // seed 002 has errors: exit 1 when written
    for (const r of results.filter((x) => x.code !== 1)) {
      expect(r.code).toBe(2);
      expect(r.err).toContain('已存在');
    }
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(listing()).toEqual(['seed002-shigu.xlsx', '同一个输出.xlsx']);
  });

  it('--in-place on a symbolic link writes the file it points at, keeping the link, the mode and the owner', async () => {
    const target = copy('seed002-shigu.xlsx', '真实/表.xlsx');
    fs.chmodSync(target, 0o640);
    const root = process.getuid?.() === 0;
    if (root) fs.chownSync(target, 1234, 1235);
    const link = path.join(dir, '链接.xlsx');
    fs.symlinkSync(target, link);
    const before = sha(target);
    const r = await jixiao('score', link, '--in-place');
    expect(r.code).toBe(1);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe(target);
    expect(sha(target)).not.toBe(before);
    const st = fs.statSync(target);
    expect(st.mode & 0o777).toBe(0o640);
    if (root) expect([st.uid, st.gid]).toEqual([1234, 1235]);
    expect(listing()).toEqual(['真实', '真实/表.xlsx', '链接.xlsx']);
    // A second run has nothing to change and leaves both alone.
    const again = await jixiao('score', link, '--in-place');
    expect(again.out).toContain('无需修改，原文件未改动');
  });
});

describe('a read-only file with nothing to change', () => {
  it('--in-place leaves it alone without an error (score and clean)', async () => {
    const file = copy('seed003-jinzhong.xlsx');
    const cleaned = path.join(dir, 'cleaned.xlsx');
    await jixiao('clean', file, '-o', cleaned);
    fs.chmodSync(file, 0o444);
    fs.chmodSync(cleaned, 0o444);
    const r = await jixiao('score', file, '--in-place');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('无需修改，原文件未改动');
    const c = await jixiao('clean', cleaned, '--in-place');
    expect(c.err.filter((l) => !l.includes('--in-place 将直接覆盖'))).toEqual([]);
    expect(c.out).toContain('无需清理：没有发现需要处理的内容，未写入文件');
  });
});
