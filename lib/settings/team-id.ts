// Team ids: chosen by the manager, proposed from the team's name. No zod here: the Settings page
// proposes ids in the browser.

/** What a team id may be: it appears in URLs (`?team=support`) and in metric labels. */
export const TEAM_ID = /^[a-z0-9-]{1,40}$/;

/** A team id proposed from its name: "Поддержка 2" → "podderzhka-2", "Sales & VIP" → "sales-vip". */
export function proposeTeamId(name: string, taken: ReadonlySet<string> = new Set()): string {
  const base =
    transliterate(name.toLowerCase())
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36)
      .replace(/-+$/, '') || 'team';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
};

function transliterate(text: string): string {
  let out = '';
  for (const char of text) out += CYRILLIC[char] ?? char;
  return out;
}
