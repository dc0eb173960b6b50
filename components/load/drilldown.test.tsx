// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { renderIn } from '@/tests/support/intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelLoad, ChatsResponse } from '@/lib/load/types';
import { Drilldown } from './drilldown';

const now = new Date('2026-11-28T14:05:00');
const channels: ChannelLoad[] = [{ apiId: '1401', name: 'Продажи WhatsApp', type: 'whatsapp', state: 'authorized', openChats: 2 }];
const chat = (chatId: string, chatName: string, apiId: string, lastMessage: Date) => ({
  chatId,
  chatName,
  phone: '79160000000',
  avatar: '',
  group: false,
  userId: '8123',
  apiId,
  lastMessageAt: lastMessage.toISOString(),
  ageSeconds: (now.getTime() - lastMessage.getTime()) / 1000,
});
const body: ChatsResponse = {
  asOf: now.toISOString(),
  stale: false,
  complete: true,
  filters: { channel: null, user: '8123', team: null },
  chats: [
    chat('11', 'Иван Петров', '1401', new Date('2026-11-26T09:15:00')),
    chat('12', 'Ольга', '1777', new Date('2026-11-28T14:00:00')),
  ],
};

let requested: string[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  requested = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requested.push(url);
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const operators = [
  { userId: '8123', name: 'Анна Смирнова', locked: false, deleted: false },
  { userId: '8124', name: 'Борис Котов', locked: false, deleted: false },
  { userId: '8125', name: 'Вера Лыкова', locked: true, deleted: false },
];

function renderDrilldown(channelFilter: string | null, onClose = () => {}, locale: 'en' | 'ru' = 'en', name = 'Анна Смирнова', reassignTo?: typeof operators) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderIn(
    locale,
    <QueryClientProvider client={client}>
      <Drilldown operator={{ userId: '8123', name }} channelFilter={channelFilter} channels={channels} refreshSeconds={15} reassignTo={reassignTo} onClose={onClose} />
    </QueryClientProvider>,
  );
}

