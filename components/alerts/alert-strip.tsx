'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useLabels } from '@/components/load/labels';
import { useNow } from '@/components/load/use-now';
import { alertViewHref } from './alert-links';
import { byUrgency } from './newly-firing';
import { ALERT_RULE_KINDS, type ActiveAlert } from './types';

const RULES = new Set<string>(ALERT_RULE_KINDS);

/** An alert rule's name in the page's language; an unknown one as the server names it. */
export function useRuleName(): (rule: string) => string {
  const t = useTranslations('alerts');
  return (rule) => (RULES.has(rule) ? t(`rules.${rule as 'critical_chats'}`) : rule);
}

/**
 * The alerts active now, above the team load: firing ones first and prominent, pending ones quieter,
 * each with its message, since when, and a link to the view it is about. Nothing when none.
 */
export function AlertStrip({ alerts }: { alerts: readonly ActiveAlert[] | undefined }) {
  const t = useTranslations('alerts');
  const labels = useLabels();
  const ruleName = useRuleName();
  const now = useNow(30_000);
  if (!alerts || alerts.length === 0) return null;
  const sorted = byUrgency(alerts);
  const firing = sorted.filter((alert) => alert.state === 'firing').length;
  return (
    <section className="al-strip" aria-labelledby="al-strip-title" data-testid="alert-strip">
      <h2 id="al-strip-title" className="al-strip-title">
        {t('strip.title', { count: firing, n: sorted.length - firing })}
      </h2>
      <ul className="al-list">
        {sorted.map((alert) => {
          const href = alertViewHref(alert);
          const since = Date.parse(alert.since);
          return (
            <li key={alert.id} className={`al-item al-${alert.state}`} data-testid="alert-item" data-state={alert.state} data-rule={alert.rule}>
              <span className="al-icon" aria-hidden="true">
                {alert.state === 'firing' ? '▲' : '◔'}
              </span>
              <span className="al-body">
                <span className="al-rule">
                  {alert.state === 'pending' ? t('strip.pending', { rule: ruleName(alert.rule) }) : ruleName(alert.rule)}
                  {alert.teamName ? <span className="al-team"> · {alert.teamName}</span> : null}
                </span>
                <span className="al-text">{alert.text}</span>
              </span>
              <span className="al-since">
                {Number.isFinite(since) ? t('strip.since', { time: labels.clock(since), age: labels.age(Math.max(0, (now - since) / 1000)) }) : null}
              </span>
              {href ? (
                <Link className="al-link" href={href} scroll={false}>
                  {t('strip.show')}
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
