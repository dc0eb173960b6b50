import { useTranslations } from 'next-intl';

/** A page the signed-in role may not open: said plainly, with the way back. */
export function NoAccess() {
  const t = useTranslations('auth');
  return (
    <main className="page">
      <div className="banner banner-error" role="alert" data-testid="no-access">
        <div>
          <strong>{t('noAccess')}</strong>{' '}
          <a className="link" href="/">
            {t('backHome')}
          </a>
        </div>
      </div>
    </main>
  );
}
