// The alerts API as the browser reads it (GET /api/alerts, /api/alerts/history, /api/alerts/channels,
// POST /api/alerts/test): the types inferred from the API's own schemas, imported as types only, so
// no zod reaches the bundle. The lists below are the same as the schema's (alert-types.test.ts).

import type { AlertChannelsResponse, AlertEventBody } from '@/lib/alerts/responses';
import type { AlertRuleKind } from '@/lib/settings/schema';

export type {
  ActiveAlertBody as ActiveAlert,
  AlertChannelsResponse,
  AlertEventBody as AlertEvent,
  AlertHistoryResponse,
  AlertTestResponse as AlertTestResult,
  AlertsResponse,
} from '@/lib/alerts/responses';
export type { AlertRuleKind };

export type AlertDelivery = AlertEventBody['deliveries'][number];
export type AlertChannelStatus = AlertChannelsResponse['channels'][number];
export type AlertChannelKind = AlertChannelStatus['kind'];

export const ALERT_RULE_KINDS: readonly AlertRuleKind[] = [
  'critical_chats',
  'over_capacity',
  'unassigned',
  'channel_down',
  'upstream_down',
  'partial_data',
  'future_times',
  'rebalancing',
];

export const ALERT_CHANNELS: readonly AlertChannelKind[] = ['webhook', 'telegram', 'email'];
