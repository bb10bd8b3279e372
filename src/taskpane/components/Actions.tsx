/**
 * The pane's actions. One name per action, as on the ribbon and in the README: 检查,
 * 计分并写回, 撤销本次写回, 清除标记, 清理模板. Workbook actions wait for the workbook's settings
 * (`ready`): nothing reads or writes with defaults the workbook did not ask for.
 */
import { Button, makeStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px' },
  row: { display: 'flex', flexWrap: 'wrap', gap: '6px' },
});

export interface ActionsProps {
  /** An action is running. */
  readonly busy: boolean;
  /** The workbook's settings are loaded (check and write need them). */
  readonly ready: boolean;
  /** The workbook holds no recognisable table: writing is not what to do next. */
  readonly empty: boolean;
  readonly canUndo: boolean;
  onCheck(): void;
  onScore(): void;
  onUndo(): void;
  onClearMarks(): void;
  onCleanup(): void;
  /** Room for further workbook actions (导出审核汇总). */
  readonly extra?: ReactNode;
}

export function Actions({ busy, ready, empty, canUndo, onCheck, onScore, onUndo, onClearMarks, onCleanup, extra }: ActionsProps) {
  const s = useStyles();
  return (
    <div className={s.root} role="group" aria-label="操作">
      <div className={s.row}>
        <Button appearance={empty ? 'primary' : 'secondary'} disabled={busy || !ready} onClick={onCheck}>
          检查
        </Button>
        <Button appearance={empty ? 'secondary' : 'primary'} disabled={busy || !ready} onClick={onScore}>
          计分并写回
        </Button>
        <Button appearance="subtle" disabled={busy || !canUndo} onClick={onUndo}>
          撤销本次写回
        </Button>
      </div>
      <div className={s.row}>
        <Button size="small" appearance="subtle" disabled={busy} onClick={onClearMarks}>
          清除标记
        </Button>
        <Button size="small" appearance="subtle" disabled={busy} onClick={onCleanup} data-testid="open-cleanup">
          清理模板
        </Button>
        {extra}
      </div>
    </div>
  );
}
