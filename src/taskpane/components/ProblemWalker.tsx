/**
 * One problem at a time, like Excel's own checker panes: 上一个 / 下一个 move through the open
 * problems and select each one's cell in the workbook; where the engine knows the value that
 * fixes the cell, 更正此项 writes that one cell (`score` with `only`).
 */
import { Badge, Button, Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ruleLabel, ruleTip, SEVERITY_LABEL, type Problem } from '../format';
import { SEVERITY_BADGE } from './severity';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '8px 10px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: { display: 'flex', alignItems: 'center', gap: '6px', flexWrap: 'wrap' },
  place: { color: tokens.colorBrandForeground1, fontVariantNumeric: 'tabular-nums' },
  message: { overflowWrap: 'anywhere' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '6px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface ProblemWalkerProps {
  /** Open problems (corrected ones left out), in list order. */
  readonly problems: readonly Problem[];
  /** Index of the current one. */
  readonly at: number;
  readonly busy: boolean;
  /** The workbook's settings are loaded (更正此项 writes). */
  readonly ready: boolean;
  onMove(index: number): void;
  onFix(problem: Problem): void;
}

export function ProblemWalker({ problems, at, busy, ready, onMove, onFix }: ProblemWalkerProps) {
  const s = useStyles();
  if (problems.length === 0) return null;
  const i = Math.min(Math.max(at, 0), problems.length - 1);
  const p = problems[i];
  const sev = p.finding.severity;
  return (
    <section className={s.root} aria-labelledby="walker-title" data-testid="walker">
      <div className={s.head}>
        <Text id="walker-title" weight="semibold" as="h3" style={{ margin: 0, fontSize: tokens.fontSizeBase300 }}>
          第 {i + 1} / {problems.length} 个问题
        </Text>
        <Badge appearance="tint" color={SEVERITY_BADGE[sev]}>
          {SEVERITY_LABEL[sev]}
        </Badge>
      </div>
      <div>
        <Text weight="semibold" title={ruleTip(p.finding.rule)}>
          {ruleLabel(p.finding.rule)}
        </Text>{' '}
        <span className={s.place}>{p.place}</span>
      </div>
      <Caption1 className={s.message} data-testid="walker-message">
        {p.finding.message}
      </Caption1>
      <div className={s.buttons}>
        <Button size="small" disabled={i === 0} onClick={() => onMove(i - 1)}>
          上一个
        </Button>
        <Button size="small" disabled={i === problems.length - 1} onClick={() => onMove(i + 1)}>
          下一个
        </Button>
        {p.fixable && (
          <Button size="small" appearance="primary" disabled={busy || !ready} onClick={() => onFix(p)}>
            更正此项
          </Button>
        )}
      </div>
      {p.fixable && <Caption1 className={s.muted}>“更正此项”只把计算值写入 {p.place}，其他单元格不变。</Caption1>}
    </section>
  );
}
