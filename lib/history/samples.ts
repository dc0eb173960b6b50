import { AGE_BUCKET_COUNT } from '@/lib/load/ages';
import type { LoadAggregate, LoadChat } from '@/lib/load/aggregate';
import type { HistorySample } from '@/lib/storage/types';

// One history tick from one aggregate: the total, every operator row (the unassigned row '0'
// included, idle operators as 0) and every channel row. Pure; the recorder decides when to call it.

const MINUTE_MS = 60_000;

/**
 * `aggregate` must be the unfiltered one. Channel rows carry no ages in the aggregate, so pass the
 * same data set's chats to record each channel's oldest age and buckets; without them channel
 * samples record open chats only (oldest null, buckets 0).
 */
export function samplesFromAggregate(aggregate: LoadAggregate, atMs: number, chats?: readonly LoadChat[]): HistorySample[] {
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
  return samples;
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
