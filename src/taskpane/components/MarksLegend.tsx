/**
 * What the colours the add-in paints mean (错误 / 警告 / 提示 / 已更正), named in words. They are
 * removed by 清除标记 (in the actions above).
 */
import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import { DEFAULT_NOTES_WORD, type NotesWord } from '../../core';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', columnGap: '12px', rowGap: '4px' },
  item: { display: 'flex', alignItems: 'center', gap: '6px' },
  swatch: { width: '14px', height: '14px', borderRadius: '2px', border: `1px solid ${tokens.colorNeutralStroke1}`, flexShrink: 0 },
});

export interface LegendEntry {
  readonly label: string;
  /** `#RRGGBB`. */
  readonly color: string;
  /** The colour in words (浅红色). */
  readonly colorName: string;
}

export interface MarksLegendProps {
  readonly entries: readonly LegendEntry[];
  /** The host's word for notes (`Capabilities.notesWord`). */
  readonly notesWord?: NotesWord;
}

export function MarksLegend({ entries, notesWord = DEFAULT_NOTES_WORD }: MarksLegendProps) {
  const s = useStyles();
  return (
    <section className={s.root} aria-labelledby="legend-title" data-testid="legend">
      <Text as="h2" id="legend-title" weight="semibold" size={400} style={{ margin: 0 }}>
        单元格标记
      </Text>
      <ul className={s.list}>
        {entries.map((e) => (
          <li key={e.label} className={s.item}>
            <span className={s.swatch} style={{ backgroundColor: e.color }} aria-hidden="true" />
            <Caption1>
              {e.label}：{e.colorName}
            </Caption1>
          </li>
        ))}
      </ul>
      <Caption1>写回时按问题的严重程度填充底色；点“清除标记”只去掉本加载项添加的底色和{notesWord}。</Caption1>
    </section>
  );
}
