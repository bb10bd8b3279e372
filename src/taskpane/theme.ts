/**
 * The pane follows the Office theme (File › Account › Office Theme): Fluent's dark theme when
 * Office is dark. `Office.context.officeTheme` is documented for Excel on the web, Windows and
 * Mac; its `isDarkTheme` is a method in some builds and a property in others, so the decision is
 * made from the body background colour the theme gives the pane.
 */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export type ThemeKind = 'light' | 'dark';

/** The part of Office.OfficeTheme the pane reads. */
export interface OfficeThemeColors {
  readonly bodyBackgroundColor?: string;
}

/** Relative luminance of `#RRGGBB` (WCAG), or null for anything else. */
function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Dark when the Office theme's body background is dark; light when unknown. */
export function themeKindOf(theme: OfficeThemeColors | null | undefined): ThemeKind {
  const l = theme?.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : null;
  return l !== null && l < 0.2 ? 'dark' : 'light';
}

export const FLUENT_THEME: Readonly<Record<ThemeKind, Theme>> = { light: webLightTheme, dark: webDarkTheme };
