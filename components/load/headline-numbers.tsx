import { useTranslations } from 'next-intl';
import type { LoadTotals } from '@/lib/load/types';
import { useLabels } from './labels';

interface Item {
  id: string;
  label: string;
  value: string;
  /** A line under the label, e.g. the capacity the open chats are measured against. */
  note?: string;
  /** A number that needs someone's attention: marked with an icon as well as a colour. */
  alert?: boolean;
}

/**
 * The view's numbers at a glance. Operators over capacity are counted only when some capacity is
 * set (`showCapacity`): without limits the count is always 0 and only takes room.
 */
export function HeadlineNumbers({ totals, showCapacity = false }: { totals: LoadTotals; showCapacity?: boolean }) {
  const t = useTranslations('headline');
  const tTeams = useTranslations('teams.headline');
  const labels = useLabels();
  const items: Item[] = [
    {
      id: 'headline-open-chats',
      label: t('openChats'),
      value: labels.count(totals.openChats),
      note: showCapacity && totals.capacity !== null ? tTeams('capacity', { capacity: labels.count(totals.capacity) }) : undefined,
    },
    { id: 'headline-operators', label: t('operators'), value: labels.count(totals.operators) },
    { id: 'headline-oldest', label: t('oldest'), value: labels.age(totals.oldestAgeSeconds) },
    { id: 'headline-median', label: t('median'), value: labels.age(totals.medianAgeSeconds) },
    { id: 'headline-channels', label: t('channels'), value: labels.count(totals.channels) },
    ...(showCapacity
      ? [{ id: 'headline-over-capacity', label: tTeams('overCapacity'), value: labels.count(totals.overCapacityOperators), alert: totals.overCapacityOperators > 0 }]
      : []),
    { id: 'headline-past-critical', label: tTeams('pastCritical'), value: labels.count(totals.overCriticalChats), alert: totals.overCriticalChats > 0 },
  ];
  return (
    <section className="headline" aria-label={t('label')}>
      {items.map((item) => (
        <div className={item.alert ? 'headline-item headline-alert' : 'headline-item'} key={item.id}>
          <div className="headline-value">
            {item.alert ? (
              <span className="headline-icon" aria-hidden="true">
                ▲{' '}
              </span>
            ) : null}
            <span data-testid={item.id}>{item.value}</span>
          </div>
          <div className="headline-label">{item.label}</div>
          {item.note ? (
            <div className="headline-sub" data-testid={`${item.id}-note`}>
              {item.note}
            </div>
          ) : null}
        </div>
      ))}
      {totals.undatedChats > 0 ? <p className="headline-note">{t('undated', { count: totals.undatedChats })}</p> : null}
    </section>
  );
}
