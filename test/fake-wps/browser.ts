/**
 * Browser build of the fake WPS host (webpack.wps.config.js `--env fake`, `fake-wps.js`), loaded
 * before the add-in's scripts on both WPS pages. It defines `window.Application` and
 * `window.wps` synchronously, as WPS does, over a workbook snapshot `fake/<name>.json`
 * (`?workbook=<name>`, default seed002-shigu; the same snapshots as the fake Excel host).
 *
 * On the ribbon's page (index.html) it also draws a stand-in for the WPS window: the 绩效自评
 * tab from ribbon.xml (buttons call the page's `OnAction`, icons from `GetImage`), the active
 * sheet as a grid with its sheet tabs, and the task pane that `CreateTaskPane` opens, as an
 * iframe of taskpane.html sharing this page's Application (WPS gives every page of an add-in
 * the same one). `window.fakeWps` is the test handle.
 */
import { createFakeWps, type FakeTaskPane, type FakeWps } from './fake';
import { bookFromSnapshot, bgrToRgb } from './load';
import { a1, type FakeSheet } from './model';
import type { WorkbookSnapshot } from '../fake-excel/snapshot';

interface Handle {
  readonly fake: FakeWps;
  readonly workbook: string;
  error: string | null;
  cell(sheet: string, address: string): { value: unknown; formula: string | null; numberFormat: string; fill: string | null; note: string | null };
  readonly selection: { sheet: string; address: string };
  readonly activeSheet: string;
  sheetNames(): string[];
  /** Every visible sheet's cells and merges, for comparing before and after. */
  snapshot(): string;
  readonly writes: unknown[];
  userEdit(sheet: string, address: string, value: string | number): void;
  setCellEditMode(on: boolean): void;
  readonly calls: number;
  /** Clicks a ribbon button by its id, as WPS would call OnAction. */
  click(id: string): void;
}

type W = typeof globalThis & { Application?: unknown; wps?: unknown; fakeWps?: Handle; OnAction?: (c: { Id: string }) => boolean; GetImage?: (c: { Id: string }) => string; OnAddinLoad?: (r: unknown) => boolean };

function syncGet(url: string): string | null {
  try {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url, false); // WPS's globals exist before the page's scripts run: load now
    xhr.send();
    return xhr.status === 200 ? xhr.responseText : null;
  } catch {
    return null;
  }
}

