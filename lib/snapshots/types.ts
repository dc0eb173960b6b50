// The HTTP API's snapshot, history and team analytics shapes, inferred from their schemas in
// lib/api/response-schemas.ts (types only, so the browser bundle carries none of the server's code).

import type { z } from 'zod';
import type * as schemas from '@/lib/api/response-schemas';

export type SnapshotSummaryBody = z.infer<typeof schemas.snapshotSummarySchema>;
export type SnapshotListResponse = z.infer<typeof schemas.snapshotListSchema>;
export type SnapshotResponse = z.infer<typeof schemas.snapshotResponseSchema>;
export type HistoryScope = z.infer<typeof schemas.historyScopeSchema>;
export type HistoryPointBody = z.infer<typeof schemas.historyPointSchema>;
export type HistoryResponse = z.infer<typeof schemas.historyResponseSchema>;
export type TeamAnalyticsBody = z.infer<typeof schemas.teamAnalyticsSchema>;
export type TeamAnalyticsResponse = z.infer<typeof schemas.teamAnalyticsResponseSchema>;