describe('the drill-down', () => {
  it("lists the operator's chats oldest first, with channel, local time (dated when not today) and age", async () => {
    renderDrilldown(null);
    const panel = screen.getByRole('dialog', { name: 'Анна Смирнова' });
    expect(await within(panel).findByTestId('chat-row-11')).toBeTruthy();
    const rows = within(panel).getAllByTestId(/^chat-row-/);
    const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);
    expect(rows.map(cells)).toEqual([
      ['Иван Петров', 'Продажи WhatsApp', '26 Nov 09:15:00', '2 d 4 h'],
      ['Ольга', 'Channel 1777', '14:00:00', '5 min'],
    ]);
    expect(requested).toEqual(['/api/chats?user=8123']);
  });

  it('asks only for the chats of the filtered channel, and closes with Escape', async () => {
    const onClose = vi.fn();
    renderDrilldown('1401', onClose);
    await screen.findByTestId('chat-row-11');
    expect(requested).toEqual(['/api/chats?channel=1401&user=8123']);
    expect(screen.getByTestId('drilldown').textContent).toContain('Продажи WhatsApp only');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('speaks Russian with Russian plurals and dates, and keeps upstream names exactly as given', async () => {
    const name = 'Оля "Ольга" {name} <b>&amp; 😀';
    renderDrilldown(null, () => {}, 'ru', name);
    const panel = screen.getByRole('dialog', { name });
    await within(panel).findByTestId('chat-row-11');
    expect(within(panel).getByRole('heading').textContent).toBe(name);
    expect(within(panel).getByText(/сначала самые давние/).textContent).toBe('2 открытых чата, сначала самые давние');
    const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);
    expect(within(panel).getAllByTestId(/^chat-row-/).map(cells)).toEqual([
      ['Иван Петров', 'Продажи WhatsApp', '26 нояб. 09:15:00', '2 д 4 ч'],
      ['Ольга', 'Канал 1777', '14:00:00', '5 мин'],
    ]);
    expect(within(panel).getByRole('button', { name: `Закрыть чаты: ${name}` })).toBeTruthy();
  });

  it('offers no reassigning without operators to give chats to (a viewer, a snapshot)', async () => {
    renderDrilldown(null);
    await screen.findByTestId('chat-row-11');
    expect(screen.queryByTestId('reassign-open')).toBeNull();
  });

  it('reassigns one chat to an operator picked by search, after a confirmation, and says the result in words', async () => {
    const posted: Array<{ url: string; body: unknown }> = [];
    const groupBody: ChatsResponse = { ...body, chats: [...body.chats, { ...body.chats[1]!, chatId: '13', chatName: 'Группа', phone: '120363025@g.us', group: true }] };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          posted.push({ url, body: JSON.parse(String(init.body)) });
          return new Response(JSON.stringify({ chatId: '11', toUserId: '8124', status: 'moved', message: 'Moved: operator 8124 is responsible for the chat now.', outcome: 'moved', moveId: 'x'.repeat(22) }), { status: 200 });
        }
        return new Response(JSON.stringify(groupBody), { status: 200 });
      }),
    );
    renderDrilldown(null, () => {}, 'en', 'Анна Смирнова', operators);
    const row = await screen.findByTestId('chat-row-11');
    // A group cannot have a responsible operator: its control says so instead.
    expect(within(screen.getByTestId('chat-row-13')).getByTestId('reassign-group').textContent).toContain('A group');
    fireEvent.click(within(row).getByRole('button', { name: 'Reassign Иван Петров' }));
    const choice = within(row).getByTestId('reassign-choice') as HTMLSelectElement;
    // Not the chat's own operator, nor a locked one; "Nobody" first.
    expect([...choice.options].map((option) => option.textContent)).toEqual(['Nobody', 'Борис Котов']);
    fireEvent.change(within(row).getByTestId('reassign-search'), { target: { value: 'нет такого' } });
    expect([...choice.options].map((option) => option.textContent)).toEqual(['Nobody']);
    fireEvent.change(within(row).getByTestId('reassign-search'), { target: { value: 'бор' } });
    fireEvent.change(choice, { target: { value: '8124' } });
    fireEvent.click(within(row).getByTestId('reassign-next'));
    expect(within(row).getByTestId('reassign-confirm').textContent).toContain('Give Иван Петров to Борис Котов? This changes who is responsible for it in wamm.chat.');
    expect(posted).toEqual([]);
    fireEvent.click(within(row).getByTestId('reassign-yes'));
    const said = await screen.findByTestId('reassign-result');
    expect(said.textContent).toBe('Иван Петров — Moved: the new operator is responsible for the chat now.');
    expect(posted).toEqual([{ url: '/api/chats/11/assign', body: { toUserId: '8124' } }]);
  });

  it("shows the server's own sentence when the reassignment is refused", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === 'POST'
          ? new Response(JSON.stringify({ error: { code: 'forbidden', message: 'Only a manager may move chats.' } }), { status: 403 })
          : new Response(JSON.stringify(body), { status: 200 }),
      ),
    );
    renderDrilldown(null, () => {}, 'en', 'Анна Смирнова', operators);
    const row = await screen.findByTestId('chat-row-12');
    fireEvent.click(within(row).getByTestId('reassign-open'));
    fireEvent.change(within(row).getByTestId('reassign-choice'), { target: { value: '0' } });
    fireEvent.click(within(row).getByTestId('reassign-next'));
    expect(within(row).getByTestId('reassign-confirm').textContent).toContain('Leave Ольга without an operator?');
    fireEvent.click(within(row).getByTestId('reassign-yes'));
    expect((await within(row).findByTestId('reassign-error')).textContent).toBe('Only a manager may move chats.');
    expect(within(row).getByTestId('reassign-confirm')).toBeTruthy();
  });
});
