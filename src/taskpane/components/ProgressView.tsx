import { Caption1, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { Progress, Stage } from '../../core';
import { STAGE_LABEL, STAGE_UNIT } from '../format';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '4px' },
  stages: { display: 'flex', gap: '4px', alignItems: 'center', flexWrap: 'wrap' },
  current: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  done: { color: tokens.colorNeutralForeground2 },
  todo: { color: tokens.colorNeutralForeground4 },
});

const ORDER: readonly Stage[] = ['read', 'compute', 'write'];

/** 读取 → 计算 → 写回 with the current stage's counts; indeterminate until the first count. */
export function ProgressView({ progress, writes }: { readonly progress: Progress | null; readonly writes: boolean }) {
  const s = useStyles();
  const stages = writes ? ORDER : ORDER.slice(0, 2);
  const at = progress ? stages.indexOf(progress.stage) : 0;
  const value = progress && progress.total > 0 ? progress.done / progress.total : undefined;
  return (
    <div className={s.root} role="status" aria-live="polite" data-testid="progress">
      <div className={s.stages}>
        {stages.map((st, i) => (
          <span key={st} className={i === at ? s.current : i < at ? s.done : s.todo}>
            {i > 0 ? '→ ' : ''}
            {STAGE_LABEL[st]}
          </span>
        ))}
      </div>
      <ProgressBar value={value} thickness="medium" />
      <Caption1>
        {progress ? `${STAGE_LABEL[progress.stage]}：${progress.done} / ${progress.total} ${STAGE_UNIT[progress.stage]}` : '正在开始…'}
      </Caption1>
    </div>
  );
}
