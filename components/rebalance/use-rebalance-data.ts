'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { NO_FILTERS } from '@/components/load/filters';
import { fetchSettings, SETTINGS_QUERY_KEY } from '@/components/settings/teams/settings-api';
import { useChatsQuery } from '@/components/queries/use-chats-query';
import { useLoadQuery } from '@/components/queries/use-load-query';
import type { ChatRow } from '@/lib/load/types';
import type { OperatorRow, TeamScope } from './plan-math';

// What the Rebalance page reads besides the plan: the live load of every operator (their open chats,
// capacity, teams, availability), the teams and exclusions of the settings, and the open chats for
// their names and channels.

export interface RebalanceData {
  rows: OperatorRow[];
  rowsById: Map<string, OperatorRow>;
  teams: Array<TeamScope & { name: string }>;
  excluded: Set<string>;
  chatsById: Map<string, ChatRow>;
  refreshSeconds: number | undefined;
}

export function useRebalanceData(): { data: RebalanceData; error: unknown } {
  const load = useLoadQuery(NO_FILTERS);
  const chats = useChatsQuery(NO_FILTERS, true, load.data?.refreshSeconds);
  const settings = useQuery({ queryKey: SETTINGS_QUERY_KEY, queryFn: ({ signal }) => fetchSettings(signal) });
  const data = useMemo<RebalanceData>(() => {
    const rows = load.data?.byUser ?? [];
    const document = settings.data?.settings;
    return {
      rows,
      rowsById: new Map(rows.map((row) => [row.userId, row])),
      teams: (document?.teams ?? []).map((team) => ({ id: team.id, name: team.name, operatorIds: team.operatorIds, channelIds: team.channelIds })),
      excluded: new Set(document?.balancing.excludedOperatorIds ?? []),
      chatsById: new Map((chats.data?.chats ?? []).map((chat) => [chat.chatId, chat])),
      refreshSeconds: load.data?.refreshSeconds,
    };
  }, [load.data, chats.data, settings.data]);
  return { data, error: load.error ?? settings.error ?? chats.error };
}
