/** The pane in its Fluent theme, which follows the Office theme once it is known. */
import { FluentProvider } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AddinHost } from '../core';
import { App } from './App';
import { FLUENT_THEME, type ThemeKind } from './theme';

export interface RootProps {
  readonly host: AddinHost;
  /** The host's theme (Excel: from `Office.context.officeTheme` once Office is ready). */
  readonly theme: Promise<ThemeKind>;
}

export function Root({ host, theme }: RootProps) {
  const [kind, setKind] = useState<ThemeKind>('light');
  useEffect(() => {
    let live = true;
    theme.then(
      (k) => live && setKind(k),
      () => undefined, // light, as outside Office
    );
    return () => {
      live = false;
    };
  }, [theme]);
  useEffect(() => {
    document.documentElement.style.colorScheme = kind;
    document.body.style.backgroundColor = FLUENT_THEME[kind].colorNeutralBackground2;
  }, [kind]);
  return (
    <FluentProvider theme={FLUENT_THEME[kind]}>
      <App host={host} />
    </FluentProvider>
  );
}
