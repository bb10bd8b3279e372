/**
 * `npm run preview`: the task pane (taskpane.html over the fake Excel host, in an iframe, exactly
 * as Excel would host it) beside a plain grid of the active sheet, on the example workbooks. The
 * grid reads the fake workbook of the pane's page (same origin) and redraws after every change:
 * written cells are outlined, fills (the pane's highlights) shown, the selected cell framed.
 */
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { createRoot } from 'react-dom/client';

/** The part of the fake host's `window.fakeExcel` the preview reads (test/fake-excel/browser.ts). */
interface PreviewCell {
  readonly value: unknown;
  readonly text: string;
  readonly fill: string | null;
  readonly formula: string | null;
  readonly note: string | null;
}
interface PreviewSheet {
  readonly name: string;
  readonly protected: boolean;
  readonly rows: PreviewCell[][];
  readonly merges: string[];
}
interface FakeExcel {
  readonly ready: Promise<void>;
  error: string | null;
  readonly selection: { sheet: string; address: string };
  readonly activeSheet: string;
  sheets(): PreviewSheet[];
  onChange(listener: () => void): () => void;
}

function colLetters(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `B3:C4` → every address it covers (for the selection frame). */
function addressesOf(ref: string): Set<string> {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref.replace(/\$/g, ''));
  const out = new Set<string>();
  if (!m) return out;
  const col = (l: string): number => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [c1, r1, c2, r2] = [col(m[1]), Number(m[2]), col(m[3] ?? m[1]), Number(m[4] ?? m[2])];
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.add(`${colLetters(c)}${r}`);
  return out;
}

