import { describe, expect, it } from 'vitest';
import { alertViewHref } from './alert-links';
import { byUrgency, firingIds, newlyFiring } from './newly-firing';
import { kindOfRule } from './rule-kind';
import type { ActiveAlert } from './types';

const alert = (id: string, state: ActiveAlert['state'], since = '2026-12-02T10:00:00.000Z'): ActiveAlert => ({
  id,
  rule: 'critical_chats',
  state,
  teamId: null,
  teamName: null,
  value: 3,
  threshold: 1,
  since,
  text: `alert ${id}`,
});
const ids = (alerts: ActiveAlert[]) => alerts.map((item) => item.id);

describe('which alerts are news', () => {
  it('announces none of those already firing when the page opens', () => {
    expect(newlyFiring(null, [alert('a', 'firing'), alert('b', 'pending')])).toEqual([]);
  });

  it('announces an alert that starts firing, once', () => {
    const first = [alert('a', 'firing')];
    const second = [alert('a', 'firing'), alert('b', 'firing')];
    expect(ids(newlyFiring(firingIds(first), second))).toEqual(['b']);
    expect(newlyFiring(firingIds(second), second)).toEqual([]);
  });

  it('announces a pending alert when it fires, not while it is pending', () => {
    const pending = [alert('a', 'pending')];
    expect(newlyFiring(firingIds([]), pending)).toEqual([]);
    expect(ids(newlyFiring(firingIds(pending), [alert('a', 'firing')]))).toEqual(['a']);
  });

  it('announces again an alert that resolved and fired anew', () => {
    const firing = [alert('a', 'firing')];
    const resolved = firingIds([]);
    expect(newlyFiring(firingIds(firing), [])).toEqual([]);
    expect(ids(newlyFiring(resolved, firing))).toEqual(['a']);
  });

  it('lists firing alerts first, the oldest first', () => {
    const sorted = byUrgency([alert('p', 'pending', '2026-12-02T09:00:00.000Z'), alert('new', 'firing', '2026-12-02T10:05:00.000Z'), alert('old', 'firing', '2026-12-02T10:00:00.000Z')]);
    expect(ids(sorted)).toEqual(['old', 'new', 'p']);
  });
});

describe('where an alert is seen', () => {
  it('opens the team’s view, the unassigned chats, or nothing narrower', () => {
    expect(alertViewHref({ rule: 'critical_chats', teamId: 'support' })).toBe('/?team=support');
    expect(alertViewHref({ rule: 'unassigned', teamId: 'sales' })).toBe('/?team=sales&user=0');
    expect(alertViewHref({ rule: 'unassigned-2', teamId: null })).toBe('/?user=0');
    expect(alertViewHref({ rule: 'unassigned', teamId: null })).toBe('/?user=0');
    expect(alertViewHref({ rule: 'upstream_down', teamId: null })).toBeNull();
  });
});

describe('the kind of the rule behind an alert', () => {
  it('comes from the settings when they list the rule, else from the id’s start', () => {
    expect(kindOfRule('critical-chats')).toBe('critical_chats');
    expect(kindOfRule('over-capacity-3')).toBe('over_capacity');
    expect(kindOfRule('upstream-down')).toBe('upstream_down');
    expect(kindOfRule('night-shift')).toBeNull();
    expect(kindOfRule('night-shift', new Map([['night-shift', 'unassigned']]))).toBe('unassigned');
  });
});
