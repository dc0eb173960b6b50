'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useLabels } from '@/components/load/labels';
import { useNow } from '@/components/load/use-now';
import { send } from '@/components/queries/send';
import { UNASSIGNED_ROW_ID } from '@/lib/load/types';
import type { ApplyResponse, MoveResultBody, PlanBody } from '@/lib/rebalance/responses';
import { eligibleTargets, loadChanges, planTooOld, teamsOfChat, type KeptMove } from './plan-math';
import type { RebalanceData } from './use-rebalance-data';
import { useRebalanceWords, useWriteFailure } from './words';

// The plan by hand: what the planner would move, each move droppable and its target changeable;
// every operator's load before → after the kept moves; applied after a confirmation, a few moves
// per request so the page can say how far it got; each move's result in words.

/** Moves per apply request: small enough to show progress, large enough to be quick. */
const APPLY_BATCH = 5;

interface Choice {
  keep: boolean;
  toUserId: string;
}

export function PlanPanel({ team, data }: { team: string | null; data: RebalanceData }) {
  const t = useTranslations('rebalance');
  const labels = useLabels();
  const words = useRebalanceWords();
  const failure = useWriteFailure();
  const queryClient = useQueryClient();
  const now = useNow(1000);
  const [plan, setPlan] = useState<PlanBody | null>(null);
  // The load as it was when the plan was made: "before" stays the plan's starting point after an apply.
  const [planRows, setPlanRows] = useState<RebalanceData['rows']>([]);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [planning, setPlanning] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<MoveResultBody[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const operatorName = (userId: string) => labels.operatorName({ userId, name: data.rowsById.get(userId)?.name ?? null });
  const chatName = (chatId: string) => {
    const chat = data.chatsById.get(chatId);
    return chat ? labels.chatName(chat) : labels.chatName({ chatId, chatName: '' });
  };

  const makePlan = async () => {
    setPlanning(true);
    setError(null);
    setConfirming(false);
    try {
      const body = await send<PlanBody>('POST', '/api/rebalance/plan', team ? { team } : {});
      if (!body) return;
      setPlan(body);
      setPlanRows(data.rows);
      setChoices(Object.fromEntries(body.moves.map((move) => [move.chatId, { keep: true, toUserId: move.toUserId }])));
      setResults(null);
    } catch (caught) {
      setError(failure(caught));
    } finally {
      setPlanning(false);
    }
  };

  const kept: Array<KeptMove & { reason: string }> = useMemo(
    () =>
      (plan?.moves ?? [])
        .filter((move) => choices[move.chatId]?.keep)
        .map((move) => ({ chatId: move.chatId, fromUserId: move.fromUserId, toUserId: choices[move.chatId]!.toUserId, reason: move.reason })),
    [plan, choices],
  );
  const changes = useMemo(() => loadChanges(planRows.length > 0 ? planRows : data.rows, kept), [planRows, data.rows, kept]);
  const tooOld = plan ? planTooOld(plan.basedOn, now) : false;

  const apply = async () => {
    setConfirming(false);
    setError(null);
    const moves = kept.map((move) => ({ chatId: move.chatId, toUserId: move.toUserId, fromUserId: move.fromUserId, reason: move.reason }));
    const done: MoveResultBody[] = [];
    setResults([]);
    setProgress({ done: 0, total: moves.length });
    try {
      for (let start = 0; start < moves.length; start += APPLY_BATCH) {
        const answer = await send<ApplyResponse>('POST', '/api/rebalance/apply', { moves: moves.slice(start, start + APPLY_BATCH) });
        done.push(...(answer?.results ?? []));
        setResults([...done]);
        setProgress({ done: done.length, total: moves.length });
      }
    } catch (caught) {
      setError(t('applyStopped', { done: done.length, total: moves.length, reason: failure(caught) }));
    } finally {
      setProgress(null);
      // Every panel shows the new load: the server refreshed its data right after the moves.
      void queryClient.invalidateQueries({ queryKey: ['load'] });
      void queryClient.invalidateQueries({ queryKey: ['chats'] });
      void queryClient.invalidateQueries({ queryKey: ['moves'] });
    }
  };

  const resultFor = new Map((results ?? []).map((entry) => [entry.chatId, entry]));
  const applying = progress !== null;
  const counts = (results ?? []).reduce<Record<string, number>>((sum, entry) => ({ ...sum, [entry.status]: (sum[entry.status] ?? 0) + 1 }), {});

  return (
    <section className="panel rb-panel" aria-labelledby="rb-plan-title" data-testid="rebalance-plan">
      <div className="rb-panel-head">
        <h2 id="rb-plan-title">{t('planTitle')}</h2>
        <button type="button" className="button button-primary" onClick={makePlan} disabled={planning || applying} data-testid="make-plan">
          {plan ? t('planAgain') : t('makePlan')}
        </button>
      </div>
      {planning ? (
        <p className="muted" role="status">
          {t('planning')}
        </p>
      ) : null}
      {error ? (
        <p className="banner banner-error" role="alert" data-testid="rebalance-error">
          {error}
        </p>
      ) : null}
      {!plan && !planning ? <p className="muted">{t('planIntro')}</p> : null}
      {plan ? (
        <>
          <p className="muted" data-testid="plan-age">
            {t('basedOn', { time: labels.clock(plan.basedOn), ago: labels.ago((now - Date.parse(plan.basedOn)) / 1000) })}
          </p>
          {tooOld && !applying ? (
            <p className="banner banner-stale" role="status" data-testid="plan-too-old">
              {t('tooOld')}
            </p>
          ) : null}
          {plan.moves.length === 0 ? (
            <p className="empty" data-testid="plan-empty">
              {t('nothingToMove')}
            </p>
          ) : (
            <div className="table-scroll">
              <table className="data-table compact rb-moves" data-testid="plan-moves">
                <caption className="visually-hidden">{t('movesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('keep')}</th>
                    <th scope="col">{t('chat')}</th>
                    <th scope="col">{t('from')}</th>
                    <th scope="col">{t('to')}</th>
                    <th scope="col">{t('reason')}</th>
                    <th scope="col">{t('result')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.moves.map((move) => {
                    const choice = choices[move.chatId] ?? { keep: true, toUserId: move.toUserId };
                    const chat = data.chatsById.get(move.chatId);
                    const teamIds = teamsOfChat({ fromUserId: move.fromUserId, apiId: chat?.apiId ?? null }, data.teams, team);
                    const targets = eligibleTargets(data.rows, { fromUserId: move.fromUserId, teamIds }, data.teams, data.excluded);
                    const options = targets.some((row) => row.userId === choice.toUserId) ? targets : [{ userId: choice.toUserId, name: data.rowsById.get(choice.toUserId)?.name ?? null }, ...targets];
                    const name = chatName(move.chatId);
                    const outcome = resultFor.get(move.chatId);
                    return (
                      <tr key={move.chatId} data-testid={`plan-move-${move.chatId}`} className={choice.keep ? undefined : 'rb-dropped'}>
                        <td>
                          <input
                            type="checkbox"
                            checked={choice.keep}
                            disabled={applying}
                            aria-label={t('keepLabel', { chat: name })}
                            data-testid="keep"
                            onChange={(event) => setChoices((all) => ({ ...all, [move.chatId]: { ...choice, keep: event.target.checked } }))}
                          />
                        </td>
                        <th scope="row" className="chat-name">
                          {name}
                        </th>
                        <td>{operatorName(move.fromUserId)}</td>
                        <td>
                          <select
                            className="select"
                            value={choice.toUserId}
                            disabled={applying || !choice.keep}
                            aria-label={t('targetLabel', { chat: name })}
                            data-testid="target"
                            onChange={(event) => setChoices((all) => ({ ...all, [move.chatId]: { ...choice, toUserId: event.target.value } }))}
                          >
                            {options.map((row) => {
                              const load = data.rowsById.get(row.userId);
                              return (
                                <option key={row.userId} value={row.userId}>
                                  {labels.operatorName(row)}
                                  {load ? ` (${load.openChats}${load.capacity === null ? '' : ` / ${load.capacity}`})` : ''}
                                </option>
                              );
                            })}
                          </select>
                        </td>
                        <td>{words.reason(move.reason)}</td>
                        <td data-testid="move-result" data-status={outcome?.status}>
                          {outcome ? <span className={`rb-status rb-status-${outcome.status}`}>{words.status(outcome.status)}: {words.result(outcome)}</span> : choice.keep ? '' : <span className="muted">{t('dropped')}</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}

          {plan.notPlaced.length > 0 ? (
            <details className="rb-not-placed" data-testid="not-placed">
              <summary>{t('notPlacedTitle', { count: plan.notPlaced.length })}</summary>
              <ul>
                {plan.notPlaced.map((entry) => (
                  <li key={entry.chatId}>
                    {chatName(entry.chatId)}: {words.notPlaced(entry.reason)}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}

          {changes.length > 0 ? (
            <div className="table-scroll">
              <table className="data-table compact rb-changes" data-testid="load-changes">
                <caption className="rb-caption">{t('changesTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('operator')}</th>
                    <th scope="col" className="numeric">
                      {t('before')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('after')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((change) => {
                    const over = change.capacity !== null && change.after > change.capacity;
                    const of = (n: number) => (change.capacity === null || change.userId === UNASSIGNED_ROW_ID ? labels.count(n) : t('ofCapacity', { n, capacity: change.capacity }));
                    return (
                      <tr key={change.userId} data-testid={`change-${change.userId}`}>
                        <th scope="row">{operatorName(change.userId)}</th>
                        <td className="numeric" data-testid="before">
                          {of(change.before)}
                        </td>
                        <td className="numeric" data-testid="after">
                          {of(change.after)}
                          {over ? <span className="rb-over"> {t('overCapacity')}</span> : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}

          {plan.moves.length > 0 ? (
            <div className="rb-apply">
              {confirming ? (
                <div className="rb-confirm" role="alertdialog" aria-labelledby="rb-confirm-text" data-testid="apply-confirm">
                  <p id="rb-confirm-text">{t('confirmApply', { count: kept.length })}</p>
                  <button type="button" className="button button-primary" onClick={apply} data-testid="apply-yes">
                    {t('confirmYes', { count: kept.length })}
                  </button>{' '}
                  <button type="button" className="button" onClick={() => setConfirming(false)}>
                    {t('cancel')}
                  </button>
                </div>
              ) : (
                <button type="button" className="button button-primary" disabled={kept.length === 0 || applying || tooOld} onClick={() => setConfirming(true)} data-testid="apply">
                  {t('apply', { count: kept.length })}
                </button>
              )}
              {progress ? (
                <p role="status" data-testid="apply-progress">
                  <progress max={progress.total} value={progress.done} aria-label={t('applyingLabel')} /> {t('applying', { done: progress.done, total: progress.total })}
                </p>
              ) : null}
              {results && !applying && results.length > 0 ? (
                <p role="status" data-testid="apply-summary">
                  {t('summary', { moved: counts.moved ?? 0, skipped: counts.skipped ?? 0, failed: counts.failed ?? 0, unknown: counts.unknown ?? 0 })}
                </p>
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
