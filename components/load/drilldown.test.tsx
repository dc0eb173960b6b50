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

function renderDrilldown(channelFilter: string | null, onClose = () => {}, locale: 'en' | 'ru' = 'en', name = 'Анна Смирнова') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderIn(
    locale,
    <QueryClientProvider client={client}>
      <Drilldown operator={{ userId: '8123', name }} channelFilter={channelFilter} channels={channels} refreshSeconds={15} onClose={onClose} />
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
});
