import { describe, expect, it } from 'vitest';
import { EMPTY_ALERT_SETTINGS } from '@/components/settings/alerts/alert-draft';
import { ALERT_RULE_KINDS as SCHEMA_KINDS, DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { ALERT_CHANNELS as STORED_CHANNELS } from '@/lib/storage/types';
import { ALERT_CHANNELS, ALERT_RULE_KINDS } from './types';

// The page keeps its own copies of a few lists so that zod stays out of the browser: they must be
// the server's.
describe('the alert lists the page offers', () => {
  it('are the server’s rule kinds and channels, and an empty alerts section is the settings’ default', () => {
    expect(ALERT_RULE_KINDS).toEqual(SCHEMA_KINDS);
    expect(ALERT_CHANNELS).toEqual(STORED_CHANNELS);
    expect(EMPTY_ALERT_SETTINGS).toEqual(DEFAULT_SETTINGS.alerts);
  });
});
