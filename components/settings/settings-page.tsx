'use client';

import { useTranslations } from 'next-intl';
import { UserMenu } from '@/components/auth/user-menu';
import { LanguageSwitch } from '@/components/ui/language-switch';
import { ThemeSwitch } from '@/components/ui/theme-switch';
import { AuditLog } from './audit-log';
import { DisplayKeys } from './display-keys';

export function SettingsPage() {
  const t = useTranslations('settings');
  const tNav = useTranslations('nav');
  return (
    <main className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <div className="header-side">
          <a href="/" className="header-link">
            {tNav('live')}
          </a>
          <UserMenu />
          <LanguageSwitch />
          <ThemeSwitch />
        </div>
      </header>
      <div className="stack">
        <DisplayKeys />
        <AuditLog />
      </div>
    </main>
  );
}
