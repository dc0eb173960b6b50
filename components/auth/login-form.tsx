'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { LanguageSwitch } from '@/components/ui/language-switch';
import { redirectTarget } from '@/lib/http/redirect-target';

export function LoginForm({ next, namedAccounts, display }: { next: string | null; namedAccounts: boolean; display: string | null }) {
  const t = useTranslations('auth');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <main className="page login-page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <div className="header-side">
          <LanguageSwitch />
        </div>
      </header>
      {display ? (
        <div className="banner banner-error" role="alert" data-testid="display-refused">
          <strong>
            {display === 'revoked'
              ? t('displayRevoked')
              : display === 'address'
                ? t('displayAddress')
                : display === 'signed-in'
                  ? t('displaySignedIn')
                  : display === 'limited'
                    ? t('displayLimited')
                    : t('displayRefused')}
          </strong>
        </div>
      ) : null}
      <form
        className="panel login-form"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const response = await fetch('/api/session', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ name: namedAccounts ? name : null, password }),
            });
            if (response.ok) {
              // The page vetted `next` already; checked again against the real origin, since a
              // sign-in link must never be able to send anyone to another site.
              window.location.assign(redirectTarget(next, { fallback: '/', origin: window.location.origin }));
              return;
            }
            const code = ((await response.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code;
            setError(
              response.status === 429
                ? t('tooMany')
                : response.status === 401
                  ? t('wrong')
                  : code === 'busy'
                    ? t('busy')
                    : code === 'storage_unavailable'
                      ? t('storageDown')
                      : t('failed'),
            );
          } catch {
            setError(t('offline'));
          } finally {
            setBusy(false);
          }
        }}
      >
        {namedAccounts ? (
          <label>
            <span>{t('name')}</span>
            <input name="name" autoComplete="username" value={name} onChange={(event) => setName(event.target.value)} />
            <small className="muted">{t('nameHint')}</small>
          </label>
        ) : null}
        <label>
          <span>{t('password')}</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {error ? (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy} data-testid="sign-in">
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
