/**
 * 导出审核汇总: the reviewer's summary of this workbook (the CLI's `--report` sheets, from the
 * core's `buildSummary`) as new sheets (审核汇总 / 审核问题) or as a new workbook, the user's
 * choice. The outcome sentence is the core's; a failure is shown in words with its code.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import { EXPORT_TARGETS, type AddinHost, type AddinSettings, type ExportTarget } from '../../core';
import { asAddinError, errorText } from '../../runtime';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0, flexBasis: '100%' },
  row: { display: 'flex', flexWrap: 'wrap', gap: '6px', alignItems: 'center' },
});

export interface ExportSummaryProps {
  readonly host: AddinHost;
  /** The settings to summarise with (null: not loaded yet, the action waits). */
  readonly settings: AddinSettings | null;
  /** Another action is running. */
  readonly disabled: boolean;
}

type State = { readonly kind: 'idle' } | { readonly kind: 'choose' } | { readonly kind: 'running'; readonly target: ExportTarget } | { readonly kind: 'done'; readonly message: string } | { readonly kind: 'failed'; readonly message: string };

export function ExportSummary({ host, settings, disabled }: ExportSummaryProps) {
  const s = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const running = state.kind === 'running';

  const exportTo = async (target: ExportTarget): Promise<void> => {
    setState({ kind: 'running', target });
    try {
      const r = await host.exportSummary({ target, settings });
      setState({ kind: 'done', message: r.message });
    } catch (e) {
      setState({ kind: 'failed', message: errorText(asAddinError(e)) });
    }
  };

  return (
    <div className={s.root} data-testid="export-summary">
      <div className={s.row}>
        <Button size="small" appearance="subtle" disabled={disabled || running || !settings} aria-expanded={state.kind === 'choose'} onClick={() => setState(state.kind === 'choose' ? { kind: 'idle' } : { kind: 'choose' })}>
          导出审核汇总
        </Button>
      </div>
      {state.kind === 'choose' && (
        <div className={s.row} role="group" aria-label="导出到">
          {EXPORT_TARGETS.map((t) => (
            <Button key={t.target} size="small" disabled={disabled} onClick={() => void exportTo(t.target)}>
              {t.label}
            </Button>
          ))}
          <Button size="small" appearance="subtle" onClick={() => setState({ kind: 'idle' })}>
            取消
          </Button>
        </div>
      )}
      {running && <Spinner size="tiny" label={state.target === 'sheet' ? '正在新建工作表…' : '正在新建工作簿…'} />}
      {state.kind === 'done' && (
        <MessageBar intent="success" data-testid="export-done">
          <MessageBarBody>
            <MessageBarTitle>已导出审核汇总</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'failed' && (
        <MessageBar intent="error" data-testid="export-failed">
          <MessageBarBody>
            <MessageBarTitle>导出审核汇总失败</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
