'use client';

import { useTranslations } from 'next-intl';
import { useLabels } from './labels';
import { useNow } from './use-now';

/** "Updated 12 s ago", ticking every second, from the time of the upstream fetch. */
export function UpdatedAgo({ asOf, refreshSeconds }: { asOf: string; refreshSeconds: number }) {
  const t = useTranslations('teamLoad');
  const labels = useLabels();
  const now = useNow(1000);
  const seconds = (now - Date.parse(asOf)) / 1000;
  const late = seconds > refreshSeconds * 3;
  return (
    <span className={late ? 'updated-ago updated-ago-late' : 'updated-ago'} data-testid="updated-ago" title={t('dataAsOf', { time: labels.clock(asOf) })}>
      {t('updated', { ago: labels.ago(seconds) })}
    </span>
  );
}
