'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';

const RETRY_SECONDS = 30;

// A rendering error must not leave a dashboard dead: say so plainly and try again by itself, since
// on a wall display nobody is there to press the button.
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('pageError');
  useEffect(() => {
    console.error(error);
    const timer = setTimeout(retry, RETRY_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [error, retry]);

  return (
    <main className="page">
      <div className="banner banner-error" role="alert">
        <span className="banner-icon" aria-hidden="true">
          ⛔
        </span>
        <div>
          <strong>{t('title')}</strong>
          <span className="banner-detail"> {t('retrying', { seconds: RETRY_SECONDS })}</span>
        </div>
      </div>
      <button type="button" className="button" onClick={() => retry()}>
        {t('retryNow')}
      </button>
    </main>
  );
}
