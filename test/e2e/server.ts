/** A static http server for the end-to-end test: a folder, plus extra in-memory files. */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  readonly url: string;
  /** Paths requested, in order (to check the page fetched only its own files). */
  readonly requested: string[];
  close(): Promise<void>;
}

export async function serveStatic(dir: string, extra: Readonly<Record<string, string | Buffer>> = {}): Promise<StaticServer> {
  const requested: string[] = [];
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requested.push(urlPath);
    const body = extra[urlPath] ?? readInside(dir, urlPath);
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(urlPath)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requested,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readInside(dir: string, urlPath: string): Buffer | null {
  const file = path.resolve(dir, `.${urlPath}`);
  if (!file.startsWith(path.resolve(dir) + path.sep)) return null;
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}
