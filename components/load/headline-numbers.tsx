import { useTranslations } from 'next-intl';
import type { LoadTotals } from '@/lib/load/types';
import { useLabels } from './labels';

export function HeadlineNumbers({ totals }: { totals: LoadTotals }) {
  const t = useTranslations('headline');
  const labels = useLabels();
  const items = [
    { id: 'headline-open-chats', label: t('openChats'), value: labels.count(totals.openChats) },
    { id: 'headline-operators', label: t('operators'), value: labels.count(totals.operators) },
    { id: 'headline-oldest', label: t('oldest'), value: labels.age(totals.oldestAgeSeconds) },
    { id: 'headline-median', label: t('median'), value: labels.age(totals.medianAgeSeconds) },
    { id: 'headline-channels', label: t('channels'), value: labels.count(totals.channels) },
  ];
  return (
    <section className="headline" aria-label={t('label')}>
      {items.map((item) => (
        <div className="headline-item" key={item.id}>
          <div className="headline-value" data-testid={item.id}>
            {item.value}
          </div>
          <div className="headline-label">{item.label}</div>
        </div>
      ))}
      {totals.undatedChats > 0 ? <p className="headline-note">{t('undated', { count: totals.undatedChats })}</p> : null}
    </section>
  );
}
