/**
 * Offline checks of manifest.xml (CI has no internet for `npm run validate`): well-formed,
 * children in the schema's published order, resources defined, https only, icons present at
 * their declared sizes, and the shared runtime declared.
 */
import * as fs from 'fs';
import * as path from 'path';
import { child, parseXml, walk, type XmlElement } from './xml';

const ROOT = path.join(__dirname, '..', '..');
const xml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const root = parseXml(xml);

/** Child sequences of the add-in only manifest schemas (appforoffice 1.1, task pane VersionOverrides 1.0). */
const ORDER: Readonly<Record<string, readonly string[]>> = {
  OfficeApp: [
    'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
    'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions',
    'AllowSnapshot', 'Dictionary', 'VersionOverrides',
  ],
  VersionOverrides: ['Description', 'Requirements', 'Hosts', 'Resources', 'WebApplicationInfo', 'EquivalentAddins'],
  Host: ['Runtimes', 'AllFormFactors', 'DesktopFormFactor'],
  DesktopFormFactor: ['GetStarted', 'FunctionFile', 'ExtensionPoint'],
  GetStarted: ['Title', 'Description', 'LearnMoreUrl'],
  CustomTab: ['Group', 'OfficeGroup', 'Label', 'InsertAfter', 'InsertBefore'],
  Group: ['Label', 'Icon', 'Control'],
  Control: ['Label', 'Supertip', 'Icon', 'Action', 'Enabled'],
  Supertip: ['Title', 'Description'],
  Resources: ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings'],
};

/** Where `names` breaks `order` (unknown element or out of sequence), or null. */
function orderProblem(names: readonly string[], order: readonly string[]): string | null {
  let last = -1;
  for (const n of names) {
    const i = order.indexOf(n);
    if (i < 0) return `unknown child ${n}`;
    if (i < last) return `${n} after ${order[last]}`;
    last = i;
  }
  return null;
}

