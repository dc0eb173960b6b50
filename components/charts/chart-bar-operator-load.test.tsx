// @vitest-environment jsdom
import { act, cleanup, fireEvent} from '@testing-library/react';
import { renderIn } from '@/tests/support/intl';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserLoad } from '@/lib/load/types';
import { ChartBarOperatorLoad } from './chart-bar-operator-load';

// jsdom has no layout: give the chart (and the legend) a size so recharts draws, and ask for reduced motion so
// bars are drawn at once.
const realRect = HTMLElement.prototype.getBoundingClientRect;
beforeAll(() => {
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    const [width, height] = this.classList.contains('recharts-responsive-container') ? [640, 400] : [100, 20];
    return { width, height, top: 0, left: 0, right: width, bottom: height, x: 0, y: 0, toJSON: () => ({}) };
  };
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('reduce'), media: query, addEventListener() {}, removeEventListener() {} }));
});
afterAll(() => {
  HTMLElement.prototype.getBoundingClientRect = realRect;
  vi.unstubAllGlobals();
});
afterEach(cleanup);

const row = (userId: string, name: string | null, buckets: number[]): UserLoad => ({
  userId,
  name,
  capacity: null,
  teamIds: [],
  lastActiveAt: null,
  available: true,
  overCapacity: false,
  locked: false,
  deleted: false,
  openChats: buckets.reduce((a, b) => a + b, 0),
  oldestAgeSeconds: null,
  buckets,
});

const rows = [
  row('1', 'Борис', [1, 0, 0, 0, 0, 0]),
  row('2', 'Анна', [1, 1, 1, 1, 1, 2]),
  row('3', 'Idle', [0, 0, 0, 0, 0, 0]),
  row('0', null, [0, 0, 2, 1, 0, 0]),
  row('4', null, [0, 0, 0, 0, 0, 1]),
  row('5', 'Ольга "Оля" Петрова, старший оператор', [0, 0, 0, 0, 1, 1]),
];

describe('the operator load chart', () => {
  it('draws the heaviest operator on top, leaves idle ones out, keeps long names on one line and names every age bucket', async () => {
    const { container } = renderIn('en', <ChartBarOperatorLoad rows={rows} />);
    await act(async () => {});
    const ticks = [...container.querySelectorAll('.recharts-yAxis-tick-labels text')];
    // The label as drawn: its text, without the <title> a mouse shows on hover.
    const names = ticks.map((tick) => [...tick.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join(''));
    expect(names).toEqual(['Анна', 'Unassigned', 'Ольга "Оля" Петрова, …', 'Борис', 'Operator 4']);
    expect(ticks[2]!.querySelector('title')?.textContent).toBe('Ольга "Оля" Петрова, старший оператор');
    const legend = container.querySelector('.recharts-legend-wrapper')?.textContent ?? '';
    for (const label of ['< 5 min', '5–15 min', '15–60 min', '1–4 h', '4–24 h', '> 24 h']) expect(legend).toContain(label);
    expect(container.querySelector('[role="img"]')?.getAttribute('aria-label')).toMatch(/for 5 operators/);
  });

  it('drills down to the operator whose bar is clicked', async () => {
    const onSelect = vi.fn();
    const { container } = renderIn('en', <ChartBarOperatorLoad rows={rows} onSelect={onSelect} />);
    await act(async () => {});
    const bars = container.querySelectorAll('.recharts-bar-rectangle path');
    expect(bars.length).toBeGreaterThan(0);
    // The first bar drawn is the first series (< 5 min) of the top row, Анна.
    fireEvent.click(bars[0]!);
    expect(onSelect).toHaveBeenCalledWith('2');
  });

  it('says so instead of drawing an empty chart when nobody has open chats', () => {
    const { getByText } = renderIn('en', <ChartBarOperatorLoad rows={[rows[2]!]} />);
    expect(getByText('No open chats in this view.')).toBeTruthy();
  });

  it('marks each operator’s capacity across their bar, writes "open / capacity", and names who is over it', async () => {
    const withCapacity = [
      { ...row('1', 'Борис', [6, 4, 0, 0, 0, 0]), capacity: 5, overCapacity: true },
      { ...row('2', 'Анна', [2, 1, 0, 0, 0, 0]), capacity: 8 },
      row('3', 'Без лимита', [1, 0, 0, 0, 0, 0]),
    ];
    const { container } = renderIn('en', <ChartBarOperatorLoad rows={withCapacity} />);
    await act(async () => {});
    const marks = [...container.querySelectorAll<SVGLineElement>('line.capacity-mark')];
    // One mark per operator with a limit, none for the one without.
    expect(marks.map((mark) => mark.dataset.user)).toEqual(['1', '2']);
    const x = (userId: string) => Number(marks.find((mark) => mark.dataset.user === userId)!.getAttribute('x1'));
    // Capacity 8 is further right than capacity 5, on the same scale as the bars.
    expect(x('2')).toBeGreaterThan(x('1'));
    expect(marks[0]!.querySelector('title')?.textContent).toBe('capacity 5');
    const totals = [...container.querySelectorAll('text.chart-bar-total')].map((node) => node.textContent);
    expect(totals).toEqual(['10 / 5', '3 / 8', '1']);
    const ticks = [...container.querySelectorAll('.recharts-yAxis-tick-labels text')].map((tick) => tick.textContent);
    expect(ticks).toEqual(['⚠ Борис', 'Анна', 'Без лимита']);
    expect(container.querySelector('[role="img"]')?.getAttribute('aria-label')).toMatch(/for 3 operators; 1 operator over capacity$/);
  });
});
