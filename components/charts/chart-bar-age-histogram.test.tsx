// @vitest-environment jsdom
import { cleanup} from '@testing-library/react';
import { renderIn } from '@/tests/support/intl';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AGE_BUCKETS } from '@/lib/load/ages';
import { AgePanel } from '@/components/load/age-panel';

afterEach(cleanup);
beforeAll(() => {
  // jsdom has no layout; recharts' ResponsiveContainer needs an observer to exist.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

describe('the age panel', () => {
  it('renders from props alone and gives every bucket as text', () => {
    const buckets = AGE_BUCKETS.map((bucket, index) => ({ ...bucket, openChats: (index + 1) * 10 }));
    const { getByTestId, getByRole } = renderIn('en', <AgePanel buckets={buckets} />);
    expect(getByRole('img', { name: /by time since the last message/ })).toBeTruthy();
    expect(getByTestId('age-bucket-lt5m').textContent).toBe('10');
    expect(getByTestId('age-bucket-gt24h').textContent).toBe('60');
  });
});