const all = walk(root);
const resources = all.find((e) => e.name === 'Resources')!;
const defined = (kind: string): Map<string, XmlElement> =>
  new Map(child(resources, kind)!.children.map((e) => [e.attrs.id, e] as const));

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(buf.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** `https://localhost:3000/assets/icon-32.png` → assets/icon-32.png in the repository. */
const localFile = (url: string): string => path.join(ROOT, new URL(url).pathname);

describe('manifest.xml', () => {
  it('is well-formed XML with a TaskPaneApp root', () => {
    expect(root.name).toBe('OfficeApp');
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(() => parseXml(xml.replace('</Hosts>', ''))).toThrow(); // the parser does reject broken XML
  });

  it('lists every element’s children in the schema’s order', () => {
    const problems: string[] = [];
    for (const el of all) {
      const order = ORDER[el.name];
      if (!order) continue;
      const p = orderProblem(el.children.map((c) => c.name), order);
      if (p) problems.push(`${el.name}: ${p}`);
    }
    expect(problems).toEqual([]);
    expect(orderProblem(['Version', 'Id'], ORDER.OfficeApp)).toBe('Id after Version');
  });

  it('defines every resid, each at most 32 characters', () => {
    const ids = new Set(['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings'].flatMap((k) => [...defined(k).keys()]));
    const used = all.filter((e) => e.attrs.resid !== undefined).map((e) => e.attrs.resid);
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((r) => !ids.has(r))).toEqual([]);
    expect([...ids, ...used].filter((r) => r.length > 32)).toEqual([]);
    // Labels use short strings, supertip descriptions long ones.
    const shorts = defined('bt:ShortStrings');
    for (const e of all.filter((x) => x.name === 'Label')) expect(shorts.has(e.attrs.resid)).toBe(true);
  });

  it('uses https for every URL', () => {
    const urls = all.flatMap((e) => Object.values(e.attrs).filter((v) => /^[a-z]+:\/\//i.test(v)) as string[]);
    const resourceUrls = urls.filter((u) => !u.startsWith('http://schemas.microsoft.com/') && !u.startsWith('http://www.w3.org/'));
    expect(resourceUrls.length).toBeGreaterThan(5);
    expect(resourceUrls.filter((u) => !u.startsWith('https://'))).toEqual([]);
  });

  it('has every icon in assets/ at its declared size', () => {
    const images = defined('bt:Images');
    const checked: string[] = [];
    for (const e of all.filter((x) => x.name === 'bt:Image' && x.attrs.resid)) {
      const url = images.get(e.attrs.resid)!.attrs.DefaultValue;
      const size = Number(e.attrs.size);
      expect(pngSize(localFile(url))).toEqual({ width: size, height: size });
      checked.push(url);
    }
    for (const [name, size] of [['IconUrl', 32], ['HighResolutionIconUrl', 64]] as const) {
      const url = child(root, name)!.attrs.DefaultValue;
      expect(pngSize(localFile(url))).toEqual({ width: size, height: size });
    }
    expect(new Set(checked).size).toBe(3);
    // The store icon and the large sizes exist too, at their sizes.
    for (const size of [16, 32, 64, 80, 128]) expect(pngSize(path.join(ROOT, 'assets', `icon-${size}.png`)).width).toBe(size);
  });

  it('requires ExcelApi 1.13 (every check reads merged areas) and SharedRuntime 1.1', () => {
    const sets = child(child(root, 'Requirements')!, 'Sets')!;
    expect(sets.children.map((s) => [s.name, s.attrs.Name, s.attrs.MinVersion])).toEqual([
      ['Set', 'ExcelApi', '1.13'],
      ['Set', 'SharedRuntime', '1.1'],
    ]);
    // getMergedAreasOrNullObject is what needs 1.13; the Excel adapter calls it on every read.
    const read = fs.readFileSync(path.join(ROOT, 'src', 'excel', 'read.ts'), 'utf8');
    expect(read).toContain('getMergedAreasOrNullObject');
  });

  it('declares one long-lived runtime shared by pane and commands; the function file is the runtime page', () => {
    const runtimes = all.filter((e) => e.name === 'Runtimes');
    expect(runtimes).toHaveLength(1);
    const rt = runtimes[0].children;
    expect(rt.map((r) => [r.name, r.attrs.resid, r.attrs.lifetime])).toEqual([['Runtime', 'Taskpane.Url', 'long']]);
    // The function file and every task pane action are the runtime's page, one TaskpaneId.
    expect(all.find((e) => e.name === 'FunctionFile')!.attrs.resid).toBe('Taskpane.Url');
    const panes = all.filter((e) => e.name === 'Action' && e.attrs['xsi:type'] === 'ShowTaskpane');
    expect(panes.map((a) => child(a, 'SourceLocation')!.attrs.resid)).toEqual(['Taskpane.Url']);
    expect(new Set(panes.map((a) => child(a, 'TaskpaneId')!.text))).toEqual(new Set(['Jixiao.Pane']));
  });

  it('has a 绩效自评 custom tab with the five buttons in order', () => {
    const tab = all.find((e) => e.name === 'CustomTab')!;
    const strings = defined('bt:ShortStrings');
    const label = (e: XmlElement): string => strings.get(child(e, 'Label')!.attrs.resid)!.attrs.DefaultValue;
    expect(label(tab)).toBe('绩效自评');
    const groups = tab.children.filter((c) => c.name === 'Group');
    expect(groups).toHaveLength(1);
    const buttons = groups[0].children.filter((c) => c.name === 'Control');
    expect(buttons.map((b) => [label(b), child(b, 'Action')!.attrs['xsi:type']])).toEqual([
      ['打开助手', 'ShowTaskpane'],
      ['检查', 'ExecuteFunction'],
      ['计分并写回', 'ExecuteFunction'],
      ['清除标记', 'ExecuteFunction'],
      ['清理模板', 'ExecuteFunction'],
    ]);
  });
});
