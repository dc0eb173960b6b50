'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useSessionInfo } from './session-context';

/** "Anna (manager) · Settings · Sign out"; nothing when sign-in is off. */
export function UserMenu() {
  const t = useTranslations('auth');
  const { user, authDisabled } = useSessionInfo();
  const [leaving, setLeaving] = useState(false);
  if (authDisabled || !user) return null;
  return (
    <span className="user-menu" data-testid="user-menu">
      <span className="muted">{t('signedInAs', { name: user.name, role: t(`roles.${user.role}`) })}</span>
      {user.role === 'manager' ? (
        <a href="/settings" className="header-link">
          {t('settings')}
        </a>
      ) : null}
      <button
        type="button"
        className="link-button header-link"
        data-testid="sign-out"
        disabled={leaving}
        onClick={async () => {
          setLeaving(true);
          await fetch('/api/session', { method: 'DELETE' }).catch(() => undefined);
          window.location.assign('/login');
        }}
      >
        {t('signOut')}
      </button>
    </span>
  );
}
