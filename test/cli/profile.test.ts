/**
 * Issue 6 item 11: a profile file with a misspelt key or a base that does not exist is an
 * error naming the nearest valid name; `--version` is in the help; `jixiao help` works.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { profileFromJson } from '../../src/core';
import { editDistance, nearestName } from '../../src/core/profiles';
import { USAGE } from '../../src/cli/args';
import { jixiao } from '../helpers/cli';
import { fixture } from '../helpers/fixtures';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-profile-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('profile JSON', () => {
  it.each([
    [{ executionWieght: 20 }, 'p.json：未知的配置项 executionWieght（最接近的有效名称是 executionWeight）'],
    [{ bands: { uper: 0.9 } }, 'p.json：未知的配置项 bands.uper（最接近的有效名称是 bands.upper）'],
    [{ bandDefaults: { partail: 0.6 } }, 'p.json：未知的配置项 bandDefaults.partail（最接近的有效名称是 bandDefaults.partial）'],
    [{ grades: [{ min: 90, lable: '优' }] }, 'p.json：未知的配置项 grades[0].lable（最接近的有效名称是 grades[0].label）'],
    [{ Tolerance: 0.02 }, 'p.json：未知的配置项 Tolerance（最接近的有效名称是 tolerance）'],
    [{ base: 'mof2020' }, 'p.json：base 指定的内置配置 "mof2020" 不存在，最接近的是 mof-2020（内置：mof-2020、mof-2017、linear-reverse、hubei）'],
    [{ base: 'hubie' }, 'p.json：base 指定的内置配置 "hubie" 不存在，最接近的是 hubei（内置：mof-2020、mof-2017、linear-reverse、hubei）'],
    [{ base: 20 }, 'p.json：base 指定的内置配置 20 不存在（内置：mof-2020、mof-2017、linear-reverse、hubei）'],
  ])('refuses %j', (data, message) => {
    expect(() => profileFromJson(data, 'p.json')).toThrow(message);
  });

  it('still accepts every documented key', () => {
    const p = profileFromJson(
      {
        name: '本市',
        label: '本市口径',
        base: 'hubei',
        executionWeight: 15,
        bands: { upper: 0.85, lower: 0.6 },
        bandDefaults: { achieved: 1, partial: 0.7, notAchieved: 0.3 },
        negativeFormula: 'linear',
        rounding: 'truncate',
        decimals: 1,
        tolerance: 0.05,
        grades: [
          { min: 85, label: '优' },
          { min: 0, label: '差' },
        ],
        lowExecution: 0.8,
        overAchievement: 1.5,
        year: 2023,
      },
      'p.json',
    );
    expect([p.name, p.executionWeight, p.bands.upper, p.rounding, p.year]).toEqual(['本市', 15, 0.85, 'truncate', 2023]);
  });

  it('nearest name by edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearestName('linear', ['mof-2020', 'mof-2017', 'linear-reverse', 'hubei'])).toBe('linear-reverse');
  });

  it('the command line names the nearest profile, built-in or key, with exit 2', async () => {
    const unknown = await jixiao('check', fixture('seed003-jinzhong.xlsx'), '--profile', 'mof2017');
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toBe('jixiao：未知配置 mof2017，最接近的是 mof-2017（内置：mof-2020、mof-2017、linear-reverse、hubei，或给出 .json 文件）');
    const file = path.join(dir, '本市.json');
    fs.writeFileSync(file, JSON.stringify({ base: 'hubei', overAchivement: 1.5 }));
    const bad = await jixiao('check', fixture('seed003-jinzhong.xlsx'), '--profile', file);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toBe(`jixiao：${file}：未知的配置项 overAchivement（最接近的有效名称是 overAchievement）`);
    expect(bad.out).toBe('');
  });
});

describe('help and version', () => {
  it('`jixiao help` prints the usage, exit 0', async () => {
    const r = await jixiao('help');
    expect(r).toEqual({ code: 0, out: USAGE, err: [] });
  });

  it('the help lists --version, --help, help and --force', async () => {
    const r = await jixiao('--help');
    for (const words of ['--version', '--help', 'jixiao help', '--force']) expect(r.out).toContain(words);
    expect((await jixiao('--version')).out).toBe('jixiao 0.1.0');
  });

  it('an unknown command names the valid ones', async () => {
    const r = await jixiao('hlep');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('jixiao：未知命令 hlep（应为 check、score、clean 或 help）');
  });
});

describe('issue 12: a profile saved with a UTF-8 byte-order mark', () => {
  it('is read like one without', async () => {
    const file = path.join(dir, '本市口径.json');
    fs.writeFileSync(file, '\uFEFF' + JSON.stringify({ name: '本市', base: 'hubei' }), 'utf8');
    expect(fs.readFileSync(file).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const r = await jixiao('check', fixture('seed002-shigu.xlsx'), '--json', '--profile', file);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).files[0].tables[1].execution).toMatchObject({ weight: 20, score: 11.33 });
  });
});
