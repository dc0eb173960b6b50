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

afterEach(cleanup);

const names = () =>
  within(screen.getByTestId('operator-table'))
    .getAllByRole('rowheader')
    .map((cell) => within(cell).getByRole('button').textContent);

describe('the operator table', () => {
  it('lists the heaviest first, names the unassigned row and operators without a name', () => {
    renderIn('en', <OperatorTable rows={rows} onSelect={() => {}} selected={null} />);
    expect(names()).toEqual(['Анна', 'Unassigned', 'Борис', 'Operator 3']);
    expect(screen.getByTestId('operator-open-2').textContent).toBe('7');
  });

  it('names rows and sorts names in Russian on a Russian page', () => {
    renderIn('ru', <OperatorTable rows={rows} onSelect={() => {}} selected={null} />);
    expect(names()).toEqual(['Анна', 'Без оператора', 'Борис', 'Оператор 3']);
    const header = screen.getByRole('columnheader', { name: /Оператор/ });
    fireEvent.click(within(header).getByRole('button'));
    expect(names()).toEqual(['Анна', 'Без оператора', 'Борис', 'Оператор 3']);
    expect(screen.getByRole('columnheader', { name: /> 24 ч/ })).toBeTruthy();
  });

  it('sorts by a column when its header is pressed, and says so to screen readers', () => {
    renderIn('en', <OperatorTable rows={rows} onSelect={() => {}} selected={null} />);
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
    renderIn('en', <OperatorTable rows={rows} onSelect={onSelect} selected={null} />);
    fireEvent.click(screen.getByTestId('operator-row-1'));
    expect(onSelect).toHaveBeenLastCalledWith('1');
    const button = screen.getByRole('button', { name: 'Анна' });
    button.focus();
    fireEvent.click(button);
    expect(onSelect).toHaveBeenLastCalledWith('2');
    expect(onSelect).toHaveBeenCalledTimes(2);
  });
});
