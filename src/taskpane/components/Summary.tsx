import { Badge, Button, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { CheckReport } from '../../core';
import { SEVERITIES, SEVERITY_LABEL } from '../format';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '6px' },
  sheets: { margin: 0, paddingLeft: '18px' },
  counts: { display: 'flex', flexWrap: 'wrap', gap: '6px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export const SEVERITY_COLOR = { error: 'danger', warning: 'warning', info: 'informative' } as const;

export interface SummaryProps {
  readonly report: CheckReport | null;
  readonly busy: boolean;
  readonly canUndo: boolean;
  onCheck(): void;
  onScore(): void;
  onUndo(): void;
}

/** Workbook summary: tables per sheet, problems by severity, and the three actions. */
export function Summary({ report, busy, canUndo, onCheck, onScore, onUndo }: SummaryProps) {
  const s = useStyles();
  const tables = report?.result.tables.length ?? 0;
  return (
    <section className={s.root} aria-label="工作簿概况">
      <div className={s.buttons}>
        <Button appearance="secondary" disabled={busy} onClick={onCheck}>
          检查
        </Button>
        <Button appearance="primary" disabled={busy} onClick={onScore}>
          计分并写回
        </Button>
        <Button appearance="subtle" disabled={busy || !canUndo} onClick={onUndo}>
          撤销本次写回
        </Button>
      </div>
      {report ? (
        <>
          <Subtitle2>
            共 {report.sheets.length} 张工作表，识别出 {tables} 张表
          </Subtitle2>
          <ul className={s.sheets} data-testid="sheet-list">
            {report.sheets.map((sh) => (
              <li key={sh.name}>
                {sh.name}：{sh.tables ? `${sh.tables} 张表` : <span className={s.muted}>未识别出表</span>}
                {sh.protected ? '（工作表受保护，不写入）' : ''}
              </li>
            ))}
          </ul>
          <div className={s.counts} data-testid="severity-counts">
            {SEVERITIES.map((sev) => (
              <Badge key={sev} appearance={report.counts[sev] ? 'filled' : 'outline'} color={SEVERITY_COLOR[sev]}>
                {SEVERITY_LABEL[sev]} {report.counts[sev]}
              </Badge>
            ))}
          </div>
        </>
      ) : (
        <Caption1 className={s.muted}>尚未检查本工作簿。点击“检查”只读取不写入；“计分并写回”把得分、执行率、扣分、总分和等级写回原单元格。</Caption1>
      )}
    </section>
  );
}
