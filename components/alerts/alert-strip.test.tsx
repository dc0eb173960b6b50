// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderIn } from '@/tests/support/intl';
import { AlertStrip } from './alert-strip';
import type { ActiveAlert } from './types';

afterEach(cleanup);

const since = new Date(Date.now() - 12 * 60_000).toISOString();
const active: ActiveAlert[] = [
  {
    id: 'p1',
    rule: 'unassigned',
    state: 'pending',
    teamId: null,
    teamName: null,
    value: 4,
    threshold: 3,
    since,
    text: '4 chats are unassigned',
  },
  {
    id: 'f1',
    rule: 'critical-chats',
    state: 'firing',
    teamId: 'support',
    teamName: 'Поддержка',
    value: 3,
    threshold: 1,
    since,
    text: '3 chats wait past the critical 15 min in Поддержка',
  },
];

describe('the active alerts strip', () => {
  it('shows each alert with its message, since when and a link to its view, firing first', () => {
    renderIn('en', <AlertStrip alerts={active} />);
    const strip = screen.getByTestId('alert-strip');
    expect(within(strip).getByRole('heading').textContent).toBe('1 alert firing, 1 pending');
    const items = within(strip).getAllByTestId('alert-item');
    expect(items.map((item) => item.dataset.state)).toEqual(['firing', 'pending']);
    expect(items[0]!.textContent).toContain('3 chats wait past the critical 15 min in Поддержка');
    expect(items[0]!.textContent).toContain('(12 min)');
    expect(within(items[0]!).getByRole('link', { name: 'Show' }).getAttribute('href')).toBe('/?team=support');
    expect(items[1]!.textContent).toContain('Pending:4 chats are unassigned');
    expect(within(items[1]!).getByRole('link').getAttribute('href')).toBe('/?user=0');
  });

  it('speaks the page’s language around the alert’s own message', () => {
    renderIn('ru', <AlertStrip alerts={active} />);
    expect(screen.getByRole('heading').textContent).toBe('Сработало 1 оповещение, ожидают: 1');
    expect(screen.getAllByTestId('alert-item')[1]!.textContent).toContain('Ожидает:');
    expect(screen.getAllByTestId('alert-item')[0]!.textContent).toContain('с ');
  });

  it('shows nothing when no alert is active', () => {
    const { container } = renderIn('en', <AlertStrip alerts={[]} />);
    expect(container.innerHTML).toBe('');
    cleanup();
    expect(renderIn('en', <AlertStrip alerts={undefined} />).container.innerHTML).toBe('');
  });
});
