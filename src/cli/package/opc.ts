/**
 * The OPC side of an .xlsx (Open Packaging Conventions, ECMA-376 Part 2), one module for
 * the reader (../xlsx.ts) and both writers (./patch.ts for `score`, ./clean.ts for
 * `clean`): part names, relationship parts and their targets, content types, and the zip
 * entries with their integrity (CRC-32) and declared size.
 *
 * Part names compare case-insensitively (Part 2 §9.1.1.1); relationship targets are URIs,
 * so they are percent-decoded before they name a part and percent-encoded when written
 * (§9.2.2, Annex A). openpyxl writes absolute targets (`/xl/worksheets/sheet1.xml`).
 */
import * as path from 'path';
import JSZip from 'jszip';
import * as CRC32 from 'crc-32';

import { walkXml } from './xml';

// ---------------------------------------------------------------------------------------
// Relationships

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The `Target` attribute as written. */
  readonly target: string;
  readonly external: boolean;
  /** The part the target names (resolved, decoded, no leading `/`); '' for an external target. */
  readonly part: string;
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPartOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

/** The part a relationship target names, resolved against the part owning the relationships. */
export function resolveTarget(source: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // a bare `%` that is not an escape: the target is taken as written
  }
  if (t.startsWith('/')) return path.posix.normalize(t).replace(/^\/+/, '');
  return path.posix.normalize(path.posix.join(path.posix.dirname(source), t)).replace(/^\/+/, '');
}

/** A relative target from `source` to `part`, percent-encoded as a URI path. */
export function targetFrom(source: string, part: string): string {
  const rel = path.posix.relative(path.posix.dirname(source), part);
  return rel.split('/').map(encodeSegment).join('/');
}

function encodeSegment(s: string): string {
  // RFC 3986 pchar without the need to escape sub-delims; non-ASCII as UTF-8 escapes.
  return s.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/g, (c) => encodeURIComponent(c));
}

/** Relationships of a `.rels` part (`source`: the part it describes; '' for `_rels/.rels`). */
export function parseRels(xml: string, source: string): Relationship[] {
  const out: Relationship[] = [];
  walkXml(xml, {
    open(el) {
      if (el.name !== 'Relationship') return;
      const target = el.attributes.Target ?? '';
      const external = el.attributes.TargetMode === 'External';
      out.push({ id: el.attributes.Id ?? '', type: el.attributes.Type ?? '', target, external, part: external ? '' : resolveTarget(source, target) });
    },
  });
  return out;
}

/** Relationship type by its last segment (transitional and strict namespaces alike). */
export function isRel(rel: Pick<Relationship, 'type'>, kind: string): boolean {
  return rel.type.endsWith(`/${kind}`);
}

export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

// ---------------------------------------------------------------------------------------
// Zip entries: integrity and size

/**
 * The largest part turned into one JavaScript string: V8's limit (2^29 − 24 UTF-16 units);
 * a UTF-8 part of at most this many bytes always fits.
 */
export const MAX_TEXT_PART_BYTES = 0x1fffffe8;

interface EntryData {
  readonly crc32?: number;
  readonly uncompressedSize?: number;
}

/** What the zip's directory declares for an entry loaded by JSZip (undefined for one added in memory). */
function declared(entry: JSZip.JSZipObject): EntryData {
  // JSZip keeps the central directory's figures on the loaded entry (CompressedObject);
  // it has no public accessor for them.
  const data = (entry as unknown as { _data?: EntryData })._data;
  return data && typeof data === 'object' ? data : {};
}

/** The uncompressed size the zip declares for `entry`, if known. */
export function declaredSize(entry: JSZip.JSZipObject): number | undefined {
  const n = declared(entry).uncompressedSize;
  return typeof n === 'number' ? n : undefined;
}

/** The CRC-32 the zip declares for `entry`, if known. */
export function declaredCrc(entry: JSZip.JSZipObject): number | undefined {
  const n = declared(entry).crc32;
  return typeof n === 'number' ? n >>> 0 : undefined; // JSZip keeps it as a signed 32-bit integer
}

/**
 * CRC-32 (ISO 3309, as zip uses) of `bytes`, continuing from `crc` (the value for what came
 * before). SheetJS's `crc-32` (slicing by 16) is twice as fast as a byte-at-a-time table,
 * and every part the reader inflates is checked: ~35 MB of XML for a million-row sheet.
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  return CRC32.buf(bytes, crc | 0) >>> 0;
}

/** A size for messages: `612 MB`, `1.5 MB`, `3 KB`. */
export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** Why a package cannot be used as it is; `message` is Chinese and names the part. */
export class PackageProblem extends Error {
  constructor(
    readonly part: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Check every entry of `zip` against the CRC-32 its directory declares, so a damaged entry
 * is reported rather than copied, or re-compressed with a fresh checksum, into an output
 * that looks valid. One entry at a time.
 */
export async function verifyEntries(zip: JSZip): Promise<void> {
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const want = declaredCrc(entry);
    if (want === undefined) continue;
    let bytes: Uint8Array;
    try {
      bytes = await entry.async('uint8array');
    } catch {
      throw new PackageProblem(entry.name, `部件 ${entry.name} 的压缩数据损坏`);
    }
    if (crc32(bytes) !== want) throw new PackageProblem(entry.name, `部件 ${entry.name} 的校验和（CRC）不符，文件已损坏`);
  }
}

// ---------------------------------------------------------------------------------------
// A package being patched

/**
 * The zip of an .xlsx being patched: parts read as text by name (case-insensitively), parts
 * replaced, added or removed, and the list of what changed. Entries never replaced keep
 * their compressed bytes in the output (JSZip copies them as loaded).
 */
export class PackageParts {
  private readonly byName = new Map<string, string>();
  private readonly texts = new Map<string, string>();
  private readonly changedSet = new Set<string>();
  private readonly removedSet = new Set<string>();

