// Picking many people out of a long list: search by name or id, select what matches, Shift-click a
// range. Pure functions, so the rules are proven without a browser.

export interface Searchable {
  id: string;
  /** The name as shown on screen. */
  label: string;
}

/** Case and ё/е folded, as people type Russian names. */
function fold(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е');
}

/** Every word of the query is in the name or the id: "анна 81" finds Анна Смирнова, 8101. */
export function matchesQuery(item: Searchable, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${fold(item.label)} ${item.id}`;
  return words.every((word) => haystack.includes(word));
}

/**
 * The selection after a checkbox in `visible` (the list as filtered now) is set to `on`. With
 * `range` (Shift held) and an anchor still in view, everything from the anchor to the clicked one
 * is set the same way, as in a mail client.
 */
export function pickInList(selected: ReadonlySet<string>, visible: readonly string[], clicked: string, on: boolean, anchor: string | null, range: boolean): Set<string> {
  const next = new Set(selected);
  const to = visible.indexOf(clicked);
  const from = range && anchor !== null ? visible.indexOf(anchor) : -1;
  const ids = from >= 0 && to >= 0 ? visible.slice(Math.min(from, to), Math.max(from, to) + 1) : [clicked];
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

/**
 * A list of ids after a new selection: those kept stay where they were, new ones follow in the
 * list's order. Ticking one and unticking it again leaves the document exactly as it was.
 */
export function orderedSelection(current: readonly string[], next: ReadonlySet<string>, order: readonly string[]): string[] {
  const had = new Set(current);
  const kept = current.filter((id) => next.has(id));
  const added = order.filter((id) => next.has(id) && !had.has(id));
  const placed = new Set([...kept, ...added]);
  // Ids selected but not in the list (not in wamm.chat's answer now) still stay selected.
  return [...kept, ...added, ...[...next].filter((id) => !placed.has(id))];
}
