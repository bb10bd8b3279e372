/**
 * The fake host's Office theme (`Office.context.officeTheme`, `Office.ThemeId`), as the real
 * office.js exposes it: the e2e run takes docs/pane-dark.png with `?theme=Black`, not a shim.
 */
import { createFakeHost, FAKE_THEME_IDS } from '.';
import { themeKindOf } from '../../src/taskpane/theme';

test('officeTheme: four #RRGGBB colours, themeId and isDarkTheme(); Colorful unless asked', () => {
  const office = createFakeHost({ sheets: [] }).Office;
  expect(office.context.officeTheme.themeId).toBe(office.ThemeId.Colorful);
  expect(office.context.officeTheme.isDarkTheme()).toBe(false);
  for (const id of FAKE_THEME_IDS) {
    const theme = createFakeHost({ sheets: [] }, { theme: id }).Office.context.officeTheme;
    expect(theme.themeId).toBe(id);
    for (const c of [theme.bodyBackgroundColor, theme.bodyForegroundColor, theme.controlBackgroundColor, theme.controlForegroundColor]) expect(c).toMatch(/^#[0-9A-F]{6}$/);
  }
});

test('the pane is dark exactly in the dark Office themes', () => {
  const kinds = FAKE_THEME_IDS.map((id) => {
    const theme = createFakeHost({ sheets: [] }, { theme: id }).Office.context.officeTheme;
    expect(themeKindOf(theme) === 'dark').toBe(theme.isDarkTheme());
    return [id, themeKindOf(theme)];
  });
  expect(kinds).toEqual([['Colorful', 'light'], ['DarkGray', 'dark'], ['Black', 'dark'], ['White', 'light']]);
});
