// Alert rows as both databases return them (the same column names), mapped to the records of ./types.
import type { AlertEventRecord, DeliveryRecord } from './types';

export interface EventRow {
  id: string;
  rule_id: string;
  kind: string;
  key: string;
  team_id: string | null;
  subject: string | null;
  started_at_ms: number;
  fired_at_ms: number;
  resolved_at_ms: number | null;
  value: number;
  threshold: number;
}

export function toAlertEvent(row: EventRow): AlertEventRecord {
  return {
    id: row.id,
    ruleId: row.rule_id,
    kind: row.kind,
    key: row.key,
    teamId: row.team_id,
    subject: row.subject,
    startedAtMs: row.started_at_ms,
    firedAtMs: row.fired_at_ms,
    resolvedAtMs: row.resolved_at_ms,
    value: row.value,
    threshold: row.threshold,
  };
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  message: string;
  channel: DeliveryRecord['channel'];
  payload: string;
  status: DeliveryRecord['status'];
  attempts: number;
  next_at_ms: number;
  last_error: string | null;
  created_at_ms: number;
  attempted_at_ms: number | null;
}

export function toDelivery(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    message: row.message,
    channel: row.channel,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    nextAtMs: row.next_at_ms,
    lastError: row.last_error,
    createdAtMs: row.created_at_ms,
    attemptedAtMs: row.attempted_at_ms,
  };
}
