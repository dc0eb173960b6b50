import { kindOfRule } from './rule-kind';
import type { ActiveAlert } from './types';

// Where an alert is seen on the team load page: the view its numbers come from.

const UNASSIGNED_USER = '0';

/** The team load page's URL for an alert's view; null when the page has no narrower view of it. */
export function alertViewHref(alert: Pick<ActiveAlert, 'rule' | 'teamId'>): string | null {
  const params = new URLSearchParams();
  if (alert.teamId) params.set('team', alert.teamId);
  if (kindOfRule(alert.rule) === 'unassigned') params.set('user', UNASSIGNED_USER);
  const search = params.toString();
  return search ? `/?${search}` : null;
}
