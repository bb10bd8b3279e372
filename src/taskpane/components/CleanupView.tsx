/**
 * 清理模板 view: the preview grouped by sheet and kind with counts (each change before →
 * after, expandable), a checkbox per kind (fill-in hints listed separately), 应用, 撤销清理
 * and 保留清理结果. Backups left by an earlier clean-up are always announced.
 */
import {
  Button,
  Caption1,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CLEANUP_KINDS, DEFAULT_KINDS, KIND_LABELS, countsLine, describeChange, type CleanupChange, type CleanupKind } from '../../core/cleanup';
import type { AddinHost, CleanupPreview, CleanupState, NotesWord } from '../../core';
import { asAddinError, errorText } from '../../runtime';
import { useRoving, type Roving } from '../roving';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  kinds: { display: 'flex', flexDirection: 'column' },
  sheet: { display: 'flex', flexDirection: 'column', gap: '4px', padding: '6px 8px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  list: { margin: 0, paddingLeft: '16px', fontSize: tokens.fontSizeBase200 },
  change: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    border: 'none',
    background: 'none',
    padding: '2px 0',
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    overflowWrap: 'anywhere',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  detail: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

/** Kinds planned only when asked for: ticking them re-runs the preview. */
const OPTIONAL: readonly CleanupKind[] = ['unmerge', 'reuse'];
/** Changes shown per sheet and kind before "…另有 N 处". */
const SHOWN = 30;

type Busy = 'preview' | 'apply' | 'undo' | 'keep';

export interface CleanupViewProps {
  readonly host: AddinHost;
  /** After 应用 or 撤销清理: the pane re-checks the workbook. */
  readonly onChanged: () => void;
  readonly onClose: () => void;
}

function ChangeItem({ change, notesWord, roving }: { change: CleanupChange; notesWord: NotesWord; roving: ReturnType<Roving['item']> }) {
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const d = describeChange(change, notesWord);
  return (
    <li>
      <button type="button" {...roving} className={s.change} onClick={() => setOpen(!open)} aria-expanded={open} data-testid="cleanup-change">
        {d.place}：{d.before} → {d.after}
      </button>
      {open && (
        <div className={s.detail}>
          {change.reason}
          {change.op === 'delete-row' && change.before.cells.length > 0 && <div>该行内容：{change.before.cells.map((c) => `${c.address} ${c.value.t === 'empty' ? '' : String(c.value.v)}`).join('；')}</div>}
        </div>
      )}
    </li>
  );
}

/** One kind's changes on one sheet: one Tab stop, arrow keys inside. */
function ChangeList({ changes, notesWord }: { changes: readonly CleanupChange[]; notesWord: NotesWord }) {
  const s = useStyles();
  const shown = changes.slice(0, SHOWN);
  const roving = useRoving(shown.length);
  return (
    <ul className={s.list} onKeyDown={roving.onKeyDown}>
      {shown.map((c, i) => (
        <ChangeItem key={i} change={c} notesWord={notesWord} roving={roving.item(i)} />
      ))}
      {changes.length > SHOWN && <li>…另有 {changes.length - SHOWN} 处</li>}
    </ul>
  );
}

export function CleanupView({ host, onChanged, onClose }: CleanupViewProps) {
  const s = useStyles();
  const [kinds, setKinds] = useState<Record<CleanupKind, boolean>>({ ...DEFAULT_KINDS });
  const [preview, setPreview] = useState<CleanupPreview | null>(null);
  const [state, setState] = useState<CleanupState | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = useCallback(async (b: Busy, action: () => Promise<void>) => {
    setBusy(b);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorText(asAddinError(e)));
    } finally {
      setBusy(null);
    }
  }, []);

  const refresh = useCallback(
    (k: Record<CleanupKind, boolean>) =>
      run('preview', async () => {
        const optional = Object.fromEntries(OPTIONAL.map((x) => [x, k[x]]));
        const [p, st] = await Promise.all([host.previewCleanup({ kinds: optional }), host.cleanupState()]);
        setPreview(p);
        setState(st);
      }),
    [host, run],
  );

  // Only the optional kinds change what is planned: the preview re-runs when they change.
  const { unmerge, reuse } = kinds;
  useEffect(() => {
    void refresh({ ...DEFAULT_KINDS, unmerge, reuse });
  }, [refresh, unmerge, reuse]);

  const ticked = useMemo(() => (preview ? preview.plan.changes.filter((c) => kinds[c.kind]) : []), [preview, kinds]);
  const bySheet = useMemo(() => {
    const m = new Map<string, CleanupChange[]>();
    for (const c of preview?.plan.changes ?? []) m.set(c.place.sheet, [...(m.get(c.place.sheet) ?? []), c]);
    return m;
  }, [preview]);

  const apply = () =>
    run('apply', async () => {
      if (!preview) return;
      const r = await host.applyCleanup(preview.plan, kinds);
      setNotice(`已清理 ${r.applied} 处：${countsLine(r.counts)}。${r.backedUp.length ? `已为 ${r.backedUp.length} 个工作表保留隐藏备份，可撤销清理。` : ''}`);
      onChanged();
      const [p, st] = await Promise.all([host.previewCleanup({ kinds: Object.fromEntries(OPTIONAL.map((x) => [x, kinds[x]])) }), host.cleanupState()]);
      setPreview(p);
      setState(st);
    });
  const undo = () =>
    run('undo', async () => {
      const r = await host.undoCleanup();
      setNotice(`已撤销清理：恢复 ${r.restoredSheets.length} 个工作表、${r.restoredCells} 个单元格。`);
      onChanged();
      const [p, st] = await Promise.all([host.previewCleanup({ kinds: Object.fromEntries(OPTIONAL.map((x) => [x, kinds[x]])) }), host.cleanupState()]);
      setPreview(p);
      setState(st);
    });
  const keep = () =>
    run('keep', async () => {
      const n = await host.keepCleanup();
      setNotice(`已保留清理结果，删除 ${n} 个备份工作表。`);
      setState(await host.cleanupState());
    });

  const kindBox = (k: CleanupKind) => {
    const n = preview?.plan.counts[k] ?? 0;
    const optional = OPTIONAL.includes(k);
    return (
      <Checkbox
        key={k}
        checked={kinds[k]}
        disabled={busy !== null || (!optional && n === 0)}
        label={optional && !kinds[k] ? `${KIND_LABELS[k]}（可选）` : `${KIND_LABELS[k]}（${n} 处）`}
        onChange={(_, d) => setKinds({ ...kinds, [k]: d.checked === true })}
      />
    );
  };
  const hasBackups = !!state && (state.backups.length > 0 || state.undoAvailable);

  return (
    <section className={s.root} data-testid="cleanup-view" aria-busy={busy !== null}>
      <Text as="h2" weight="semibold" size={400} style={{ margin: 0 }}>
        清理模板
      </Text>
      <Caption1>清理填写提示、占位指标行、文本型数字、全角符号、网页和 Word 残留、空白模板工作表和上次运行的标记。公式和数值不变。</Caption1>
      {hasBackups && (
        <MessageBar intent="warning" data-testid="cleanup-backups">
          <MessageBarBody>
            <MessageBarTitle>工作簿中有上次清理的备份</MessageBarTitle>
            {state!.backups.length > 0 ? `${state!.backups.length} 个隐藏的备份工作表（${state!.backups.join('、')}）。` : ''}确认清理结果后请点“保留清理结果”删除备份，或点“撤销清理”恢复原样（清理后在这些工作表上的修改会一并撤销）。
          </MessageBarBody>
          <MessageBarActions>
            {state!.undoAvailable && (
              <Button size="small" disabled={busy !== null} onClick={() => void undo()}>
                撤销清理
              </Button>
            )}
            <Button size="small" disabled={busy !== null} onClick={() => void keep()}>
              保留清理结果
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error" data-testid="cleanup-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent="success" data-testid="cleanup-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {busy === 'preview' && <Spinner size="tiny" label="正在读取工作簿并生成清理预览…" />}
      {busy === 'apply' && <Spinner size="tiny" label="正在清理…" />}
      {preview && (
        <>
          <div data-testid="cleanup-counts">
            {preview.plan.changes.length ? `共 ${preview.plan.changes.length} 处，已勾选 ${ticked.length} 处：${countsLine(preview.plan.counts)}` : '无需清理：没有发现需要处理的内容。'}
          </div>
          {preview.protectedSheets.length > 0 && <Caption1>受保护的工作表不清理：{preview.protectedSheets.join('、')}</Caption1>}
          <div className={s.kinds} role="group" aria-label="清理内容">
            {CLEANUP_KINDS.filter((k) => k !== 'hint' && !OPTIONAL.includes(k)).map(kindBox)}
          </div>
          <div className={s.kinds} role="group" aria-label="填写提示">
            <Caption1>填写提示单独列出：如需保留某些提示，请取消勾选。</Caption1>
            {kindBox('hint')}
          </div>
          <div className={s.kinds} role="group" aria-label="可选">
            {OPTIONAL.map(kindBox)}
          </div>
          <div className={s.actions}>
            <Button appearance="primary" disabled={busy !== null || ticked.length === 0} onClick={() => void apply()}>
              应用
            </Button>
            <Button disabled={busy !== null} onClick={onClose}>
              返回
            </Button>
          </div>
          {[...bySheet].map(([sheet, list]) => (
            <div key={sheet} className={s.sheet} data-testid="cleanup-sheet">
              <Text as="h3" weight="semibold" size={300} style={{ margin: 0 }}>
                工作表「{sheet}」（{list.length} 处）
              </Text>
              {[...CLEANUP_KINDS.filter((k) => k !== 'hint'), 'hint' as const].map((k) => {
                const of = list.filter((c) => c.kind === k);
                if (!of.length) return null;
                return (
                  <div key={k}>
                    <Caption1>
                      {KIND_LABELS[k]}：{of.length} 处{kinds[k] ? '' : '（不清理）'}
                    </Caption1>
                    <ChangeList changes={of} notesWord={preview.notesWord} />
                  </div>
                );
              })}
            </div>
          ))}
        </>
      )}
    </section>
  );
}
