'use client';

import { useThemeChoice, type ThemeChoice } from './theme';

export function ThemeSwitch() {
  const [choice, choose] = useThemeChoice();
  return (
    <label className="theme-switch">
      <span className="visually-hidden">Page theme</span>
      <select data-testid="theme-switch" value={choice} onChange={(event) => choose(event.target.value as ThemeChoice)}>
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
