// The one order for people's and channels' names everywhere they are listed: as a Russian-speaking
// team expects (Cyrillic before Latin, case-insensitive, "Оператор 9" before "Оператор 10"), and
// a missing name after every named one.

const collator = new Intl.Collator(['ru', 'en'], { sensitivity: 'base', numeric: true });

export function compareNames(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return collator.compare(a, b);
}
