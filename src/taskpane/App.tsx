import {
  Button,
  Caption1,
  Divider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_SETTINGS, type AddinHost, type AddinSettings, type Capabilities, type CheckReport, type HostEvent, type Progress, type UndoReport, type WriteReport } from '../core';
import { CleanupView } from './components/CleanupView';
import { Findings } from './components/Findings';
import { ProgressView } from './components/ProgressView';
import { SettingsPanel } from './components/SettingsPanel';
import { Summary } from './components/Summary';
import { TableCard } from './components/TableCard';
import { asAddinError, errorText, onCommandFailure, onViewRequest, takeCommandFailure, takeViewRequest, type CommandFailure, type PaneView } from './host-singleton';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '12px',
    minWidth: '296px', // 320 px pane minus padding
    maxWidth: '720px',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
    minHeight: '100vh',
  },
  cards: { display: 'flex', flexDirection: 'column', gap: '8px' },
  list: { margin: '4px 0 0', paddingLeft: '18px' },
});

type Busy = 'check' | 'score' | 'undo' | 'clear';

interface Notice {
  readonly intent: 'success' | 'warning' | 'info';
  readonly title: string;
  readonly lines: readonly string[];
}

const COMMAND_LABEL: Readonly<Record<string, string>> = { checkWorkbook: '检查', scoreWorkbook: '重新计分', clearMarks: '清除标记' };

/** What a write did, in the accountant's words. */
export function writeNotice(r: WriteReport): Notice {
  const lines: string[] = [];
  let title: string;
  if (r.written === 0) title = '工作簿中的得分与计算结果一致，没有需要写入的单元格。';
  else {
    const parts = [`已写入 ${r.written} 个单元格`];
    if (r.highlighted) parts.push(`标记 ${r.highlighted} 个问题单元格`);
    if (r.notesAdded) parts.push(`添加 ${r.notesAdded} 条批注`);
    title = `${parts.join('，')}。`;
  }
  for (const c of r.changedSinceRead) lines.push(`${c.sheet}!${c.cell}：${c.message}`);
  if (r.changedSinceRead.length) lines.unshift(`以下 ${r.changedSinceRead.length} 个单元格在计算后被修改，未覆盖，请重新计分：`);
  if (r.protectedSheets.length) lines.push(`工作表受保护，未写入：${r.protectedSheets.join('、')}。请撤销工作表保护后重新计分。`);
  if (r.notesUnavailable) lines.push(`未添加批注：${r.notesUnavailable}`);
  const intent = r.changedSinceRead.length || r.protectedSheets.length ? 'warning' : 'success';
  return { intent, title, lines };
}

/** A write's report without its write: after an undo, nothing the write did stands. */
const withoutWrite = (r: CheckReport | null): CheckReport | null => (r ? { result: r.result, sheets: r.sheets, counts: r.counts, syncs: r.syncs } : r);

/** The cells a write report's write actually changed (not the ones left alone or protected). */
function writtenCells(report: CheckReport | null): ReadonlySet<string> {
  if (!report || !('written' in report) || (report as WriteReport).written === 0) return new Set();
  const w = report as WriteReport;
  const skipped = new Set(w.changedSinceRead.map((c) => `${c.sheet}!${c.cell}`));
  const blocked = new Set(w.protectedSheets);
  return new Set(w.result.plan.filter((e) => !blocked.has(e.sheet)).map((e) => `${e.sheet}!${e.cell}`).filter((k) => !skipped.has(k)));
}

export function undoNotice(r: UndoReport): Notice {
  const lines = r.skipped.map((c) => `${c.sheet}!${c.cell}：${c.message}`);
  if (lines.length) lines.unshift(`以下 ${lines.length} 个单元格在写回后又被修改，保留现值：`);
  return { intent: lines.length ? 'warning' : 'success', title: `已撤销本次写回，恢复 ${r.restored} 个单元格。`, lines };
}

export interface AppProps {
  readonly host: AddinHost;
  /** Check the workbook as soon as the pane opens (read only). */
  readonly autoCheck?: boolean;
}

