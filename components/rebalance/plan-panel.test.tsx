// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderIn } from '@/tests/support/intl';
import type { ChatRow } from '@/lib/load/types';
import type { ApplyResponse, PlanBody } from '@/lib/rebalance/responses';
import { PlanPanel } from './plan-panel';
import type { OperatorRow } from './plan-math';
import type { RebalanceData } from './use-rebalance-data';

const now = new Date('2026-12-02T10:00:00Z');
const operator = (userId: string, name: string, openChats: number, teamIds = ['sales']): OperatorRow => ({ userId, name, openChats, capacity: 5, teamIds, available: true, locked: false, deleted: false });
const rows = [{ ...operator('0', '', 3, []), name: null, capacity: null }, operator('8101', 'Анна', 4), operator('8102', 'Борис', 1), operator('8103', 'Вера', 2)];
const chat = (chatId: string, chatName: string, phone: string): ChatRow => ({ chatId, chatName, phone, avatar: '', userId: '0', apiId: '1401', lastMessageAt: null, ageSeconds: null, group: phone.endsWith('@g.us') });
const data: RebalanceData = {
  rows,
  rowsById: new Map(rows.map((row) => [row.userId, row])),
  teams: [{ id: 'sales', name: 'Sales', operatorIds: ['8101', '8102', '8103'], channelIds: ['1401'] }],
  excluded: new Set(['8101']),
  chatsById: new Map([chat('11', 'Иван', '79160000011'), chat('12', '', '79160000012'), chat('13', 'Ольга', '79160000013')].map((entry) => [entry.chatId, entry])),
  refreshSeconds: 15,
};
const plan: PlanBody = {
  basedOn: now.toISOString(),
  moves: [
    { chatId: '11', fromUserId: '0', toUserId: '8102', reason: 'unassigned' },
    { chatId: '12', fromUserId: '0', toUserId: '8102', reason: 'unassigned' },
    { chatId: '13', fromUserId: '0', toUserId: '8103', reason: 'unassigned' },
  ],
  notPlaced: [{ chatId: '14', reason: 'group_chat' }],
};

let answers: Array<(url: string, body: unknown) => Response>;
let sent: Array<{ url: string; body: unknown }>;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  sent = [];
  answers = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
      sent.push({ url, body });
      return answers.shift()!(url, body);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderIn(
    'en',
    <QueryClientProvider client={client}>
      <PlanPanel team="sales" data={data} />
    </QueryClientProvider>,
  );
}

async function planShown() {
  answers.push(() => json(plan));
  renderPanel();
  fireEvent.click(screen.getByTestId('make-plan'));
  await screen.findByTestId('plan-moves');
}

describe('the plan', () => {
  it('shows each move in words, offers only eligible targets, and recomputes before → after from the kept moves', async () => {
    await planShown();
    expect(sent[0]).toEqual({ url: '/api/rebalance/plan', body: { team: 'sales' } });
    const row12 = screen.getByTestId('plan-move-12');
    // A chat without a name is shown by its phone, as in the drill-down.
    expect(within(row12).getByRole('rowheader').textContent).toBe('79160000012');
    expect(row12.textContent).toContain('nobody is responsible for it');
    // Анна is excluded from balancing: never offered.
    const options = [...(within(row12).getByTestId('target') as HTMLSelectElement).options].map((option) => option.textContent);
    expect(options).toEqual(['Борис (1 / 5)', 'Вера (2 / 5)']);
    expect(screen.getByTestId('not-placed').textContent).toContain('a group chat cannot have a responsible operator');

    const after = (userId: string) => within(screen.getByTestId(`change-${userId}`)).getByTestId('after').textContent;
    expect(after('8102')).toBe('3 / 5');
    expect(after('0')).toBe('0');
    fireEvent.click(within(screen.getByTestId('plan-move-11')).getByTestId('keep'));
    fireEvent.change(within(row12).getByTestId('target'), { target: { value: '8103' } });
    expect(after('8103')).toBe('4 / 5');
    expect(screen.queryByTestId('change-8102')).toBeNull();
    expect(after('0')).toBe('1');
    expect(screen.getByTestId('apply').textContent).toBe('Apply 2 moves');
  });

  it('applies the kept moves after a confirmation and says each result in words, unknown ones to check in wamm.chat', async () => {
    await planShown();
    fireEvent.click(within(screen.getByTestId('plan-move-11')).getByTestId('keep'));
    fireEvent.click(screen.getByTestId('apply'));
    expect(screen.getByTestId('apply-confirm').textContent).toContain('This changes who is responsible for 2 chats in wamm.chat.');
    const results: ApplyResponse = {
      results: [
        { chatId: '12', toUserId: '8102', status: 'moved', message: 'Moved.', outcome: 'moved', moveId: 'a'.repeat(22) },
        { chatId: '13', toUserId: '8103', status: 'unknown', message: 'Unknown.', outcome: 'unknown', moveId: 'b'.repeat(22) },
      ],
    };
    answers.push(() => json(results));
    await act(async () => fireEvent.click(screen.getByTestId('apply-yes')));
    expect(sent[1]).toEqual({
      url: '/api/rebalance/apply',
      body: {
        moves: [
          { chatId: '12', toUserId: '8102', fromUserId: '0', reason: 'unassigned' },
          { chatId: '13', toUserId: '8103', fromUserId: '0', reason: 'unassigned' },
        ],
      },
    });
    const result = (chatId: string) => within(screen.getByTestId(`plan-move-${chatId}`)).getByTestId('move-result').textContent;
    expect(result('12')).toBe('Moved: the new operator is responsible for the chat now.');
    expect(result('13')).toContain('Check in wamm.chat');
    expect(result('11')).toBe('dropped');
    expect((await screen.findByTestId('apply-summary')).textContent).toBe('Done: 1 moved, 0 skipped, 0 failed, 1 to check in wamm.chat.');
  });

  it("keeps the plan and the results on screen when the server refuses, in the server's own words", async () => {
    await planShown();
    answers.push(() => json({ error: { code: 'bad_request', message: 'team must be the id of a team in the settings' } }, 400));
    await act(async () => fireEvent.click(screen.getByTestId('make-plan')));
    expect((await screen.findByTestId('rebalance-error')).textContent).toContain('team must be the id of a team in the settings');
    expect(screen.getAllByTestId(/^plan-move-/)).toHaveLength(3);

    answers.push(() => json({ error: { code: 'conflict', message: 'Someone else is applying moves right now.' } }, 409));
    fireEvent.click(screen.getByTestId('apply'));
    await act(async () => fireEvent.click(screen.getByTestId('apply-yes')));
    expect(screen.getByTestId('rebalance-error').textContent).toBe('Applying stopped after 0 of 3: Someone else is applying moves right now.');
    expect(screen.getAllByTestId(/^plan-move-/)).toHaveLength(3);
  });

  it('asks for a new plan once the plan is more than two minutes old', async () => {
    await planShown();
    expect(screen.queryByTestId('plan-too-old')).toBeNull();
    vi.setSystemTime(new Date(now.getTime() + 121_000));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 1100)));
    expect(screen.getByTestId('plan-too-old').textContent).toContain('Make a new plan');
    expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(true);
  });
});
