'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ChannelLoad, UserLoad } from '@/lib/load/types';
import { Reassign } from '@/components/rebalance/reassign';
import { useRebalanceWords } from '@/components/rebalance/words';
import type { MoveResultBody } from '@/lib/rebalance/responses';
import { useChatsQuery } from '@/components/queries/use-chats-query';
import { useLabels } from './labels';
import { useProblemWords } from './problem-words';

interface Props {
  operator: Pick<UserLoad, 'userId' | 'name'>;
  channelFilter: string | null;
  channels: ChannelLoad[];
  /** Poll interval of the live view; null for a snapshot, whose chats never change. */
  refreshSeconds: number | null;
  /** The team in view: the unassigned row then lists only the unassigned chats on the team's channels. */
  teamFilter?: string | null;
  /** Where the chats come from: /api/chats, or a snapshot's /api/snapshots/{id}/chats. */
  chatsPath?: string;
  /** For a manager on the live page: the operators a chat can be given to; absent, no reassigning. */
  reassignTo?: readonly Pick<UserLoad, 'userId' | 'name' | 'locked' | 'deleted'>[];
  onClose: () => void;
}

/** One operator's open chats, oldest first, in a side panel over the page. */
export function Drilldown({ operator, channelFilter, teamFilter, channels, refreshSeconds, chatsPath, reassignTo, onClose }: Props) {
  const t = useTranslations('drilldown');
  const tRebalance = useTranslations('rebalance');
  const moveWords = useRebalanceWords();
  const [reassigned, setReassigned] = useState<{ result: MoveResultBody; chatName: string } | null>(null);
  const labels = useLabels();
  const problems = useProblemWords();
  const query = useChatsQuery({ user: operator.userId, channel: channelFilter, team: teamFilter ?? null }, true, refreshSeconds, chatsPath);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    const onKey = (event: globalThis.KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, [onClose]);

  const drawer = useRef<HTMLElement>(null);
  // A modal keeps the keyboard inside it: Tab past the last control comes back to the first.
  const trapTab = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Tab' || !drawer.current) return;
    const focusable = drawer.current.querySelectorAll<HTMLElement>('button, [href], select, input, [tabindex]:not([tabindex="-1"])');
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const channelById = new Map(channels.map((channel) => [channel.apiId, channel]));
  const chats = query.data?.chats;
  const title = labels.operatorName(operator);
  return (
    <div className="drawer-backdrop" onClick={onClose}>
      <aside
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby="drilldown-title"
        data-testid="drilldown"
        ref={drawer}
        onKeyDown={trapTab}
        onClick={(event) => event.stopPropagation()}
      >
        <header className="drawer-header">
          <div>
            <h2 id="drilldown-title">{title}</h2>
            <p className="muted">
              {chats ? t('summary', { count: chats.length }) : t('loading')}
              {channelFilter ? ` · ${t('channelOnly', { channel: labels.channelName(channelById.get(channelFilter), channelFilter) })}` : ''}
            </p>
          </div>
          <button type="button" ref={closeButton} className="button" onClick={onClose} aria-label={t('closeLabel', { name: title })}>
            {t('close')}
          </button>
        </header>
        {query.isError && !chats ? (
          <p className="banner banner-error" role="alert">
            {t('loadFailed', { reason: problems.request(query.error) })}
          </p>
        ) : null}
        {query.data?.stale ? (
          <p className="banner banner-stale">{t('stale', { time: labels.clock(query.data.asOf) })}</p>
        ) : null}
        {query.data && !query.data.complete ? (
          <p className="banner banner-partial">
            {t('partial')} {problems.partial(query.data)}
          </p>
        ) : null}
        {reassigned ? (
          <p className={`banner rb-status rb-status-${reassigned.result.status}`} role="status" data-testid="reassign-result" data-status={reassigned.result.status}>
            {tRebalance('reassignResult', { chat: reassigned.chatName, status: moveWords.status(reassigned.result.status), result: moveWords.result(reassigned.result) })}
          </p>
        ) : null}
        {chats && chats.length === 0 ? <p className="empty">{t('empty')}</p> : null}
        {chats && chats.length > 0 ? (
          <div className="table-scroll">
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">{t('chat')}</th>
                  <th scope="col">{t('channel')}</th>
                  <th scope="col">{t('lastMessage')}</th>
                  <th scope="col" className="numeric">
                    {t('age')}
                  </th>
                  {reassignTo ? <th scope="col">{tRebalance('reassignColumn')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {chats.map((chat) => (
                  <tr key={chat.chatId} data-testid={`chat-row-${chat.chatId}`}>
                    <th scope="row" className="chat-name">
                      {chat.chatName || <span className="muted">{labels.chatName(chat)}</span>}
                    </th>
                    <td>{labels.channelName(channelById.get(chat.apiId), chat.apiId)}</td>
                    <td>{chat.lastMessageAt ? labels.clock(chat.lastMessageAt) : <span className="muted">{t('unknownTime')}</span>}</td>
                    <td className="numeric">{labels.age(chat.ageSeconds)}</td>
                    {reassignTo ? (
                      <td>
                        <Reassign chat={chat} operators={reassignTo} onResult={(result, chatName) => setReassigned({ result, chatName })} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </aside>
    </div>
  );
}
