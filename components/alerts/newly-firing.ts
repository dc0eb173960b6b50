import type { ActiveAlert } from './types';

// Which alerts deserve a notification or a chime: those firing now that were not firing at the
// previous poll. Alerts already firing when the page opened are known, not news (`previous` null:
// nothing seen yet), and an alert that goes from pending to firing is news then, not before.

/** The ids of the alerts firing in `active`. */
export function firingIds(active: readonly ActiveAlert[]): Set<string> {
  return new Set(active.filter((alert) => alert.state === 'firing').map((alert) => alert.id));
}

/** The alerts firing in `current` whose ids were not firing before; none on the first look. */
export function newlyFiring(previous: ReadonlySet<string> | null, current: readonly ActiveAlert[]): ActiveAlert[] {
  if (previous === null) return [];
  return current.filter((alert) => alert.state === 'firing' && !previous.has(alert.id));
}

/** Firing first, then pending; the oldest first within each. */
export function byUrgency(active: readonly ActiveAlert[]): ActiveAlert[] {
  return [...active].sort((a, b) => {
    if (a.state !== b.state) return a.state === 'firing' ? -1 : 1;
    return Date.parse(a.since) - Date.parse(b.since);
  });
}
