// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoadTotals, TeamLoad } from '@/lib/load/types';
import { renderIn } from '@/tests/support/intl';
import { FilterBar } from './filter-bar';
import { HeadlineNumbers } from './headline-numbers';
import { TeamPanel } from './team-panel';

afterEach(cleanup);

const team = (teamId: string, name: string, values: Partial<TeamLoad>): TeamLoad => ({
  teamId,
  name,
  openChats: 0,
  capacity: null,
  operators: 0,
  availableOperators: 0,
  overCapacityOperators: 0,
  overCriticalChats: 0,
  oldestAgeSeconds: null,
  ...values,
});

const teams = [
  team('support', 'Поддержка', { openChats: 18, capacity: 24, operators: 5, availableOperators: 4, overCapacityOperators: 1, overCriticalChats: 7, oldestAgeSeconds: 5400 }),
  team('sales', 'Sales', { openChats: 30, capacity: 20, operators: 3, availableOperators: 2, overCriticalChats: 0 }),
  team('vip', 'VIP', { openChats: 4, capacity: null, operators: 2, availableOperators: 2 }),
  team('night', 'Night', { openChats: 3, capacity: 0, operators: 2, availableOperators: 0 }),
];

const text = (testId: string) => screen.getByTestId(testId).textContent;

describe('the team panel', () => {
  it('gives each team its load against capacity, utilisation, available operators and waits past critical', () => {
    renderIn('en', <TeamPanel teams={teams} />);
    expect(text('team-open-support')).toBe('18');
    expect(text('team-capacity-support')).toBe(' / 24 of 24');
    expect(text('team-utilisation-support')).toBe('75%');
    expect(text('team-available-support')).toBe('4 of 5');
    expect(text('team-over-capacity-support')).toBe('1');
    expect(text('team-critical-support')).toBe('7');
    expect(within(screen.getByTestId('team-row-support')).getByText('1 h 30 min')).toBeTruthy();
  });

  it('says "over capacity" in words past 100 %, "no limit" without one, and when nobody can take a chat', () => {
    renderIn('en', <TeamPanel teams={teams} />);
    expect(text('team-utilisation-sales')).toBe('▲ 150% over capacity');
    expect(text('team-utilisation-support')).not.toContain('over capacity');
    expect(text('team-capacity-vip')).toBe(' · no limit');
    expect(text('team-utilisation-vip')).toBe('no limit');
    expect(text('team-utilisation-night')).toBe('▲ nobody available');
  });

  it('speaks Russian on a Russian page', () => {
    renderIn('ru', <TeamPanel teams={teams} />);
    // Russian writes a (no-break) space before the per cent sign.
    expect(text('team-utilisation-sales')).toBe('▲ 150\u00a0% сверх лимита');
    expect(text('team-available-support')).toBe('4 из 5');
    expect(text('team-capacity-vip')).toBe(' · без лимита');
  });

  it('filters the page to a team when its name is pressed, and back to all teams when pressed again', () => {
    const onSelect = vi.fn();
    const { rerender } = renderIn('en', <TeamPanel teams={teams} onSelect={onSelect} selected={null} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sales' }));
    expect(onSelect).toHaveBeenLastCalledWith('sales');
    rerender(<TeamPanel teams={teams} onSelect={onSelect} selected="sales" />);
    const pressed = screen.getByRole('button', { name: 'Sales' });
    expect(pressed.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(pressed);
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });

  it('shows names as plain text where the page cannot be filtered (a snapshot)', () => {
    renderIn('en', <TeamPanel teams={teams} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('the headline numbers', () => {
  const totals: LoadTotals = {
    openChats: 55,
    operators: 9,
    channels: 3,
    oldestAgeSeconds: 7200,
    medianAgeSeconds: 600,
    undatedChats: 0,
    capacity: 44,
    overCapacityOperators: 2,
    overWarningChats: 20,
    overCriticalChats: 12,
  };

  it('add operators over capacity and chats past the critical wait, marked with an icon when there are any', () => {
    renderIn('en', <HeadlineNumbers totals={totals} showCapacity />);
    expect(text('headline-over-capacity')).toBe('2');
    expect(text('headline-past-critical')).toBe('12');
    expect(text('headline-open-chats-note')).toBe('available operators can take 44');
    const item = screen.getByTestId('headline-over-capacity').closest('.headline-item')!;
    expect(item.textContent).toBe('▲ 2Operators over capacity');
  });

  it('leave capacity out while no operator has a limit', () => {
    renderIn('en', <HeadlineNumbers totals={{ ...totals, capacity: null, overCapacityOperators: 0, overCriticalChats: 0 }} />);
    expect(screen.queryByTestId('headline-over-capacity')).toBeNull();
    expect(screen.queryByTestId('headline-open-chats-note')).toBeNull();
    expect(screen.getByTestId('headline-past-critical').closest('.headline-item')!.textContent).toBe('0Chats past the critical wait');
  });
});

describe('the team filter', () => {
  it('lists the settings’ teams, and is not there at all without teams', () => {
    const onChange = vi.fn();
    const filters = { channel: null, user: null, team: null };
    const { rerender } = renderIn('en', <FilterBar filters={filters} operators={[]} channels={[]} teams={teams} onChange={onChange} />);
    const select = screen.getByTestId('filter-team') as HTMLSelectElement;
    expect([...select.options].map((option) => option.textContent)).toEqual(['All teams', 'Поддержка', 'Sales', 'VIP', 'Night']);
    fireEvent.change(select, { target: { value: 'sales' } });
    expect(onChange).toHaveBeenLastCalledWith({ team: 'sales' });
    rerender(<FilterBar filters={filters} operators={[]} channels={[]} teams={[]} onChange={onChange} />);
    expect(screen.queryByTestId('filter-team')).toBeNull();
  });
});