/** The task pane: summary, table cards, findings, settings, progress and messages. */
export function App({ host, autoCheck = true }: AppProps) {
  const s = useStyles();
  const [settings, setSettings] = useState<AddinSettings | null>(null);
  const [caps, setCaps] = useState<Capabilities | null>(null);
  const [report, setReport] = useState<CheckReport | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [stale, setStale] = useState<'edit' | 'settings' | null>(null);
  const [canUndo, setCanUndo] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const settingsRef = useRef<AddinSettings>(DEFAULT_SETTINGS);
  const [view, setView] = useState<PaneView>(() => takeViewRequest() ?? 'main');
  /** Backups an earlier 清理模板 left behind (never unnoticed). */
  const [backups, setBackups] = useState(0);

  useEffect(() => onViewRequest(setView), []);
  useEffect(() => {
    host.cleanupState().then(
      (st) => setBackups(st.backups.length),
      () => setBackups(0),
    );
  }, [host, view]);

  const refreshUndo = useCallback(() => {
    host.canUndo().then(setCanUndo, () => setCanUndo(false));
  }, [host]);

  /** Runs one action: busy while it lasts, every failure shown, never an unhandled rejection. */
  const run = useCallback(
    async (kind: Busy, action: () => Promise<void>) => {
      setBusy(kind);
      setError(null);
      setNotice(null);
      setProgress(null);
      try {
        await action();
      } catch (e) {
        setError(errorText(asAddinError(e)));
      } finally {
        setBusy(null);
        setProgress(null);
        refreshUndo();
      }
    },
    [refreshUndo],
  );

  const check = useCallback(
    () =>
      run('check', async () => {
        const r = await host.check(settingsRef.current, setProgress);
        setReport(r);
        setStale(null);
      }),
    [host, run],
  );

  const score = useCallback(
    () =>
      run('score', async () => {
        const r = await host.score(settingsRef.current, setProgress);
        setReport(r);
        setStale(null);
        setNotice(writeNotice(r));
      }),
    [host, run],
  );

  const undo = useCallback(
    () =>
      run('undo', async () => {
        const r = await host.undo();
        setReport(withoutWrite);
        setNotice(undoNotice(r));
        setStale('edit');
      }),
    [host, run],
  );

  const select = useCallback(
    (sheet: string, cell: string) => {
      host.select(sheet, cell).catch((e: unknown) => setError(errorText(asAddinError(e))));
    },
    [host],
  );

  const changeSettings = useCallback(
    (next: AddinSettings) => {
      settingsRef.current = next;
      setSettings(next);
      if (report) setStale('settings');
      host.saveSettings(next).catch((e: unknown) => setError(`设置未能保存到工作簿：${errorText(asAddinError(e))}`));
    },
    [host, report],
  );

  // Events from the shared host: a ribbon command's results, staleness, progress.
  useEffect(() => {
    const showFailure = (f: CommandFailure): void => {
      const label = COMMAND_LABEL[f.command];
      setError(`${label ? `“${label}”失败：` : ''}${errorText(f.error)}`);
    };
    const pending = takeCommandFailure();
    if (pending) showFailure(pending);
    const offFailure = onCommandFailure(showFailure);
    const offHost = host.subscribe((e: HostEvent) => {
      switch (e.type) {
        case 'checked':
          setReport(e.report);
          setStale(null);
          break;
        case 'written':
          setReport(e.report);
          setStale(null);
          setNotice(writeNotice(e.report));
          setCanUndo(e.report.undoAvailable);
          break;
        case 'undone':
          setReport(withoutWrite);
          setStale('edit');
          setNotice(undoNotice(e.report));
          setCanUndo(false);
          break;
        case 'marks-cleared':
          setNotice({ intent: 'success', title: `已清除 ${e.count} 处本加载项添加的标记。`, lines: [] });
          break;
        case 'stale':
          setStale('edit');
          break;
        case 'progress':
          setProgress(e.progress);
          break;
        case 'cleaned':
          setBackups(e.report.backedUp.length);
          break;
        case 'cleanup-undone':
        case 'cleanup-kept':
          setBackups(0);
          break;
      }
    });
    return () => {
      offFailure();
      offHost();
    };
  }, [host]);

  // Opening: the workbook's settings, what this Excel supports, whether an undo is pending.
  useEffect(() => {
    let live = true;
    (async () => {
      const [loaded, capabilities] = await Promise.all([host.loadSettings(), host.capabilities()]);
      if (!live) return;
      settingsRef.current = loaded;
      setSettings(loaded);
      setCaps(capabilities);
      refreshUndo();
      if (autoCheck) await check();
    })().catch((e: unknown) => {
      if (!live) return;
      setSettings(settingsRef.current);
      setError(errorText(asAddinError(e)));
    });
    return () => {
      live = false;
    };
  }, [host, autoCheck, check, refreshUndo]);

  useEffect(() => {
    if (typeof performance !== 'undefined' && performance.mark) performance.mark('jixiao-first-render');
  }, []);

  const tables = report?.result.tables ?? [];
  const written = useMemo(() => writtenCells(report), [report]);
  if (view === 'cleanup') {
    return (
      <main className={s.root} aria-busy={busy !== null}>
        <CleanupView host={host} onChanged={() => void check()} onClose={() => setView('main')} />
        {error && (
          <MessageBar intent="error" data-testid="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
      </main>
    );
  }
  return (
    <main className={s.root} aria-busy={busy !== null}>
      {backups > 0 && (
        <MessageBar intent="warning" data-testid="cleanup-backups-notice">
          <MessageBarBody>工作簿中有 {backups} 个上次清理留下的隐藏备份工作表，请在“清理模板”中撤销清理或保留清理结果。</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => setView('cleanup')}>
              查看
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Summary report={report} busy={busy !== null} canUndo={canUndo} onCheck={() => void check()} onScore={() => void score()} onUndo={() => void undo()} />
      {busy && <ProgressView progress={progress} writes={busy === 'score'} />}
      {!busy && settings === null && <Spinner size="tiny" label="正在读取工作簿设置…" />}
      {error && (
        <MessageBar intent="error" data-testid="error">
          <MessageBarBody>
            <MessageBarTitle>出错了</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
      {stale && report && (
        <MessageBar intent="warning" data-testid="stale">
          <MessageBarBody>{stale === 'settings' ? '设置已更改，以下结果按原设置计算。' : '工作簿在检查后有改动，以下结果可能已过时。'}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" disabled={busy !== null} onClick={() => void check()}>
              重新检查
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent} data-testid="notice">
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
            {notice.lines.length > 0 && (
              <ul className={s.list}>
                {notice.lines.map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {report && report.result.tables.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>没有找到可识别的自评表。</MessageBarTitle>
            加载项查找含“绩效指标/一级指标/二级指标/三级指标、指标值（年度目标）、实际完成值、分值、得分”等表头的绩效自评表，以及含“年初预算数、全年预算数、全年执行数”的预算执行表。
          </MessageBarBody>
        </MessageBar>
      )}
      {tables.length > 0 && (
        <>
          <Divider />
          <Subtitle2>各表得分</Subtitle2>
          <div className={s.cards}>
            {tables.map((t, i) => (
              <TableCard key={`${t.sheet}-${t.range}-${i}`} table={t} written={written} />
            ))}
          </div>
          <Divider />
          <Findings tables={tables} onSelect={select} />
        </>
      )}
      {report && report.result.sheetsWithoutTables.length > 0 && tables.length > 0 && (
        <Caption1>未识别出表的工作表：{report.result.sheetsWithoutTables.join('、')}</Caption1>
      )}
      <Divider />
      <Button disabled={busy !== null} onClick={() => setView('cleanup')} data-testid="open-cleanup">
        清理模板
      </Button>
      {settings && <SettingsPanel settings={settings} capabilities={caps} disabled={busy !== null} onChange={changeSettings} />}
    </main>
  );
}
