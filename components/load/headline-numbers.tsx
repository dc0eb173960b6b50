import { formatAge } from '@/lib/load/ages';
import type { LoadTotals } from '@/lib/load/types';
import { formatCount } from './labels';

export function HeadlineNumbers({ totals }: { totals: LoadTotals }) {
  const items = [
    { id: 'headline-open-chats', label: 'Open chats', value: formatCount(totals.openChats) },
    { id: 'headline-operators', label: 'Operators with chats', value: formatCount(totals.operators) },
    { id: 'headline-oldest', label: 'Oldest last message', value: formatAge(totals.oldestAgeSeconds) },
    { id: 'headline-median', label: 'Median last message', value: formatAge(totals.medianAgeSeconds) },
    { id: 'headline-channels', label: 'Channels with chats', value: formatCount(totals.channels) },
  ];
  return (
    <section className="headline" aria-label="Headline numbers">
      {items.map((item) => (
        <div className="headline-item" key={item.id}>
          <div className="headline-value" data-testid={item.id}>
            {item.value}
          </div>
          <div className="headline-label">{item.label}</div>
        </div>
      ))}
      {totals.undatedChats > 0 ? (
        <p className="headline-note">
          {formatCount(totals.undatedChats)} open chats have no usable last-message time: counted, but in no age group.
        </p>
      ) : null}
    </section>
  );
}
