import type { z } from 'zod';
import type {
  activeAlertSchema,
  alertChannelsResponseSchema,
  alertEventSchema,
  alertHistoryResponseSchema,
  alertsResponseSchema,
  alertTestResponseSchema,
} from '@/lib/api/response-schemas';
import type { ActiveAlert, AlertHistoryEntry } from './service';

// The alerts API's shapes, inferred from their schemas in lib/api/response-schemas.ts (the
// contract), and the mappers from the service's records to them.

export type ActiveAlertBody = z.infer<typeof activeAlertSchema>;
export type AlertsResponse = z.infer<typeof alertsResponseSchema>;
export type AlertEventBody = z.infer<typeof alertEventSchema>;
export type AlertHistoryResponse = z.infer<typeof alertHistoryResponseSchema>;
export type AlertChannelsResponse = z.infer<typeof alertChannelsResponseSchema>;
export type AlertTestResponse = z.infer<typeof alertTestResponseSchema>;

const iso = (ms: number) => new Date(ms).toISOString();

export function activeAlertBody(alert: ActiveAlert): ActiveAlertBody {
  return {
    id: alert.id,
    rule: alert.rule,
    state: alert.state,
    teamId: alert.teamId,
    teamName: alert.teamName,
    value: alert.value,
    threshold: alert.threshold,
    since: iso(alert.sinceMs),
    text: alert.text,
  };
}

export function alertEventBody(entry: AlertHistoryEntry): AlertEventBody {
  return {
    id: entry.id,
    rule: entry.rule,
    teamId: entry.teamId,
    teamName: entry.teamName,
    startedAt: iso(entry.startedAtMs),
    firedAt: iso(entry.firedAtMs),
    resolvedAt: entry.resolvedAtMs === null ? null : iso(entry.resolvedAtMs),
    value: entry.value,
    threshold: entry.threshold,
    deliveries: entry.deliveries.map((delivery) => ({ channel: delivery.channel, status: delivery.status, attempts: delivery.attempts, lastError: delivery.lastError, at: iso(delivery.atMs) })),
  };
}
