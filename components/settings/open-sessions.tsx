'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { SessionListResponse } from '@/lib/auth/responses';
import { useLabels } from '@/components/load/labels';
import { useProblemWords } from '@/components/load/problem-words';
import { fetchJson } from '@/components/queries/fetch-json';
import { send } from '@/components/queries/send';

const KEYS = ['sessions'] as const;

/** Everyone signed in and every wall display, with a button that ends any of them. */
export function OpenSessions() {
  const t = useTranslations('settings');
  const tAuth = useTranslations('auth');
  const labels = useLabels();
  const problems = useProblemWords();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: KEYS,
    queryFn: ({ signal }) => fetchJson<SessionListResponse>('/api/sessions', signal),
    refetchInterval: 30_000,
  });
  const end = useMutation({
    mutationFn: (id: string) => send<null>('DELETE', `/api/sessions/${encodeURIComponent(id)}`),
    onSettled: () => client.invalidateQueries({ queryKey: KEYS }),
  });

  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('sessions')}</h2>
      <p className="muted">{t('sessionsIntro')}</p>
      {sessions.isError ? (
        <p className="form-error" role="alert">
          {problems.request(sessions.error)}
        </p>
      ) : null}
      {end.isError ? (
        <p className="form-error" role="alert">
          {problems.request(end.error)}
        </p>
      ) : null}
      {sessions.data && sessions.data.sessions.length === 0 ? <p className="empty">{t('sessionsEmpty')}</p> : null}
      {sessions.data && sessions.data.sessions.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table compact" data-testid="session-list">
            <thead>
              <tr>
                <th scope="col">{t('sessionAccount')}</th>
                <th scope="col">{t('sessionRole')}</th>
                <th scope="col">{t('sessionStarted')}</th>
                <th scope="col">{t('lastSeen')}</th>
                <th scope="col">{t('sessionEnds')}</th>
                <th scope="col">{t('address')}</th>
                <th scope="col">{t('sessionBrowser')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actionsColumn')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.sessions.map((session) => (
                <tr key={session.id} data-testid={`session-${session.id}`}>
                  <th scope="row">
                    {session.account}
                    {session.current ? <span className="tag"> {t('sessionThis')}</span> : null}
                  </th>
                  <td>{tAuth(`roles.${session.role}`)}</td>
                  <td>{labels.dateTime(session.createdAt)}</td>
                  <td>{labels.dateTime(session.lastSeenAt)}</td>
                  <td>{session.expiresAt ? labels.dateTime(session.expiresAt) : t('whenKeyRevoked')}</td>
                  <td>{session.address ?? '—'}</td>
                  <td>{session.browser ?? '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-small button-danger"
                      onClick={() => end.mutate(session.id)}
                      disabled={end.isPending}
                      aria-label={t('sessionEndLabel', { account: session.account })}
                      data-testid={`end-session-${session.id}`}
                    >
                      {t('sessionEnd')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
