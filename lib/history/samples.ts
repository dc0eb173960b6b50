import { AGE_BUCKET_COUNT } from '@/lib/load/ages';
import type { LoadAggregate, LoadChat } from '@/lib/load/aggregate';
import { chatInTeam, teamScope, type LoadRules } from '@/lib/load/rules';
import type { HistorySample } from '@/lib/storage/types';

// One history tick from one aggregate: the total, every operator row (the unassigned row included,
// idle operators as 0), every channel row and every team; for each team also what its available
// operators could take (`team_capacity`, none when unlimited) and its chats past the critical
// threshold (`team_critical`), which the team analytics read. Pure; the recorder decides when.

const MINUTE_MS = 60_000;

/**
 * `aggregate` must be the unfiltered one. Channel rows carry no ages in the aggregate, so pass the
 * same data set's chats to record each channel's oldest age and buckets; without them channel
 * samples record open chats only (oldest null, buckets 0).
 */
export function samplesFromAggregate(aggregate: LoadAggregate, atMs: number, chats?: readonly LoadChat[], rules?: LoadRules): HistorySample[] {
  const at = Math.floor(atMs / MINUTE_MS) * MINUTE_MS;
  const { totals } = aggregate;
  const samples: HistorySample[] = [
    {
      atMs: at,
      scope: 'total',
      scopeId: '',
      openChats: totals.openChats,
      oldestAgeSeconds: totals.oldestAgeSeconds,
      buckets: aggregate.ageBuckets.map((bucket) => bucket.openChats),
    },
  ];
  for (const user of aggregate.byUser) {
    samples.push({
      atMs: at,
      scope: 'operator',
      scopeId: user.userId,
      openChats: user.openChats,
      oldestAgeSeconds: user.oldestAgeSeconds,
      buckets: [...user.buckets],
    });
  }
  const channelAges = chats === undefined ? null : agesByChannel(chats);
  for (const channel of aggregate.byChannel) {
    const ages = channelAges?.get(channel.apiId);
    samples.push({
      atMs: at,
      scope: 'channel',
      scopeId: channel.apiId,
      openChats: channel.openChats,
      oldestAgeSeconds: ages?.oldest ?? null,
      buckets: ages?.buckets ?? new Array<number>(AGE_BUCKET_COUNT).fill(0),
    });
  }
  const teamAges = chats === undefined || rules === undefined ? null : agesByTeam(chats, rules);
  for (const team of aggregate.byTeam) {
    const ages = teamAges?.get(team.teamId);
    samples.push({
      atMs: at,
      scope: 'team',
      scopeId: team.teamId,
      openChats: team.openChats,
      oldestAgeSeconds: team.oldestAgeSeconds,
      buckets: ages?.buckets ?? new Array<number>(AGE_BUCKET_COUNT).fill(0),
    });
    if (team.capacity !== null) samples.push({ atMs: at, scope: 'team_capacity', scopeId: team.teamId, openChats: team.capacity, oldestAgeSeconds: null, buckets: zeros() });
    samples.push({ atMs: at, scope: 'team_critical', scopeId: team.teamId, openChats: team.overCriticalChats, oldestAgeSeconds: null, buckets: zeros() });
  }
  return samples;
}

const zeros = () => new Array<number>(AGE_BUCKET_COUNT).fill(0);

function agesByTeam(chats: readonly LoadChat[], rules: LoadRules): Map<string, { buckets: number[] }> {
  const byTeam = new Map<string, { buckets: number[] }>();
  const scopes = rules.teams.map(teamScope);
  for (const scope of scopes) byTeam.set(scope.team.id, { buckets: zeros() });
  for (const chat of chats) {
    if (chat.bucket < 0) continue;
    for (const scope of scopes) if (chatInTeam(chat, scope)) byTeam.get(scope.team.id)!.buckets[chat.bucket]!++;
  }
  return byTeam;
}

function agesByChannel(chats: readonly LoadChat[]): Map<string, { oldest: number | null; buckets: number[] }> {
  const byChannel = new Map<string, { oldest: number | null; buckets: number[] }>();
  for (const chat of chats) {
    if (chat.channelId === null) continue;
    let entry = byChannel.get(chat.channelId);
    if (entry === undefined) {
      entry = { oldest: null, buckets: new Array<number>(AGE_BUCKET_COUNT).fill(0) };
      byChannel.set(chat.channelId, entry);
    }
    if (chat.bucket < 0 || chat.ageSeconds === null) continue;
    entry.buckets[chat.bucket]!++;
    // Max rather than "first seen": correct whatever the order of the chats.
    if (entry.oldest === null || chat.ageSeconds > entry.oldest) entry.oldest = chat.ageSeconds;
  }
  return byChannel;
}
