import type { Settings } from './schema';

// What changed between two settings documents, in a few words for the audit log: "teams +sales
// −night, support renamed; 3 operators moved; capacity default 10 → 12, 2 overrides changed;
// thresholds 5/15 → 5/20 min". Ids and numbers only: never a customer.

export function summarizeChanges(before: Settings, after: Settings): string {
  const parts: string[] = [];

  const beforeTeams = new Map(before.teams.map((team) => [team.id, team]));
  const afterTeams = new Map(after.teams.map((team) => [team.id, team]));
  const added = [...afterTeams.keys()].filter((id) => !beforeTeams.has(id));
  const removed = [...beforeTeams.keys()].filter((id) => !afterTeams.has(id));
  const renamed: string[] = [];
  let membership = 0;
  let channels = 0;
  for (const [id, team] of afterTeams) {
    const old = beforeTeams.get(id);
    if (!old) continue;
    if (old.name !== team.name) renamed.push(id);
    membership += symmetricDifference(old.operatorIds, team.operatorIds);
    channels += symmetricDifference(old.channelIds, team.channelIds);
  }
  const teamWords = [
    ...added.map((id) => `+${id}`),
    ...removed.map((id) => `−${id}`),
    ...(renamed.length > 0 ? [`${renamed.join(', ')} renamed`] : []),
    ...(membership > 0 ? [`${membership} membership change${membership === 1 ? '' : 's'}`] : []),
    ...(channels > 0 ? [`${channels} channel change${channels === 1 ? '' : 's'}`] : []),
  ];
  if (teamWords.length > 0) parts.push(`teams ${teamWords.join(' ')}`);

  const capacityWords: string[] = [];
  if (before.capacity.default !== after.capacity.default) capacityWords.push(`default ${limit(before.capacity.default)} → ${limit(after.capacity.default)}`);
  const overrideIds = new Set([...Object.keys(before.capacity.operators), ...Object.keys(after.capacity.operators)]);
  let overrides = 0;
  for (const id of overrideIds) if (before.capacity.operators[id] !== after.capacity.operators[id]) overrides++;
  if (overrides > 0) capacityWords.push(`${overrides} operator override${overrides === 1 ? '' : 's'} changed`);
  if (capacityWords.length > 0) parts.push(`capacity ${capacityWords.join(', ')}`);

  const t0 = before.thresholds;
  const t1 = after.thresholds;
  if (t0.warningMinutes !== t1.warningMinutes || t0.criticalMinutes !== t1.criticalMinutes) {
    parts.push(`thresholds ${t0.warningMinutes}/${t0.criticalMinutes} → ${t1.warningMinutes}/${t1.criticalMinutes} min`);
  }
  if (before.availability.awayAfterMinutes !== after.availability.awayAfterMinutes) {
    parts.push(`away after ${before.availability.awayAfterMinutes} → ${after.availability.awayAfterMinutes} min`);
  }
  const excluded = symmetricDifference(before.balancing.excludedOperatorIds, after.balancing.excludedOperatorIds);
  if (excluded > 0) parts.push(`balancing: ${excluded} exclusion change${excluded === 1 ? '' : 's'}`);

  if (JSON.stringify(before.alerts) !== JSON.stringify(after.alerts)) {
    const count = (alerts: Settings['alerts']) => alerts.rules?.length ?? 0;
    const words: string[] = [];
    if (count(before.alerts) !== count(after.alerts)) words.push(`rules ${count(before.alerts)} → ${count(after.alerts)}`);
    else if (JSON.stringify(before.alerts.rules) !== JSON.stringify(after.alerts.rules)) words.push('rules changed');
    // Targets by name only: an address or a chat id is not for the audit log.
    for (const field of ['lang', 'webhookUrl', 'telegramChatId', 'emailTo', 'report'] as const) {
      if (JSON.stringify(before.alerts[field]) !== JSON.stringify(after.alerts[field])) words.push(`${field} changed`);
    }
    parts.push(`alerts: ${words.join(', ')}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'no change';
}

function symmetricDifference(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  let count = 0;
  for (const id of left) if (!right.has(id)) count++;
  for (const id of right) if (!left.has(id)) count++;
  return count;
}

const limit = (value: number | null) => (value === null ? 'no limit' : String(value));
