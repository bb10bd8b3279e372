import { Button, Caption1, Card, CardHeader, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { TableResult } from '../../core';
import { isScored, KIND_LABEL, methodText, num, pct, tableName, tablePlace } from '../format';

const useStyles = makeStyles({
  card: { width: '100%', boxSizing: 'border-box' },
  figures: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: '8px', rowGap: '2px', margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  def: { margin: 0, fontVariantNumeric: 'tabular-nums' },
  differs: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  updated: { color: tokens.colorPaletteGreenForeground1 },
  rows: { margin: 0, paddingLeft: '0', listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: '6px' },
  row: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: '4px' },
  method: { color: tokens.colorNeutralForeground3 },
});

/** Sum of the indicator scores (without the budget execution score). */
function indicatorScore(t: TableResult): number | null {
  if (t.total.score === null) return null;
  const e = t.execution?.score ?? 0;
  return Math.round((t.total.score - e) * 100) / 100;
}

/** Differs by more than the engine's 0.01 tolerance: shown in red. */
const differs = (a: number | null, b: number | null): boolean => a !== null && b !== null && Math.abs(a - b) > 0.01 + 1e-9;

export interface TableCardProps {
  readonly table: TableResult;
  /** `Sheet!A1` of the cells the last write changed: their stated figure is now the computed one. */
  readonly written?: ReadonlySet<string>;
}

export function TableCard({ table: t, written }: TableCardProps) {
  const s = useStyles();
  const wrote = (cell: string | null): boolean => cell !== null && (written?.has(`${t.sheet}!${cell}`) ?? false);
  /** `，表中 90` (red when it differs), or `，表中原为 90，已更新` once the write replaced it. */
  const stated = (text: string, bad: boolean, cell: string | null, sep = '，') =>
    wrote(cell) ? <span className={s.updated}>{`${sep}表中原为 ${text}，已更新`}</span> : <span className={bad ? s.differs : undefined}>{`${sep}表中 ${text}`}</span>;
  const [open, setOpen] = useState(false);
  const e = t.execution;
  const name = tableName(t);
  const kind = KIND_LABEL[t.kind] ?? t.kind;
  return (
    <Card className={s.card} size="small" aria-label={name} data-testid="table-card">
      <CardHeader header={<Text weight="semibold">{name}</Text>} description={<Caption1>{`${tablePlace(t)} · ${kind}`}</Caption1>} />
      <dl className={s.figures}>
        {e && (
          <>
            <dt className={s.term}>预算执行</dt>
            <dd className={s.def} data-testid="execution">
              预算 {num(e.budget)}，执行 {num(e.executed)}，执行率 {pct(e.rate)}
              {e.statedRate !== null && differs(e.rate, e.statedRate) ? stated(pct(e.statedRate), true, e.rateCell) : null}
              ，得分 {num(e.score)} / {num(e.weight)}，扣分 {num(e.deduction)}
            </dd>
          </>
        )}
        {isScored(t) && (
          <>
            <dt className={s.term}>指标得分</dt>
            <dd className={s.def}>{num(indicatorScore(t))}</dd>
            <dt className={s.term}>总分</dt>
            <dd className={s.def} data-testid="total">
              计算 {num(t.total.score)}
              {t.total.stated !== null ? stated(num(t.total.stated), differs(t.total.score, t.total.stated), t.total.cell) : null}
            </dd>
            <dt className={s.term}>等级</dt>
            <dd className={s.def} data-testid="grade">
              {t.grade.value ?? '—'}
              {t.grade.stated && t.grade.stated !== t.grade.value ? stated(t.grade.stated, true, t.grade.cell) : null}
            </dd>
          </>
        )}
      </dl>
      {t.indicators.length > 0 && (
        <>
          <Button appearance="transparent" size="small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? '收起指标明细' : `展开指标明细（${t.indicators.length} 项）`}
          </Button>
          {open && (
            <ul className={s.rows} aria-label={`${name} 指标明细`}>
              {t.indicators.map((i) => (
                <li key={i.row} className={s.row}>
                  <Text weight="semibold">{i.level3 || i.level2 || i.level1}</Text>
                  <Caption1 block>
                    {i.scoreCell ? `${t.sheet}!${i.scoreCell}` : `第 ${i.row} 行`} · 分值 {num(i.weight)} · 计算 {num(i.score)}
                    {i.statedScore !== null ? stated(num(i.statedScore), differs(i.score, i.statedScore), i.scoreCell, ' · ') : wrote(i.scoreCell) ? ' · 表中原未填，已写入' : ' · 表中未填'}
                  </Caption1>
                  <Caption1 block className={s.method}>
                    {methodText(i.method)}
                  </Caption1>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}
