'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useLabels } from '@/components/load/labels';
import { useNow } from '@/components/load/use-now';
import { alertViewHref } from './alert-links';
import { byUrgency } from './newly-firing';
import { kindOfRule } from './rule-kind';
import type { ActiveAlert, AlertRuleKind } from './types';

/** A rule's name in the page's language, by its id (or kind); an unknown one as the server names it. */
export function useRuleName(known?: ReadonlyMap<string, AlertRuleKind>): (rule: string) => string {
  const t = useTranslations('alerts');
  return (rule) => {
    const kind = kindOfRule(rule, known);
    return kind ? t(`rules.${kind}`) : rule;
  };
}

/**
 * The alerts active now, above the team load: firing ones first and prominent, pending ones quieter,
 * each with its message (the server words it in the page's language, with the team, operator or
 * channel by name), since when, and a link to the view it is about. Nothing when none.
 */
export function AlertStrip({ alerts }: { alerts: readonly ActiveAlert[] | undefined }) {
  const t = useTranslations('alerts');
  const labels = useLabels();
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
                {alert.state === 'pending' ? <span className="al-tag">{t('strip.pending')}</span> : null}
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
