/**
 * The task pane: actions, what happened (progress, notices, errors), the calm empty state, then
 * per table the total and grade, execution and details; the problems one at a time and as a
 * list; the marks legend; the settings. Results are announced to screen readers.
 */
import {
  AriaLiveAnnouncer,
  Badge,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
  useAnnounce,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { hiddenSheetsLine, markLegend, type AddinHost, type AddinSettings, type Capabilities, type CheckReport, type HostEvent, type Progress, type WriteReport } from '../core';
import {
  asAddinError,
  checkNotice,
  COMMAND_LABEL,
  commandRunning,
  commandsIdle,
  errorText,
  marksClearedNotice,
  onOutcome,
  onViewRequest,
  takeOutcome,
  takeViewRequest,
  undoNotice,
  writeNotice,
  type CommandOutcome,
  type Notice,
  type PaneView,
} from '../runtime';
import { Actions } from './components/Actions';
import { CleanupView } from './components/CleanupView';
import { EmptyState } from './components/EmptyState';
import { ExportSummary } from './components/ExportSummary';
import { Findings } from './components/Findings';
import { MarksLegend } from './components/MarksLegend';
import { ProblemWalker } from './components/ProblemWalker';
import { ProgressView } from './components/ProgressView';
import { SettingsPanel } from './components/SettingsPanel';
import { SEVERITY_BADGE } from './components/severity';
import { TableCard } from './components/TableCard';
import { correctedOf, openCounts, problemsOf, SEVERITIES, SEVERITY_LABEL, previousOf, shownResult, writeSets, type Problem } from './format';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '12px',
    width: '100%',
    maxWidth: '720px',
    boxSizing: 'border-box',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  section: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  counts: { display: 'flex', flexWrap: 'wrap', gap: '6px' },
  list: { margin: '4px 0 0', paddingLeft: '18px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

type Busy = 'check' | 'score' | 'fix' | 'undo' | 'clear';

/** The pane's error bar: which action failed, in words, with the Office code kept. */
interface PaneError {
  readonly text: string;
}

/** The legend of the add-in's fills (the core's colours and their names). */
const LEGEND = markLegend().map((m) => ({ label: m.label, color: m.hex, colorName: m.colour }));

/** A write report without its write: after an undo, nothing the write did stands. */
const withoutWrite = (r: CheckReport): CheckReport => ({ result: r.result, sheets: r.sheets, counts: r.counts, syncs: r.syncs, empty: r.empty, settings: r.settings });

const isWrite = (r: CheckReport | null): r is WriteReport => r !== null && 'written' in r;

const failureText = (command: string | null, e: unknown): string => {
  const label = command && command in COMMAND_LABEL ? COMMAND_LABEL[command as keyof typeof COMMAND_LABEL] : null;
  return `${label ? `“${label}”失败：` : ''}${errorText(asAddinError(e))}`;
};

export interface AppProps {
  readonly host: AddinHost;
  /** Check the workbook as soon as the pane opens (read only). */
  readonly autoCheck?: boolean;
}

export function App(props: AppProps) {
  return (
    <AriaLiveAnnouncer>
      <Pane {...props} />
    </AriaLiveAnnouncer>
  );
}

function Pane({ host, autoCheck = true }: AppProps) {
  const s = useStyles();
  const { announce } = useAnnounce();
  /** null until the workbook's settings are read: nothing that reads or writes runs before. */
  const [settings, setSettings] = useState<AddinSettings | null>(null);
  const [settingsFailed, setSettingsFailed] = useState(false);
  const [caps, setCaps] = useState<Capabilities | null>(null);
  /** The last report: a check's, or a write's (which carries the workbook as read and as written). */
  const [report, setReport] = useState<CheckReport | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [stale, setStale] = useState<'edit' | 'settings' | null>(null);
  const [canUndo, setCanUndo] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<PaneError | null>(null);
  const [view, setView] = useState<PaneView>(() => takeViewRequest() ?? 'main');
  const [at, setAt] = useState(0);
  /** Backups an earlier 清理模板 left behind (never unnoticed). */
  const [backups, setBackups] = useState(0);
  const settingsRef = useRef<AddinSettings | null>(null);
  /** The report shown, kept in a ref too: events and actions read it without waiting for a render. */
  const reportRef = useRef<CheckReport | null>(null);
  const adopt = useCallback((r: CheckReport | null) => {
    reportRef.current = r;
    setReport(r);
  }, []);

  /**
   * After an undo the workbook is back as the write read it: the write report's own result
   * (as read) shows it again; cells left alone make it out of date.
   */
  const undone = useCallback(
    (partly: boolean) => {
      const r = reportRef.current;
      if (!isWrite(r)) return; // already done (the host's event and the action both call this)
      adopt(withoutWrite(r));
      if (partly) setStale('edit');
    },
    [adopt],
  );

  const show = useCallback(
    (n: Notice | null) => {
      setNotice(n);
      if (n) announce([n.title, ...n.lines].join(' '), { priority: 1 });
    },
    [announce],
  );
  const fail = useCallback(
    (text: string) => {
      setError({ text });
      announce(`出错了：${text}`, { alert: true, priority: 2 });
    },
    [announce],
  );

  /** Switching views starts clean: a message belongs to the view it was given in. */
  const goTo = useCallback((v: PaneView) => {
    setView(v);
    setError(null);
    setNotice(null);
  }, []);
  useEffect(() => onViewRequest(goTo), [goTo]);
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
        fail(errorText(asAddinError(e)));
      } finally {
        setBusy(null);
        setProgress(null);
        refreshUndo();
      }
    },
    [refreshUndo, fail],
  );

  const check = useCallback(
    () =>
      run('check', async () => {
        const st = settingsRef.current;
        if (!st) return;
        const r = await host.check(st, { onProgress: setProgress });
        adopt(r);
        setStale(null);
        setAt(0);
        announce(checkNotice(r).title);
      }),
    [host, run, announce, adopt],
  );

  const score = useCallback(
    () =>
      run('score', async () => {
        const st = settingsRef.current;
        if (!st) return;
        const r = await host.score(st, { onProgress: setProgress });
        adopt(r);
        setStale(null);
        setAt(0);
        show(writeNotice(r));
      }),
    [host, run, show, adopt],
  );

  const fix = useCallback(
    (p: Problem) =>
      run('fix', async () => {
        const st = settingsRef.current;
        if (!st) return;
        const r = await host.score(st, { only: [{ sheet: p.sheet, cell: p.cell }], onProgress: setProgress });
        adopt(r);
        setStale(null);
        const fixed = (r.corrected ?? []).some((c) => c.sheet === p.sheet && c.cell === p.cell);
        show(fixed ? { ...writeNotice(r), title: `已更正 ${p.place}。` } : writeNotice(r));
      }),
    [host, run, show, adopt],
  );

  const undo = useCallback(
    () =>
      run('undo', async () => {
        const r = await host.undo();
        undone(r.skipped.length > 0);
        show(undoNotice(r));
      }),
    [host, run, show, undone],
  );

  const clearMarks = useCallback(
    () =>
      run('clear', async () => {
        show(marksClearedNotice(await host.clearMarks(), (await host.capabilities()).notesWord));
      }),
    [host, run, show],
  );

  const select = useCallback(
    (sheet: string, cell: string) => {
      host.select(sheet, cell).catch((e: unknown) => fail(errorText(asAddinError(e))));
    },
    [host, fail],
  );

  const changeSettings = useCallback(
    (next: AddinSettings) => {
      settingsRef.current = next;
      setSettings(next);
      if (reportRef.current) setStale('settings');
      host.saveSettings(next).catch((e: unknown) => fail(`设置未能保存到工作簿：${errorText(asAddinError(e))}`));
    },
    [host, fail],
  );

  // Events from the shared host (a ribbon command's results, staleness, progress) and the
  // ribbon's outcomes (what it did, or why it failed).
  useEffect(() => {
    const showOutcome = (o: CommandOutcome): void => {
      if (o.error) fail(failureText(o.command, o.error));
      else {
        setError(null);
        show(o.notice);
      }
    };
    const pending = takeOutcome();
    if (pending) showOutcome(pending);
    const offOutcome = onOutcome(showOutcome);
    const offHost = host.subscribe((e: HostEvent) => {
      switch (e.type) {
        case 'checked':
          adopt(e.report);
          setStale(null);
          break;
        case 'written':
          adopt(e.report);
          setStale(null);
          setCanUndo(e.report.undoAvailable);
          break;
        case 'undone':
          undone(e.report.skipped.length > 0);
          setCanUndo(false);
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
        default:
          break;
      }
    });
    return () => {
      offOutcome();
      offHost();
    };
  }, [host, show, fail, adopt, undone]);

  /** Opening: the workbook's settings first, then what this Excel supports, then the check. */
  const open = useCallback(async () => {
    setSettingsFailed(false);
    setError(null);
    try {
      const [st, capabilities] = await Promise.all([host.loadSettings(), host.capabilities()]);
      settingsRef.current = st;
      setSettings(st);
      setCaps(capabilities);
      refreshUndo();
    } catch (e) {
      setSettingsFailed(true);
      fail(`无法读取本工作簿的设置，暂不能检查或写回：${errorText(asAddinError(e))}`);
      return;
    }
    if (!autoCheck) return;
    // A ribbon command that started this runtime brings its own result: wait for it.
    if (commandRunning()) await commandsIdle();
    if (!reportRef.current) await check();
  }, [host, autoCheck, check, refreshUndo, fail]);

  useEffect(() => {
    void open();
  }, [open]);

  useEffect(() => {
    if (typeof performance !== 'undefined' && performance.mark) performance.mark('jixiao-first-render');
  }, []);

  const problems = useMemo(() => problemsOf(report), [report]);
  const openProblems = problems;
  const corrected = useMemo(() => correctedOf(report), [report]);
  const sets = useMemo(() => writeSets(report), [report]);
  const previous = useMemo(() => previousOf(report), [report]);
  const counts = openCounts(problems);
  const shown = report ? shownResult(report) : null;
  const tables = shown?.tables ?? [];
  const empty = report !== null && (report.empty != null || tables.length === 0);
  const ready = settings !== null;
  const current = openProblems[Math.min(at, openProblems.length - 1)] ?? null;

  const moveTo = (i: number): void => {
    setAt(i);
    const p = openProblems[i];
    if (p) select(p.sheet, p.cell);
  };
  const pick = (p: Problem): void => {
    const i = openProblems.indexOf(p);
    if (i >= 0) setAt(i);
    select(p.sheet, p.cell);
  };

  const errorBar = error && (
    <MessageBar intent="error" data-testid="error">
      <MessageBarBody>
        <MessageBarTitle>出错了</MessageBarTitle>
        {error.text}
      </MessageBarBody>
      {settingsFailed && (
        <MessageBarActions>
          <Button size="small" onClick={() => void open()}>
            重试
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );

  if (view === 'cleanup') {
    return (
      <main className={s.root} aria-busy={busy !== null}>
        <CleanupView host={host} onChanged={() => void check()} onClose={() => goTo('main')} />
      </main>
    );
  }
  return (
    <main className={s.root} aria-busy={busy !== null}>
      {backups > 0 && (
        <MessageBar intent="warning" data-testid="cleanup-backups-notice">
          <MessageBarBody>工作簿中有 {backups} 个上次清理留下的隐藏备份工作表，请在“清理模板”中撤销清理或保留清理结果。</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => goTo('cleanup')}>
              查看
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Actions
        busy={busy !== null}
        ready={ready}
        empty={empty}
        canUndo={canUndo}
        onCheck={() => void check()}
        onScore={() => void score()}
        onUndo={() => void undo()}
        onClearMarks={() => void clearMarks()}
        onCleanup={() => goTo('cleanup')}
        extra={<ExportSummary host={host} settings={settings} disabled={busy !== null || !ready} />}
      />
      {busy && busy !== 'clear' && <ProgressView progress={progress} writes={busy === 'score' || busy === 'fix'} />}
      {!busy && !ready && !settingsFailed && <Spinner size="tiny" label="正在读取本工作簿的设置…" />}
      {errorBar}
      {stale === 'edit' && report && (
        <MessageBar intent="warning" data-testid="stale">
          <MessageBarBody>工作簿在检查后有改动，以下结果可能已过时。</MessageBarBody>
          <MessageBarActions>
            <Button size="small" disabled={busy !== null || !ready} onClick={() => void check()}>
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
      {empty && <EmptyState title={report.empty?.title ?? null} guidance={report.empty?.guidance ?? null} sheets={report.sheets.map((sh) => sh.name)} />}
      {!report && ready && !busy && <Caption1 className={s.muted}>尚未检查本工作簿。“检查”只读取不写入；“计分并写回”把得分、执行率、扣分、总分和等级写回原单元格。</Caption1>}
      {report && tables.length > 0 && (
        <>
          <section className={s.section} aria-labelledby="overview-title">
            <Text as="h2" id="overview-title" weight="semibold" size={400} style={{ margin: 0 }}>
              识别出 {tables.length} 张表
            </Text>
            <div className={s.counts} data-testid="severity-counts">
              {SEVERITIES.map((sev) => (
                <Badge key={sev} appearance={counts[sev] ? 'filled' : 'outline'} color={SEVERITY_BADGE[sev]}>
                  {SEVERITY_LABEL[sev]} {counts[sev]}
                </Badge>
              ))}
              {corrected.length > 0 && (
                <Badge appearance="filled" color="success">
                  已更正 {corrected.length}
                </Badge>
              )}
            </div>
            {report.result.sheetsWithoutTables.length > 0 && (
              <Caption1 className={s.muted}>未识别出表的工作表：{report.result.sheetsWithoutTables.join('、')}</Caption1>
            )}
            {hiddenSheetsLine(report.result.skippedSheets) && <Caption1 className={s.muted}>{hiddenSheetsLine(report.result.skippedSheets)}</Caption1>}
            {report.sheets.some((sh) => sh.protected) && (
              <Caption1 className={s.muted}>受保护、不写入的工作表：{report.sheets.filter((sh) => sh.protected).map((sh) => sh.name).join('、')}</Caption1>
            )}
          </section>
          <ProblemWalker problems={openProblems} at={at} busy={busy !== null} ready={ready} onMove={moveTo} onFix={(p) => void fix(p)} />
          <section className={s.section} aria-labelledby="tables-title">
            <Text as="h2" id="tables-title" weight="semibold" size={400} style={{ margin: 0 }}>
              各表得分
            </Text>
            {tables.map((t, i) => (
              <TableCard key={`${t.sheet}-${t.range}-${i}`} table={t} previous={previous} written={sets.written} corrected={sets.corrected} />
            ))}
          </section>
          <Findings problems={problems} corrected={corrected} current={current?.key ?? null} onSelect={pick} onSelectCell={select} />
          <MarksLegend entries={LEGEND} notesWord={caps?.notesWord} />
        </>
      )}
      {settings && (
        <SettingsPanel
          settings={settings}
          capabilities={caps}
          disabled={busy !== null}
          changed={stale === 'settings' && report !== null}
          onChange={changeSettings}
          onRecheck={() => void check()}
        />
      )}
    </main>
  );
}
