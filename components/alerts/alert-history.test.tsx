// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderIn } from '@/tests/support/intl';
import { AlertHistoryTable } from './alert-history';
import type { AlertEvent } from './types';

afterEach(cleanup);

const events: AlertEvent[] = [
  {
    id: 'e2',
    rule: 'night-watch',
    teamId: 'support',
    teamName: 'Поддержка',
    startedAt: '2026-12-02T09:00:00.000Z',
    firedAt: '2026-12-02T09:05:00.000Z',
    resolvedAt: '2026-12-02T09:47:00.000Z',
    value: 4,
    threshold: 1,
    deliveries: [
      { channel: 'webhook', status: 'sent', attempts: 2, lastError: null, at: '2026-12-02T09:05:30.000Z' },
      { channel: 'telegram', status: 'failed', attempts: 5, lastError: 'Telegram answered HTTP 403: the bot was blocked by the user.', at: '2026-12-02T09:20:00.000Z' },
      { channel: 'email', status: 'pending', attempts: 1, lastError: 'The mail server refused the connection.', at: '2026-12-02T09:06:00.000Z' },
    ],
  },
  {
    id: 'e1',
    rule: 'upstream-down',
    teamId: null,
    teamName: null,
    startedAt: '2026-12-02T08:00:00.000Z',
    firedAt: '2026-12-02T08:03:00.000Z',
    resolvedAt: null,
    value: 3,
    threshold: 3,
    deliveries: [],
  },
];

describe('the alert history', () => {
  it('says what fired, for how long, where it was delivered and why a delivery failed', () => {
    renderIn('en', <AlertHistoryTable events={events} kinds={new Map([['night-watch', 'critical_chats']])} />);
    const rows = screen.getAllByTestId('alert-history-row');
    expect(rows.map((row) => row.dataset.state)).toEqual(['resolved', 'firing']);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toBe('Chats past the critical wait · Поддержка');
    expect(rows[0]!.textContent).toContain('42 min');
    const deliveries = within(rows[0]!).getAllByTestId('alert-delivery');
    expect(deliveries.map((item) => item.dataset.status)).toEqual(['sent', 'failed', 'pending']);
    expect(deliveries[0]!.textContent).toMatch(/^Webhook sent \d\d:\d\d:\d\d/);
    expect(deliveries[1]!.textContent).toContain('Telegram failed after 5 attempts');
    expect(deliveries[1]!.textContent).toContain('Telegram answered HTTP 403: the bot was blocked by the user.');
    expect(deliveries[2]!.textContent).toContain('waiting to be sent (1 attempt)');
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('wamm.chat not answering');
    expect(rows[1]!.textContent).toContain('still active');
    expect(rows[1]!.textContent).toContain('no channel configured');
  });

  it('speaks Russian', () => {
    renderIn('ru', <AlertHistoryTable events={events} />);
    const rows = screen.getAllByTestId('alert-history-row');
    expect(rows[0]!.textContent).toContain('не доставлено после 5 попыток');
    expect(rows[1]!.textContent).toContain('ещё действует');
  });
});
