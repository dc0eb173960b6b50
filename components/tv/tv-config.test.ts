import { describe, expect, it } from 'vitest';
import { TV_DEFAULTS, isDimmed, parseTvConfig, tvConfigToSearch, tvPages } from './tv-config';

const parse = (query: string) => parseTvConfig(new URLSearchParams(query));

describe('wall display configuration', () => {
  it('shows every panel but the team panel, dark, with the settings’ waiting threshold when the URL says nothing', () => {
    expect(parse('')).toEqual(TV_DEFAULTS);
    expect(TV_DEFAULTS.panels).toEqual(['headline', 'operators', 'channels', 'ages', 'waiting']);
    expect(TV_DEFAULTS.thresholdMinutes).toBeNull();
  });

  it('reads every setting from the URL', () => {
    expect(parse('panels=waiting,teams,operators&channel=1401&user=8102&team=support-2&perPage=2&rotate=30&theme=contrast&threshold=60&names=1&dim=22:00-07:30&lang=ru&sound=1')).toEqual({
      panels: ['teams', 'operators', 'waiting'],
      channel: '1401',
      user: '8102',
      team: 'support-2',
      perPage: 2,
      rotateSeconds: 30,
      theme: 'contrast',
      thresholdMinutes: 60,
      names: true,
      dim: { fromMinute: 22 * 60, toMinute: 7 * 60 + 30 },
      pollMs: null,
      lang: 'ru',
      sound: true,
    });
  });

  it('falls back to defaults on nonsense instead of failing on a screen nobody reads', () => {
    const config = parse('panels=bogus&channel=abc&team=Support!&perPage=3&rotate=1&theme=neon&threshold=-4&names=yes&dim=25:00-26:00&lang=de&sound=yes');
    expect(config).toEqual(TV_DEFAULTS);
  });

  it('writes a URL that reads back the same, leaving defaults out', () => {
    const config = parse('panels=headline,teams,ages&channel=5&team=sales&threshold=20&rotate=45&dim=23:15-06:00&names=1&lang=en');
    const search = tvConfigToSearch(config);
    expect(parse(search.slice(1))).toEqual(config);
    expect(search).toContain('team=sales');
    expect(search).toContain('threshold=20');
    // No threshold in the URL: the display follows the settings' critical wait, and says nothing.
    expect(tvConfigToSearch({ ...config, thresholdMinutes: null })).not.toContain('threshold');
    expect(tvConfigToSearch(TV_DEFAULTS)).toBe('');
  });

  it('chimes for alerts only when the URL says sound=1, and writes it back', () => {
    expect(parse('').sound).toBe(false);
    expect(parse('sound=0').sound).toBe(false);
    expect(parse('sound=true').sound).toBe(false);
    expect(parse('sound=1').sound).toBe(true);
    expect(tvConfigToSearch({ ...TV_DEFAULTS, sound: true })).toBe('?sound=1');
    expect(tvConfigToSearch({ ...TV_DEFAULTS, sound: false })).toBe('');
  });

  it('splits the panels into screens when they do not fit one', () => {
    expect(tvPages(TV_DEFAULTS)).toEqual([['operators', 'channels', 'ages', 'waiting']]);
    expect(tvPages({ ...TV_DEFAULTS, perPage: 2 })).toEqual([
      ['operators', 'channels'],
      ['ages', 'waiting'],
    ]);
    expect(tvPages({ ...TV_DEFAULTS, panels: ['headline'] })).toEqual([[]]);
  });

  it('dims through a window that spans midnight', () => {
    const dim = { fromMinute: 22 * 60, toMinute: 7 * 60 };
    expect(isDimmed(dim, 23 * 60)).toBe(true);
    expect(isDimmed(dim, 3 * 60)).toBe(true);
    expect(isDimmed(dim, 7 * 60)).toBe(false);
    expect(isDimmed(dim, 12 * 60)).toBe(false);
    expect(isDimmed({ fromMinute: 60, toMinute: 120 }, 90)).toBe(true);
    expect(isDimmed(null, 90)).toBe(false);
  });
});
