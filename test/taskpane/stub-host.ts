/**
 * A stub AddinHost for pane and command tests: canned reports, recorded calls, injectable
 * failures, and events pushed like the real host's.
 */
import { AddinError, cleanup, exportMessage, DEFAULT_SETTINGS, optionsOf, type CheckOptions, type ScoreOptions, type CleanupPreview, type CleanupReport, type CleanupState, type CleanupUndoReport, type ExportOptions, type ExportReport, type AddinHost, type AddinSettings, type Capabilities, type CheckReport, type HostEvent, type ProgressListener, type UndoReport, type WriteReport } from '../../src/core';

export type Method = 'capabilities' | 'loadSettings' | 'saveSettings' | 'check' | 'score' | 'canUndo' | 'undo' | 'clearMarks' | 'select' | 'exportSummary';

export class StubHost implements AddinHost {
  calls: Array<[Method, ...unknown[]]> = [];
  /** Methods that reject (with the error given). */
  failures: Partial<Record<Method, unknown>> = {};
  settings: AddinSettings = DEFAULT_SETTINGS;
  caps: Capabilities = { notes: true, mergeUndo: true, notesWord: '备注' };
  undoable = false;
  private listeners = new Set<(e: HostEvent) => void>();

  constructor(
    public checkReport: CheckReport,
    public writeReport: WriteReport,
    public undoReport: UndoReport = { restored: 0, skipped: [] },
  ) {}

  private async call<T>(m: Method, args: unknown[], value: () => T): Promise<T> {
    this.calls.push([m, ...args]);
    await Promise.resolve();
    if (m in this.failures) throw this.failures[m];
    return value();
  }

  emit(e: HostEvent): void {
    for (const l of this.listeners) l(e);
  }

  capabilities(): Promise<Capabilities> {
    return this.call('capabilities', [], () => this.caps);
  }
  loadSettings(): Promise<AddinSettings> {
    return this.call('loadSettings', [], () => this.settings);
  }
  saveSettings(s: AddinSettings): Promise<void> {
    return this.call('saveSettings', [s], () => void (this.settings = s));
  }
  /** Without settings the stored ones are used, as the real host does; the call records what was given. */
  async check(s?: AddinSettings | null, options?: CheckOptions | ProgressListener): Promise<CheckReport> {
    const r = await this.call('check', s ? [s] : [], () => ({ ...this.checkReport, settings: s ?? this.settings }));
    const { onProgress } = optionsOf<CheckOptions>(options);
    onProgress?.({ stage: 'read', done: 1, total: 1 });
    onProgress?.({ stage: 'compute', done: r.result.tables.length, total: r.result.tables.length });
    this.emit({ type: 'checked', report: r });
    return r;
  }
  /** Records the settings given (none: the stored ones are used) and `only`, not the progress listener. */
  async score(s?: AddinSettings | null, options?: ScoreOptions | ProgressListener): Promise<WriteReport> {
    const { onProgress, only } = optionsOf<ScoreOptions>(options);
    const r = await this.call('score', [...(s ? [s] : []), ...(only ? [{ only }] : [])], () => ({ ...this.writeReport, settings: s ?? this.settings }));
    onProgress?.({ stage: 'write', done: r.written, total: r.written });
    this.undoable = r.undoAvailable;
    this.emit({ type: 'written', report: r });
    return r;
  }
  canUndo(): Promise<boolean> {
    return this.call('canUndo', [], () => this.undoable);
  }
  async undo(): Promise<UndoReport> {
    const r = await this.call('undo', [], () => this.undoReport);
    this.undoable = false;
    this.emit({ type: 'undone', report: r });
    return r;
  }
  clearMarks(): Promise<number> {
    return this.call('clearMarks', [], () => 3);
  }
  select(sheet: string, cell: string): Promise<void> {
    return this.call('select', [sheet, cell], () => undefined);
  }
  /** 导出审核汇总: a canned report naming the target's sheets. */
  exportSummary(o: ExportOptions): Promise<ExportReport> {
    const sheets = o.target === 'sheet' ? ['审核汇总', '审核问题'] : ['汇总', '问题', '说明'];
    const counts = { files: 1, unreadable: 0, tables: 2, tablesWithErrors: 1, findings: { error: 1, warning: 2, info: 0 } };
    return this.call('exportSummary', [o], () => ({ target: o.target, sheets, counts, message: exportMessage(o.target, sheets, counts), syncs: 2 }));
  }
  // 清理模板: the pane's clean-up view is tested over the real adapter and the fake Excel
  // (test/taskpane/cleanup-view.test.tsx); the stub plans nothing to clean.
  previewCleanup(): Promise<CleanupPreview> {
    const counts = Object.fromEntries(cleanup.CLEANUP_KINDS.map((k) => [k, 0])) as CleanupPreview['plan']['counts'];
    return Promise.resolve({ plan: { changes: [], counts }, sheets: this.checkReport.sheets.map((s) => s.name), protectedSheets: [], syncs: 1, notesWord: this.caps.notesWord });
  }
  applyCleanup(): Promise<CleanupReport> {
    return Promise.reject(new AddinError('NotSupported', '测试桩不支持清理模板'));
  }
  undoCleanup(): Promise<CleanupUndoReport> {
    return Promise.reject(new AddinError('NotSupported', '测试桩不支持清理模板'));
  }
  keepCleanup(): Promise<number> {
    return Promise.resolve(0);
  }
  cleanupState(): Promise<CleanupState> {
    return Promise.resolve({ undoAvailable: false, backups: [], at: null });
  }
  subscribe(l: (e: HostEvent) => void): () => void {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  }
}

export const cellEditError = (): AddinError => new AddinError('InvalidOperationInCellEditMode', 'Excel 正处于单元格编辑状态，请先按 Enter 或 Esc 结束编辑，再重试。');
