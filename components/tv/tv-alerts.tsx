'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { audioAllowed, playChime } from '@/components/alerts/chime';
import { byUrgency } from '@/components/alerts/newly-firing';
import type { ActiveAlert } from '@/components/alerts/types';
import { useNewlyFiring } from '@/components/alerts/use-newly-firing';
import { useLabels } from '@/components/load/labels';
import { useFitCount } from './use-fit-count';

/** The alerts a display shows: its team's and those of no team; every one on a display of everyone. */
export function alertsForDisplay(active: readonly ActiveAlert[] | undefined, team: string | null): ActiveAlert[] {
  if (!active) return [];
  return team === null ? [...active] : active.filter((alert) => alert.teamId === null || alert.teamId === team);
}

/**
 * The alerts active now, in a row of their own under the header: firing ones large on red, pending
 * ones quieter. The row has a height limit so the panels keep their room; what does not fit goes
 * into a "+ N more" line, never cut mid-sentence.
 */
export function TvAlertStrip({ alerts }: { alerts: readonly ActiveAlert[] }) {
  const t = useTranslations('alerts.tv');
  const labels = useLabels();
  const sorted = byUrgency(alerts);
  const fit = useFitCount<HTMLElement>(sorted.length, sorted.map((alert) => `${alert.id}:${alert.state}`).join(','));
  if (sorted.length === 0) return null;
  const shown = sorted.slice(0, fit.count);
  const rest = sorted.slice(fit.count);
  const restCount = { count: rest.length, n: rest.filter((alert) => alert.state === 'firing').length };
  return (
    <section className="tv-alerts" data-fit aria-label={t('label')} ref={fit.ref} data-testid="tv-alerts">
      <ul className="tv-alert-list">
        {shown.map((alert) => (
          <li key={alert.id} className={`tv-alert-item tv-alert-${alert.state}`} data-testid="tv-alert" data-state={alert.state}>
            <span className="tv-alert-icon" aria-hidden="true">
              {alert.state === 'firing' ? '▲' : '◔'}
            </span>
            <span className="tv-alert-text">
              {alert.state === 'pending' ? <span className="tv-alert-rule">{t('pending')} </span> : null}
              {alert.text}
            </span>
            <span className="tv-alert-since">{t('since', { time: labels.time(alert.since, false) })}</span>
          </li>
        ))}
      </ul>
      {rest.length > 0 ? (
        <p className="tv-alert-more" data-testid="tv-alerts-more">
          {shown.length > 0 ? t('more', restCount) : t('count', restCount)}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The display's chime (`sound=1`): once for each alert that starts firing while it runs. A browser
 * that blocks audio until someone interacts gets `blocked`, and the first click or key anywhere
 * (the hint asks for one) lets the sound through.
 */
export function useTvChime(enabled: boolean, alerts: readonly ActiveAlert[] | undefined): { blocked: boolean; unblock: () => void } {
  const [blocked, setBlocked] = useState(false);
  const unblock = useCallback(() => {
    void audioAllowed().then((allowed) => setBlocked(!allowed));
  }, []);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void audioAllowed().then((allowed) => {
      if (!cancelled) setBlocked(!allowed);
    });
    return () => {
      cancelled = true;
    };
  }, [enabled]);

  useEffect(() => {
    if (!enabled || !blocked) return;
    window.addEventListener('pointerdown', unblock);
    window.addEventListener('keydown', unblock);
    return () => {
      window.removeEventListener('pointerdown', unblock);
      window.removeEventListener('keydown', unblock);
    };
  }, [enabled, blocked, unblock]);

  const chime = useCallback(() => {
    if (enabled && !playChime()) setBlocked(true);
  }, [enabled]);
  useNewlyFiring(alerts, chime);
  return { blocked: enabled && blocked, unblock };
}

/** "Click to enable sound": shown on a display whose browser blocks audio, until a click allows it. */
export function TvSoundHint({ onClick }: { onClick: () => void }) {
  const t = useTranslations('alerts.tv');
  return (
    <button type="button" className="tv-sound-hint" onClick={onClick} data-testid="tv-sound-hint">
      <span aria-hidden="true">♪ </span>
      {t('enableSound')}
    </button>
  );
}
