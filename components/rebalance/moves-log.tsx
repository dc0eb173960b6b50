'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useLabels } from '@/components/load/labels';
import { useProblemWords } from '@/components/load/problem-words';
import { send } from '@/components/queries/send';
import { useMovesQuery } from '@/components/queries/use-rebalance-queries';
import type { MoveResultBody } from '@/lib/rebalance/responses';
import type { RebalanceData } from './use-rebalance-data';
import { useRebalanceWords, useWriteFailure } from './words';

// The moves log: who moved which chat from whom to whom, when and with what result; a move that
// moved a chat can be undone (the chat goes back when nothing changed since).

export function MovesLog({ data }: { data: RebalanceData }) {
  const t = useTranslations('rebalance');
  const labels = useLabels();
  const words = useRebalanceWords();
  const problems = useProblemWords();
  const failure = useWriteFailure();
  const queryClient = useQueryClient();
  const query = useMovesQuery();
  const [undone, setUndone] = useState<Record<string, { result?: MoveResultBody; error?: string; busy?: boolean }>>({});

  const operatorName = (userId: string) => labels.operatorName({ userId, name: data.rowsById.get(userId)?.name ?? null });
  const chatName = (chatId: string) => {
    const chat = data.chatsById.get(chatId);
    return chat ? labels.chatName(chat) : labels.chatName({ chatId, chatName: '' });
  };

  const undo = async (id: string) => {
    setUndone((all) => ({ ...all, [id]: { busy: true } }));
    try {
      const result = await send<MoveResultBody>('POST', `/api/rebalance/moves/${encodeURIComponent(id)}/undo`);
      setUndone((all) => ({ ...all, [id]: { result: result ?? undefined } }));
    } catch (caught) {
      setUndone((all) => ({ ...all, [id]: { error: failure(caught) } }));
    } finally {
      void queryClient.invalidateQueries({ queryKey: ['moves'] });
      void queryClient.invalidateQueries({ queryKey: ['load'] });
      void queryClient.invalidateQueries({ queryKey: ['chats'] });
    }
  };

  const moves = query.data?.moves;
  return (
    <section className="panel rb-panel" aria-labelledby="rb-log-title" data-testid="moves-log">
      <h2 id="rb-log-title">{t('logTitle')}</h2>
      {query.isError && !moves ? (
        <p className="banner banner-error" role="alert">
          {t('logFailed', { reason: problems.request(query.error) })}
        </p>
      ) : null}
      {moves && moves.length === 0 ? <p className="empty">{t('logEmpty')}</p> : null}
      {moves && moves.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table compact">
            <caption className="visually-hidden">{t('logTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('chat')}</th>
                <th scope="col">{t('fromTo')}</th>
                <th scope="col">{t('result')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('undo')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {moves.map((move) => {
                const state = undone[move.id];
                const canUndo = move.status === 'moved' && move.undoneAt === null && move.trigger !== 'undo' && !state?.result;
                return (
                  <tr key={move.id} data-testid={`log-${move.chatId}`} data-trigger={move.trigger}>
                    <td>{labels.clock(move.at)}</td>
                    <td>{move.trigger === 'auto' ? t('whoAuto') : move.trigger === 'undo' ? t('whoUndo', { name: move.actor ?? t('whoNobody') }) : (move.actor ?? t('whoNobody'))}</td>
                    <th scope="row" className="chat-name">
                      {chatName(move.chatId)}
                    </th>
                    <td>
                      {operatorName(move.fromUserId)} → {operatorName(move.toUserId)}
                    </td>
                    <td data-testid="log-result">
                      <span className={`rb-status rb-status-${move.status}`}>{words.status(move.status)}</span>
                      {move.undoneAt ? <span className="muted"> · {t('undoneAt', { time: labels.clock(move.undoneAt) })}</span> : null}
                      {state?.result ? (
                        <span data-testid="undo-result">
                          {' '}
                          · {t('undoResult', { result: `${words.status(state.result.status)}: ${words.result(state.result)}` })}
                        </span>
                      ) : null}
                      {state?.error ? (
                        <span className="rb-error" role="alert">
                          {' '}
                          · {state.error}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {canUndo ? (
                        <button type="button" className="button" disabled={state?.busy} onClick={() => undo(move.id)} aria-label={t('undoLabel', { chat: chatName(move.chatId) })} data-testid="undo">
                          {t('undo')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
