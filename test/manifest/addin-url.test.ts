/** `npm run build` rewrites the manifest for the server given by ADDIN_URL (webpack.config.js). */
import * as fs from 'fs';
import * as path from 'path';
import { parseXml, walk } from './xml';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { addinUrl, rewriteManifest } = require('../../webpack.config.js') as {
  addinUrl(v: string | undefined): string;
  rewriteManifest(xml: string, base: string): string;
};

const xml = fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.xml'), 'utf8');

describe('ADDIN_URL', () => {
  it('defaults to the development server and adds the trailing slash', () => {
    expect(addinUrl(undefined)).toBe('https://localhost:3000/');
    expect(addinUrl('https://jixiao.czj.example.gov.cn/addin')).toBe('https://jixiao.czj.example.gov.cn/addin/');
  });

  it('refuses http and malformed addresses (Office loads https add-ins only)', () => {
    expect(() => addinUrl('http://10.1.2.3/addin/')).toThrow('ADDIN_URL 必须是 https 地址');
    expect(() => addinUrl('not a url')).toThrow();
  });

  it('points every manifest URL at the server and leaves the rest of the manifest alone', () => {
    const base = 'https://jixiao.czj.example.gov.cn/addin/';
    const out = rewriteManifest(xml, base);
    expect(out).not.toContain('localhost');
    const urls = walk(parseXml(out)).flatMap((e) => Object.values(e.attrs).filter((v) => v.startsWith('https://')));
    const before = walk(parseXml(xml)).flatMap((e) => Object.values(e.attrs).filter((v) => v.startsWith('https://localhost:3000/')));
    expect(urls.length).toBe(before.length);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    expect(urls.every((u) => u.startsWith(base))).toBe(true);
    expect(urls).toContain(`${base}taskpane.html`);
    expect(urls).toContain(`${base}assets/icon-80.png`);
    expect(rewriteManifest(out, 'https://localhost:3000/')).toBe(out);
    expect(out.replace(/https:\/\/jixiao\.czj\.example\.gov\.cn\/addin\//g, 'https://localhost:3000/')).toBe(xml);
  });
});
