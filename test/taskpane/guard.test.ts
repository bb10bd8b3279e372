/**
 * The ES5 guard inlined into taskpane.html: Excel without WebView2 shows the pane in Internet
 * Explorer 11, where the ES2020 bundle never starts; the guard says so in Chinese, with the
 * supported versions, instead of 正在加载 forever. It must itself parse as ES5.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

const code = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'taskpane', 'guard.js'), 'utf8');

function run(engineParsesEs2020: boolean): { innerHTML: string } {
  const root = { innerHTML: '' };
  const document = { getElementById: (id: string) => (id === 'root' ? root : null) };
  const sandbox: Record<string, unknown> = { document };
  sandbox.window = sandbox;
  if (!engineParsesEs2020)
    sandbox.Function = function IE11Function() {
      throw new SyntaxError('Expected identifier');
    };
  vm.runInNewContext(code, sandbox);
  return root;
}

describe('the Internet Explorer 11 guard', () => {
  it('is ES5 (it has to run where the bundle cannot)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const acorn = require('acorn') as { parse(code: string, options: { ecmaVersion: number }): unknown };
    expect(() => acorn.parse(code, { ecmaVersion: 5 })).not.toThrow();
    expect(() => acorn.parse('var a = {}; a?.b;', { ecmaVersion: 5 })).toThrow(); // the check can fail
  });

  it('leaves the page alone where ES2020 runs', () => {
    expect(run(true).innerHTML).toBe('');
  });

  it('says in Chinese why nothing loads and which Excel versions run the add-in', () => {
    const html = run(false).innerHTML;
    expect(html).toContain('role="alert"');
    expect(html).toContain('此 Excel 版本无法运行绩效自评助手');
    expect(html).toContain('Internet Explorer 11');
    for (const v of ['Excel 2021', '2108', 'Excel 2024', 'Microsoft 365', '16.50', 'Excel 网页版', 'WebView2']) expect(html).toContain(v);
  });
});