function display(v: unknown, nf: string | undefined): string {
  if (v === '' || v === undefined || v === null) return '';
  if (typeof v === 'number') {
    const pct = /^0(\.(0+))?%$/.exec(nf ?? '');
    if (pct) return `${(v * 100).toFixed(pct[2]?.length ?? 0)}%`;
    const fixed = /^0\.(0+)$/.exec(nf ?? '');
    if (fixed) return v.toFixed(fixed[1].length);
    return String(Math.round(v * 1e10) / 1e10);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function install(): void {
  const w = window as W;
  const parent = (() => {
    try {
      return window.parent !== window ? (window.parent as unknown as W) : null;
    } catch {
      return null;
    }
  })();
  if (parent?.fakeWps) {
    // The task pane's page: the same Application as the add-in's main page.
    w.Application = parent.fakeWps.fake.Application;
    w.wps = parent.fakeWps.fake.Application;
    w.fakeWps = parent.fakeWps;
    return;
  }
  const params = new URLSearchParams(location.search);
  const name = params.get('workbook') || 'seed002-shigu';
  const text = syncGet(`fake/${encodeURIComponent(name)}.json`);
  let error: string | null = null;
  let snap: WorkbookSnapshot = { sheets: [{ name: 'Sheet1', cells: {}, merges: [] }] };
  if (text) snap = JSON.parse(text) as WorkbookSnapshot;
  else error = `无法载入示例工作簿 fake/${name}.json`;
  const book = bookFromSnapshot(snap, `${name}.xlsx`);
  if (params.get('readonly') === '1') book.readOnly = true;
  const fake = createFakeWps(book, params.get('version') ? { version: params.get('version')! } : {});
  w.Application = fake.Application;
  w.wps = fake.Application;
  const sheetOf = (n: string): FakeSheet => {
    const s = book.sheet(n);
    if (!s) throw new Error(`没有工作表 ${n}`);
    return s;
  };
  const handle: Handle = {
    fake,
    workbook: name,
    error,
    cell(sheet, address) {
      const s = sheetOf(sheet);
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      const c = s.get(Number(m[2]), col);
      return { value: c?.v ?? '', formula: c?.f ?? null, numberFormat: c?.nf ?? 'General', fill: c?.fill === undefined ? null : bgrToRgb(c.fill), note: s.comment(Number(m[2]), col) ?? null };
    },
    get selection() {
      const sel = book.selection;
      return { sheet: book.activeSheet?.name ?? '', address: a1(sel.top, sel.left) };
    },
    get activeSheet() {
      return book.activeSheet?.name ?? '';
    },
    sheetNames: () => book.sheets.filter((s) => s.visible === -1).map((s) => s.name),
    snapshot: () =>
      JSON.stringify(
        book.sheets
          .filter((s) => s.visible !== 2)
          .map((s) => ({ name: s.name, cells: [...s.cells.entries()].sort(), merges: s.merges.map((m) => ({ ...m })).sort((x, y) => x.top - y.top || x.left - y.left), notes: [...s.comments.entries()].sort() })),
      ),
    get writes() {
      return fake.app.writes;
    },
    userEdit: (sheet, address, value) => fake.userEdit(sheet, address, value),
    setCellEditMode: (on) => fake.setCellEditMode(on),
    get calls() {
      return fake.app.calls;
    },
    click(id) {
      w.OnAction?.({ Id: id });
    },
  };
  w.fakeWps = handle;
  fake.app.onPane = (pane) => showPane(pane);
  if (/index\.html$|\/$/.test(location.pathname)) document.addEventListener('DOMContentLoaded', () => drawWindow(fake, handle));
}

let paneFrame: HTMLIFrameElement | null = null;

function showPane(pane: FakeTaskPane): void {
  const host = document.getElementById('wps-pane');
  if (!host) return;
  if (!paneFrame || paneFrame.dataset.url !== pane.url) {
    host.innerHTML = '';
    paneFrame = document.createElement('iframe');
    paneFrame.title = '绩效自评助手任务窗格';
    paneFrame.dataset.url = pane.url;
    paneFrame.src = pane.url;
    paneFrame.style.cssText = 'border:0;width:100%;height:100%';
    host.appendChild(paneFrame);
  }
  host.style.display = pane.Visible ? 'block' : 'none';
}

/** The stand-in WPS window: ribbon tab, grid of the active sheet with sheet tabs, pane area. */
function drawWindow(fake: FakeWps, handle: Handle): void {
  const w = window as W;
  document.body.style.cssText = 'margin:0;font:13px "Microsoft YaHei","Noto Sans CJK SC",sans-serif;display:flex;flex-direction:column;height:100vh';
  const ribbon = document.createElement('div');
  ribbon.setAttribute('role', 'toolbar');
  ribbon.setAttribute('aria-label', '绩效自评');
  ribbon.style.cssText = 'display:flex;gap:4px;align-items:flex-end;padding:6px 8px;border-bottom:1px solid #d0d0d0;background:#f3f3f3';
  const xml = syncGet('ribbon.xml') ?? '';
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const tab = doc.getElementsByTagName('tab')[0];
  const title = document.createElement('div');
  title.textContent = tab?.getAttribute('label') ?? '';
  title.style.cssText = 'font-weight:600;color:#1e6b33;margin-right:12px;align-self:center';
  ribbon.appendChild(title);
  w.OnAddinLoad?.({ Invalidate() {}, InvalidateControl() {} });
  for (const b of Array.from(doc.getElementsByTagName('button'))) {
    const id = b.getAttribute('id') ?? '';
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.control = id;
    button.title = b.getAttribute('screentip') ?? '';
    button.style.cssText = 'display:flex;flex-direction:column;align-items:center;gap:2px;padding:4px 8px;border:1px solid transparent;background:none;cursor:pointer;font:inherit';
    const img = document.createElement('img');
    img.alt = '';
    img.width = 32;
    img.height = 32;
    img.src = w.GetImage?.({ Id: id }) ?? '';
    const label = document.createElement('span');
    label.textContent = b.getAttribute('label') ?? id;
    button.append(img, label);
    button.addEventListener('click', () => handle.click(id));
    ribbon.appendChild(button);
  }
  const main = document.createElement('div');
  main.style.cssText = 'flex:1;display:flex;min-height:0';
  const sheetArea = document.createElement('div');
  sheetArea.style.cssText = 'flex:1;display:flex;flex-direction:column;min-width:0';
  const gridBox = document.createElement('div');
  gridBox.style.cssText = 'flex:1;overflow:auto';
  const tabs = document.createElement('div');
  tabs.setAttribute('role', 'tablist');
  tabs.style.cssText = 'display:flex;gap:2px;border-top:1px solid #d0d0d0;padding:2px 6px;background:#fafafa';
  sheetArea.append(gridBox, tabs);
  const pane = document.createElement('div');
  pane.id = 'wps-pane';
  pane.style.cssText = 'width:360px;border-left:1px solid #d0d0d0;display:none';
  main.append(sheetArea, pane);
  document.body.append(ribbon, main);
  const draw = (): void => {
    const book = fake.book;
    const s = book.activeSheet;
    tabs.innerHTML = '';
    for (const name of handle.sheetNames()) {
      const t = document.createElement('button');
      t.type = 'button';
      t.setAttribute('role', 'tab');
      t.setAttribute('aria-selected', String(name === s?.name));
      t.textContent = name;
      t.style.cssText = `border:1px solid #ccc;padding:2px 8px;background:${name === s?.name ? '#fff' : '#eee'};font:inherit`;
      t.addEventListener('click', () => {
        book.activeSheet = book.sheet(name) ?? book.activeSheet;
        draw();
      });
      tabs.appendChild(t);
    }
    if (!s) return;
    const used = s.usedArea();
    const rows = Math.min(used.bottom, 200);
    const cols = Math.min(used.right, 30);
    const covered = new Set<string>();
    const table = document.createElement('table');
    table.style.cssText = 'border-collapse:collapse;font-size:12px';
    for (let r = 1; r <= rows; r++) {
      const tr = document.createElement('tr');
      for (let c = 1; c <= cols; c++) {
        if (covered.has(`${r},${c}`)) continue;
        const td = document.createElement('td');
        const m = s.merges.find((x) => x.top === r && x.left === c);
        if (m) {
          td.rowSpan = m.bottom - m.top + 1;
          td.colSpan = m.right - m.left + 1;
          for (let i = m.top; i <= m.bottom; i++) for (let j = m.left; j <= m.right; j++) if (i !== r || j !== c) covered.add(`${i},${j}`);
        }
        const cell = s.get(r, c);
        td.dataset.cell = a1(r, c);
        td.textContent = display(cell?.v, cell?.nf);
        const sel = book.selection;
        const selected = r >= sel.top && r <= sel.bottom && c >= sel.left && c <= sel.right;
        td.style.cssText = `border:1px solid #d9d9d9;padding:2px 4px;max-width:220px;vertical-align:top;${cell?.fill !== undefined ? `background:${bgrToRgb(cell.fill)};` : ''}${selected ? 'outline:2px solid #217346;outline-offset:-2px;' : ''}`;
        if (selected) td.dataset.selected = '';
        if (s.comment(r, c) !== undefined) {
          td.title = s.comment(r, c)!;
          td.style.boxShadow = 'inset -6px 6px 0 -3px #c00';
        }
        tr.appendChild(td);
      }
      table.appendChild(tr);
    }
    gridBox.innerHTML = '';
    gridBox.appendChild(table);
  };
  let queued = false;
  fake.app.watchers.add(() => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      draw();
    }, 0);
  });
  draw();
}

install();
