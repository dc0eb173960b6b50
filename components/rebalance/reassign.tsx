'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { operatorsByName, useLabels } from '@/components/load/labels';
import { send } from '@/components/queries/send';
import { UNASSIGNED_ROW_ID, type ChatRow, type UserLoad } from '@/lib/load/types';
import type { MoveResultBody } from '@/lib/rebalance/responses';
import { useWriteFailure } from './words';

// One chat given to another operator, or to nobody, from the drill-down: pick (searching the list),
// confirm, and the result in words. A group cannot have a responsible operator in wamm.chat, so its
// control says so instead.

type Step = { kind: 'closed' } | { kind: 'picking' } | { kind: 'confirming'; toUserId: string } | { kind: 'sending'; toUserId: string };

interface Props {
  chat: ChatRow;
  operators: readonly Pick<UserLoad, 'userId' | 'name' | 'locked' | 'deleted'>[];
  /** The answer, for the drill-down to show: a moved chat leaves this operator's list, and its row with it. */
  onResult: (result: MoveResultBody, chatName: string) => void;
}

export function Reassign({ chat, operators, onResult }: Props) {
  const t = useTranslations('rebalance');
  const labels = useLabels();
  const failure = useWriteFailure();
  const queryClient = useQueryClient();
  const searchId = useId();
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const chatName = labels.chatName(chat);

  const choices = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    const rows = operatorsByName(
      operators.filter((row) => row.userId !== UNASSIGNED_ROW_ID && row.userId !== chat.userId && !row.locked && !row.deleted),
      labels,
    );
    return needle ? rows.filter((row) => labels.operatorName(row).toLocaleLowerCase().includes(needle) || row.userId.includes(needle)) : rows;
  }, [operators, chat.userId, search, labels]);

  if (chat.group) return <span className="muted small" data-testid="reassign-group">{t('groupCannot')}</span>;

  const name = (userId: string) => (userId === UNASSIGNED_ROW_ID ? t('nobody') : labels.operatorName({ userId, name: operators.find((row) => row.userId === userId)?.name ?? null }));

  const assign = async (toUserId: string) => {
    setStep({ kind: 'sending', toUserId });
    setError(null);
    try {
      const body = await send<MoveResultBody>('POST', `/api/chats/${encodeURIComponent(chat.chatId)}/assign`, { toUserId: toUserId === UNASSIGNED_ROW_ID ? null : toUserId });
      setStep({ kind: 'closed' });
      if (body) onResult(body, chatName);
      void queryClient.invalidateQueries({ queryKey: ['load'] });
      void queryClient.invalidateQueries({ queryKey: ['chats'] });
    } catch (caught) {
      setError(failure(caught));
      setStep({ kind: 'confirming', toUserId });
    }
  };

  return (
    <div className="rb-reassign" data-testid="reassign">
      {step.kind === 'closed' ? (
        <button type="button" className="button button-small" onClick={() => setStep({ kind: 'picking' })} aria-label={t('reassignLabel', { chat: chatName })} data-testid="reassign-open">
          {t('reassign')}
        </button>
      ) : null}
      {step.kind === 'picking' ? (
        <div className="rb-reassign-pick">
          <label htmlFor={searchId} className="visually-hidden">
            {t('searchOperator')}
          </label>
          <input id={searchId} type="search" className="input" placeholder={t('searchOperator')} value={search} onChange={(event) => setSearch(event.target.value)} data-testid="reassign-search" />
          <select className="select" size={Math.min(6, choices.length + 1)} value={picked} onChange={(event) => setPicked(event.target.value)} aria-label={t('pickOperator', { chat: chatName })} data-testid="reassign-choice">
            {chat.userId !== UNASSIGNED_ROW_ID ? <option value={UNASSIGNED_ROW_ID}>{t('nobody')}</option> : null}
            {choices.map((row) => (
              <option key={row.userId} value={row.userId}>
                {labels.operatorName(row)}
              </option>
            ))}
          </select>
          <button type="button" className="button button-small" disabled={!picked} onClick={() => setStep({ kind: 'confirming', toUserId: picked })} data-testid="reassign-next">
            {t('reassignNext')}
          </button>{' '}
          <button type="button" className="button button-small" onClick={() => setStep({ kind: 'closed' })}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
      {step.kind === 'confirming' || step.kind === 'sending' ? (
        <div className="rb-confirm" role="alertdialog" aria-label={t('reassignConfirmLabel')} data-testid="reassign-confirm">
          <p>{step.toUserId === UNASSIGNED_ROW_ID ? t('confirmUnassign', { chat: chatName }) : t('confirmReassign', { chat: chatName, to: name(step.toUserId) })}</p>
          <button type="button" className="button button-primary button-small" disabled={step.kind === 'sending'} onClick={() => assign(step.toUserId)} data-testid="reassign-yes">
            {step.kind === 'sending' ? t('sending') : t('reassignYes')}
          </button>{' '}
          <button type="button" className="button button-small" disabled={step.kind === 'sending'} onClick={() => setStep({ kind: 'closed' })}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="rb-error small" role="alert" data-testid="reassign-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
