// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActiveAlert } from '@/components/alerts/types';
import { renderIn } from '@/tests/support/intl';
import { TvAlertStrip, alertsForDisplay } from './tv-alerts';

afterEach(cleanup);

const alert = (id: string, state: ActiveAlert['state'], teamId: string | null, text: string): ActiveAlert => ({
  id,
  rule: 'critical_chats',
  state,
  teamId,
  teamName: teamId,
  value: 2,
  threshold: 1,
  since: '2026-12-02T07:05:00.000Z',
  text,
});

const active = [alert('a', 'pending', 'sales', 'Sales: 2 unassigned'), alert('b', 'firing', 'support', 'Support: 5 chats past 15 min'), alert('c', 'firing', null, 'wamm.chat is not answering')];

describe('the wall display’s alert strip', () => {
  it('shows firing alerts first with their message and since when, pending ones marked', () => {
    renderIn('en', <TvAlertStrip alerts={active} />);
    const items = screen.getAllByTestId('tv-alert');
    expect(items.map((item) => item.dataset.state)).toEqual(['firing', 'firing', 'pending']);
    expect(items[0]!.textContent).toContain('Support: 5 chats past 15 min');
    expect(items[0]!.textContent).toMatch(/since \d\d:\d\d$/);
    expect(items[2]!.textContent).toContain('pending: Sales: 2 unassigned');
    expect(screen.queryByTestId('tv-alerts-more')).toBeNull();
  });

  it('is not there at all when no alert is active', () => {
    const { container } = renderIn('en', <TvAlertStrip alerts={[]} />);
    expect(container.innerHTML).toBe('');
  });

  it('shows a team’s display its team’s alerts and those of no team', () => {
    expect(alertsForDisplay(active, 'support').map((item) => item.id)).toEqual(['b', 'c']);
    expect(alertsForDisplay(active, null).map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(alertsForDisplay(undefined, null)).toEqual([]);
  });
});