const styles: Record<string, CSSProperties> = {
  page: { display: 'flex', flexDirection: 'column', height: '100%' },
  bar: { display: 'flex', gap: '12px', alignItems: 'center', padding: '8px 12px', borderBottom: '1px solid #ddd', flexWrap: 'wrap' },
  main: { display: 'flex', flex: 1, minHeight: 0 },
  gridWrap: { flex: 1, overflow: 'auto', minWidth: 0 },
  pane: { width: '360px', minWidth: '320px', border: 'none', borderLeft: '1px solid #ddd', resize: 'horizontal' },
  table: { borderCollapse: 'collapse', fontSize: '12px' },
  head: { background: '#f3f3f3', color: '#616161', border: '1px solid #ddd', padding: '0 4px', position: 'sticky', top: 0, fontWeight: 'normal' },
  cell: { border: '1px solid #e6e6e6', padding: '1px 4px', maxWidth: '120px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  tabs: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  legend: { color: '#616161' },
};

function Preview({ workbooks }: { readonly workbooks: readonly string[] }) {
  const params = new URLSearchParams(location.search);
  const [workbook, setWorkbook] = useState(params.get('workbook') ?? workbooks[0] ?? 'seed002-shigu');
  // The fake host's own options (test/fake-excel/browser.ts) go on to the pane's page.
  const hostOptions = ['api', 'platform', 'theme'].map((k) => (params.get(k) ? `&${k}=${encodeURIComponent(params.get(k)!)}` : '')).join('');
  const [sheet, setSheet] = useState<string | null>(null);
  const [sheets, setSheets] = useState<PreviewSheet[]>([]);
  const [selection, setSelection] = useState<{ sheet: string; address: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const original = useRef(new Map<string, unknown>());
  const frame = useRef<HTMLIFrameElement>(null);

  const attach = useCallback(() => {
    const fake = (frame.current?.contentWindow as (Window & { fakeExcel?: FakeExcel }) | null)?.fakeExcel;
    if (!fake) return undefined;
    let off: (() => void) | undefined;
    fake.ready.then(() => {
      if (fake.error) setError(fake.error);
      const first = fake.sheets();
      original.current = new Map(first.flatMap((s) => s.rows.flatMap((row, r) => row.map((c, i) => [`${s.name}!${colLetters(i + 1)}${r + 1}`, c.value] as const))));
      const redraw = (): void => {
        setSheets(fake.sheets());
        setSelection(fake.selection);
        setSheet((cur) => (fake.selection.sheet && fake.selection.sheet !== cur ? fake.selection.sheet : cur ?? fake.activeSheet));
      };
      redraw();
      off = fake.onChange(redraw);
    }, (e: unknown) => setError(String(e)));
    return () => off?.();
  }, []);

  useEffect(() => {
    const f = frame.current;
    if (!f) return undefined;
    let detach: (() => void) | undefined;
    const onLoad = (): void => {
      detach?.();
      detach = attach();
    };
    f.addEventListener('load', onLoad);
    return () => {
      f.removeEventListener('load', onLoad);
      detach?.();
    };
  }, [attach, workbook]);

  const grid = useRef<HTMLDivElement>(null);
  // Bring the selected cell (a clicked finding) into view.
  useEffect(() => {
    grid.current?.querySelector('[data-selected]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selection, sheet, sheets]);

  const current = sheets.find((s) => s.name === sheet) ?? sheets[0];
  const selected = selection && current && selection.sheet === current.name ? addressesOf(selection.address) : new Set<string>();
  const cols = current ? Math.max(0, ...current.rows.map((r) => r.length)) : 0;
  return (
    <div style={styles.page}>
      <div style={styles.bar}>
        <strong>绩效自评助手 · 预览（无需 Excel）</strong>
        <label>
          示例工作簿{' '}
          <select
            value={workbook}
            onChange={(e) => {
              setWorkbook(e.target.value);
              setSheets([]);
              setSheet(null);
              setError(null);
            }}
          >
            {workbooks.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <div style={styles.tabs} role="tablist" aria-label="工作表">
          {sheets.map((s) => (
            <button key={s.name} role="tab" aria-selected={s.name === current?.name} onClick={() => setSheet(s.name)} style={{ fontWeight: s.name === current?.name ? 'bold' : 'normal' }}>
              {s.name}
              {s.protected ? '🔒' : ''}
            </button>
          ))}
        </div>
        <span style={styles.legend}>蓝框：本次写入的单元格；底色：问题标记（浅绿色为已更正）；粗黑框：选中的单元格。修改只在本页内存中，刷新即复原。</span>
      </div>
      {error && <div style={{ color: '#b10e1c', padding: '4px 12px' }}>{error}</div>}
      <div style={styles.main}>
        <div style={styles.gridWrap} ref={grid}>
          {current && (
            <table style={styles.table} aria-label={`工作表 ${current.name}`}>
              <thead>
                <tr>
                  <th style={styles.head} />
                  {Array.from({ length: cols }, (_, i) => (
                    <th key={i} style={styles.head}>
                      {colLetters(i + 1)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {current.rows.map((row, r) => (
                  <tr key={r}>
                    <th style={{ ...styles.head, position: 'sticky', left: 0 }}>{r + 1}</th>
                    {row.map((c, i) => {
                      const addr = `${colLetters(i + 1)}${r + 1}`;
                      const written = original.current.get(`${current.name}!${addr}`) !== c.value;
                      const style: CSSProperties = { ...styles.cell, background: c.fill ?? undefined };
                      if (written) style.outline = '2px solid #0f6cbd';
                      if (selected.has(addr)) style.outline = '3px solid #000';
                      return (
                        <td key={i} style={style} title={[c.formula ? `=${c.formula}` : '', c.note ?? ''].filter(Boolean).join('\n') || undefined} data-cell={addr} data-written={written || undefined} data-selected={selected.has(addr) || undefined}>
                          {c.text}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <iframe ref={frame} key={workbook} title="绩效自评助手任务窗格" style={styles.pane} src={`taskpane.html?workbook=${encodeURIComponent(workbook)}${hostOptions}`} />
      </div>
    </div>
  );
}

async function main(): Promise<void> {
  let workbooks: string[] = [];
  try {
    const r = await fetch('fake/index.json');
    if (r.ok) workbooks = (await r.json()) as string[];
  } catch {
    // No index: the default workbook only.
  }
  createRoot(document.getElementById('root')!).render(<Preview workbooks={workbooks.length ? workbooks : ['seed002-shigu']} />);
}

void main();
