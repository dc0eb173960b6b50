// The codes the HTTP API answers with, listed once for its schemas (lib/api/response-schemas.ts) and
// the pages' wording. No imports: the browser bundle takes these lists and nothing else.

/** The codes of wamm.chat failures. */
export const UPSTREAM_ERROR_CODES = [
  'token_fail',
  'acc_not_authorized',
  'unknown_user',
  'bad_upstream_response',
  'upstream_timeout',
  'upstream_unavailable',
  'upstream_error',
] as const;

/** Why numbers can be partial: also kept in stored snapshots. */
export const PARTIAL_CODES = ['operators_unavailable', 'operator_chats_failed', 'operators_timed_out', 'unassigned_beyond_cap'] as const;

/** Refusals of the access control: no session (401), a revoked display key (401), a role without the right (403). */
export const ACCESS_ERROR_CODES = ['unauthorized', 'display_revoked', 'forbidden', 'cross_origin', 'too_many_attempts'] as const;

/** Every `error.code` an answer can carry. */
export const API_ERROR_CODES = [
  'bad_request',
  'payload_too_large',
  'not_found',
  'internal_error',
  'storage_unavailable',
  'busy',
  'conflict',
  ...ACCESS_ERROR_CODES,
  ...UPSTREAM_ERROR_CODES,
] as const;
