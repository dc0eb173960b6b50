'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useLabels } from '@/components/load/labels';
import { useProblemWords } from '@/components/load/problem-words';
import { send } from '@/components/queries/send';
import { useRebalanceStatusQuery } from '@/components/queries/use-rebalance-queries';
import { SETTINGS_QUERY_KEY } from '@/components/settings/teams/settings-api';
import { useWriteFailure } from './words';

// Automatic rebalancing: its mode, what its last run suggested or moved, and the kill switch.

export function AutoStatus() {
  const t = useTranslations('rebalance');
  const labels = useLabels();
  const problems = useProblemWords();
  const failure = useWriteFailure();
  const queryClient = useQueryClient();
  const query = useRebalanceStatusQuery();
  const [stopping, setStopping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = query.data;

  const stop = async () => {
    setStopping(true);
    setError(null);
    try {
      await send('POST', '/api/rebalance/stop');
    } catch (caught) {
      setError(failure(caught));
    } finally {
      setStopping(false);
      void queryClient.invalidateQueries({ queryKey: ['rebalanceStatus'] });
      void queryClient.invalidateQueries({ queryKey: SETTINGS_QUERY_KEY });
    }
  };

  const run = status?.lastRun;
  const moved = run?.results.filter((entry) => entry.status === 'moved').length ?? 0;
  return (
    <section className="panel rb-panel" aria-labelledby="rb-auto-title" data-testid="auto-status">
      <h2 id="rb-auto-title">{t('autoTitle')}</h2>
      {query.isError && !status ? (
        <p className="banner banner-error" role="alert">
          {problems.request(query.error)}
        </p>
      ) : null}
      {status ? (
        <>
          <p data-testid="auto-mode">
            <strong>{t(`modes.${status.mode}`)}</strong> {status.mode === 'off' ? t('modeOffHint') : t('interval', { minutes: status.intervalMinutes })}
          </p>
          {run ? (
            <p className="muted" data-testid="auto-last-run">
              {run.heldBack
                ? t('lastRunHeld', { time: labels.clock(run.at), reason: run.heldBack })
                : run.mode === 'suggest'
                  ? t('lastRunSuggested', { time: labels.clock(run.at), count: run.plan?.moves.length ?? 0 })
                  : t('lastRunApplied', { time: labels.clock(run.at), moved, count: run.results.length })}
            </p>
          ) : status.mode !== 'off' ? (
            <p className="muted">{t('noRunYet')}</p>
          ) : null}
          {status.mode === 'auto' ? (
            <button type="button" className="button button-danger" onClick={stop} disabled={stopping} data-testid="stop-auto">
              {t('stopAuto')}
            </button>
          ) : null}
          {error ? (
            <p className="banner banner-error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
