/**
 * Settings stored in the workbook: profile, year, highlights, notes. After a change the results
 * shown were computed with the old settings: the bar saying so appears here, where the change
 * was made, with 重新检查.
 */
import { Button, Caption1, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Select, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { DEFAULT_NOTES_WORD, parseYear, profileOptions, YEAR_HINT, type AddinSettings, type Capabilities, type NotesWord } from '../../core';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 } });

/** Only Excel lacks a notes API; the word is the host's (`Capabilities.notesWord`). */
export const notesUnavailableHint = (word: NotesWord): string => `当前 Excel 版本不支持${word}接口（需要 ExcelApi 1.18），无法添加${word}；问题请在本窗格中查看。`;

export interface SettingsProps {
  readonly settings: AddinSettings;
  readonly capabilities: Capabilities | null;
  readonly disabled: boolean;
  /** The results shown were computed with settings since changed. */
  readonly changed: boolean;
  onChange(settings: AddinSettings): void;
  onRecheck(): void;
}

export function SettingsPanel({ settings, capabilities, disabled, changed, onChange, onRecheck }: SettingsProps) {
  const s = useStyles();
  const [yearText, setYearText] = useState(settings.year === null ? '' : String(settings.year));
  useEffect(() => setYearText(settings.year === null ? '' : String(settings.year)), [settings.year]);
  const year = parseYear(yearText); // undefined: not a year the core accepts
  const notesSupported = capabilities?.notes ?? true;
  const notesWord = capabilities?.notesWord ?? DEFAULT_NOTES_WORD;
  return (
    <section className={s.root} aria-labelledby="settings-title">
      <Text as="h2" id="settings-title" weight="semibold" size={400} style={{ margin: 0 }}>
        设置（保存在本工作簿中）
      </Text>
      <Field label="计分方案">
        <Select value={settings.profile} disabled={disabled} onChange={(_, d) => onChange({ ...settings, profile: d.value })}>
          {profileOptions().map((p) => (
            <option key={p.name} value={p.name}>
              {p.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="评价年度"
        hint="表中未写明年度时使用；留空则不指定。"
        validationState={year === undefined ? 'error' : 'none'}
        validationMessage={year === undefined ? YEAR_HINT : undefined}
      >
        <Input
          value={yearText}
          disabled={disabled}
          inputMode="numeric"
          onChange={(_, d) => setYearText(d.value)}
          onBlur={() => {
            if (year !== undefined && year !== settings.year) onChange({ ...settings, year });
          }}
        />
      </Field>
      <Checkbox
        checked={settings.highlight}
        disabled={disabled}
        label="写回时标记问题单元格（按严重程度填充底色）"
        onChange={(_, d) => onChange({ ...settings, highlight: d.checked === true })}
      />
      <Checkbox
        checked={settings.notes && notesSupported}
        disabled={disabled || !notesSupported}
        label={`添加${notesWord}（在有问题的单元格上说明原因）`}
        onChange={(_, d) => onChange({ ...settings, notes: d.checked === true })}
      />
      {!notesSupported && <Caption1 data-testid="notes-unavailable">{notesUnavailableHint(notesWord)}</Caption1>}
      {changed && (
        <MessageBar intent="warning" data-testid="settings-changed">
          <MessageBarBody>设置已更改，上面的结果仍按原设置计算。</MessageBarBody>
          <MessageBarActions>
            <Button size="small" disabled={disabled} onClick={onRecheck}>
              重新检查
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </section>
  );
}
