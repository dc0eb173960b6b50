'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { DisplayKeyBody, DisplayKeyCreatedBody } from '@/lib/auth/responses';
import { useLabels } from '@/components/load/labels';
import { useProblemWords } from '@/components/load/problem-words';
import { fetchJson } from '@/components/queries/fetch-json';
import { send } from '@/components/queries/send';

const KEYS = ['display-keys'] as const;

/** A manager's display keys: make one per TV (shown once), see when each was last seen, revoke. */
export function DisplayKeys() {
  const t = useTranslations('settings');
  const labels = useLabels();
  const problems = useProblemWords();
  const client = useQueryClient();
  const keys = useQuery({ queryKey: KEYS, queryFn: ({ signal }) => fetchJson<{ keys: DisplayKeyBody[] }>('/api/display-keys', signal) });
  const [label, setLabel] = useState('');
  const [addresses, setAddresses] = useState('');
  const create = useMutation({
    mutationFn: () =>
      send<DisplayKeyCreatedBody>('POST', '/api/display-keys', {
        label,
        ipAllowlist: addresses
          .split(/[\s,]+/)
          .map((item) => item.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      setLabel('');
      setAddresses('');
      return client.invalidateQueries({ queryKey: KEYS });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => send<null>('DELETE', `/api/display-keys/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: KEYS }),
  });
  const created = create.data;
  const origin = typeof window === 'undefined' ? '' : window.location.origin;

  return (
    <section className="panel" aria-labelledby="display-keys-title">
      <h2 id="display-keys-title">{t('displayKeys')}</h2>
      <p className="muted">{t('displayKeysIntro')}</p>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <label>
          <span>{t('keyLabel')}</span>
          <input className="input" required maxLength={60} value={label} placeholder={t('keyLabelPlaceholder')} onChange={(event) => setLabel(event.target.value)} data-testid="key-label" />
        </label>
        <label>
          <span>{t('keyAddresses')}</span>
          <input className="input" value={addresses} placeholder={t('keyAddressesPlaceholder')} onChange={(event) => setAddresses(event.target.value)} />
        </label>
        <button type="submit" className="button button-primary" disabled={create.isPending} data-testid="create-key">
          {t('createKey')}
        </button>
      </form>
      {create.isError ? (
        <p className="form-error" role="alert">
          {problems.request(create.error)}
        </p>
      ) : null}
      {created ? (
        <div className="banner banner-partial" role="status" data-testid="created-key">
          <div>
            <strong>{t('keyCreated', { label: created.label })}</strong>
            <div className="key-url">
              <code data-testid="created-key-url">{`${origin}${created.url}`}</code>
            </div>
            <span className="banner-detail">{t('keyOnce')}</span>
          </div>
        </div>
      ) : null}
      {keys.data && keys.data.keys.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table compact" data-testid="display-key-list">
            <thead>
              <tr>
                <th scope="col">{t('keyLabel')}</th>
                <th scope="col">{t('keyAddresses')}</th>
                <th scope="col">{t('created')}</th>
                <th scope="col">{t('lastSeen')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actionsColumn')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.keys.map((key) => (
                <tr key={key.id} data-testid={`display-key-${key.id}`}>
                  <th scope="row">{key.label}</th>
                  <td>{key.ipAllowlist.length > 0 ? key.ipAllowlist.join(', ') : t('anyAddress')}</td>
                  <td>
                    {labels.dateTime(key.createdAt)}
                    {key.createdBy ? ` · ${key.createdBy}` : ''}
                  </td>
                  <td>{key.lastSeenAt ? labels.dateTime(key.lastSeenAt) : t('never')}</td>
                  <td>
                    {key.revokedAt ? (
                      <span className="tag tag-warn">{t('revoked')}</span>
                    ) : (
                      <button type="button" className="button button-small button-danger" onClick={() => revoke.mutate(key.id)} data-testid={`revoke-${key.id}`}>
                        {t('revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : keys.data ? (
        <p className="empty">{t('noKeys')}</p>
      ) : null}
    </section>
  );
}
