'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useLabels } from '@/components/load/labels';
import { useProblemWords } from '@/components/load/problem-words';
import { useNow } from '@/components/load/use-now';
import { useAlertHistoryQuery } from '@/components/queries/use-alerts-query';
import { alertsOf, ruleKinds } from '@/components/settings/alerts/alert-draft';
import { SETTINGS_QUERY_KEY, fetchSettings } from '@/components/settings/teams/settings-api';
import { PageHeader } from '@/components/ui/page-header';
import { useRuleName } from './alert-strip';
import { ALERT_CHANNELS, type AlertDelivery, type AlertEvent, type AlertRuleKind } from './types';

const HISTORY_LIMIT = 200;
const CHANNEL_NAMES = new Set<string>(ALERT_CHANNELS);

/** The alert history, newest first: what fired, when, for how long, delivered where, what failed. */
export function AlertHistory() {
  const t = useTranslations('alerts.history');
  const tNav = useTranslations('nav');
  const problems = useProblemWords();
  const history = useAlertHistoryQuery(HISTORY_LIMIT);
  // The settings say which kind of rule each id is, for the rule's name in this page's language.
  const settings = useQuery({ queryKey: SETTINGS_QUERY_KEY, queryFn: ({ signal }) => fetchSettings(signal) });
  const kinds = useMemo(() => (settings.data ? ruleKinds(alertsOf(settings.data.settings)) : undefined), [settings.data]);
  const events = history.data?.events;
  return (
    <main className="page">
      <PageHeader title={t('title')} links={[{ href: '/', label: tNav('live') }]} />
      <p className="muted">{t('intro', { count: HISTORY_LIMIT })}</p>
      {history.isError ? (
        <p className="banner banner-error" role="alert">
          {t('failed', { reason: problems.request(history.error) })}
        </p>
      ) : null}
      {history.isPending ? <p className="muted">{t('loading')}</p> : null}
      {events && events.length === 0 ? (
        <p className="empty" data-testid="alert-history-empty">
          {t('none')}
        </p>
      ) : null}
      {events && events.length > 0 ? <AlertHistoryTable events={events} kinds={kinds} /> : null}
    </main>
  );
}

export function AlertHistoryTable({ events, kinds }: { events: readonly AlertEvent[]; kinds?: ReadonlyMap<string, AlertRuleKind> }) {
  const t = useTranslations('alerts.history');
  const labels = useLabels();
  const ruleName = useRuleName(kinds);
  const now = useNow(30_000);
  return (
    <div className="panel">
      <div className="table-scroll">
        <table className="data-table compact al-history" data-testid="alert-history">
          <caption className="visually-hidden">{t('title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('alert')}</th>
              <th scope="col">{t('started')}</th>
              <th scope="col">{t('fired')}</th>
              <th scope="col">{t('ended')}</th>
              <th scope="col">{t('duration')}</th>
              <th scope="col" className="numeric">
                {t('value')}
              </th>
              <th scope="col">{t('deliveries')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => {
              const start = Date.parse(event.firedAt ?? event.startedAt);
              const end = event.resolvedAt ? Date.parse(event.resolvedAt) : now;
              return (
                <tr key={event.id} data-testid="alert-history-row" data-rule={event.rule} data-state={event.resolvedAt ? 'resolved' : event.firedAt ? 'firing' : 'pending'}>
                  <th scope="row">
                    <span className="strong">{ruleName(event.rule)}</span>
                    {event.teamName ? <span className="muted"> · {event.teamName}</span> : null}
                  </th>
                  <td>{labels.clock(event.startedAt)}</td>
                  <td>{event.firedAt ? labels.clock(event.firedAt) : <span className="muted">{t('neverFired')}</span>}</td>
                  <td>{event.resolvedAt ? labels.clock(event.resolvedAt) : <strong className="al-still">{t('stillActive')}</strong>}</td>
                  <td>{labels.age(Math.max(0, Math.floor((end - start) / 1000)))}</td>
                  <td className="numeric">
                    {event.value === null ? '—' : labels.count(event.value)}
                    {event.threshold !== null ? <span className="muted small"> {t('threshold', { n: labels.count(event.threshold) })}</span> : null}
                  </td>
                  <td className="al-deliveries">
                    {event.deliveries.length === 0 ? (
                      <span className="muted">{event.firedAt ? t('noChannel') : '—'}</span>
                    ) : (
                      <ul>
                        {event.deliveries.map((delivery, index) => (
                          <DeliveryLine key={`${delivery.channel}-${index}`} delivery={delivery} />
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function DeliveryLine({ delivery }: { delivery: AlertDelivery }) {
  const t = useTranslations('alerts');
  const labels = useLabels();
  const channel = CHANNEL_NAMES.has(delivery.channel) ? t(`channels.${delivery.channel as 'webhook'}`) : delivery.channel;
  const at = delivery.at ? labels.clock(delivery.at) : '';
  return (
    <li className={`al-delivery al-delivery-${delivery.status}`} data-testid="alert-delivery" data-channel={delivery.channel} data-status={delivery.status}>
      <span className="al-delivery-channel">{channel}</span>{' '}
      {delivery.status === 'sent' ? t('history.sent', { time: at }) : null}
      {delivery.status === 'pending' ? t('history.pendingDelivery', { count: delivery.attempts }) : null}
      {delivery.status === 'failed' ? <strong className="al-failed">{t('history.failedDelivery', { count: delivery.attempts, time: at })}</strong> : null}
      {delivery.lastError ? <span className="al-error">{delivery.status === 'failed' ? ' ' : ' — '}{delivery.lastError}</span> : null}
    </li>
  );
}
