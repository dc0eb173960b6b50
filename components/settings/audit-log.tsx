'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { AuditResponse } from '@/lib/auth/responses';
import { useLabels } from '@/components/load/labels';
import { fetchJson } from '@/components/queries/fetch-json';

/** Who did what and when: sign-ins and failures, snapshots, display keys. */
export function AuditLog() {
  const t = useTranslations('settings');
  const labels = useLabels();
  const log = useQuery({
    queryKey: ['audit'],
    queryFn: ({ signal }) => fetchJson<AuditResponse>('/api/audit?limit=200', signal),
    refetchInterval: 30_000,
  });
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit')}</h2>
      {log.data && log.data.entries.length === 0 ? <p className="empty">{t('auditEmpty')}</p> : null}
      {log.data && log.data.entries.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table compact" data-testid="audit-log">
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('what')}</th>
                <th scope="col">{t('address')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <th scope="row">{labels.clock(entry.at)}</th>
                  <td>{entry.actor ?? '—'}</td>
                  <td>
                    {t(`actions.${entry.action}`)}
                    {entry.detail ? <span className="muted"> · {entry.detail}</span> : null}
                    {entry.count > 1 ? <span className="muted"> · {t('repeated', { count: entry.count, last: labels.clock(entry.lastAt) })}</span> : null}
                  </td>
                  <td>{entry.address ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
