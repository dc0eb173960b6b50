import { describe, expect, it } from 'vitest';
import { matchesQuery, orderedSelection, pickInList } from './selection';

describe('picking operators', () => {
  const anna = { id: '8101', label: 'Анна Смирнова' };
  const semyon = { id: '8118', label: 'Михаил Семёнов' };

  it('finds by any part of the name or the id, every word, ignoring case and ё', () => {
    expect(matchesQuery(anna, 'анна')).toBe(true);
    expect(matchesQuery(anna, 'СМИР')).toBe(true);
    expect(matchesQuery(anna, '8101')).toBe(true);
    expect(matchesQuery(anna, 'анна 81')).toBe(true);
    expect(matchesQuery(anna, 'анна 82')).toBe(false);
    expect(matchesQuery(semyon, 'семенов')).toBe(true);
    expect(matchesQuery(semyon, '  ')).toBe(true);
  });

  it('sets a range from the last clicked one with Shift, within the list as filtered', () => {
    const visible = ['a', 'b', 'c', 'd', 'e'];
    let selected = pickInList(new Set(), visible, 'b', true, null, false);
    selected = pickInList(selected, visible, 'd', true, 'b', true);
    expect([...selected].sort()).toEqual(['b', 'c', 'd']);
    // Upwards, and unticking a range.
    selected = pickInList(selected, visible, 'c', false, 'e', true);
    expect([...selected].sort()).toEqual(['b']);
    // An anchor filtered out of view: just the one clicked.
    expect([...pickInList(new Set(), ['c', 'd'], 'd', true, 'a', true)]).toEqual(['d']);
  });

  it('keeps the order of those kept and adds new ones in the order of the list', () => {
    expect(orderedSelection(['c', 'a'], new Set(['a', 'c', 'b', 'd']), ['a', 'b', 'c', 'd'])).toEqual(['c', 'a', 'b', 'd']);
    expect(orderedSelection(['c', 'x'], new Set(['x']), ['a', 'c'])).toEqual(['x']);
  });
});
