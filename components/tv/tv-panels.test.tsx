// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamLoad } from '@/lib/load/types';
import { renderIn } from '@/tests/support/intl';
import { TvTeamBars } from './tv-panels';

afterEach(cleanup);

const team = (teamId: string, name: string, values: Partial<TeamLoad>): TeamLoad => ({
  teamId,
  name,
  openChats: 0,
  capacity: null,
  operators: 4,
  availableOperators: 3,
  overCapacityOperators: 0,
  overCriticalChats: 0,
  oldestAgeSeconds: null,
  ...values,
});

const teams = [
  team('support', 'Поддержка', { openChats: 30, capacity: 20, overCriticalChats: 5 }),
  team('sales', 'Sales', { openChats: 10, capacity: 40 }),
  team('vip', 'VIP', { openChats: 2 }),
];

describe('the wall display’s team panel', () => {
  it('draws load against capacity on one scale, the capacity marked, and over capacity in words', () => {
    renderIn('en', <TvTeamBars teams={teams} current="support" />);
    const support = screen.getByTestId('tv-team-support');
    expect(support.textContent).toContain('▲ OVER CAPACITY · 5 chats past critical');
    expect(support.getAttribute('aria-current')).toBe('true');
    expect(screen.getByTestId('tv-team-sales').textContent).toContain('3 of 4 available');
    expect(screen.getByTestId('tv-team-sales').getAttribute('aria-current')).toBeNull();
    // The scale reaches the highest capacity (40): sales' capacity is the right end, support's bar three quarters.
    const mark = (teamId: string) => (screen.getByTestId(`tv-team-${teamId}`).querySelector('.tv-capacity-mark') as HTMLElement | null)?.style.left;
    expect([mark('support'), mark('sales'), mark('vip')]).toEqual(['50%', '100%', undefined]);
    expect((support.querySelector('.tv-bar') as HTMLElement).style.width).toBe('75%');
    expect(screen.getByTestId('tv-team-vip').textContent).toContain('2 · no limit');
  });

  it('speaks Russian, plurals included', () => {
    renderIn('ru', <TvTeamBars teams={teams} current={null} />);
    expect(screen.getByTestId('tv-team-support').textContent).toContain('▲ СВЕРХ ЛИМИТА · 5 чатов дольше критического');
    expect(screen.getByTestId('tv-team-sales').textContent).toContain('на месте 3 из 4');
  });
});
