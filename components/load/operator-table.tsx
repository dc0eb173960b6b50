'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { AGE_BUCKETS } from '@/lib/load/ages';
import type { UserLoad } from '@/lib/load/types';
import { AGE_COLORS } from '@/components/charts/palette';
import { inactiveSeconds, isAway } from './capacity';
import { useLabels } from './labels';
import { DEFAULT_SORT, nextSort, sortOperators, type SortKey, type SortState } from './operator-sort';

interface Props {
  rows: UserLoad[];
  onSelect: (userId: string) => void;
  selected: string | null;
  /** The time of the data: "last active 2 h ago" is counted to it, like every age on the page. */
  asOf: string;
}

export function OperatorTable({ rows, onSelect, selected, asOf }: Props) {
  const t = useTranslations('operators');
  const tTeams = useTranslations('teams.operator');
  const labels = useLabels();
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const sorted = sortOperators(rows, sort, labels);
  const columns: Array<{ key: SortKey; label: string; swatch?: string; numeric: boolean }> = [
    { key: 'name', label: t('operator'), numeric: false },
    { key: 'openChats', label: t('openChats'), numeric: true },
    { key: 'oldest', label: t('oldest'), numeric: true },
    ...AGE_BUCKETS.map((bucket, index) => ({ key: `bucket${index}` as SortKey, label: labels.bucket(bucket.key), swatch: AGE_COLORS[bucket.key], numeric: true })),
  ];
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="operator-table">
        <caption className="visually-hidden">{t('caption')}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={sort.key === column.key ? sort.direction : 'none'}
                className={column.numeric ? 'numeric' : undefined}
              >
                <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, column.key))}>
                  {column.swatch ? <span className="swatch" style={{ background: column.swatch }} aria-hidden="true" /> : null}
                  {column.label}
                  <span className="sort-mark" aria-hidden="true">
                    {sort.key === column.key ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr
              key={row.userId}
              data-testid={`operator-row-${row.userId}`}
              className={row.userId === selected ? 'selected' : undefined}
              onClick={() => onSelect(row.userId)}
            >
              <th scope="row">
                <button type="button" className="link-button" onClick={(event) => (event.stopPropagation(), onSelect(row.userId))}>
                  {labels.operatorName(row)}
                </button>
                {row.locked ? <span className="tag">{t('locked')}</span> : null}
                {row.deleted ? <span className="tag tag-warn">{t('deleted')}</span> : null}
                {/* Over capacity is said in words with an icon, not only by a colour. */}
                {row.overCapacity && row.capacity !== null ? (
                  <span className="tag tag-over" data-testid={`operator-over-capacity-${row.userId}`} title={tTeams('overCapacityHint', { capacity: row.capacity })}>
                    <span aria-hidden="true">▲ </span>
                    {tTeams('overCapacity')}
                  </span>
                ) : null}
                {isAway(row) ? <AwayTag lastActiveAt={row.lastActiveAt} asOf={asOf} userId={row.userId} /> : null}
              </th>
              <td className="numeric strong">
                <span data-testid={`operator-open-${row.userId}`}>{labels.count(row.openChats)}</span>
                {row.capacity !== null ? (
                  <span className="capacity-of" data-testid={`operator-capacity-${row.userId}`}>
                    <span aria-hidden="true"> / {labels.count(row.capacity)}</span>
                    <span className="visually-hidden"> {tTeams('ofCapacity', { capacity: row.capacity })}</span>
                  </span>
                ) : null}
              </td>
              <td className="numeric">{labels.age(row.oldestAgeSeconds)}</td>
              {row.buckets.map((count, index) => (
                <td key={AGE_BUCKETS[index]!.key} className={count === 0 ? 'numeric muted' : 'numeric'}>
                  {labels.count(count)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "away · last active 2 h ago", with the exact time on hover. */
function AwayTag({ lastActiveAt, asOf, userId }: { lastActiveAt: string | null; asOf: string; userId: string }) {
  const t = useTranslations('teams.operator');
  const labels = useLabels();
  const seconds = inactiveSeconds(lastActiveAt, asOf);
  return (
    <span className="tag tag-away" data-testid={`operator-away-${userId}`} title={lastActiveAt ? t('lastActiveAt', { time: labels.dateTime(lastActiveAt) }) : undefined}>
      {t('away')} · {seconds === null ? t('noActivity') : t('lastActive', { ago: labels.ago(seconds) })}
    </span>
  );
}
