// The alerts API as the browser reads it (GET /api/alerts, /api/alerts/history, /api/alerts/channels,
// POST /api/alerts/test). Types only: nothing here reaches the bundle.

export const ALERT_RULE_KINDS = [
  'critical_chats',
  'over_capacity',
  'unassigned',
  'channel_down',
  'upstream_down',
  'partial_data',
  'future_times',
  'rebalancing',
] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

export const ALERT_CHANNELS = ['webhook', 'telegram', 'email'] as const;
export type AlertChannelKind = (typeof ALERT_CHANNELS)[number];

/** An alert whose condition holds now: pending until it has held `forMinutes`, then firing. */
export interface ActiveAlert {
  id: string;
  rule: AlertRuleKind | string;
  state: 'pending' | 'firing';
  teamId: string | null;
  teamName: string | null;
  value: number | null;
  threshold: number | null;
  /** ISO-8601 UTC: since when the condition holds. */
  since: string;
  /** The alert's message, in the team's language. */
  text: string;
}

export interface AlertsResponse {
  active: ActiveAlert[];
}

export interface AlertDelivery {
  channel: AlertChannelKind | string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** Why the last attempt failed, as a sentence; null when it did not. */
  lastError: string | null;
  at: string | null;
}

/** One alert from its start to its end: what fired, when, for how long, delivered where. */
export interface AlertEvent {
  id: string;
  rule: AlertRuleKind | string;
  teamId: string | null;
  teamName: string | null;
  startedAt: string;
  /** Null while it was only pending (it resolved before it fired). */
  firedAt: string | null;
  /** Null while it still holds. */
  resolvedAt: string | null;
  value: number | null;
  threshold: number | null;
  deliveries: AlertDelivery[];
}

export interface AlertHistoryResponse {
  events: AlertEvent[];
}

export interface AlertChannelStatus {
  kind: AlertChannelKind | string;
  configured: boolean;
  /** Where its configuration comes from: the server's environment or the settings. */
  source: 'env' | 'settings' | null;
  /** Where it delivers, as safe to show (a host, a chat id, addresses); never a secret. */
  target: string | null;
}

export interface AlertChannelsResponse {
  channels: AlertChannelStatus[];
}

export interface AlertTestResult {
  channel: string;
  status: 'sent' | 'failed';
  message: string;
}
