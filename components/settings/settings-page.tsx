'use client';

import { useTranslations } from 'next-intl';
import { PageHeader } from '@/components/ui/page-header';
import { AlertSettingsSection } from './alerts/alert-settings';
import { AuditLog } from './audit-log';
import { DisplayKeys } from './display-keys';
import { OpenSessions } from './open-sessions';
import { TeamSettings } from './teams/team-settings';

export function SettingsPage() {
  const t = useTranslations('settings');
  const tNav = useTranslations('nav');
  return (
    <main className="page">
      <PageHeader title={t('title')} links={[{ href: '/', label: tNav('live') }]} />
      <div className="stack">
        <TeamSettings />
        <AlertSettingsSection />
        <DisplayKeys />
        <OpenSessions />
        <AuditLog />
      </div>
    </main>
  );
}
