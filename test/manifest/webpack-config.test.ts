/** The add-in build's options, read from webpack.config.js without running a build. */
import * as path from 'path';
import type { Configuration } from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require('../../webpack.config.js') as ((env: unknown, argv: unknown) => Promise<Configuration>) & { OFFICE_JS_CDN: string };

async function configWith(vars: Record<string, string | undefined>, env: Record<string, unknown> = {}): Promise<Configuration> {
  const saved = { ADDIN_URL: process.env.ADDIN_URL, OFFICE_JS: process.env.OFFICE_JS };
  delete process.env.ADDIN_URL;
  delete process.env.OFFICE_JS;
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  try {
    return await makeConfig(env, { mode: 'production' });
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

type PluginView = { options?: Record<string, unknown>; patterns?: Array<Record<string, unknown>> };
/** HtmlWebpackPlugin keeps `options`; copy-webpack-plugin (class CopyPlugin) keeps `patterns`. */
const plugin = (c: Configuration, name: 'HtmlWebpackPlugin' | 'CopyWebpackPlugin'): PluginView =>
  c.plugins!.find((p) => (name === 'HtmlWebpackPlugin' ? p?.constructor.name === name : Array.isArray((p as PluginView).patterns))) as PluginView;

describe('webpack.config.js', () => {
  it('loads office.js from Microsoft’s CDN by default', async () => {
    const c = await configWith({});
    expect(plugin(c, 'HtmlWebpackPlugin').options!.officeJs).toBe(makeConfig.OFFICE_JS_CDN);
    expect(plugin(c, 'CopyWebpackPlugin').patterns!.map((p) => p.to)).toEqual(['assets/[name][ext]', 'examples/[name][ext]', 'manifest.xml']);
  });

  it('loads the ribbon’s small entry first on the runtime page (the function file), then the host, then the pane', async () => {
    const c = await configWith({});
    const entry = c.entry as Record<string, string | { import: string; dependOn?: string }>;
    expect(entry.commands).toBe('./src/commands/index.ts');
    expect(entry.host).toEqual({ import: './src/commands/host.ts', dependOn: 'commands' });
    expect(entry.taskpane).toEqual({ import: './src/taskpane/index.tsx', dependOn: 'host' });
    const page = plugin(c, 'HtmlWebpackPlugin').options!;
    expect(page.filename).toBe('taskpane.html');
    expect(page.chunks).toEqual(['commands', 'host', 'taskpane']);
    expect(page.chunksSortMode).toBe('manual');
    // The ES5 guard for Internet Explorer 11 is inlined into the page.
    expect(page.guard).toContain('Internet Explorer 11');
  });

  it('serves office.js from our own origin with OFFICE_JS=local, copied as published', async () => {
    const c = await configWith({ OFFICE_JS: 'local' });
    expect(plugin(c, 'HtmlWebpackPlugin').options!.officeJs).toBe('office-js/office.js');
    const copy = plugin(c, 'CopyWebpackPlugin').patterns!.find((p) => p.to === 'office-js')!;
    expect(copy.from).toBe(path.join(__dirname, '..', '..', 'node_modules', '@microsoft', 'office-js', 'dist'));
    expect(copy.info).toEqual({ minimized: true });
  });

  it('never wipes the CLI build (dist/cli, dist/core)', async () => {
    const c = await configWith({});
    expect(c.output!.path).toBe(path.join(__dirname, '..', '..', 'dist'));
    const keep = (c.output!.clean as { keep: RegExp }).keep;
    expect(['cli', 'cli/main.js', 'core/index.js', 'core'].every((p) => keep.test(p))).toBe(true);
    expect(['taskpane.html', 'assets/icon-16.png', 'client/x.js', 'preview/index.html'].some((p) => keep.test(p))).toBe(false);
  });

  it('refuses an http ADDIN_URL', async () => {
    await expect(configWith({ ADDIN_URL: 'http://intranet/addin/' })).rejects.toThrow('https');
  });
});