  private constructor(
    private readonly zip: JSZip,
    private readonly maxPartBytes: number,
  ) {
    for (const entry of Object.values(zip.files)) if (!entry.dir) this.byName.set(entry.name.replace(/^\/+/, '').toLowerCase(), entry.name);
  }

  /** Unzip `bytes` and check every entry's CRC. Throws `PackageProblem` (or JSZip's error for a bad zip). */
  static async load(bytes: Buffer, maxPartBytes = MAX_TEXT_PART_BYTES): Promise<PackageParts> {
    const zip = await JSZip.loadAsync(bytes);
    await verifyEntries(zip);
    return new PackageParts(zip, maxPartBytes);
  }

  /** The entry name for `part` as stored in the zip, if present. */
  entryName(part: string): string | undefined {
    return this.byName.get(part.replace(/^\/+/, '').toLowerCase());
  }

  has(part: string): boolean {
    return this.entryName(part) !== undefined;
  }

  /** Part names (as stored), in zip order. */
  get names(): string[] {
    return [...this.byName.values()];
  }

  /** The part's text (UTF-8), or undefined when absent. A part too large for one string is a `PackageProblem`. */
  async text(part: string): Promise<string | undefined> {
    const name = this.entryName(part);
    if (name === undefined) return undefined;
    const cached = this.texts.get(name);
    if (cached !== undefined) return cached;
    const entry = this.zip.file(name)!;
    const size = declaredSize(entry);
    if (size !== undefined && size > this.maxPartBytes) {
      throw new PackageProblem(name, `部件 ${name} 过大（解压后 ${sizeText(size)}），无法处理`);
    }
    const text = (await entry.async('nodebuffer')).toString('utf8');
    this.texts.set(name, text);
    return text;
  }

  /** Replace (or add) a part; an unchanged text is not a change. */
  set(part: string, text: string): void {
    const name = this.entryName(part) ?? part.replace(/^\/+/, '');
    if (this.texts.get(name) === text && this.byName.has(name.toLowerCase())) return;
    this.byName.set(name.toLowerCase(), name);
    this.texts.set(name, text);
    this.zip.file(name, Buffer.from(text, 'utf8'));
    this.changedSet.add(name);
    this.removedSet.delete(name);
  }

  remove(part: string): void {
    const name = this.entryName(part);
    if (name === undefined) return;
    this.zip.remove(name);
    this.byName.delete(name.toLowerCase());
    this.texts.delete(name);
    this.changedSet.delete(name);
    this.removedSet.add(name);
  }

  /** Parts replaced or added. */
  get changed(): string[] {
    return [...this.changedSet];
  }

  /** Parts removed. */
  get removed(): string[] {
    return [...this.removedSet];
  }

  async generate(): Promise<Buffer> {
    return this.zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }

  /** The relationships of `source` (empty when it has none). */
  async rels(source: string): Promise<Relationship[]> {
    const xml = await this.text(relsPartOf(source));
    return xml === undefined ? [] : parseRels(xml, source);
  }
}

// ---------------------------------------------------------------------------------------
// The workbook part

export interface SheetEntry {
  readonly name: string;
  readonly sheetId: string;
  /** Relationship id (`r:id`). */
  readonly rid: string;
  /** `hidden` / `veryHidden`, or undefined for a visible sheet. */
  readonly state: string | undefined;
  /** The worksheet part, or undefined when the relationship is missing. */
  readonly part: string | undefined;
  /** Relationship type's last segment: `worksheet`, `chartsheet`, `dialogsheet`… */
  readonly kind: string | undefined;
}

export interface WorkbookInfo {
  readonly part: string;
  readonly relsPart: string;
  readonly rels: readonly Relationship[];
  readonly sheets: readonly SheetEntry[];
}

/** The workbook part named by `_rels/.rels` (`xl/workbook.xml` by default). */
export async function workbookPartOf(pkg: PackageParts): Promise<string> {
  const root = await pkg.rels('');
  const doc = root.find((r) => isRel(r, 'officeDocument') && !r.external);
  return doc ? doc.part : 'xl/workbook.xml';
}

/** The sheets a workbook part lists, with their parts. */
export function sheetsOf(workbookXml: string, rels: readonly Relationship[]): SheetEntry[] {
  const byId = new Map(rels.map((r) => [r.id, r]));
  const out: SheetEntry[] = [];
  walkXml(workbookXml, {
    open(el) {
      if (el.name !== 'sheet' || el.parent !== 'sheets') return;
      let rid = '';
      for (const [k, v] of Object.entries(el.attributes)) if (k === 'id' || k.endsWith(':id')) rid = v;
      const rel = byId.get(rid);
      out.push({
        name: el.attributes.name ?? '',
        sheetId: el.attributes.sheetId ?? '',
        rid,
        state: el.attributes.state,
        part: rel && !rel.external ? rel.part : undefined,
        kind: rel ? rel.type.slice(rel.type.lastIndexOf('/') + 1) : undefined,
      });
    },
  });
  return out;
}
