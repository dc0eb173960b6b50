// The HTTP API's response shapes: the contract between the server, the pages and outside tools.
// Inferred from the schemas in lib/api/response-schemas.ts, their one source, and imported from
// there as types only, so the browser bundle carries none of the server's code nor zod.

import type { z } from 'zod';
import type * as schemas from '@/lib/api/response-schemas';
import type { ACCESS_ERROR_CODES, UPSTREAM_ERROR_CODES } from './codes';

export { ACCESS_ERROR_CODES, API_ERROR_CODES, PARTIAL_CODES, UPSTREAM_ERROR_CODES } from './codes';

/**
 * Our API's id for the row of chats no operator is responsible for: in `byUser`, `?user=0`, history
 * and exports. (How wamm.chat writes "nobody" is lib/wamm's business; the model says null.)
 */
export const UNASSIGNED_ROW_ID = '0';

export type UpstreamErrorCode = (typeof UPSTREAM_ERROR_CODES)[number];
export type AccessErrorCode = (typeof ACCESS_ERROR_CODES)[number];

export type UpstreamErrorInfo = z.infer<typeof schemas.upstreamErrorSchema>;
export type PartialInfo = z.infer<typeof schemas.partialSchema>;
export type LoadFiltersBody = z.infer<typeof schemas.filtersSchema>;
export type DataStatus = z.infer<typeof schemas.dataStatusSchema>;
export type LoadTotals = z.infer<typeof schemas.loadTotalsSchema>;
export type AgeBucketTotal = z.infer<typeof schemas.ageBucketTotalSchema>;
export type UserLoad = z.infer<typeof schemas.userLoadSchema>;
export type ChannelLoad = z.infer<typeof schemas.channelLoadSchema>;
export type TeamLoad = z.infer<typeof schemas.teamLoadSchema>;
export type LoadResponse = z.infer<typeof schemas.loadResponseSchema>;
export type ChatRow = z.infer<typeof schemas.chatRowSchema>;
export type ChatsResponse = z.infer<typeof schemas.chatsResponseSchema>;
export type WaitingChat = z.infer<typeof schemas.waitingChatSchema>;
export type WaitingResponse = z.infer<typeof schemas.waitingResponseSchema>;
export type VersionResponse = z.infer<typeof schemas.versionResponseSchema>;
export type HealthResponse = z.infer<typeof schemas.healthResponseSchema>;
export type HealthStatus = HealthResponse['status'];
export type ApiErrorBody = z.infer<typeof schemas.errorResponseSchema>;
export type SessionResponse = z.infer<typeof schemas.sessionResponseSchema>;
