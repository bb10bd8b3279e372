/**
 * One table: its total and grade first (and what the write changed), then budget execution,
 * then the indicator rows on demand. A stated figure that differs from the computed one by more
 * than the engine's 0.01 tolerance is red; once the write replaced it, it reads 已更正 in green.
 */
import { Button, Caption1, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Fragment, useId, useState } from 'react';
import type { TableResult } from '../../core';
import { amount, cellKey, isScored, KIND_LABEL, methodText, num, pct, tableName, tablePlace } from '../format';

const useStyles = makeStyles({
  card: { width: '100%', boxSizing: 'border-box', minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, overflowWrap: 'anywhere' },
  place: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  headline: { display: 'flex', alignItems: 'baseline', gap: '8px', flexWrap: 'wrap' },
  big: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  grade: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  figures: { display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', columnGap: '8px', rowGap: '2px', margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  def: { margin: 0, fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' },
  differs: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  corrected: { color: tokens.colorPaletteGreenForeground1 },
  rows: { margin: 0, paddingLeft: '0', listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: '6px' },
  row: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: '4px', overflowWrap: 'anywhere' },
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
  /** `Sheet!A1` of the cells the last write corrected: their stated figure is now the computed one. */
  readonly corrected?: ReadonlySet<string>;
}

export function TableCard({ table: t, corrected }: TableCardProps) {
  const s = useStyles();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const fixed = (cell: string | null): boolean => cell !== null && (corrected?.has(cellKey(t.sheet, cell)) ?? false);
  /** `（表中原为 90，已更正）` once written, `（表中为 90）` in red when it differs, nothing when it agrees. */
  const stated = (text: string, bad: boolean, cell: string | null) =>
    fixed(cell) ? <span className={s.corrected}>{`（表中原为 ${text}，已更正）`}</span> : bad ? <span className={s.differs}>{`（表中为 ${text}）`}</span> : null;
  const e = t.execution;
  const name = tableName(t);
  const kind = KIND_LABEL[t.kind] ?? t.kind;
  const scored = isScored(t);
  const changes = [
    t.total.stated !== null ? stated(`总分 ${num(t.total.stated)}`, differs(t.total.score, t.total.stated), t.total.cell) : null,
    t.grade.stated && t.grade.stated !== t.grade.value ? stated(`等级 ${t.grade.stated}`, true, t.grade.cell) : null,
  ].filter((x) => x !== null);
  return (
    <Card className={s.card} size="small" aria-labelledby={titleId} data-testid="table-card" data-table={name}>
      <div>
        <Text as="h3" block id={titleId} weight="semibold" className={s.title}>
          {name}
        </Text>
        <Caption1 className={s.place}>{`${tablePlace(t)} · ${kind}`}</Caption1>
      </div>
      {scored && (
        <div className={s.headline} data-testid="headline">
          <span className={s.big} data-testid="total">
            {num(t.total.score)}
            <Caption1> 分</Caption1>
          </span>
          <span className={s.grade} data-testid="grade">
            {t.grade.value ?? '—'}
          </span>
        </div>
      )}
      {scored && changes.length > 0 && <Caption1 data-testid="changed">{changes.map((c, i) => <Fragment key={i}>{c}</Fragment>)}</Caption1>}
      <dl className={s.figures}>
        {e && (
          <>
            <dt className={s.term}>预算执行</dt>
            <dd className={s.def} data-testid="execution">
              执行率 {pct(e.rate)}
              {e.statedRate !== null && differs(e.rate, e.statedRate) ? stated(pct(e.statedRate), true, e.rateCell) : null}，得分 {num(e.score)} / {num(e.weight)}，扣 {num(e.deduction)} 分
            </dd>
            <dt className={s.term}>预算 / 执行</dt>
            <dd className={s.def} data-testid="amounts">
              {amount(e.budget)} / {amount(e.executed)}
            </dd>
          </>
        )}
        {scored && t.total.score !== null && (
          <>
            <dt className={s.term}>指标得分</dt>
            <dd className={s.def}>{num(indicatorScore(t))}</dd>
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
                    {i.scoreCell ? `${t.sheet}!${i.scoreCell}` : `第 ${i.row} 行`} · 分值 {num(i.weight)} · 得分 {num(i.score)}
                    {i.statedScore !== null
                      ? stated(num(i.statedScore), differs(i.score, i.statedScore), i.scoreCell)
                      : fixed(i.scoreCell)
                        ? <span className={s.corrected}>（表中原未填，已写入）</span>
                        : '（表中未填）'}
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
