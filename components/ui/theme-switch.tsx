'use client';

import { useTranslations } from 'next-intl';
import { useThemeChoice, type ThemeChoice } from './theme';

export function ThemeSwitch() {
  const t = useTranslations('nav');
  const [choice, choose] = useThemeChoice();
  return (
    <label className="theme-switch">
      <span className="visually-hidden">{t('theme')}</span>
      <select data-testid="theme-switch" value={choice} onChange={(event) => choose(event.target.value as ThemeChoice)}>
        <option value="system">{t('themeSystem')}</option>
        <option value="light">{t('themeLight')}</option>
        <option value="dark">{t('themeDark')}</option>
      </select>
    </label>
  );
}
