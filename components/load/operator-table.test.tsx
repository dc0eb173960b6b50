// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { renderIn } from '@/tests/support/intl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UserLoad } from '@/lib/load/types';
import { OperatorTable } from './operator-table';

const row = (userId: string, name: string | null, openChats: number, oldest: number | null, buckets: number[]): UserLoad => ({
  userId,
  name,
  capacity: null,
  teamIds: [],
  lastActiveAt: null,
  available: true,
  overCapacity: false,
  locked: false,
  deleted: false,
  openChats,
  oldestAgeSeconds: oldest,
  buckets,
});

const rows = [
  row('1', 'Борис', 3, 100, [3, 0, 0, 0, 0, 0]),
  row('2', 'Анна', 7, 90_000, [1, 1, 1, 1, 1, 2]),
  row('3', null, 0, null, [0, 0, 0, 0, 0, 0]),
  row('0', null, 5, 4000, [0, 0, 4, 1, 0, 0]),
];

const AS_OF = '2026-11-28T14:00:00.000Z';

afterEach(cleanup);

const names = () =>
  within(screen.getByTestId('operator-table'))
    .getAllByRole('rowheader')
    .map((cell) => within(cell).getByRole('button').textContent);

describe('the operator table', () => {
  it('lists the heaviest first, names the unassigned row and operators without a name', () => {
    renderIn('en', <OperatorTable rows={rows} onSelect={() => {}} selected={null} asOf={AS_OF} />);
    expect(names()).toEqual(['Анна', 'Unassigned', 'Борис', 'Operator 3']);
    expect(screen.getByTestId('operator-open-2').textContent).toBe('7');
  });

  it('names rows and sorts names in Russian on a Russian page', () => {
    renderIn('ru', <OperatorTable rows={rows} onSelect={() => {}} selected={null} asOf={AS_OF} />);
    expect(names()).toEqual(['Анна', 'Без оператора', 'Борис', 'Оператор 3']);
    const header = screen.getByRole('columnheader', { name: /Оператор/ });
    fireEvent.click(within(header).getByRole('button'));
    expect(names()).toEqual(['Анна', 'Без оператора', 'Борис', 'Оператор 3']);
    expect(screen.getByRole('columnheader', { name: /> 24 ч/ })).toBeTruthy();
  });

  it('sorts by a column when its header is pressed, and says so to screen readers', () => {
    renderIn('en', <OperatorTable rows={rows} onSelect={() => {}} selected={null} asOf={AS_OF} />);
    const header = screen.getByRole('columnheader', { name: /Operator/ });
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(names()).toEqual(['Анна', 'Борис', 'Operator 3', 'Unassigned']);
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');

    const oldest = screen.getByRole('columnheader', { name: /Oldest/ });
    fireEvent.click(within(oldest).getByRole('button'));
    expect(names()).toEqual(['Анна', 'Unassigned', 'Борис', 'Operator 3']);
    expect(header.getAttribute('aria-sort')).toBe('none');
  });

  it('opens the drill-down for the operator chosen by click or keyboard', () => {
    const onSelect = vi.fn();
    renderIn('en', <OperatorTable rows={rows} onSelect={onSelect} selected={null} asOf={AS_OF} />);
    fireEvent.click(screen.getByTestId('operator-row-1'));
    expect(onSelect).toHaveBeenLastCalledWith('1');
    const button = screen.getByRole('button', { name: 'Анна' });
    button.focus();
    fireEvent.click(button);
    expect(onSelect).toHaveBeenLastCalledWith('2');
    expect(onSelect).toHaveBeenCalledTimes(2);
  });

  it('shows load against capacity, and says in words (not only by colour) who is over it', () => {
    const loaded = [
      { ...row('1', 'Борис', 18, 100, [18, 0, 0, 0, 0, 0]), capacity: 15, overCapacity: true },
      { ...row('2', 'Анна', 12, 90, [12, 0, 0, 0, 0, 0]), capacity: 15 },
      row('3', 'Unlimited', 4, 90, [4, 0, 0, 0, 0, 0]),
    ];
    renderIn('en', <OperatorTable rows={loaded} onSelect={() => {}} selected={null} asOf={AS_OF} />);
    const anna = screen.getByTestId('operator-row-2');
    expect(screen.getByTestId('operator-open-2').closest('td')?.textContent).toBe('12 / 15 of a capacity of 15');
    expect(within(anna).queryByText('over capacity')).toBeNull();
    const boris = screen.getByTestId('operator-row-1');
    const over = within(boris).getByTestId('operator-over-capacity-1');
    // An icon for the eye, words for everyone (the icon is hidden from screen readers).
    expect(over.textContent).toBe('▲ over capacity');
    expect(over.querySelector('[aria-hidden="true"]')?.textContent).toBe('▲ ');
    expect(over.getAttribute('title')).toBe('More open chats on all channels together than the capacity of 15');
    expect(screen.getByTestId('operator-row-3').textContent).not.toContain('/');
  });

  it('marks an operator who has not been active lately as away, with how long ago, in the page language', () => {
    const people = [
      { ...row('1', 'Сергей', 2, 100, [2, 0, 0, 0, 0, 0]), available: false, lastActiveAt: '2026-11-28T11:40:00.000Z' },
      { ...row('2', 'Анна', 1, 100, [1, 0, 0, 0, 0, 0]), lastActiveAt: '2026-11-28T13:59:00.000Z' },
      { ...row('3', 'Ирина', 1, 100, [1, 0, 0, 0, 0, 0]), available: false, locked: true },
      { ...row('4', 'Never', 0, null, [0, 0, 0, 0, 0, 0]), available: false },
      { ...row('0', null, 3, 100, [3, 0, 0, 0, 0, 0]), available: false },
    ];
    renderIn('en', <OperatorTable rows={people} onSelect={() => {}} selected={null} asOf={AS_OF} />);
    expect(screen.getByTestId('operator-away-1').textContent).toBe('away · last active 2 h ago');
    expect(screen.getByTestId('operator-away-4').textContent).toBe('away · no activity known');
    // Available, locked (says so itself) and the unassigned row are not "away".
    expect(screen.queryByTestId('operator-away-2')).toBeNull();
    expect(screen.queryByTestId('operator-away-3')).toBeNull();
    expect(screen.queryByTestId('operator-away-0')).toBeNull();
    cleanup();
    renderIn('ru', <OperatorTable rows={people} onSelect={() => {}} selected={null} asOf={AS_OF} />);
    expect(screen.getByTestId('operator-away-1').textContent).toBe('нет на месте · последняя активность 2 ч назад');
  });
});
